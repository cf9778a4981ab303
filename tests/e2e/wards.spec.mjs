// /wards: the ranking order, every ward's value, 95% interval and significance label, in the
// table AND in the chart's series, equal figures computed here, independently, from the feed
// file (our own Wilson, Byar and exact Poisson in JavaScript); suppressed wards are [c] and not
// ranked; sorting, filtering by district and the LSOA drill-down work by keyboard alone.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { loadFeed, parseCsv, wilson } from './feed.mjs';

const feed = loadFeed();
const latest = feed.publication.periods.at(-1).period;
const county = feed.geography.county;
const districtName = Object.fromEntries(feed.geography.districts.map((d) => [d.code, d.name]));
const areaName = (code) => districtName[code] ?? (code === county.code ? county.name : code);
const Z = 1.959963984540054;

// ---- Independent statistics -------------------------------------------------------------------

function poissonCdf(k, mu) {
  let term = Math.exp(-mu);
  let sum = term;
  for (let i = 1; i <= k; i += 1) { term *= mu / i; sum += term; }
  return sum;
}

/** Root of a decreasing-in-mu condition by bisection (exact Poisson limits). */
function solve(f, low = 0, high = 200) {
  for (let i = 0; i < 100; i += 1) {
    const mid = (low + high) / 2;
    if (f(mid) > 0) low = mid; else high = mid;
  }
  return (low + high) / 2;
}

/** 95% limits for a Poisson count: exact (Garwood) below 10, Byar's approximation from 10. */
function poissonLimits(o) {
  if (o < 10) {
    const lower = o === 0 ? 0 : solve((mu) => 0.025 - (1 - poissonCdf(o - 1, mu)));
    const upper = solve((mu) => poissonCdf(o, mu) - 0.025);
    return { lower, upper };
  }
  const lower = o * (1 - 1 / (9 * o) - Z / (3 * Math.sqrt(o))) ** 3;
  const u = o + 1;
  const upper = u * (1 - 1 / (9 * u) + Z / (3 * Math.sqrt(u))) ** 3;
  return { lower, upper };
}

/** A measure's value and interval in display units, or the symbol shown instead. */
function estimateOf(measure, value) {
  if (!value) return { symbol: '[x]' };
  const { numerator: x, denominator: n } = value;
  if (x === '[c]' || n === '[c]') return { symbol: '[c]' };
  if (n === 0) return { symbol: '[z]' };
  if (measure.unit === 'percentage') {
    const w = wilson(x, n);
    return { value: w.p * 100, lower: w.lower * 100, upper: w.upper * 100 };
  }
  const limits = poissonLimits(x);
  return { value: (x / n) * 1000, lower: (limits.lower / n) * 1000, upper: (limits.upper / n) * 1000 };
}

function significanceOf(measure, estimate, benchmark) {
  if (estimate.symbol || benchmark.symbol || measure.polarity === 'no_judgement') return 'not compared';
  const verdict = estimate.lower > benchmark.value ? 'higher' : estimate.upper < benchmark.value ? 'lower' : 'similar';
  if (verdict === 'similar') return 'similar to benchmark';
  const better = (verdict === 'higher') === (measure.polarity === 'higher_is_better');
  return better ? 'better than benchmark' : 'worse than benchmark';
}

function deprivationOf(wardCode) {
  const lsoas = feed.geography.lsoas.filter((l) => l.ward === wardCode);
  if (!lsoas.length) return null;
  const households = lsoas.reduce((s, l) => s + l.households, 0);
  const average = households > 0
    ? lsoas.reduce((s, l) => s + l.imd_national_decile * l.households, 0) / households
    : lsoas.reduce((s, l) => s + l.imd_national_decile, 0) / lsoas.length;
  return { average, lsoas: lsoas.length, deprived: lsoas.filter((l) => l.imd_national_decile <= 2).length };
}

/** The expected comparison: wards in rank order (unranked last, by name), with every figure. */
function expectedRanking({ measureId, period = latest, within = 'all', benchmark = 'county' }) {
  const measure = feed.measures.catalogue.find((m) => m.id === measureId);
  const values = new Map(feed.measures.values.filter((v) => v.measure === measureId && v.period === period).map((v) => [v.area, v]));
  const plan = feed.place_plans.find((p) => p.id === within);
  const wards = feed.geography.wards.filter((w) => within === 'all' || w.district === within || plan?.wards.includes(w.code));
  const rows = wards.map((w) => {
    const benchmarkCode = benchmark === 'county' ? county.code : w.district;
    const estimate = estimateOf(measure, values.get(w.code));
    const bench = estimateOf(measure, values.get(benchmarkCode));
    return { code: w.code, name: w.name, district: w.district, estimate, bench, benchmarkName: areaName(benchmarkCode),
      significance: significanceOf(measure, estimate, bench), deprivation: deprivationOf(w.code) };
  });
  const byName = (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  const lowerFirst = measure.polarity === 'lower_is_better';
  const ranked = rows.filter((r) => !r.estimate.symbol)
    .sort((a, b) => (a.estimate.value === b.estimate.value ? byName(a, b) : lowerFirst ? a.estimate.value - b.estimate.value : b.estimate.value - a.estimate.value));
  ranked.forEach((r, i) => { r.rank = i > 0 && ranked[i - 1].estimate.value === r.estimate.value ? ranked[i - 1].rank : i + 1; });
  const unranked = rows.filter((r) => r.estimate.symbol).sort(byName);
  return { measure, ranked, unranked, all: [...ranked, ...unranked] };
}

const fmt = (measure, v) => (measure.unit === 'percentage' ? `${v.toFixed(1)}%` : v.toFixed(1));
/** A table cell holding a value to one decimal place equals `expected` (to display precision). */
const near = (cell, expected) => Math.abs(parseFloat(cell.replace(/[%,]/g, '')) - expected) <= 0.05 + 1e-9;
const round2 = (v) => Math.round(v * 100) / 100;

// ---- Page helpers -------------------------------------------------------------------------------

async function tableRows(page, testid = 'wards-table') {
  return page.getByTestId(testid).locator('tbody tr').evaluateAll((rows) => rows.map((r) => ({
    key: r.dataset.row,
    cells: Object.fromEntries([...r.querySelectorAll('th, td')].map((c) => [c.dataset.column, c.textContent.trim()])),
  })));
}

async function chartOption(page, label) {
  await page.waitForFunction((l) => {
    const el = document.querySelector(`[data-chart="${l}"]`);
    return window.echarts && el && window.echarts.getInstanceByDom(el)?.getOption()?.series?.length > 0;
  }, label);
  return page.evaluate((l) => {
    const o = window.echarts.getInstanceByDom(document.querySelector(`[data-chart="${l}"]`)).getOption();
    return { yAxis: o.yAxis.map((a) => a.data), series: o.series.map((s) => ({ name: s.name, type: s.type, data: s.data, markLine: s.markLine?.data })) };
  }, label);
}

const RANKED = 'Wards ranked with 95% confidence intervals';

/** Presses Tab until the focused element matches `selector` (and `text`, if given). */
async function tabTo(page, selector, text, limit = 400) {
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press('Tab');
    const found = await page.evaluate(([s, t]) => {
      const el = document.activeElement;
      return !!el && el.matches(s) && (!t || el.textContent.trim().startsWith(t));
    }, [selector, text]);
    if (found) return;
  }
  throw new Error(`Tab never reached ${selector} ${text ?? ''}`);
}

/** Checks the table and the chart of a comparison against the expected ranking. */
async function checkComparison(page, expected) {
  const { measure, ranked, all } = expected;
  await expect(page.getByTestId('wards-table').locator('tbody tr')).toHaveCount(all.length);
  const rows = await tableRows(page);
  expect(rows.map((r) => r.key)).toEqual(all.map((r) => r.code));
  rows.forEach((row, i) => {
    const want = all[i];
    const { cells } = row;
    expect(cells.ward).toBe(want.name);
    expect(cells.significance).toBe(want.significance);
    if (want.estimate.symbol) {
      expect([cells.rank, cells.value, cells.lower, cells.upper]).toEqual(['not ranked', want.estimate.symbol, want.estimate.symbol, want.estimate.symbol]);
    } else {
      expect(cells.rank).toBe(String(want.rank));
      expect(near(cells.value, want.estimate.value), `${want.name} value ${cells.value} vs ${want.estimate.value}`).toBe(true);
      expect(near(cells.lower, want.estimate.lower), `${want.name} lower ${cells.lower} vs ${want.estimate.lower}`).toBe(true);
      expect(near(cells.upper, want.estimate.upper), `${want.name} upper ${cells.upper} vs ${want.estimate.upper}`).toBe(true);
      if (measure.unit === 'percentage') expect(cells.value).toMatch(/%$/);
    }
  });

  // The chart: ranked wards only, in rank order; values, interval bounds and colour groups. It
  // is given its new figures just after the table, so it is waited for.
  await expect.poll(async () => (await chartOption(page, RANKED)).yAxis[0]).toEqual(ranked.map((r) => r.name));
  const option = await chartOption(page, RANKED);
  expect(option.yAxis[0]).toEqual(ranked.map((r) => r.name));
  const value = option.series.find((s) => s.name === 'Value');
  const base = option.series.find((s) => s.name === 'interval-base');
  ranked.forEach((r, i) => {
    expect(Math.abs(value.data[i] - r.estimate.value)).toBeLessThanOrEqual(0.005 + 1e-9);
    expect(Math.abs(base.data[i] - r.estimate.lower)).toBeLessThanOrEqual(0.005 + 1e-9);
    const groups = option.series.filter((s) => s.type === 'bar' && s.name !== 'interval-base' && s.data[i] !== '-');
    expect(groups.length).toBe(1);
    expect(Math.abs(base.data[i] + groups[0].data[i] - r.estimate.upper)).toBeLessThanOrEqual(0.011);
    expect(groups[0].name.toLowerCase()).toBe(r.significance);
  });
  return option;
}

// ---- Tests ---------------------------------------------------------------------------------------

test('default view: the first measure, all wards against the whole area, ranked with Wilson intervals', async ({ page }) => {
  const expected = expectedRanking({ measureId: feed.measures.catalogue[0].id });
  expect(expected.measure.unit).toBe('percentage');
  await page.goto('/wards');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ward comparisons');
  await expect(page).toHaveTitle('Ward comparisons – Think Communities outcomes');
  await expect(page.locator('nav[aria-label="Menu"] a[aria-current="page"]')).toHaveText(/Ward comparisons/);
  const option = await checkComparison(page, expected);
  // One benchmark for every ward: a line at the county's value.
  const value = option.series.find((s) => s.name === 'Value');
  expect(Math.abs(value.markLine[0].xAxis - expected.all[0].bench.value)).toBeLessThanOrEqual(0.005 + 1e-9);
  // The key names every colour in words, with how many wards it covers.
  const key = await page.getByTestId('wards-key').innerText();
  for (const words of ['better than benchmark', 'similar to benchmark', 'worse than benchmark']) {
    const count = expected.ranked.filter((r) => r.significance === words).length;
    expect(key.toLowerCase()).toContain(`${words} (${count} ward`);
  }
  await expect(page.getByTestId('wards-summary')).toContainText(`${expected.ranked.length} wards ranked. Best: ${expected.ranked[0].name}`);
});

test('a rate per 1,000 with suppressed wards, each against its own district: Byar and exact Poisson intervals, [c] never ranked', async ({ page }) => {
  const measureId = 'temporary-accommodation';
  const expected = expectedRanking({ measureId, benchmark: 'district' });
  expect(expected.unranked.length).toBeGreaterThan(0);
  // Published numerators are 0 or at least 10 (the disclosure minimum), so ward intervals here use
  // Byar's method; the exact limits for small counts are tested in the core (stats.rs).
  await page.goto(`/wards?measure=${measureId}&period=${latest}&within=all&benchmark=district`);
  const option = await checkComparison(page, expected);
  await expect(page.getByTestId('unranked-note')).toContainText(`${expected.unranked.length} wards have a value withheld to protect confidentiality ([c])`);
  // Different benchmarks per ward: a mark on each row at its district's value.
  const marks = option.series.find((s) => s.name === 'Benchmark');
  expected.ranked.forEach((r, i) => expect(Math.abs(marks.data[i] - r.bench.value)).toBeLessThanOrEqual(0.005 + 1e-9));
  const rows = await tableRows(page);
  rows.forEach((row, i) => expect(row.cells.benchmark).toContain(expected.all[i].benchmarkName));
});

test('the CSV carries the context columns, every ward, and the symbols', async ({ page }) => {
  const measureId = 'temporary-accommodation';
  const expected = expectedRanking({ measureId, within: 'E07000010' });
  await page.goto(`/wards?measure=${measureId}&period=${latest}&within=E07000010`);
  await expect(page.getByTestId('wards-table').locator('tbody tr')).toHaveCount(expected.all.length);
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator('[data-panel="ranked"] [data-testid="csv-download"]').click()]);
  expect(file.suggestedFilename()).toBe(`ward-comparison-${measureId}-${latest}-E07000010.csv`);
  const [header, ...rows] = parseCsv(readFileSync(await file.path(), 'utf8'));
  expect(header.slice(0, 8)).toEqual(['measure_id', 'measure', 'period', 'wards_compared', 'benchmark_choice', 'rank', 'ward_code', 'ward_name']);
  expect(rows.map((r) => r[6])).toEqual(expected.all.map((r) => r.code));
  rows.forEach((r, i) => {
    const want = expected.all[i];
    expect(r.slice(0, 5)).toEqual([measureId, expected.measure.title, latest, 'wards in Fenland', 'county']);
    const column = (name) => r[header.indexOf(name)];
    if (want.estimate.symbol) {
      expect([column('rank'), column('value'), column('lower_95')]).toEqual(['[z]', want.estimate.symbol, want.estimate.symbol]);
    } else {
      expect(Math.abs(Number(column('value')) - want.estimate.value)).toBeLessThanOrEqual(0.005 + 1e-9);
      expect(Math.abs(Number(column('upper_95')) - want.estimate.upper)).toBeLessThanOrEqual(0.005 + 1e-9);
    }
    expect(column('compared_with_benchmark')).toBe(want.significance);
  });
});

test('the gap between the most and least deprived fifths and the scatter match the feed', async ({ page }) => {
  const measureId = feed.measures.catalogue[0].id;
  const expected = expectedRanking({ measureId });
  const points = expected.ranked.filter((r) => r.deprivation).sort((a, b) => (a.code < b.code ? -1 : 1))
    .sort((a, b) => a.deprivation.average - b.deprivation.average);
  const size = Math.floor(points.length / 5);
  const mean = (list) => list.reduce((s, r) => s + r.estimate.value, 0) / list.length;
  const most = mean(points.slice(0, size));
  const least = mean(points.slice(points.length - size));
  await page.goto('/wards');
  await expect(page.getByTestId('gap-summary')).toContainText(`The most deprived fifth of wards (${size} wards`);
  const cells = await page.getByTestId('gap-table').locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent.trim())));
  expect(cells[0][0]).toBe(String(size));
  expect(near(cells[0][2], most)).toBe(true);
  expect(near(cells[1][2], least)).toBe(true);
  expect(near(cells[2][2], most - least)).toBe(true);
  const direction = most > least ? 'higher' : 'lower';
  await expect(page.getByTestId('gap-summary')).toContainText(`percentage points, ${direction}`);
  const option = await chartOption(page, 'Scatter chart of the measure against deprivation');
  const wards = option.series.find((s) => s.name === 'Wards').data;
  expect(wards.length).toBe(points.length);
  for (const r of points) {
    const point = wards.find((d) => d.name === r.name);
    expect(Math.abs(point.value[0] - r.deprivation.average)).toBeLessThanOrEqual(0.005 + 1e-9);
    expect(Math.abs(point.value[1] - r.estimate.value)).toBeLessThanOrEqual(0.005 + 1e-9);
  }
});

test('colouring by deprivation names each band in the key and the table', async ({ page }) => {
  const expected = expectedRanking({ measureId: feed.measures.catalogue[1].id });
  await page.goto(`/wards?measure=${expected.measure.id}&colour=deprivation`);
  const option = await chartOption(page, RANKED);
  const band = (d) => (d < 3 ? 'most deprived' : d < 5 ? 'more deprived' : d < 7 ? 'middle' : d < 9 ? 'less deprived' : 'least deprived');
  expected.ranked.forEach((r, i) => {
    const group = option.series.find((s) => s.type === 'bar' && s.name !== 'interval-base' && s.data[i] !== '-');
    expect(group.name.toLowerCase().startsWith(band(r.deprivation.average))).toBe(true);
  });
  const rows = await tableRows(page);
  rows.forEach((row, i) => {
    const want = expected.all[i];
    expect(row.cells.band.startsWith(band(want.deprivation.average))).toBe(true);
    expect(near(row.cells.imd, want.deprivation.average)).toBe(true);
    expect(row.cells['most-deprived']).toBe(`${want.deprivation.deprived} of ${want.deprivation.lsoas}`);
  });
  await expect(page.getByTestId('wards-key')).toContainText('Most deprived (average decile below 3)');
});

test('the filter box narrows the chart and the table without changing ranks', async ({ page }) => {
  const expected = expectedRanking({ measureId: feed.measures.catalogue[0].id });
  await page.goto('/wards');
  await expect(page.getByTestId('wards-table').locator('tbody tr')).toHaveCount(expected.all.length);
  await page.getByLabel('Find a ward').fill('ab');
  const matching = expected.all.filter((r) => r.name.toLowerCase().includes('ab') || areaName(r.district).toLowerCase().includes('ab'));
  await expect(page.getByTestId('wards-table').locator('tbody tr')).toHaveCount(matching.length);
  await expect(page.getByTestId('wards-shown')).toHaveText(`Showing ${matching.length} of ${expected.all.length} wards.`);
  const rows = await tableRows(page);
  expect(rows.map((r) => [r.key, r.cells.rank])).toEqual(matching.map((r) => [r.code, String(r.rank ?? 'not ranked')]));
  await expect.poll(async () => (await chartOption(page, RANKED)).yAxis[0]).toEqual(matching.filter((r) => r.rank).map((r) => r.name));
});

test('sorting by keyboard alone: Enter and Space on a column header; [c] stays last', async ({ page }) => {
  const measureId = 'temporary-accommodation';
  const expected = expectedRanking({ measureId });
  await page.goto(`/wards?measure=${measureId}`);
  await expect(page.getByTestId('wards-table').locator('tbody tr')).toHaveCount(expected.all.length);
  const header = page.locator('[data-testid="wards-table"] th[data-column="value"]');
  await expect(header).toHaveAttribute('aria-sort', 'none');
  await expect(page.locator('[data-testid="wards-table"] th[data-column="rank"]')).toHaveAttribute('aria-sort', 'ascending');

  await tabTo(page, '[data-testid="wards-table"] th[data-column="value"] button');
  await page.keyboard.press('Enter');
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  await expect(page.getByTestId('sort-status').first()).toHaveText('Table sorted by Value, ascending.');
  const byValue = [...expected.ranked].sort((a, b) => a.estimate.value - b.estimate.value).map((r) => r.estimate.value);
  let rows = await tableRows(page);
  const values = rows.filter((r) => !r.cells.value.startsWith('[')).map((r) => parseFloat(r.cells.value));
  expect(values.length).toBe(byValue.length);
  values.forEach((v, i) => expect(Math.abs(v - byValue[i])).toBeLessThanOrEqual(0.05 + 1e-9));
  expect(rows.slice(expected.ranked.length).every((r) => r.cells.value === '[c]')).toBe(true);

  await page.keyboard.press('Space');
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  rows = await tableRows(page);
  const descending = rows.filter((r) => !r.cells.value.startsWith('[')).map((r) => parseFloat(r.cells.value));
  expect(descending).toEqual([...descending].sort((a, b) => b - a));
  expect(rows.slice(expected.ranked.length).every((r) => r.cells.value === '[c]')).toBe(true);

  // Sort by ward name with the keyboard too.
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await expect(page.locator('[data-testid="wards-table"] th[data-column="ward"] button')).toBeFocused();
  await page.keyboard.press('Enter');
  rows = await tableRows(page);
  const names = rows.map((r) => r.cells.ward.toLowerCase());
  expect(names).toEqual([...names].sort());
});

test('filtering by district and opening a ward by keyboard alone', async ({ page }) => {
  const fenland = feed.geography.districts.find((d) => d.name === 'Fenland');
  const expected = expectedRanking({ measureId: feed.measures.catalogue[0].id, within: fenland.code });
  await page.goto('/wards');
  await expect(page.getByTestId('wards-table')).toBeVisible();
  await tabTo(page, '[data-testid="district-links"] a', 'Fenland');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`within=${fenland.code}`));
  await expect(page.getByTestId('wards-table').locator('tbody tr')).toHaveCount(expected.all.length);
  await checkComparison(page, expected);

  // Open the first ward in the table.
  const first = expected.all[0];
  await tabTo(page, '[data-testid="wards-table"] tbody a');
  await expect(page.locator(':focus')).toHaveText(first.name);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`ward=${first.code}`));
  await expect(page.getByTestId('ward-heading')).toHaveText(`${first.name} ward`);
  await expect(page).toHaveTitle(new RegExp(`^${first.name} ward`));

  // Its LSOAs with national and local deciles, most deprived first.
  const lsoas = feed.geography.lsoas.filter((l) => l.ward === first.code);
  const lsoaRows = await tableRows(page, 'lsoa-table');
  const inOrder = [...lsoas].sort((a, b) => a.imd_national_decile - b.imd_national_decile);
  expect(lsoaRows.map((r) => r.cells.national)).toEqual(inOrder.map((l) => String(l.imd_national_decile)));
  for (const row of lsoaRows) {
    const lsoa = lsoas.find((l) => l.code === row.key);
    expect([row.cells.lsoa, row.cells.code, row.cells.national, row.cells.local])
      .toEqual([lsoa.name, lsoa.code, String(lsoa.imd_national_decile), String(lsoa.imd_local_decile)]);
  }
  // The LSOA table sorts by keyboard as well.
  await tabTo(page, '[data-testid="lsoa-table"] th[data-column="local"] button');
  await page.keyboard.press('Space');
  await expect(page.locator('[data-testid="lsoa-table"] th[data-column="local"]')).toHaveAttribute('aria-sort', 'ascending');
  const byLocal = (await tableRows(page, 'lsoa-table')).map((r) => Number(r.cells.local));
  expect(byLocal).toEqual([...byLocal].sort((a, b) => a - b));

  // Place plans, the journey link, and every measure against the benchmark in words.
  const plans = feed.place_plans.filter((p) => p.wards.includes(first.code));
  for (const plan of plans) await expect(page.getByTestId('ward-plans')).toContainText(plan.name);
  await expect(page.getByTestId('ward-journey-link')).toHaveAttribute('href', `/journey?area=${first.code}`);
  const measureRows = await page.getByTestId('ward-measures-table').locator('tbody tr').evaluateAll((rows) => rows.map((r) => ({
    id: r.dataset.measure,
    cells: Object.fromEntries([...r.querySelectorAll('td')].map((c) => [c.dataset.column, c.textContent.trim()])),
  })));
  expect(measureRows.map((r) => r.id)).toEqual(feed.measures.catalogue.map((m) => m.id));
  for (const row of measureRows) {
    const measure = feed.measures.catalogue.find((m) => m.id === row.id);
    const values = feed.measures.values.filter((v) => v.measure === row.id && v.period === latest);
    const estimate = estimateOf(measure, values.find((v) => v.area === first.code));
    const bench = estimateOf(measure, values.find((v) => v.area === county.code));
    expect(row.cells.significance).toBe(significanceOf(measure, estimate, bench));
    if (estimate.symbol) expect(row.cells.value).toBe(estimate.symbol);
    else expect(near(row.cells.value, estimate.value)).toBe(true);
  }

  // Back to the comparison, still in Fenland.
  await tabTo(page, 'a.govuk-back-link');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`within=${fenland.code}`));
  await expect(page).not.toHaveURL(/ward=/);
  await expect(page.getByTestId('wards-table').locator('tbody tr')).toHaveCount(expected.all.length);
});

test('a place plan\'s wards, and unknown choices get a clear message with a way back', async ({ page }) => {
  const plan = feed.place_plans.find((p) => p.wards.length >= 3);
  const expected = expectedRanking({ measureId: feed.measures.catalogue[3].id, within: plan.id });
  await page.goto(`/wards?measure=${expected.measure.id}&within=${plan.id}`);
  await checkComparison(page, expected);
  await expect(page.getByTestId('selection-heading')).toContainText(plan.name);

  await page.goto('/wards?measure=no-such-measure&within=E05999999&colour=rainbow');
  const error = page.getByTestId('selection-error');
  await expect(error).toContainText('There is no measure called “no-such-measure”');
  await expect(error).toContainText('There is no district or place plan “E05999999”');
  await expect(error).toContainText('“rainbow” is not a colouring');
  // Another link with a problem, by the app's router: the list follows it.
  await page.evaluate(() => { history.pushState(null, '', '/wards?benchmark=region'); dispatchEvent(new PopStateEvent('popstate')); });
  await expect(error).not.toContainText('no-such-measure');
  await expect(error).toContainText('region');
  await expect(page.locator('#main-content h1')).toHaveText('Ward comparisons');
  await error.getByRole('link').click();
  await expect(page).toHaveURL(/\/wards$/);
  await expect(page.getByTestId('wards-table')).toBeVisible();
});

test('a change of selection keeps the choices and the charts and gives each its new figures', async ({ page }) => {
  const fenland = feed.geography.districts.find((d) => d.name === 'Fenland');
  // Fenland first, so its district's file is held (all wards load only the measure's file), then
  // all wards from the district links.
  await page.goto(`/wards?within=${fenland.code}`);
  await checkComparison(page, expectedRanking({ measureId: feed.measures.catalogue[0].id, within: fenland.code }));
  await page.locator('[data-testid="district-links"] a', { hasText: 'All wards' }).click();
  await checkComparison(page, expectedRanking({ measureId: feed.measures.catalogue[0].id }));
  // Marks on what should stay: the list of wards to compare, and each chart's ECharts instance.
  const marks = () => page.evaluate(() => {
    const instance = (label) => window.echarts.getInstanceByDom(document.querySelector(`[data-chart="${label}"]`))?.id;
    return { list: document.querySelector('#within').dataset.mark ?? null,
      ranked: instance('Wards ranked with 95% confidence intervals'), scatter: instance('Scatter chart of the measure against deprivation') };
  });
  // The ranked chart's box and its drawing: the same height, which follows the number of wards.
  const rankedHeight = () => page.evaluate(() => {
    const box = document.querySelector('[data-chart="Wards ranked with 95% confidence intervals"]');
    const drawn = window.echarts.getInstanceByDom(box).getHeight();
    return drawn === box.clientHeight ? drawn : `drawn ${drawn} in a box of ${box.clientHeight}`;
  });
  const allHeight = await rankedHeight();
  expect(allHeight).toBeGreaterThan(1000);
  await page.evaluate(() => { document.querySelector('#within').dataset.mark = 'kept'; });
  const before = await marks();
  expect(before.list).toBe('kept');

  // A district link: the list follows the link, the page keeps its parts.
  await page.locator('[data-testid="district-links"] a', { hasText: 'Fenland' }).click();
  await expect(page).toHaveURL(new RegExp(`within=${fenland.code}`));
  await checkComparison(page, expectedRanking({ measureId: feed.measures.catalogue[0].id, within: fenland.code }));
  await expect(page.locator('#within')).toHaveValue(fenland.code);
  await expect(page.locator('[data-testid="district-links"] a[aria-current="page"]')).toHaveText('Fenland');
  expect(await marks()).toEqual(before);
  const fenlandHeight = await rankedHeight();
  expect(typeof fenlandHeight).toBe('number');
  expect(fenlandHeight).toBeLessThan(allHeight);

  // Another measure and period from the form: every part shows the new selection.
  const measure = feed.measures.catalogue.find((m) => m.unit !== feed.measures.catalogue[0].unit);
  const period = feed.publication.periods.at(-2).period;
  await page.locator('#measure').selectOption(measure.id);
  await page.locator('#period').selectOption(period);
  await page.getByRole('button', { name: 'Show wards' }).click();
  await expect(page).toHaveURL(new RegExp(`measure=${measure.id}&period=${period}`));
  await checkComparison(page, expectedRanking({ measureId: measure.id, period, within: fenland.code }));
  await expect(page.getByTestId('selection-heading')).toHaveText(new RegExp(`^${measure.title}: wards in Fenland`));
  await expect(page.locator('details.govuk-details dd').first()).toHaveText(measure.definition);
  await expect(page.locator('[data-panel="ranked"] [data-testid="csv-download"]')).toHaveAttribute('download', `ward-comparison-${measure.id}-${period}-${fenland.code}.csv`);
  await expect(page.locator('#measure')).toHaveValue(measure.id);
  expect(await marks()).toEqual(before);

  // Colouring by deprivation adds a column to the table; the chart stays and is recoloured.
  await page.locator('#colour').selectOption('deprivation');
  await page.getByRole('button', { name: 'Show wards' }).click();
  await expect(page.locator('[data-testid="wards-table"] th[data-column="band"]')).toBeVisible();
  await expect.poll(async () => (await chartOption(page, RANKED)).series.map((s) => s.name)).toContain('Most deprived (average decile below 3)');
  expect(await marks()).toEqual(before);

  // Back and back again: the choices follow the address, not what was last picked.
  await page.goBack();
  await expect(page.locator('#colour')).toHaveValue('significance');
  await expect(page.locator('[data-testid="wards-table"] th[data-column="band"]')).toHaveCount(0);
  await page.goBack();
  await expect(page.locator('#measure')).toHaveValue(feed.measures.catalogue[0].id);
  await expect(page.locator('#period')).toHaveValue(latest);
  await checkComparison(page, expectedRanking({ measureId: feed.measures.catalogue[0].id, within: fenland.code }));
  expect(await marks()).toEqual(before);
  expect(await rankedHeight()).toBe(fenlandHeight);
});

test('a district, a place plan or a ward loads only its district\'s file; all wards, only the measure\'s file', async ({ page }) => {
  const requested = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  const districtFiles = () => requested.filter((path) => path.startsWith('/data/districts/'));
  const measureFiles = () => requested.filter((path) => path.startsWith('/data/measures/'));
  const [first, second, third] = feed.geography.districts;

  // Opened straight at one district: its ranking from the summary and its file alone.
  const expected = expectedRanking({ measureId: feed.measures.catalogue[0].id, within: first.code });
  await page.goto(`/wards?within=${first.code}`);
  await checkComparison(page, expected);
  expect(districtFiles()).toEqual([`/data/districts/${first.code}.json`]);
  expect(requested, 'no whole feed for one district').not.toContain('/data/feed.json');

  // A place plan of another district: that district's file is added.
  const plan = feed.place_plans.find((p) => p.district === second.code && p.wards.length >= 2);
  requested.length = 0;
  await page.goto(`/wards?within=${plan.id}`);
  await checkComparison(page, expectedRanking({ measureId: feed.measures.catalogue[0].id, within: plan.id }));
  expect(districtFiles()).toEqual([`/data/districts/${second.code}.json`]);

  // A ward's profile: its district's file.
  const ward = feed.geography.wards.find((w) => w.district === third.code);
  requested.length = 0;
  await page.goto(`/wards?ward=${ward.code}`);
  await expect(page.getByTestId('ward-heading')).toHaveText(`${ward.name} ward`);
  expect(districtFiles()).toEqual([`/data/districts/${third.code}.json`]);
  // A link with a problem needs nothing more than the summary.
  requested.length = 0;
  await page.goto('/wards?within=E05999999');
  await expect(page.getByTestId('selection-error')).toBeVisible();
  expect(districtFiles()).toEqual([]);
  expect(requested, 'no whole feed for a link with a problem').not.toContain('/data/feed.json');

  // All wards: every ward's values of the measure, from its file alone (never the whole feed).
  const [measure, another] = feed.measures.catalogue;
  requested.length = 0;
  await page.goto('/wards');
  await checkComparison(page, expectedRanking({ measureId: measure.id }));
  expect(measureFiles()).toEqual([`/data/measures/${measure.id}.json`]);
  expect(districtFiles()).toEqual([]);
  // Another measure: its file; back to the first: held already.
  await page.locator('#measure').selectOption(another.id);
  await page.getByRole('button', { name: 'Show wards' }).click();
  await checkComparison(page, expectedRanking({ measureId: another.id }));
  await page.goBack();
  await checkComparison(page, expectedRanking({ measureId: measure.id }));
  expect(measureFiles()).toEqual([`/data/measures/${measure.id}.json`, `/data/measures/${another.id}.json`]);
  // A district's wards on a measure whose file is held: nothing more is loaded.
  const fourth = feed.geography.districts[3];
  await page.locator('[data-testid="district-links"] a', { hasText: fourth.name }).click();
  await checkComparison(page, expectedRanking({ measureId: measure.id, within: fourth.code }));
  expect(districtFiles()).toEqual([]);
  // One of its wards: its district's file, which repeats the ward's values already held from
  // the measures' files, merges without a problem.
  const other = feed.geography.wards.find((w) => w.district === fourth.code);
  await page.locator(`[data-testid="wards-table"] a[href*="ward=${other.code}"]`).click();
  await expect(page.getByTestId('ward-heading')).toHaveText(`${other.name} ward`);
  await expect(page.getByTestId('load-error')).toHaveCount(0);
  expect(districtFiles()).toEqual([`/data/districts/${fourth.code}.json`]);
  expect(requested, 'no whole feed for all wards').not.toContain('/data/feed.json');
});
