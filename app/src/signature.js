// Bundled with the app; loads signed-feed code only when used (signature.rs).
export const verifyFeed = (response, signatureUrl, keys) => {
  const body = response.clone().arrayBuffer();
  return import('/feed-signature.js').then(
    (m) => m.verifyFeed(body, signatureUrl, keys),
    (e) => ({ kind: 'unavailable', detail: String(e) }),
  );
};
