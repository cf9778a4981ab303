// Independent reading of the feed file for the tests: the expected figures are computed here
// from the JSON with plain JavaScript, not taken from the app.
import { readFileSync } from 'node:fs';

export function loadFeed(path = 'dist/data/feed.json') {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/**
 * Serves the files of a release from the test: the summary the first view loads
 * (data/summary.json), the manifest beside it, each district's file loaded for a ward or plan of
 * that district (data/districts/<code>.json), each measure's file loaded to compare every ward
 * (data/measures/<id>.json), the plans' file loaded for the index of plans (data/plans.json) and
 * the whole feed (data/feed.json). `handler(route, name)` is called with the path under data/,
 * such as "summary.json" or "districts/E07000008.json".
 */
export async function routeRelease(page, handler) {
  for (const name of ['summary.json', 'feed.json', 'manifest.json', 'plans.json']) {
    await page.route(`**/data/${name}`, (route) => handler(route, name));
  }
  for (const folder of ['districts', 'measures']) {
    await page.route(`**/data/${folder}/*.json`, (route) => handler(route, `${folder}/${new URL(route.request().url()).pathname.split('/').pop()}`));
  }
}

export const latestPeriod = (feed) => feed.publication.periods.at(-1).period;

export function funnelRow(feed, period, area, cohort) {
  return feed.journey.funnel.find((r) => r.period === period && r.area === area && r.cohort === cohort);
}

const thousands = (n) => n.toLocaleString('en-GB');
const percent = (part, whole) => `${((part / whole) * 100).toFixed(1)}%`;

/** The rows a funnel table must show: [count, from previous, from first, drop-off] per stage. */
export function expectedFunnelTable(counts) {
  const first = counts[0];
  return counts.map((count, i) => {
    const previous = i === 0 ? null : counts[i - 1];
    const shown = count === '[c]' ? '[c]' : thousands(count);
    const ratio = (whole) => (count === '[c]' || whole === '[c]' ? '[c]' : whole === 0 ? '[z]' : percent(count, whole));
    return [
      shown,
      i === 0 ? '[z]' : ratio(previous),
      ratio(first),
      i === 0 ? '[z]' : count === '[c]' || previous === '[c]' ? '[c]' : thousands(previous - count),
    ];
  });
}

/** Wilson score 95% interval, written independently of the Rust core. */
export function wilson(x, n) {
  const z = 1.959963984540054;
  const p = x / n;
  const centre = p + (z * z) / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  const denominator = 1 + (z * z) / n;
  return { p, lower: Math.max(0, (centre - spread) / denominator), upper: Math.min(1, (centre + spread) / denominator) };
}

export const pct = (v) => `${(v * 100).toFixed(1)}%`;

/** Expected rows of the comparison table: [conversion, interval, benchmark, verdict]. */
export function expectedComparison(area, benchmark) {
  const rows = [];
  for (let i = 1; i < area.length; i += 1) {
    const [x, n, bx, bn] = [area[i], area[i - 1], benchmark[i], benchmark[i - 1]];
    const symbol = (a, b) => (a === '[c]' || b === '[c]' ? '[c]' : b === 0 ? '[z]' : null);
    const areaSymbol = symbol(x, n);
    const benchmarkSymbol = symbol(bx, bn);
    const w = areaSymbol ? null : wilson(x, n);
    const b = benchmarkSymbol ? null : bx / bn;
    let verdict = 'not compared';
    if (w && b !== null) verdict = w.lower > b ? 'higher than benchmark' : w.upper < b ? 'lower than benchmark' : 'similar to benchmark';
    rows.push([
      areaSymbol ?? pct(w.p),
      areaSymbol ?? `${pct(w.lower)} to ${pct(w.upper)}`,
      benchmarkSymbol ?? pct(b),
      verdict,
    ]);
  }
  return rows;
}

/** The area a selection is compared with by default: a ward's or plan's district, a district's county. */
export function defaultBenchmark(feed, code) {
  const ward = feed.geography.wards.find((w) => w.code === code);
  if (ward) return ward.district;
  const plan = feed.place_plans.find((p) => p.id === code);
  if (plan) return plan.district;
  return feed.geography.county.code;
}

export function row(feed, table, period, area, cohort) {
  return feed.journey[table].find((r) => r.period === period && r.area === area && r.cohort === cohort);
}

/** Parses the simple CSV the app writes (RFC 4180 quoting). */
export function parseCsv(text) {
  const rows = [];
  let cell = '';
  let current = [];
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i += 1; } else if (ch === '"') quoted = false; else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { current.push(cell); cell = ''; } else if (ch === '\r') { /* skip */ } else if (ch === '\n') { current.push(cell); rows.push(current); current = []; cell = ''; } else cell += ch;
  }
  if (cell || current.length) { current.push(cell); rows.push(current); }
  return rows;
}
