// Makes a build installable and usable offline, after the build and its
// Content-Security-Policy are written (scripts/post-build.sh):
//
// - the app icons, rendered from the one source SVG (public/favicon.svg)
//   by @resvg/resvg-js: 192 and 512 px, and a 512 px maskable one (the
//   same drawing without its rounded corners, which fits the safe zone);
// - manifest.webmanifest, its colours read from the design tokens in
//   public/styles/caidan.css;
// - sw.js, public/sw.js with the precache list of the build's shell taken
//   from the files the build wrote, by workbox-build's injectManifest.
//
// Usage: node scripts/offline/build.mjs DIR (the staging or dist folder).
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(root, '.tools', 'package.json'));
const { Resvg } = require('@resvg/resvg-js');
const { injectManifest } = require('workbox-build');

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node scripts/offline/build.mjs DIR');
  process.exit(2);
}

const fail = (message) => {
  console.error(`offline build: ${message}`);
  process.exit(1);
};

// The design tokens: one value of `--cd-colour-NAME: #xxxxxx;`.
const css = readFileSync(join(root, 'public', 'styles', 'caidan.css'), 'utf8');
const token = (name) => {
  const m = css.match(new RegExp(`--cd-colour-${name}:\\s*(#[0-9a-fA-F]{3,8})\\s*;`));
  if (!m) fail(`no --cd-colour-${name} token in caidan.css`);
  return m[1].toLowerCase();
};

// The page's theme colour is the manifest's.
const indexPath = join(dir, 'index.html');
const page = readFileSync(indexPath, 'utf8');
const themed = page.replace(/(<meta name="theme-color" content=")[^"]*(")/, `$1${token('brand')}$2`);
if (themed === page && !page.includes(`content="${token('brand')}"`)) fail('index.html has no <meta name="theme-color">');
writeFileSync(indexPath, themed);

const source = readFileSync(join(root, 'public', 'favicon.svg'), 'utf8');
// The maskable icon is the drawing full bleed: its first shape, the
// background, loses its rounded corners.
const fullBleed = source.replace(/(<rect\b[^>]*?)\s+rx="[^"]*"/, '$1');
if (fullBleed === source) fail('public/favicon.svg: the background <rect> has no rx to remove');

mkdirSync(join(dir, 'icons'), { recursive: true });
const icons = [
  { file: 'icon-192.png', size: 192, svg: source, purpose: 'any' },
  { file: 'icon-512.png', size: 512, svg: source, purpose: 'any' },
  { file: 'icon-maskable-512.png', size: 512, svg: fullBleed, purpose: 'maskable' },
];
for (const icon of icons) {
  const png = new Resvg(icon.svg, { fitTo: { mode: 'width', value: icon.size } }).render().asPng();
  writeFileSync(join(dir, 'icons', icon.file), png);
}

const manifest = {
  id: '/',
  lang: 'zh-CN',
  dir: 'ltr',
  name: '菜单 Caidan：公共服务 Public services',
  short_name: '菜单 Caidan',
  name_localized: {
    'zh-CN': '菜单：公共服务',
    en: 'Caidan: public services',
  },
  short_name_localized: {
    'zh-CN': '菜单',
    en: 'Caidan',
  },
  description:
    '查看本地政府购买的公共服务，看看您能享受哪些服务，并在线申请。The public services your city offers, what you qualify for, and how to ask for them.',
  start_url: '/',
  scope: '/',
  display: 'standalone',
  theme_color: token('brand'),
  background_color: token('background'),
  icons: icons.map((i) => ({
    src: `/icons/${i.file}`,
    sizes: `${i.size}x${i.size}`,
    type: 'image/png',
    purpose: i.purpose,
  })),
};
writeFileSync(join(dir, 'manifest.webmanifest'), JSON.stringify(manifest, null, 2) + '\n');

// The shell: the page, the hashed JS, wasm and CSS Trunk wrote (and the
// snippets wasm-bindgen bundles), the manifest and its icons. Not the
// menu (caidan.json, feeds: stale-while-revalidate at run time), not what
// only signed deployments load (kept when first used), not sw.js itself.
const { count, size, warnings } = await injectManifest({
  swSrc: join(root, 'public', 'sw.js'),
  swDest: join(dir, 'sw.js'),
  globDirectory: dir,
  globPatterns: ['index.html', '*.{js,wasm,css}', 'snippets/**/*.js', 'manifest.webmanifest', 'icons/*.png', 'favicon.svg'],
  globIgnores: ['sw.js', 'feed-signature.js'],
  // Trunk names files by content hash: those need no revision.
  dontCacheBustURLsMatching: /-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/,
  maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
});
for (const w of warnings) console.error(`offline build: ${w}`);
console.log(`offline build: precache ${count} files, ${size} bytes; icons and manifest written`);
