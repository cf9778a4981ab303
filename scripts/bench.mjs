// `make bench`: measures, prints one table. Nothing here asserts: goals are shown beside the
// figures (docs/performance.md records them over time).
//   node scripts/bench.mjs   (after `make dist`; starts nginx and Chromium itself)
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
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
const glue = readdirSync(dist).filter((f) => /^outcomes-dashboard-[0-9a-f]{8,16}(\.js|_bg\.wasm)$/.test(f));
// The first view loads the release's summary (county and district rows); a district's file only
// when a ward or plan of it is shown.
const files = [...new Set(['index.html', ...referenced, ...glue, 'config.json', 'data/summary.json', 'data/manifest.json'])];
let totals = [0, 0, 0];
for (const file of files) {
  const body = readFileSync(join(dist, file));
  const sizes = [body.length, gzipSync(body, { level: 9 }).length, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length];
  totals = totals.map((t, i) => t + sizes[i]);
  row('first view (raw / gzip -9 / brotli 11)', file.replace(/-[0-9a-f]{8,16}(?=[._])/, ''), sizes.map(kb).join(' / '));
}
row('first view (raw / gzip -9 / brotli 11)', 'TOTAL', totals.map(kb).join(' / '), '<= 400 KB brotli');

// 2. Native core at county scale (the demo feed).
const native = JSON.parse(execFileSync('cargo', ['run', '--quiet', '--release', '-p', 'outcomes-core', '--example', 'bench_core', '--', join(dist, 'data/feed.json'), '9'], { encoding: 'utf8' }));
row('native core, county (demo feed)', 'parse + validate + index (median of 9)', `${native.load_ms} ms`, `${(native.bytes / 1e6).toFixed(1)} MB, ${native.funnel_rows} funnel rows`);
row('native core, county (demo feed)', 'filter change: ward funnel + comparison (median)', `${native.filter_change_ms} ms`);
// The synthetic national-scale feed (`make build/national/manifest.json`, about 300 MB): 3 runs.
const national = JSON.parse(execFileSync('cargo', ['run', '--quiet', '--release', '-p', 'outcomes-core', '--example', 'bench_core', '--', 'build/national/feed.json', '3'], { encoding: 'utf8' }));
row('native core, national', 'parse + validate + index (median of 3)', `${national.load_ms} ms`, `${(national.bytes / 1e6).toFixed(0)} MB, ${national.funnel_rows} funnel rows, ${national.wards} wards`);
row('native core, national', 'filter change: ward funnel + comparison (median)', `${national.filter_change_ms} ms`);
row('native core, national', 'filter change: rank every ward on a measure (median)', `${national.ward_ranking_ms} ms`);
row('native core, national', 'peak resident memory of the bench process', `${national.peak_rss_mb} MB`);

// 2b. The disclosure audit (issue 11) at county and national scale, each under a time limit
// (scripts/bench-audit.mjs: BENCH_AUDIT_COUNTY_MINUTES, BENCH_AUDIT_NATIONAL_MINUTES,
// BENCH_AUDIT_NATIONAL_SAMPLE).
publishRows(row);
await auditRows(row);

// 3 and 4. In Chromium against nginx with the deployment's configuration, at county scale (dist/
// as built) and at national scale (the same build with its data/ folder replaced by the national
// release under build/national/; the first view loads that release's summary.json).
const nationalRoot = mkdtempSync(join(tmpdir(), 'outcomes-bench-national-'));
for (const entry of readdirSync(dist)) {
  if (entry !== 'data') symlinkSync(resolve(dist, entry), join(nationalRoot, entry));
}
symlinkSync(resolve('build/national'), join(nationalRoot, 'data'));

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--enable-precise-memory-info'] });
try {
  // Each scale: 50 changes of district and cohort, the first ward of five districts (each loads
  // its district's file), then 50 changes among those districts' wards.
  await browserRows(browser, 'browser, county', dist, 8484, join(dist, 'data/summary.json'));
  await browserRows(browser, 'browser, national (summary.json, 300 districts)', nationalRoot, 8485, 'build/national/summary.json');
} finally {
  await browser.close();
  rmSync(nationalRoot, { recursive: true, force: true });
}

// Serves `root` with nginx on `port` and measures, in a fresh page: navigation to the first funnel
// drawn, what the app spends between the summary's last byte and that funnel, filter changes
// (districts, then the first ward of five districts, then wards of those districts), memory, and
// the plain-JavaScript baseline on the same file.
async function browserRows(browser, section, root, port, summaryPath) {
  const summary = JSON.parse(readFileSync(summaryPath, 'utf8'));
  const districts = summary.geography.districts.map((d) => d.code);
  const cohorts = summary.journey.cohorts.map((c) => c.id);
  const wardsOf = new Map(districts.map((d) => [d, []]));
  for (const ward of summary.geography.wards) wardsOf.get(ward.district).push(ward.code);
  const server = spawn('bash', ['tests/e2e/nginx.sh', String(port), resolve(root)], { stdio: 'ignore' });
  await new Promise((done) => setTimeout(done, 1500));
  const base = `http://127.0.0.1:${port}`;
  const page = await browser.newPage();
  const wholeFeedRequests = [];
  const districtRequests = [];
  const measureRequests = [];
  const plansRequests = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/data/feed.json')) wholeFeedRequests.push(request.url());
    if (request.url().includes('/data/districts/')) districtRequests.push(request.url());
    if (request.url().includes('/data/measures/')) measureRequests.push(request.url());
    if (request.url().endsWith('/data/plans.json')) plansRequests.push(request.url());
  });
  try {
    await page.addInitScript(() => {
      addEventListener('TrunkApplicationStarted', (event) => { window.__wasm = event.detail.wasm; });
    });
    const funnelDrawn = () => page.waitForFunction(() => {
      const el = document.querySelector('[data-chart="Life-journey funnel chart"]');
      return el && window.echarts?.getInstanceByDom(el) && performance.now();
    }, null, { polling: 'raf', timeout: 60000 });
    const firsts = [];
    const app = [];
    const validated = [];
    const checksumWait = [];
    for (let i = 0; i < 5; i += 1) {
      const started = Date.now();
      await page.goto(`${base}/journey`, { waitUntil: 'commit' });
      const drawnAt = await (await funnelDrawn()).jsonValue();
      firsts.push(Date.now() - started);
      const received = await page.evaluate(() => performance.getEntriesByType('resource').find((e) => e.name.endsWith('/data/summary.json'))?.responseEnd ?? NaN);
      app.push(drawnAt - received);
      // The app's own marks (src/data.rs): bytes in wasm memory, validated and indexed, SHA-256
      // known (Web Crypto hashes while the wasm validates).
      const marks = await page.evaluate(() => Object.fromEntries(['received', 'validated', 'checksummed']
        .map((step) => [step, performance.getEntriesByName(`outcomes:${step}:summary.json`)[0]?.startTime ?? NaN])));
      validated.push(marks.validated - marks.received);
      checksumWait.push(marks.checksummed - marks.validated);
    }
    validated.sort((a, b) => a - b);
    checksumWait.sort((a, b) => a - b);
    firsts.sort((a, b) => a - b);
    app.sort((a, b) => a - b);
    row(section, 'navigation to first funnel drawn (median of 5)', `${firsts[2]} ms`, '< 2,000 ms at national scale');
    row(section, 'summary received to funnel drawn: validate, index, draw (median of 5)', `${app[2].toFixed(0)} ms`);
    row(section, 'of which: parse, validate every rule and index in wasm (median of 5)', `${validated[2].toFixed(0)} ms`, 'performance marks outcomes:received / validated');
    row(section, 'of which: waiting for the SHA-256 after validating (median of 5)', `${checksumWait[2].toFixed(0)} ms`, 'Web Crypto hashes while the wasm validates');

    // Each change is timed in the page, to the first animation frame at which the funnel chart
    // has the new selection's option (its title is the new heading), and to the one at which the
    // last panel (outcomes, updated a few tasks after the funnel) has it too.
    const timeChanges = async (changes) => {
      const funnelTimes = [];
      const allTimes = [];
      for (const { area, cohort } of changes) {
        const timed = await page.evaluate(async ({ area, cohort }) => {
          const started = performance.now();
          history.pushState(null, '', `/journey?area=${area}&cohort=${cohort}`);
          dispatchEvent(new PopStateEvent('popstate'));
          const funnelDone = () => {
            const heading = document.querySelector('[data-testid="selection-heading"]')?.textContent ?? '';
            const areaName = document.querySelector(`#area option[value="${area}"]`)?.textContent ?? '\u0000';
            const cohortName = document.querySelector(`#cohort option[value="${cohort}"]`)?.textContent ?? '\u0000';
            const chart = document.querySelector('[data-chart="Life-journey funnel chart"]');
            const instance = chart && window.echarts?.getInstanceByDom(chart);
            return heading.includes(areaName) && heading.includes(cohortName) && instance?.getOption().title?.[0]?.text === heading;
          };
          const allDone = () => {
            const link = document.querySelector('[data-panel="outcomes"] [data-testid="csv-download"]');
            return link && link.download.includes(`-${area}-`) && link.download.endsWith(`-${cohort}.csv`);
          };
          let funnel = null;
          while (performance.now() - started < 60000) {
            await new Promise((done) => requestAnimationFrame(done));
            if (funnel === null && funnelDone()) funnel = performance.now() - started;
            if (funnel !== null && allDone()) return { funnel, all: performance.now() - started };
          }
          return { funnel: NaN, all: NaN };
        }, { area, cohort });
        funnelTimes.push(timed.funnel);
        allTimes.push(timed.all);
      }
      return { funnelTimes, allTimes };
    };
    // A change that never showed within the minute counts as missing and is reported, not sorted.
    const medianP95 = (all) => {
      const times = all.filter(Number.isFinite).sort((a, b) => a - b);
      const missing = all.length - times.length;
      const at = (q) => times[Math.min(times.length - 1, Math.round(q * (times.length - 1)))]?.toFixed(0) ?? '-';
      return `${at(0.5)} / ${at(0.95)} ms${missing ? ` (${missing} of ${all.length} never shown)` : ''}`;
    };
    // Districts and cohorts: the summary holds them all.
    const districtChanges = await timeChanges(Array.from({ length: 50 }, (_, i) => ({ area: districts[(i * 37) % districts.length], cohort: cohorts[i % cohorts.length] })));
    row(section, 'change of district and cohort to funnel chart updated: median / p95 of 50', medianP95(districtChanges.funnelTimes), 'p95 < 50 ms at national scale');
    row(section, 'change of district and cohort to all five panels updated: median / p95 of 50', medianP95(districtChanges.allTimes), 'each panel a task after the one above');
    // A ward of a district not yet loaded: its district's file is fetched, checked against the
    // manifest, validated and merged into what is held, then the page is drawn again.
    const loadedDistricts = districts.filter((_, i) => i % Math.max(1, Math.floor(districts.length / 5)) === 0).slice(0, 5);
    const firstWards = loadedDistricts.map((d) => ({ area: wardsOf.get(d)[0], cohort: 'all' }));
    const firstWardTimes = (await timeChanges(firstWards)).funnelTimes.sort((a, b) => a - b);
    row(section, 'first ward of a district: change to funnel drawn (median of 5 districts)', `${firstWardTimes[2].toFixed(0)} ms`, 'fetch, SHA-256, validate and merge its district\'s file');
    // Wards of those five districts, now held.
    const heldWards = loadedDistricts.flatMap((d) => wardsOf.get(d));
    const wardChanges = await timeChanges(Array.from({ length: 50 }, (_, i) => ({ area: heldWards[(i * 7) % heldWards.length], cohort: cohorts[i % cohorts.length] })));
    row(section, 'change of ward (districts held) and cohort to funnel updated: median / p95 of 50', medianP95(wardChanges.funnelTimes), 'p95 < 50 ms at national scale');
    row(section, 'change of ward (districts held) and cohort to all five panels: median / p95 of 50', medianP95(wardChanges.allTimes));
    // `/wards` within a district held: a change of measure and district to the ranking drawn
    // again (heading, table of every ward of the district, ranked chart), by the client-side
    // router as a link would.
    const measures = summary.measures.catalogue.map((m) => m.id);
    const rankingTimes = [];
    for (let i = 0; i < 50; i += 1) {
      const district = loadedDistricts[i % loadedDistricts.length];
      const measure = measures[(i * 5) % measures.length];
      rankingTimes.push(await page.evaluate(async ({ district, measure, wards }) => {
        const started = performance.now();
        history.pushState(null, '', `/wards?within=${district}&measure=${measure}`);
        dispatchEvent(new PopStateEvent('popstate'));
        const done = () => {
          const heading = document.querySelector('[data-testid="selection-heading"]')?.textContent ?? '';
          const measureName = document.querySelector(`#measure option[value="${measure}"]`)?.textContent ?? '\u0000';
          const districtName = document.querySelector(`#within option[value="${district}"]`)?.textContent ?? '\u0000';
          const rows = [...document.querySelectorAll('[data-testid="wards-table"] tbody tr')];
          // The chart keeps its instance across changes: drawn means it has the table's ranked
          // wards, in order, with their values.
          const ranked = rows.filter((row) => row.querySelector('[data-column="rank"]')?.textContent !== 'not ranked')
            .map((row) => [row.querySelector('[data-column="ward"]').textContent, parseFloat(row.querySelector('[data-column="value"]').textContent)]);
          const chart = document.querySelector('[data-chart="Wards ranked with 95% confidence intervals"]');
          const option = chart && window.echarts?.getInstanceByDom(chart)?.getOption();
          const names = option?.yAxis?.[0]?.data ?? [];
          const values = option?.series?.find((series) => series.name === 'Value')?.data ?? [];
          const drawn = names.length === ranked.length && ranked.every(([name, value], i) => names[i] === name && Math.abs(values[i] - value) <= 0.05 + 1e-9);
          return heading.startsWith(measureName) && heading.includes(districtName) && rows.length === wards && drawn;
        };
        while (performance.now() - started < 60000) {
          await new Promise((resolve) => requestAnimationFrame(resolve));
          if (done()) return performance.now() - started;
        }
        return NaN;
      }, { district, measure, wards: wardsOf.get(district).length }));
    }
    row(section, '/wards in a district held: change of measure and district to ranking drawn: median / p95 of 50', medianP95(rankingTimes), 'heading, table and ranked chart of the district\'s wards');
    const memory = await page.evaluate(() => ({ heap: performance.memory?.usedJSHeapSize ?? 0, wasm: window.__wasm?.memory?.buffer?.byteLength ?? 0 }));
    row(section, 'JS heap used / WebAssembly memory', `${(memory.heap / 1048576).toFixed(1)} MB / ${(memory.wasm / 1048576).toFixed(1)} MB`);
    // The transparency page states the release from its summary: it never loads the whole feed
    // (at national scale 304 MB), so the requests row below stays at none.
    const aboutTimes = [];
    for (let i = 0; i < 3; i += 1) {
      const started = Date.now();
      await page.goto(`${base}/about`, { waitUntil: 'commit' });
      await page.getByTestId('downloads').waitFor({ timeout: 60000 });
      aboutTimes.push(Date.now() - started);
    }
    aboutTimes.sort((a, b) => a - b);
    row(section, '/about: navigation to its downloads table (median of 3)', `${aboutTimes[1]} ms`, 'from the summary, never the whole feed');
    // Every ward compared on one measure: the summary, then that measure's file alone (a new
    // page each time, so nothing is held before).
    const measureFile = readFileSync(join(root, 'data', 'measures', `${measures[0]}.json`));
    const allWardsTimes = [];
    for (let i = 0; i < 3; i += 1) {
      const started = Date.now();
      await page.goto(`${base}/wards`, { waitUntil: 'commit' });
      await page.waitForFunction(() => {
        const chart = document.querySelector('[data-chart="Wards ranked with 95% confidence intervals"]');
        return chart && window.echarts?.getInstanceByDom(chart);
      }, null, { polling: 'raf', timeout: 120000 });
      allWardsTimes.push(Date.now() - started);
    }
    allWardsTimes.sort((a, b) => a - b);
    row(section, '/wards, all wards: navigation to the ranked chart drawn (median of 3)', `${allWardsTimes[1]} ms`, `summary and the measure's file (${kb(measureFile.length)} raw, ${kb(gzipSync(measureFile, { level: 9 }).length)} gzip)`);
    // The index of every place plan: the summary, then the plans' file (a new page each time).
    const plansFile = readFileSync(join(root, 'data', 'plans.json'));
    const plansTimes = [];
    for (let i = 0; i < 3; i += 1) {
      const started = Date.now();
      await page.goto(`${base}/plans`, { waitUntil: 'commit' });
      await page.waitForFunction(() => {
        const chart = document.querySelector('[data-chart="Bar chart of each plan\'s actions by status"]');
        return document.querySelector('[data-testid="plans-table"] tbody tr') && chart && window.echarts?.getInstanceByDom(chart);
      }, null, { polling: 'raf', timeout: 120000 });
      plansTimes.push(Date.now() - started);
    }
    plansTimes.sort((a, b) => a - b);
    row(section, '/plans: navigation to the index and its chart drawn (median of 3)', `${plansTimes[1]} ms`, `summary and the plans' file (${kb(plansFile.length)} raw, ${kb(gzipSync(plansFile, { level: 9 }).length)} gzip)`);
    row(section, 'requests for the whole feed (data/feed.json) / district files / measure files / plans\' file', `${wholeFeedRequests.length} / ${districtRequests.length} / ${measureRequests.length} / ${plansRequests.length}`, 'none / one per district of a ward shown / one per page of all wards / one per page of /plans (/about adds none)');

    // The same parse-and-aggregate work in plain JavaScript, as a JS dashboard would do it, on
    // the file the first view loads: no validation, no checksum, no drawing.
    const baseline = await page.evaluate(async () => {
      const text = await (await fetch('/data/summary.json')).text();
      const times = [];
      for (let i = 0; i < 5; i += 1) {
        const started = performance.now();
        const feed = JSON.parse(text);
        const index = new Map();
        for (const r of feed.journey.funnel) index.set(`${r.period}|${r.area}|${r.cohort}`, r);
        const latest = feed.publication.periods.at(-1).period;
        const d = feed.geography.districts[0];
        const row = index.get(`${latest}|${d.code}|all`);
        const bench = index.get(`${latest}|${feed.geography.county.code}|all`);
        row.counts.map((c, j) => (j && typeof c === 'number' && typeof row.counts[j - 1] === 'number' ? c / row.counts[j - 1] : null));
        bench.counts.slice();
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      return times[2];
    });
    row(section, 'JS baseline on summary.json: JSON.parse + index + one funnel (median of 5)', `${baseline.toFixed(0)} ms`, 'no validation, no drawing');
    row(section, 'ours: parse + validate + index in wasm / JS baseline (parse, index), ratio', (validated[2] / baseline).toFixed(2), 'goal < 1; ours also checks every rule');
    row(section, 'ours end to end (validate, SHA-256, index, draw) / JS baseline (parse, index), ratio', (app[2] / baseline).toFixed(2), 'not the same work: ours also checks and draws');
  } finally {
    await page.close();
    server.kill();
  }
}

const width = Math.max(...rows.map((r) => r.item.length));
let section = '';
for (const r of rows) {
  if (r.section !== section) { section = r.section; console.log(`\n${section}`); }
  console.log(`  ${r.item.padEnd(width)}  ${String(r.value).padStart(28)}  ${r.goal}`);
}
