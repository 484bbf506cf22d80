// Bundled with the app: the service worker's registration and the
// browser's network state, reported to network.rs as (kind, detail).
let accepted = false;
let report = () => {};

export function start(reporter) {
  report = reporter;
  addEventListener('online', () => report('online', ''));
  addEventListener('offline', () => report('offline', ''));
  const sw = navigator.serviceWorker;
  if (!sw) return;
  sw.addEventListener('message', (e) => {
    const data = e.data || {};
    if (data.type === 'send-queued') {
      report('send-queued', '');
      if (e.ports[0]) e.ports[0].postMessage(navigator.onLine !== false);
    } else if (data.type === 'menu-updated') {
      report('menu-updated', String(data.url || ''));
    }
  });
  // Messages the worker sent before this page listened are delivered now,
  // if the page had not finished loading; the menu updates it found
  // meanwhile are asked for, in case it had.
  sw.startMessages();
  if (sw.controller) {
    const channel = new MessageChannel();
    channel.port1.onmessage = (e) => {
      for (const url of Array.isArray(e.data) ? e.data : []) report('menu-updated', String(url));
    };
    sw.controller.postMessage({ type: 'menu-updates' }, [channel.port2]);
  }
  // The new version takes over only when the resident asked for it.
  sw.addEventListener('controllerchange', () => {
    if (accepted) location.reload();
  });
}

// Registered once the menu has loaded, so installing the shell never
// competes with the first load.
export function register() {
  const sw = navigator.serviceWorker;
  if (!sw) return;
  sw.register('/sw.js').then(
    (registration) => {
      const watch = (worker) => {
        if (!worker) return;
        const check = () => {
          if (worker.state === 'installed' && sw.controller) report('update-ready', '');
        };
        worker.addEventListener('statechange', check);
        check();
      };
      watch(registration.waiting);
      registration.addEventListener('updatefound', () => watch(registration.installing));
    },
    () => {},
  );
}

export function isOnline() {
  return navigator.onLine !== false;
}

export function applyUpdate() {
  accepted = true;
  const sw = navigator.serviceWorker;
  if (!sw) return location.reload();
  sw.getRegistration().then((r) => {
    if (r && r.waiting) r.waiting.postMessage({ type: 'skip-waiting' });
    else location.reload();
  });
}

// Loads `url` in place of this page; a new version of the app waiting to
// take over does so first (a kiosk between two visitors).
export function leaveFor(url) {
  const go = () => location.replace(url);
  const sw = navigator.serviceWorker;
  if (!sw) return go();
  sw.getRegistration().then((r) => {
    if (!r || !r.waiting) return go();
    let gone = false;
    const once = () => { if (!gone) { gone = true; go(); } };
    sw.addEventListener('controllerchange', once);
    setTimeout(once, 1500);
    r.waiting.postMessage({ type: 'skip-waiting' });
  }, go);
}

export function keepMenu(urls, refresh) {
  const sw = navigator.serviceWorker;
  if (!sw) return;
  sw.ready.then((r) => r.active && r.active.postMessage({ type: 'keep', urls, refresh }));
}

export function requestSync() {
  const sw = navigator.serviceWorker;
  if (!sw) return;
  sw.ready.then((r) => r.sync && r.sync.register('caidan-outbox')).catch(() => {});
}

export function reloadPage() {
  location.reload();
}
