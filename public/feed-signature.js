// Signed feeds in the browser: fetching a feed's signature and checking it
// over the feed's exact bytes (FEED.md, "Signed feeds"). The app imports
// this (app/src/signature.js, signature.rs) only when its deployment lists
// `feed_keys`; a deployment without keys never fetches it.
//
// WebCrypto's Ed25519 does the work where the browser has it. Where its
// importKey refuses the algorithm (NotSupportedError), the audited,
// dependency-free @noble/ed25519 (MIT) does, in its strict RFC 8032 mode;
// the build copies it from npm (scripts/bootstrap.sh, app/index.html), and
// only such browsers fetch it.
const FALLBACK = '/vendor/noble-ed25519/index.js';

// As caidan_core::signature::MAX_SIGNATURE_CHARS.
const MAX_SIGNATURE_CHARS = 1024;

// Checks the signature at `signatureUrl` over the bytes `body` resolves to,
// with `keys` (the deployment's `feed_keys`, joined by spaces). Resolves to
// a verdict, `{ kind, detail }`, never rejects. Kinds: `verified`;
// `invalid` (no key verifies it); `missing` (HTTP 404 or 410); `http`
// (another error status, in `detail`); `network` (the host could not be
// reached); `malformed` (not a signature); `unavailable` (this browser
// cannot check). `detail` says why, for the publisher.
export async function verifyFeed(body, signatureUrl, keys) {
  let text;
  try {
    // Caches check with the host first, so that a feed (fetched the same
    // way) and its signature are never a stale one and a fresh one.
    const response = await fetch(signatureUrl, { cache: 'no-cache' });
    if (response.status === 404 || response.status === 410) return verdict('missing');
    if (!response.ok) return verdict('http', response.status);
    text = await response.text();
  } catch (e) {
    return verdict('network', (e && e.message) || e);
  }
  let signature;
  try {
    signature = decode(text, 64, 'signature');
  } catch (e) {
    return verdict('malformed', e.message);
  }
  let message;
  try {
    message = new Uint8Array(await body);
  } catch (e) {
    return verdict('unavailable', `cannot read the feed's bytes: ${e}`);
  }
  // caidan.json's keys are checked when it is read: each decodes.
  const list = keys.split(' ').map((k) => decode(k, 32, 'public key'));
  try {
    return verdict((await withWebCrypto(signature, message, list)) ? 'verified' : 'invalid');
  } catch (e) {
    if (!e || e.name !== 'NotSupportedError') return verdict('unavailable', `WebCrypto failed: ${e}`);
  }
  try {
    const { verifyAsync } = await import(FALLBACK);
    for (const key of list) {
      if (await verifyAsync(signature, message, key, { zip215: false })) return verdict('verified');
    }
    return verdict('invalid');
  } catch (e) {
    return verdict('unavailable', `WebCrypto has no Ed25519 here, and the fallback ${FALLBACK} failed: ${e}`);
  }
}

function verdict(kind, detail) {
  return { kind, detail: String(detail ?? '') };
}

// Standard base64 of exactly `length` bytes, read by `atob` (forgiving:
// ASCII white space anywhere, padding optional), as
// caidan_core::signature reads it; the messages are core's too.
function decode(text, length, what) {
  if (text.length > MAX_SIGNATURE_CHARS) {
    throw new Error(`it is ${text.length} characters long; a signature file has about 88`);
  }
  let binary;
  try {
    binary = atob(text);
  } catch {
    throw new Error('it is not standard base64 (`A-Z a-z 0-9 + /`, padded with `=`)');
  }
  if (binary.length !== length) {
    throw new Error(`it holds ${binary.length} bytes, not the ${length} of an Ed25519 ${what}`);
  }
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

// Whether any key verifies; throws NotSupportedError where WebCrypto has no
// Ed25519 (or there is no WebCrypto: an insecure context).
async function withWebCrypto(signature, message, keys) {
  const subtle = globalThis.crypto && globalThis.crypto.subtle;
  if (!subtle) throw new DOMException('no crypto.subtle', 'NotSupportedError');
  for (const raw of keys) {
    let key;
    try {
      key = await subtle.importKey('raw', raw, { name: 'Ed25519' }, false, ['verify']);
    } catch (e) {
      if (e.name === 'NotSupportedError') throw e;
      continue; // A key WebCrypto will not take cannot vouch for the feed.
    }
    if (await subtle.verify({ name: 'Ed25519' }, key, signature, message)) return true;
  }
  return false;
}
