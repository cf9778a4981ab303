// `make bench`: measures, prints one table. Nothing here asserts: goals are shown beside the
// figures (docs/performance.md records them over time).
//   node scripts/bench.mjs   (after `make dist`; starts nginx and Chromium itself)
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { chromium } from 'playwright-core';
import { auditRows, publishRows } from './bench-audit.mjs';

const dist = 'dist';
const rows = [];
const row = (section, item, value, goal = '') => rows.push({ section, item, value, goal });
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

// 1. Transfer size of the first view of /journey.
const html = readFileSync(join(dist, 'index.html'), 'utf8');
// Addresses in the page, except links a reader follows (the whole feed, named in <noscript>).
const referenced = [...html.matchAll(/(?:src|href)="\/([^"]+)"/g)].map((m) => m[1]).filter((file) => !file.startsWith('data/'));
const glue = readdirSync(dist).filter((f) => /^outcomes-dashboard-[0-9a-f]{16}(\.js|_bg\.wasm)$/.test(f));
// The first view loads the release's summary (county and district rows); the whole feed only
// when a ward or plan is shown.
const files = [...new Set(['index.html', ...referenced, ...glue, 'config.json', 'data/summary.json', 'data/manifest.json'])];
let totals = [0, 0, 0];
for (const file of files) {
  const body = readFileSync(join(dist, file));
  const sizes = [body.length, gzipSync(body, { level: 9 }).length, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length];
  totals = totals.map((t, i) => t + sizes[i]);
  row('first view (raw / gzip -9 / brotli 11)', file.replace(/-[0-9a-f]{16}/, ''), sizes.map(kb).join(' / '));
}
row('first view (raw / gzip -9 / brotli 11)', 'TOTAL', totals.map(kb).join(' / '), '<= 400 KB brotli');

// 2. Native core at county scale (the demo feed).
const native = JSON.parse(execFileSync('cargo', ['run', '--quiet', '--release', '-p', 'outcomes-core', '--example', 'bench_core', '--', join(dist, 'data/feed.json'), '9'], { encoding: 'utf8' }));
row('native core, county (demo feed)', 'parse + validate + index (median of 9)', `${native.load_ms} ms`, `${(native.bytes / 1e6).toFixed(1)} MB, ${native.funnel_rows} funnel rows`);
row('native core, county (demo feed)', 'filter change: ward funnel + comparison (median)', `${native.filter_change_ms} ms`);
// The synthetic national-scale feed (`make build/national/feed.json`, about 300 MB): 3 runs.
const national = JSON.parse(execFileSync('cargo', ['run', '--quiet', '--release', '-p', 'outcomes-core', '--example', 'bench_core', '--', 'build/national/feed.json', '3'], { encoding: 'utf8' }));
row('native core, national', 'parse + validate + index (median of 3)', `${national.load_ms} ms`, `${(national.bytes / 1e6).toFixed(0)} MB, ${national.funnel_rows} funnel rows, ${national.wards} wards`);
row('native core, national', 'filter change: ward funnel + comparison (median)', `${national.filter_change_ms} ms`);
row('native core, national', 'filter change: rank every ward on a measure (median)', `${national.ward_ranking_ms} ms`);
row('native core, national', 'peak resident memory of the bench process', `${national.peak_rss_mb} MB`);

// 2b. The disclosure audit (issue 11) at county and national scale, each under a time limit
// (scripts/bench-audit.mjs: BENCH_AUDIT_COUNTY_MINUTES, BENCH_AUDIT_NATIONAL_MINUTES).
publishRows(row);
await auditRows(row);

// 3 and 4. In Chromium against nginx with the deployment's configuration.
const port = 8484;
const server = spawn('bash', ['tests/e2e/nginx.sh', String(port)], { stdio: 'ignore' });
await new Promise((resolve) => setTimeout(resolve, 1500));
const base = `http://127.0.0.1:${port}`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--enable-precise-memory-info'] });
try {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    addEventListener('TrunkApplicationStarted', (event) => { window.__wasm = event.detail.wasm; });
  });
  const funnelDrawn = () => page.waitForFunction(() => {
    const el = document.querySelector('[data-chart="Life-journey funnel chart"]');
    return el && window.echarts?.getInstanceByDom(el);
  }, null, { polling: 'raf', timeout: 30000 });
  const firsts = [];
  for (let i = 0; i < 5; i += 1) {
    const started = Date.now();
    await page.goto(`${base}/journey`, { waitUntil: 'commit' });
    await funnelDrawn();
    firsts.push(Date.now() - started);
  }
  firsts.sort((a, b) => a - b);
  row('browser, county', 'navigation to first funnel drawn (median of 5)', `${firsts[2]} ms`, '< 2,000 ms at national scale');

  const feed = JSON.parse(readFileSync(join(dist, 'data/feed.json'), 'utf8'));
  const wards = feed.geography.wards.map((w) => w.code);
  const latencies = [];
  for (let i = 0; i < 50; i += 1) {
    const area = wards[(i * 7) % wards.length];
    const cohort = i % 2 ? 'all' : 'families';
    const started = await page.evaluate(() => performance.now());
    await page.evaluate(({ area, cohort }) => {
      history.pushState(null, '', `/journey?area=${area}&cohort=${cohort}`);
      dispatchEvent(new PopStateEvent('popstate'));
    }, { area, cohort });
    await page.waitForFunction((area) => document.querySelector('[data-testid="selection-heading"]')?.textContent.includes(document.querySelector(`#area option[value="${area}"]`)?.textContent ?? '\u0000')
      && window.echarts?.getInstanceByDom(document.querySelector('[data-chart="Life-journey funnel chart"]')), area, { polling: 'raf' });
    latencies.push((await page.evaluate(() => performance.now())) - started);
  }
  latencies.sort((a, b) => a - b);
  row('browser, county', 'filter change to chart updated: median / p95 of 50', `${latencies[25].toFixed(0)} / ${latencies[47].toFixed(0)} ms`, 'p95 < 50 ms');
  const memory = await page.evaluate(() => ({ heap: performance.memory?.usedJSHeapSize ?? 0, wasm: window.__wasm?.memory?.buffer?.byteLength ?? 0 }));
  row('browser, county', 'JS heap used / WebAssembly memory', `${(memory.heap / 1048576).toFixed(1)} MB / ${(memory.wasm / 1048576).toFixed(1)} MB`);

  // The same parse-and-aggregate work in plain JavaScript, as a JS dashboard would do it.
  const comparison = await page.evaluate(async () => {
    const text = await (await fetch('/data/feed.json')).text();
    const times = [];
    for (let i = 0; i < 5; i += 1) {
      const started = performance.now();
      const feed = JSON.parse(text);
      const index = new Map();
      for (const r of feed.journey.funnel) index.set(`${r.period}|${r.area}|${r.cohort}`, r);
      const latest = feed.publication.periods.at(-1).period;
      const w = feed.geography.wards[0];
      const row = index.get(`${latest}|${w.code}|all`);
      const bench = index.get(`${latest}|${w.district}|all`);
      row.counts.map((c, j) => (j && typeof c === 'number' && typeof row.counts[j - 1] === 'number' ? c / row.counts[j - 1] : null));
      bench.counts.slice();
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    return times[2];
  });
  row('JS baseline (same browser, same feed)', 'JSON.parse + index + one funnel (median of 5)', `${comparison.toFixed(0)} ms`, 'no validation at all');
  row('JS baseline (same browser, same feed)', 'native core validate / JS parse (ratio)', (native.load_ms / comparison).toFixed(2), 'the wasm load includes full validation');
} finally {
  await browser.close();
  server.kill();
}

const width = Math.max(...rows.map((r) => r.item.length));
let section = '';
for (const r of rows) {
  if (r.section !== section) { section = r.section; console.log(`\n${section}`); }
  console.log(`  ${r.item.padEnd(width)}  ${String(r.value).padStart(28)}  ${r.goal}`);
}
