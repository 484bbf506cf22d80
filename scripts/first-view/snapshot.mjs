// The first view: what the built app draws at `/` for a first visit,
// written into the build's index.html so that a phone paints the menu
// before the app's wasm has arrived (ARCHITECTURE.md, "The first view").
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
// The Content-Security-Policy step runs after this one and allows the
// script by its hash. Nothing here may fail a build: when Chromium is
// missing, the app does not draw in time, or the page it draws is not a
// plain first page, the build ships without a first view and says why.
//
// Usage: node scripts/first-view/snapshot.mjs DIR (the staging or dist
// folder; run again when the default feed changes, then the offline build).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

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
// app; nothing outside DIR.
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
  return { html: keep.map((e) => e.outerHTML).join(''), classes: classes.join(' ') };
`;

const snapshot = async () => {
  const server = await serve();
  const site = `http://127.0.0.1:${server.address().port}/`;
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
    await command(base, 'POST', `${s}/url`, { url: site });
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      const read = await command(base, 'POST', `${s}/execute/sync`, { script: READ, args: [] });
      if (read.html !== undefined) return read;
      if (read.refused) throw new Error(read.refused);
      if (Date.now() > deadline) throw new Error(`the app drew no first page in ${READY_TIMEOUT_MS / 1000} s`);
      await sleep(100);
    }
  } finally {
    if (session) await command(base, 'DELETE', `/session/${session}`).catch(() => {});
    driver.kill();
    server.close();
  }
};

// Two short scripts, run before the first paint and allowed by the CSP by
// their hashes. In the head, where Trunk's wasm preload was: whether this
// is a first visit to `/` (nothing of Caidan's in either storage); if not,
// the preload goes in at once, as Trunk wrote it (the tag is the script's
// attribute). After the template: on a first visit, the view goes on the
// page, and a button pressed or a form sent there (other than a plain
// link's, such as search) is noted for the app to do once it takes over
// (app/src/first_view.js).
const DECIDE = `(function(){var f=!1;try{f=location.pathname==="/"&&!location.search&&!location.hash;for(var s=[localStorage,sessionStorage],i=0;f&&i<2;i++)for(var j=0;j<s[i].length;j++)if(s[i].key(j).lastIndexOf("caidan.",0)===0)f=!1}catch(e){f=!1}window.__cdFirst=f;var p=document.currentScript.getAttribute("data-cd-wasm-preload");if(!f&&p)document.head.insertAdjacentHTML("beforeend",p)})()`;
const CHOOSE = `(function(){if(!window.__cdFirst)return;var t=document.getElementById("cd-first-view"),d=document.createElement("div"),q=window.__cdFirstActions=[],at=function(s,e){return[].indexOf.call(d.querySelectorAll(s),e)};d.id="cd-first";d.className="cd-first";d.addEventListener("click",function(e){var b=e.target.closest&&e.target.closest("button");if(b&&b.type!=="submit")q.push(["button",at("button",b),b.textContent])},!0);d.addEventListener("submit",function(e){var f=e.target;if(f.getAttribute("action"))return;e.preventDefault();q.push(["form",at("form",f),f.className])},!0);d.appendChild(t.content.cloneNode(!0));t.parentNode.insertBefore(d,t);document.documentElement.className=t.getAttribute("data-root-class")})()`;

// Where the first view is shown, the wasm (most of the first load) is
// fetched once the view is painted, so that on a slow network the page's
// HTML and CSS do not share the line with it: Trunk's bootstrap waits a
// frame, and its preload becomes the head script above.
const WAIT = 'if (document.getElementById("cd-first")) await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));\n';
const BOOT = 'const wasm = await init(';
const PRELOAD = /<link rel="preload" href="[^"]*_bg\.wasm"[^>]*>/;
const HEAD = /<script data-cd-wasm-preload="([^"]*)">[\s\S]*?<\/script>/;
// No `<` or `>` is left in an attribute, so a scan for the end of a tag
// (the CSP step's, `caidan csp`'s) cannot stop inside one.
const attr = (v) =>
  v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const unattr = (v) =>
  v.replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

const index = join(dir, 'index.html');
let page = readFileSync(index, 'utf8');
// Drawing again replaces what an earlier run wrote: the head script goes
// back to Trunk's preload, the view and its script go (the app removes the
// view from the page before it says it is drawn, so it is not copied).
page = page.replace(HEAD, (_, tag) => unattr(tag));
page = page.replace(
  /<template id="cd-first-view"[^>]*>[\s\S]*?<\/template><script>[\s\S]*?<\/script>\n {2}<\/body>/,
  '</body>',
);
if (!existsSync(chromium)) skip(`no Chromium at ${chromium} (set CAIDAN_CHROMIUM)`);
let html;
let classes;
try {
  ({ html, classes } = await snapshot());
} catch (e) {
  skip(e.message);
}
if (html.includes('</template')) skip('the markup closes its template');
if (!page.includes('</body>')) skip('index.html has no </body>');
const preload = page.match(PRELOAD)?.[0];
if (page.includes(BOOT) && preload) {
  page = page.replace(preload, `<script data-cd-wasm-preload="${attr(preload)}">${DECIDE}</script>`);
  if (!page.includes(WAIT)) page = page.replace(BOOT, WAIT + BOOT);
} else if (!page.includes('</head>')) {
  skip('index.html has no </head>');
} else {
  page = page.replace('</head>', `<script data-cd-wasm-preload="">${DECIDE}</script></head>`);
}
// The view is this config's: `caidan csp` drops it for any other.
const config = createHash('sha256').update(readFileSync(join(dir, 'caidan.json'))).digest('hex');
const template = `<template id="cd-first-view" data-config-sha256="${config}" data-root-class="${attr(classes)}">`;
writeFileSync(index, page.replace('</body>', `${template}${html}</template><script>${CHOOSE}</script>\n  </body>`));
console.error(`first view: ${Buffer.byteLength(html)} bytes of markup written into ${index}`);
