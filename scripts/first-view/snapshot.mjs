// The first view: what the built app draws for a first visit, written
// into the build's pages so that a phone paints the page before the app's
// wasm has arrived (ARCHITECTURE.md, "The first view").
//
// It serves DIR on 127.0.0.1, opens `/` in headless Chromium through
// chromedriver, waits for the app to say its first page is drawn
// (`data-cd-ready` on <html>), and copies the app's markup as the browser
// serialises it (so every text from the feed is escaped). index.html gets:
//
// - `<template id="cd-first-view">` with that markup, inert until used;
// - a short inline script that puts it on the page only at `/` with no
//   query, and only when the browser keeps nothing of Caidan's (a first
//   visit: a resident with answers, a district or a language of their
//   own would see a different page). The app removes it once it has
//   drawn its own first page (app/src/first_view.js).
//
// Then the pages the menu links to (every service it lists, My requests,
// the residence question...), each drawn the same way into `<path>.html`
// beside index.html: the same app, with that page's view, for the links a
// resident is given (a poster's QR code, a shared link). A host
// that serves `/services/x` from `services/x.html` (README, "Deploying")
// paints them at once; one that serves index.html for every path waits for
// the app there, as without them. At most CAIDAN_FIRST_VIEW_PAGES of them
// (200 by default; 0 draws none), none for a kiosk, whose visits all
// start at `/`.
//
// The Content-Security-Policy step runs after this one and allows the
// script by its hash. Nothing here may fail a build: when Chromium is
// missing, the app does not draw in time, or the page it draws is not a
// plain first page, the build ships without a first view and says why.
//
// Usage: node scripts/first-view/snapshot.mjs DIR (the staging or dist
// folder; run again when the default feed changes, then the offline build).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, unlinkSync, writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, sep } from 'node:path';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node scripts/first-view/snapshot.mjs DIR');
  process.exit(2);
}

const skip = (why) => {
  console.error(`first view: none in this build: ${why}`);
  process.exit(0);
};

// How long the app may take to draw its first page.
const READY_TIMEOUT_MS = 30_000;
const MAX_PAGES = Number.parseInt(process.env.CAIDAN_FIRST_VIEW_PAGES ?? '200', 10) || 0;
const chromium = process.env.CAIDAN_CHROMIUM || '/usr/bin/chromium';
const chromedriver =
  process.env.CAIDAN_CHROMEDRIVER ||
  (existsSync('/usr/bin/chromedriver') ? '/usr/bin/chromedriver' : 'chromedriver');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
};

// The build as a static host serves it: a path without an extension is the
// app (never a page drawn by an earlier run, which is removed first);
// nothing outside DIR.
const serve = () =>
  new Promise((resolve) => {
    const root = normalize(dir);
    const server = createServer((req, res) => {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      let file = normalize(join(root, path));
      if (!file.startsWith(root + sep) && file !== root) {
        res.writeHead(403).end();
        return;
      }
      if (!extname(path)) file = join(root, 'index.html');
      try {
        const body = readFileSync(file);
        res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream' });
        res.end(body);
      } catch {
        res.writeHead(404).end();
      }
    });
    server.listen(0, '127.0.0.1', () => resolve(server));
  });

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// One WebDriver command; its `value`, or an error.
const command = async (base, method, path, body) => {
  const res = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(json.value?.message || `chromedriver answered ${res.status}`);
  return json.value;
};

// Reads the app's first page: the body's elements the app drew, once it
// says the page is drawn, or why there is none to copy.
const READ = `
  const root = document.documentElement;
  if (!root.hasAttribute('data-cd-ready')) return { waiting: true };
  if (root.getAttribute('lang') !== ${JSON.stringify('zh-CN')}) {
    return { refused: 'the app did not draw its default language' };
  }
  // A kiosk marks the whole page (cd-kiosk); large text is never the
  // first visit's.
  const classes = [...root.classList];
  if (classes.some((c) => c !== 'cd-kiosk')) {
    return { refused: \`the page has the classes \${classes.join(' ')}\` };
  }
  if (document.querySelector('.cd-error-page')) {
    return { refused: 'the app drew an error page' };
  }
  const keep = [...document.body.children].filter(
    (e) => !['SCRIPT', 'NOSCRIPT', 'TEMPLATE', 'LINK', 'STYLE'].includes(e.tagName),
  );
  // The site's own pages this one links to, as written.
  const links = [...document.querySelectorAll('a[href^="/"]')]
    .map((a) => a.getAttribute('href'))
    .filter((h) => !h.startsWith('//') && !/[?#]/.test(h));
  return {
    html: keep.map((e) => e.outerHTML).join(''),
    classes: classes.join(' '),
    path: location.pathname,
    title: document.title,
    links,
  };
`;

// Opens a browser on the built site and hands `use` a way to draw a page:
// `draw(path)` opens it as a first visit (nothing kept from the page
// before) and gives what READ found, or throws why there is none.
const browse = async (use) => {
  const server = await serve();
  const site = `http://127.0.0.1:${server.address().port}`;
  const port = await freePort();
  const driver = spawn(chromedriver, [`--port=${port}`], { stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  let session;
  try {
    driver.on('error', () => {});
    for (let i = 0; ; i++) {
      try {
        if ((await command(base, 'GET', '/status')).ready) break;
      } catch (e) {
        if (i > 100) throw new Error(`chromedriver did not start: ${e.message}`);
      }
      await sleep(100);
    }
    const caps = {
      browserName: 'chrome',
      'goog:chromeOptions': {
        binary: chromium,
        args: ['--headless=new', '--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu',
          '--window-size=412,915', '--no-first-run', '--disable-background-networking'],
      },
    };
    session = (await command(base, 'POST', '/session', { capabilities: { alwaysMatch: caps } })).sessionId;
    const s = `/session/${session}`;
    const run = (script) => command(base, 'POST', `${s}/execute/sync`, { script, args: [] });
    const draw = async (path) => {
      // A first visit: the page before may have kept something.
      await run('try { localStorage.clear(); sessionStorage.clear(); } catch (e) {}');
      await command(base, 'POST', `${s}/url`, { url: site + path });
      const deadline = Date.now() + READY_TIMEOUT_MS;
      for (;;) {
        const read = await run(READ);
        if (read.html !== undefined) return read;
        if (read.refused) throw new Error(read.refused);
        if (Date.now() > deadline) throw new Error(`the app drew no first page in ${READY_TIMEOUT_MS / 1000} s`);
        await sleep(50);
      }
    };
    return await use(draw);
  } finally {
    if (session) await command(base, 'DELETE', `/session/${session}`).catch(() => {});
    driver.kill();
    server.close();
  }
};

// Two short scripts, run before the first paint and allowed by the CSP by
// their hashes. In the head, where Trunk's wasm preload was: whether this
// is a first visit to the page's own path (`data-cd-path`, `/` when
// absent; nothing of Caidan's in either storage), marked on <html> (so
// index.html's "Opening…" notice is never painted before the view); if not,
// the preload goes in at once, as Trunk wrote it (the tag is the script's
// attribute). After the template: on a first visit, the view goes on the
// page in place of index.html's "Opening…" notice, and a button pressed or
// a form sent there (other than a plain link's, such as search) is noted
// for the app to do once it takes over (app/src/first_view.js).
const DECIDE = `(function(){var c=document.currentScript,f=!1;try{f=location.pathname===(c.getAttribute("data-cd-path")||"/")&&!location.search&&!location.hash;for(var s=[localStorage,sessionStorage],i=0;f&&i<2;i++)for(var j=0;j<s[i].length;j++)if(s[i].key(j).lastIndexOf("caidan.",0)===0)f=!1}catch(e){f=!1}window.__cdFirst=f;if(f)document.documentElement.classList.add("cd-first-visit");var p=c.getAttribute("data-cd-wasm-preload");if(!f&&p)document.head.insertAdjacentHTML("beforeend",p)})()`;
const CHOOSE = `(function(){if(!window.__cdFirst)return;var t=document.getElementById("cd-first-view"),d=document.createElement("div"),q=window.__cdFirstActions=[],at=function(s,e){return[].indexOf.call(d.querySelectorAll(s),e)};d.id="cd-first";d.className="cd-first";d.addEventListener("click",function(e){var b=e.target.closest&&e.target.closest("button");if(b&&b.type!=="submit")q.push(["button",at("button",b),b.textContent])},!0);d.addEventListener("submit",function(e){var f=e.target;if(f.getAttribute("action"))return;e.preventDefault();q.push(["form",at("form",f),f.className])},!0);d.appendChild(t.content.cloneNode(!0));t.parentNode.insertBefore(d,t);document.documentElement.className=t.getAttribute("data-root-class");var o=document.getElementById("cd-opening");o&&o.remove()})()`;

// Where the first view is shown, the wasm (most of the first load) is
// fetched once the view is painted, so that on a slow network the page's
// HTML and CSS do not share the line with it: Trunk's bootstrap waits until
// the browser reports the first contentful paint (a frame is not enough: a
// frame's callbacks run before the frame is on the screen, and the view's
// paint could then be made to wait for the wasm), and its preload becomes
// the head script above. A browser that cannot report paints waits one
// frame instead; none waits longer than PAINT_WAIT_MS (a page opened in a
// background tab paints nothing until shown).
const PAINT_WAIT_MS = 1000;
const WAIT = `if (document.getElementById("cd-first")) await new Promise((r) => { const go = () => setTimeout(r); setTimeout(r, ${PAINT_WAIT_MS}); try { new PerformanceObserver((l, o) => { if (l.getEntries().some((e) => e.name === "first-contentful-paint")) { o.disconnect(); go(); } }).observe({ type: "paint", buffered: true }); } catch (e) { requestAnimationFrame(go); } });\n`;
// What an earlier run waited with.
const WAITED = /if \(document\.getElementById\("cd-first"\)\) await [^\n]*\n/;
const BOOT = 'const wasm = await init(';
const PRELOAD = /<link rel="preload" href="[^"]*_bg\.wasm"[^>]*>/;
const HEAD = /<script data-cd-wasm-preload="([^"]*)">[\s\S]*?<\/script>/;
// Escaped for an attribute or for text: no `<` or `>` is left, so a scan
// for the end of a tag (the CSP step's, `caidan csp`'s) cannot stop inside
// one.
const escaped = (v) =>
  v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const unattr = (v) =>
  v.replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

const index = join(dir, 'index.html');
let page = readFileSync(index, 'utf8');
// Drawing again replaces what an earlier run wrote: the head script goes
// back to Trunk's preload, the view and its script go (the app removes the
// view from the page before it says it is drawn, so it is not copied), and
// so do the pages drawn beside index.html.
page = page.replace(HEAD, (_, tag) => unattr(tag)).replace(WAITED, '');
page = page.replace(
  /<template id="cd-first-view"[^>]*>[\s\S]*?<\/template><script>[\s\S]*?<\/script>\n {2}<\/body>/,
  '</body>',
);
removeDrawnPages(dir);
if (!existsSync(chromium)) skip(`no Chromium at ${chromium} (set CAIDAN_CHROMIUM)`);
if (!page.includes('</body>')) skip('index.html has no </body>');
if (!page.includes('</head>')) skip('index.html has no </head>');
let first;
let pages = [];
try {
  await browse(async (draw) => {
    first = await draw('/');
    if (first.classes.split(' ').includes('cd-kiosk')) return;
    pages = await drawLinked(draw, first);
  });
} catch (e) {
  skip(e.message);
}
if (first.html.includes('</template')) skip('the markup closes its template');
const preload = page.match(PRELOAD)?.[0];
let decide;
if (page.includes(BOOT) && preload) {
  decide = (path) => `<script data-cd-wasm-preload="${escaped(preload)}"${path}>${DECIDE}</script>`;
  page = page.replace(preload, '\u0000');
  if (!page.includes(WAIT)) page = page.replace(BOOT, WAIT + BOOT);
} else {
  decide = (path) => `<script data-cd-wasm-preload=""${path}>${DECIDE}</script>`;
  page = page.replace('</head>', '\u0000</head>');
}
// The view is this config's: `caidan csp` drops it for any other.
const config = createHash('sha256').update(readFileSync(join(dir, 'caidan.json'))).digest('hex');
const withView = (drawn, path) => {
  const template = `<template id="cd-first-view" data-config-sha256="${config}" data-root-class="${escaped(drawn.classes)}">`;
  return page
    .replace('\u0000', () => decide(path === '/' ? '' : ` data-cd-path="${escaped(path)}"`))
    .replace('</body>', () => `${template}${drawn.html}</template><script>${CHOOSE}</script>\n  </body>`);
};
writeFileSync(index, withView(first, '/'));
console.error(`first view: ${Buffer.byteLength(first.html)} bytes of markup written into ${index}`);
let written = 0;
for (const drawn of pages) {
  const file = pageFile(drawn.path);
  if (!file || drawn.html.includes('</template')) continue;
  mkdirSync(dirname(file), { recursive: true });
  // Named as the app names it (index.html, the page for every other
  // path, keeps the site's name): what a tab, a bookmark and a shared
  // link's preview show.
  const named = withView(drawn, drawn.path).replace(/<title>[^<]*<\/title>/, () => `<title>${escaped(drawn.title)}</title>`);
  writeFileSync(file, named);
  written++;
}
if (written) console.error(`first view: ${written} more pages drawn beside it, as <path>.html`);

// Draws the pages the menu links to, in its order, at most MAX_PAGES; a
// link the app sends on (a service's check goes to its first question) is
// drawn where it leads, at the link's path. A page with another under its
// path is left out, so no page shares its name with a folder (which some
// hosts answer with a redirect); so is a page that cannot be drawn.
async function drawLinked(draw, menu) {
  const paths = [...new Set(menu.links)].filter(pageFile);
  const drawn = [];
  for (const path of paths.filter((p) => !paths.some((q) => q.startsWith(`${p}/`)))) {
    if (drawn.length >= MAX_PAGES) break;
    try {
      const got = await draw(path);
      if (got.path === path || got.path.startsWith(`${path}/`)) drawn.push({ ...got, path });
    } catch (e) {
      console.error(`first view: none for ${path}: ${e.message}`);
    }
  }
  return drawn;
}

// Where the page at `path` is written: `<path>.html` under DIR, for a path
// of plain segments only (no dot segment, nothing a host would read as a
// file's extension or a query), or nothing.
function pageFile(path) {
  const segments = path.split('/').slice(1);
  if (!segments.every((s) => /^[A-Za-z0-9_~-]+$/.test(s))) return null;
  return join(dir, ...segments.slice(0, -1), `${segments.at(-1)}.html`);
}

// Removes the pages an earlier run drew (every .html but index.html that
// carries a first view), and the folders that leaves empty; says whether
// it removed anything.
function removeDrawnPages(folder) {
  let removed = false;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (removeDrawnPages(path) && !readdirSync(path).length) rmdirSync(path);
      removed = removed || !existsSync(path);
    } else if (entry.isFile() && entry.name.endsWith('.html') && path !== index) {
      if (readFileSync(path, 'utf8').includes('<template id="cd-first-view"')) {
        unlinkSync(path);
        removed = true;
      }
    }
  }
  return removed;
}
