// Several selections (a ward, a place plan, a district; two cohorts): every table, CSV download
// and chart series on /journey equals numbers computed here, independently, from the feed file.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { defaultBenchmark, expectedComparison, expectedFunnelTable, loadFeed, parseCsv, row } from './feed.mjs';

const feed = loadFeed();
const latest = feed.publication.periods.at(-1).period;
const earlier = feed.publication.periods.at(-3).period;
const ward = feed.journey.funnel.find((r) => r.area.startsWith('E05') && r.cohort === 'families' && r.period === latest && r.counts.includes('[c]'));
const plan = feed.place_plans[0].id;
const district = feed.geography.districts[2].code;

const SELECTIONS = [
  { name: 'a ward with a suppressed stage, families', period: latest, area: ward.area, cohort: 'families' },
  { name: 'a place plan, all residents, an earlier quarter', period: earlier, area: plan, cohort: 'all' },
  { name: 'a district, young people', period: latest, area: district, cohort: feed.journey.cohorts.find((c) => c.id.includes('young')).id },
];

const cellsOf = (page, testid) => page.getByTestId(testid).locator('tbody tr').evaluateAll((rows) =>
  rows.map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent.trim())));

async function seriesOf(page, label) {
  await page.waitForFunction((l) => {
    const el = document.querySelector(`[data-chart="${l}"]`);
    return window.echarts && el && window.echarts.getInstanceByDom(el)?.getOption()?.series?.length > 0;
  }, label);
  return page.evaluate((l) => window.echarts.getInstanceByDom(document.querySelector(`[data-chart="${l}"]`)).getOption().series
    .map((s) => ({ name: s.name, type: s.type, data: (s.data ?? []).map((d) => (typeof d === 'object' && d !== null ? d.value : d)), links: s.links })), label);
}

async function download(page, panel, index = 0) {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.locator(`[data-panel="${panel}"] [data-testid="csv-download"]`).nth(index).click(),
  ]);
  return { name: file.suggestedFilename(), rows: parseCsv(readFileSync(await file.path(), 'utf8')) };
}

const shown = (count) => (count === '[c]' ? '[c]' : count.toLocaleString('en-GB'));

for (const selection of SELECTIONS) {
  test(`journey figures for ${selection.name}`, async ({ page }) => {
    const { period, area, cohort } = selection;
    const funnel = row(feed, 'funnel', period, area, cohort).counts;
    await page.goto(`/journey?period=${period}&area=${area}&cohort=${cohort}`);

    // Funnel: table, chart, CSV.
    await expect.poll(() => cellsOf(page, 'funnel-table')).toEqual(expectedFunnelTable(funnel));
    const [funnelSeries] = await seriesOf(page, 'Life-journey funnel chart');
    expect(funnelSeries.data).toEqual(funnel.map((c) => (c === '[c]' ? '-' : c)));
    const funnelCsv = await download(page, 'funnel');
    expect(funnelCsv.name).toBe(`life-journey-funnel-${area}-${period}-${cohort}.csv`);
    expect(funnelCsv.rows[0]).toEqual(['period', 'area_code', 'area_name', 'cohort', 'stage', 'people', 'conversion_from_previous_percent', 'conversion_from_first_percent', 'drop_off']);
    expect(funnelCsv.rows.slice(1).map((r) => r[5])).toEqual(funnel.map(String));
    expect(new Set(funnelCsv.rows.slice(1).map((r) => `${r[0]}|${r[1]}|${r[3]}`))).toEqual(new Set([`${period}|${area}|${cohort}`]));

    // A suppressed stage shows [c] and hides the conversions that would need it.
    funnel.forEach((count, i) => {
      if (count !== '[c]') return;
      expect(funnelCsv.rows[i + 1][6]).toBe(i === 0 ? '[z]' : '[c]');
      if (i + 1 < funnel.length) expect(funnelCsv.rows[i + 2][6]).toBe('[c]');
    });

    // Comparison with the default benchmark, Wilson intervals computed here.
    const benchmark = defaultBenchmark(feed, area);
    const benchmarkCounts = row(feed, 'funnel', period, benchmark, cohort).counts;
    const expected = expectedComparison(funnel, benchmarkCounts);
    expect(await cellsOf(page, 'comparison-table')).toEqual(expected);
    const comparisonSeries = await seriesOf(page, 'Conversion compared with the benchmark chart');
    const points = comparisonSeries.filter((s) => s.type === 'scatter');
    expect(points[0].data.map((v) => (v === '-' ? '-' : `${v.toFixed(1)}%`))).toEqual(expected.map((r) => (r[0].startsWith('[') ? '-' : r[0])));
    expect(points[1].data.map((v) => (v === '-' ? '-' : `${v.toFixed(1)}%`))).toEqual(expected.map((r) => (r[2].startsWith('[') ? '-' : r[2])));
    const comparisonCsv = await download(page, 'comparison');
    expect(comparisonCsv.rows.slice(1).map((r) => r[11])).toEqual(expected.map((r) => r[3].replace(' benchmark', '').replace(/ (than|to)$/, '')));

    // Trend over every period.
    const trendRows = feed.publication.periods.map(({ period: p }) => row(feed, 'funnel', p, area, cohort)).filter(Boolean);
    expect((await cellsOf(page, 'trend-table')).map((r) => r[0])).toEqual(trendRows.map((r) => shown(r.counts[0])));
    const trendSeries = await seriesOf(page, 'Trend chart of people identified and end-to-end conversion');
    expect(trendSeries[0].data).toEqual(trendRows.map((r) => (r.counts[0] === '[c]' ? '-' : r.counts[0])));

    // Front doors, hand-overs and outcomes by domain.
    for (const [table, testid, panel, index] of [['entries', 'entries-table', 'flows', 0], ['handovers', 'handovers-table', 'flows', 1], ['outcomes', 'outcomes-table', 'outcomes', 0]]) {
      const counts = row(feed, table, period, area, cohort).counts;
      expect((await cellsOf(page, testid)).map((r) => r[0]), table).toEqual(counts.map(shown));
      const csv = await download(page, panel, index);
      expect(csv.rows.slice(1).map((r) => r[5]), `${table} CSV`).toEqual(counts.map(String));
    }
    const [sankey] = await seriesOf(page, 'Sankey diagram of entry routes into the journey and warm hand-overs to services');
    const entries = row(feed, 'entries', period, area, cohort).counts;
    const drawn = sankey.links.filter((l) => l.target === 'Life journey').map((l) => l.value);
    expect(drawn).toEqual(entries.filter((c) => c !== '[c]' && c > 0));
  });
}

test('stage definitions are one click away', async ({ page }) => {
  await page.goto('/journey');
  await page.getByText('What the stages mean').click();
  const definitions = page.getByTestId('stage-definitions');
  for (const stage of feed.journey.stages) {
    await expect(definitions).toContainText(stage.definition);
  }
});

test('the area search narrows the list and the choice is kept in the URL', async ({ page }) => {
  await page.goto('/journey');
  const wardName = feed.geography.wards.find((w) => w.code === ward.area).name;
  await page.fill('#area-search', wardName.slice(0, 6));
  const options = await page.locator('#area option').allTextContents();
  expect(options.length).toBeLessThan(feed.geography.wards.length);
  expect(options).toContain(wardName);
  await page.selectOption('#area', ward.area);
  await page.getByRole('button', { name: 'Show figures' }).click();
  await expect(page).toHaveURL(new RegExp(`area=${ward.area}`));
  await expect(page.getByTestId('selection-heading')).toContainText(wardName);
});

test('with over 1,000 wards and plans the list holds them only as matches of the search, and says so', async ({ page }) => {
  // The summary the first view loads, with 1,000 more (invented) wards: a national-sized list.
  const summary = JSON.parse(readFileSync('dist/data/summary.json', 'utf8'));
  const extra = Array.from({ length: 1000 }, (_, i) => String(i + 1).padStart(4, '0'));
  summary.geography.wards.push(...extra.map((n) => ({ code: `E0599${n.padStart(4, '0')}`, name: `Testward ${n}`, district: feed.geography.districts[0].code })));
  summary.geography.lsoas.push(...extra.map((n) => ({ code: `E0199${n.padStart(4, '0')}`, name: `Test ${n}A`, ward: `E0599${n.padStart(4, '0')}`, imd_national_decile: 5, imd_local_decile: 5, households: 500 })));
  await page.route('**/data/summary.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(summary) }));
  await page.goto('/journey');
  await expect(page.getByTestId('funnel-table')).toBeVisible();
  const total = summary.geography.wards.length + summary.place_plans.length;
  const note = page.getByTestId('area-list-note');
  await expect(note).toHaveText(`Wards and place plans are listed only as you search: type part of a name to list any of the ${total.toLocaleString('en-GB')}.`);
  await expect(page.locator('#area-search-hint')).toHaveText('Type part of a ward, plan or district name to list it');
  await expect(page.locator('#area')).toHaveAttribute('aria-describedby', 'area-list-note');
  await expect(page.locator('#area-search')).toHaveAttribute('aria-describedby', 'area-search-hint area-list-note');
  expect(await page.locator('#area option').count(), 'the county and the districts only').toBe(1 + feed.geography.districts.length);

  await page.fill('#area-search', 'testward');
  await expect(note).toHaveText('Only the first 100 matches of each kind are listed (900 more match): type more of the name to narrow the list.');
  await expect(page.locator('#area optgroup[label="Wards"] option')).toHaveCount(100);
  await expect(page.locator('#area')).toHaveValue(feed.geography.county.code);
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`), 'axe on the long list').toEqual([]);

  const abbey = feed.geography.wards[0];
  await page.fill('#area-search', abbey.name);
  await expect(note).toHaveText(`Every ward and place plan matching “${abbey.name}” is listed.`);
  expect(await page.locator('#area optgroup[label="Wards"] option').allTextContents()).toContain(abbey.name);
  await page.fill('#area-search', 'no such place');
  await expect(note).toHaveText('No ward or place plan matches “no such place”.');
  await expect(page.locator('#area optgroup[label="Wards"]')).toHaveCount(0);
});

test('choosing the whole area as benchmark compares a ward with the county', async ({ page }) => {
  await page.goto(`/journey?area=${ward.area}&benchmark=county`);
  await expect(page.locator('#comparison-heading')).toHaveText(`Compared with ${feed.geography.county.name}`);
  await expect(page.locator('#benchmark')).toHaveValue('county');
});

test('a financial year shows the figures published for the whole year, not a sum of quarters', async ({ page }) => {
  const yearRow = feed.journey.funnel.find((r) => /^\d{4}-\d{2}$/.test(r.period) && r.area === district && r.cohort === 'all');
  expect(yearRow, 'the demo feed publishes a complete financial year').toBeTruthy();
  await page.goto(`/journey?period=${yearRow.period}&area=${district}&cohort=all`);
  await expect.poll(() => cellsOf(page, 'funnel-table')).toEqual(expectedFunnelTable(yearRow.counts));
  await expect(page.locator('#period')).toHaveValue(yearRow.period);
  await expect(page.getByTestId('selection-heading')).toContainText(`(${yearRow.period})`);
  const funnelCsv = await download(page, 'funnel');
  expect(funnelCsv.rows[1][0]).toBe(yearRow.period);
});
