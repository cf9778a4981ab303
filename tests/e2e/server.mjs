// A static server for the release build, as a static host or CDN would serve it: history-API
// fallback to index.html, gzip or brotli when the browser accepts it, long caching for hashed
// assets and no-cache for config.json and the feed. Loopback only.
//   node tests/e2e/server.mjs [DIR] [PORT]
import { createServer } from 'node:http';
import { readFile, readdir, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const root = resolve(process.argv[2] ?? 'dist');
const port = Number(process.argv[3] ?? 8181);
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm',
  '.csv': 'text/csv; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon',
};
const compressed = new Map();

// Compress everything up front, as a static host's build step would: brotli 11 on a
// multi-megabyte feed takes seconds, which must not land on the first request of a test.
async function precompress(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) { await precompress(path); continue; }
    const body = await readFile(path);
    if (body.length <= 1024) continue;
    compressed.set(`br:${path}:${body.length}`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
    compressed.set(`gzip:${path}:${body.length}`, gzipSync(body, { level: 9 }));
  }
}
await precompress(root);

async function fileFor(pathname) {
  const safe = normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, '');
  const candidate = join(root, safe);
  if (!candidate.startsWith(root)) return null;
  try {
    if ((await stat(candidate)).isFile()) return candidate;
  } catch { /* fall through */ }
  // Unknown paths without a file extension are app routes: serve the app.
  return extname(safe) === '' ? join(root, 'index.html') : null;
}

createServer(async (request, response) => {
  const url = new URL(request.url, 'http://localhost');
  const path = await fileFor(url.pathname);
  if (!path) {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    return;
  }
  const body = await readFile(path);
  const type = types[extname(path)] ?? 'application/octet-stream';
  const headers = { 'content-type': type, vary: 'accept-encoding', 'x-content-type-options': 'nosniff' };
  const name = path.slice(root.length);
  headers['cache-control'] = /-[0-9a-f]{8,16}\./.test(name) ? 'public, max-age=31536000, immutable' : 'no-cache';
  const accepts = request.headers['accept-encoding'] ?? '';
  let payload = body;
  const encoding = accepts.includes('br') ? 'br' : accepts.includes('gzip') ? 'gzip' : null;
  if (encoding && body.length > 1024 && !type.startsWith('image/png')) {
    const key = `${encoding}:${path}:${body.length}`;
    if (!compressed.has(key)) {
      compressed.set(key, encoding === 'br'
        ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })
        : gzipSync(body, { level: 9 }));
    }
    payload = compressed.get(key);
    headers['content-encoding'] = encoding;
  }
  headers['content-length'] = payload.length;
  response.writeHead(200, headers).end(request.method === 'HEAD' ? undefined : payload);
}).listen(port, '127.0.0.1', () => console.log(`serving ${root} on http://127.0.0.1:${port}`));
