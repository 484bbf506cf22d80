// Caidan's service worker: the app shell from the precache, the menu
// (caidan.json and the feed) stale-while-revalidate, and Background Sync
// waking the app to send requests made offline.
//
// The precache list below is written at build time from the build output
// (workbox-build's injectManifest, scripts/offline/build.mjs); nothing else
// of Workbox runs here. A new build changes that list, so this file, so the
// browser installs the new worker beside the old one; it takes over at the
// next visit, or when the resident accepts the reload the app offers.
'use strict';

const PRECACHE = self.__WB_MANIFEST;

// The cache of this build's shell is named after its list, so a new build
// never mixes with an old one.
const SHELL = 'caidan-shell-' + digest(JSON.stringify(PRECACHE));
// caidan.json, feeds, their signatures, the signed-feed verifier.
const MENU = 'caidan-menu';
const SYNC_TAG = 'caidan-outbox';

const SHELL_PATHS = new Set(PRECACHE.map((e) => new URL(e.url, self.location).pathname));

function digest(text) {
  let h = 5381;
  for (let i = 0; i < text.length; i++) h = ((h * 33) ^ text.charCodeAt(i)) >>> 0;
  return h.toString(36);
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(SHELL).then((cache) =>
      cache.addAll(
        PRECACHE.map((e) => {
          const url = new URL(e.url, self.location).href;
          // Unhashed files (index.html, the manifest) are checked with the
          // host, never taken from the HTTP cache.
          return new Request(url, { cache: e.revision ? 'no-cache' : 'default' });
        }),
      ),
    ),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('caidan-shell-') && name !== SHELL) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  const data = event.data || {};
  if (data.type === 'skip-waiting') {
    self.skipWaiting();
  } else if (data.type === 'menu-updates' && event.ports[0]) {
    // A page's app asks once it listens: what changed while it started.
    const id = event.source && event.source.id;
    event.ports[0].postMessage([...(untold.get(id) || [])]);
    untold.delete(id);
  } else if (data.type === 'keep' && Array.isArray(data.urls)) {
    // The app names what its menu is made of once it has loaded it: kept
    // for next time if not already, revalidated when asked to refresh.
    event.waitUntil(keep(data.urls.map(String), data.refresh === true));
  }
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  const own = url.origin === self.location.origin;
  // A page of the app: a path without a file extension, as the host's
  // single-page-app fallback serves it.
  if (own && request.mode === 'navigate' && !/\.[^/]*$/.test(url.pathname)) {
    event.respondWith(shell(request));
  } else if (own && SHELL_PATHS.has(url.pathname)) {
    event.respondWith(caches.match(request, { cacheName: SHELL }).then((hit) => hit || fetch(request)));
  } else {
    event.respondWith(menuOrNetwork(event, request, own, url));
  }
});

self.addEventListener('sync', (event) => {
  if (event.tag === SYNC_TAG) event.waitUntil(wakeApp());
});

// Every page of the app is the one index.html.
async function shell(request) {
  const hit = await caches.match(new URL('/index.html', self.location).href, { cacheName: SHELL });
  return hit || fetch(request);
}

async function isMenu(request, own, url) {
  if (own && (url.pathname === '/caidan.json' || url.pathname.endsWith('.js'))) return true;
  const cache = await caches.open(MENU);
  return (await cache.match(request.url, { ignoreVary: true })) !== undefined;
}

async function menuOrNetwork(event, request, own, url) {
  if (!(await isMenu(request, own, url))) return fetch(request);
  // A fetch that asks to check with the host (a signed feed and its
  // signature, fetched as a pair) goes to the network first, and to the
  // cache only when the network fails.
  if (request.cache === 'no-cache' || request.cache === 'reload') return networkFirst(request);
  return staleWhileRevalidate(event, request);
}

async function networkFirst(request) {
  const cache = await caches.open(MENU);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request.url, response.clone());
    return response;
  } catch (e) {
    const hit = await cache.match(request.url, { ignoreVary: true });
    if (hit) return hit;
    throw e;
  }
}

async function staleWhileRevalidate(event, request) {
  const cache = await caches.open(MENU);
  const cached = await cache.match(request.url, { ignoreVary: true });
  // A copy to compare with, taken before the page reads the body.
  const page = event.clientId || event.resultingClientId;
  const fresh = revalidate(cache, request.url, cached && cached.clone(), fetch(request), page);
  if (cached) {
    event.waitUntil(fresh.catch(() => {}));
    return cached;
  }
  return fresh;
}

// Menu updates found for a page that was served the older menu, kept
// until its app asks (`menu-updates`): a page still loading its app does
// not listen yet, and a message it gets before then is lost.
const untold = new Map();

// Puts a good response in the cache and, when it differs from what was
// served, tells every open page that the menu has been updated.
async function revalidate(cache, url, cached, pending, page) {
  const response = await pending;
  if (!response.ok) return response;
  const changed = cached !== undefined && (await cached.text()) !== (await response.clone().text());
  await cache.put(url, response.clone());
  if (changed) {
    if (page) untold.set(page, new Set([...(untold.get(page) || []), url]));
    await tell({ type: 'menu-updated', url });
  }
  return response;
}

async function keep(urls, refresh) {
  const cache = await caches.open(MENU);
  for (const url of urls) {
    const cached = await cache.match(url, { ignoreVary: true });
    if (cached && !refresh) continue;
    try {
      await revalidate(cache, url, cached, fetch(url, { mode: 'cors', credentials: 'same-origin' }));
    } catch (e) {
      // Offline: what is kept stays.
    }
  }
}

async function tell(message) {
  for (const client of await self.clients.matchAll({ type: 'window' })) client.postMessage(message);
}

// Background Sync: the requests waiting to be sent live in the app's own
// storage, and sending them follows the app's rules, so the worker wakes
// one open page of the app to send them (one page, so they go once). With
// no page open they go at the app's next start. The sync fails, and the
// browser retries it later, while the page says the network is still down.
async function wakeApp() {
  const pages = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const page = pages[0];
  if (!page) return;
  const online = await new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (e) => resolve(e.data === true);
    page.postMessage({ type: 'send-queued' }, [channel.port2]);
    setTimeout(() => resolve(true), 10000);
  });
  if (!online) throw new Error('still offline');
}
