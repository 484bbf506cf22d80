// Bundled with the app: the SHA-256 of a fetched shard (district.rs).
export const sha256 = async (bytes) => {
  if (!globalThis.crypto || !crypto.subtle) {
    throw new Error('WebCrypto is not available on this page (it needs HTTPS)');
  }
  return crypto.subtle.digest('SHA-256', bytes);
};
