// Post-build step for `make dist`: moves Trunk's inline module loader out of index.html into
// its own content-hashed file with Subresource Integrity, and precompresses text assets for
// `gzip_static`. With no inline script left, the Content-Security-Policy can be one fixed
// header (script-src 'self' 'wasm-unsafe-eval') instead of a per-build hash.
//   node scripts/externalize-loader.mjs dist
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = process.argv[2] ?? 'dist';
const indexPath = join(dist, 'index.html');
let html = readFileSync(indexPath, 'utf8');

const inline = [...html.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)];
if (inline.length > 1) throw new Error(`expected at most one inline module script, found ${inline.length}`);
if (inline.length === 1) {
  // Trunk's loader imports the JS glue and starts the wasm at once, and Trunk preloads the
  // wasm from <head>. Instead, let the static page paint first (its heading and summary are the
  // meaningful first paint), then fetch the wasm, still with Subresource Integrity: the preload
  // link is dropped and its integrity moves to the fetch. Lighthouse counts every request made
  // before the largest paint against it; the wasm is most of the first view's bytes.
  const loader = inline[0][1].trim();
  const glue = loader.match(/^import init, \* as bindings from '(\/outcomes-dashboard-[0-9a-f]{8,16}\.js)';\nconst wasm = await init\(\{ module_or_path: '(\/outcomes-dashboard-[0-9a-f]{8,16}_bg\.wasm)' \}\);\s*window\.wasmBindings = bindings;\s*dispatchEvent\(new CustomEvent\("TrunkApplicationStarted", \{detail: \{wasm\}\}\)\);$/);
  if (!glue) throw new Error(`Trunk's loader is not the shape this step rewrites:\n${loader}`);
  const preload = html.match(new RegExp(`<link rel="preload" href="${glue[2]}" crossorigin="anonymous" integrity="([^"]+)" as="fetch" type="application/wasm">`));
  if (!preload) throw new Error('the wasm preload link Trunk writes was not found in index.html');
  html = html.replace(preload[0], '');
  const code = [
    `import init, * as bindings from '${glue[1]}';`,
    '// After the static page has painted: two animation frames, so its first frame is on screen',
    '// (or soon, in a background tab where frames do not run).',
    'await new Promise((resolve) => { requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0))); setTimeout(resolve, 500); });',
    `const wasm = await init({ module_or_path: fetch('${glue[2]}', { integrity: '${preload[1]}', credentials: 'same-origin' }) });`,
    'window.wasmBindings = bindings;',
    "dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));",
    '',
  ].join('\n');
  const name = `start-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.js`;
  writeFileSync(join(dist, name), code);
  const integrity = `sha384-${createHash('sha384').update(code).digest('base64')}`;
  html = html.replace(inline[0][0], `<script type="module" src="/${name}" integrity="${integrity}" crossorigin="anonymous"></script>`);
  writeFileSync(indexPath, html);
}
// ECharts is only needed on pages that draw charts: instead of a <script> every page must
// evaluate, leave a prefetch hint carrying its address and integrity; the chart component
// inserts the script (with the same integrity) when the first chart mounts.
const echarts = html.match(/<script src="(\/echarts-[0-9a-f]{8,16}\.js)" defer integrity="([^"]+)"><\/script>/);
if (!echarts) throw new Error('the ECharts <script> tag Trunk writes was not found in index.html');
html = html.replace(echarts[0], `<link rel="prefetch" as="script" href="${echarts[1]}" integrity="${echarts[2]}" crossorigin="anonymous" data-echarts>`);
writeFileSync(indexPath, html);
const remaining = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>/g)];
if (remaining.length) throw new Error(`inline scripts left in index.html: ${remaining.map((m) => m[0]).join(', ')}`);
if (/\sstyle=/.test(html)) throw new Error('inline style attributes in index.html would break the CSP');

// gzip -9 copies for nginx's gzip_static (the dashboard's assets never change once hashed).
function precompress(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) { precompress(path); continue; }
    if (!/\.(html|js|css|json|wasm|svg|csv)$/.test(name)) continue;
    writeFileSync(`${path}.gz`, gzipSync(readFileSync(path), { level: 9 }));
  }
}
precompress(dist);
console.log(`externalize-loader: ${inline.length ? 'moved the loader out of' : 'no inline loader in'} ${indexPath}; precompressed ${dist}`);
