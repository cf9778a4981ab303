import { test, expect } from '@playwright/test';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expectedFunnelTable, funnelRow, latestPeriod, loadFeed } from './feed.mjs';

const feed = loadFeed();

async function tableRows(page) {
  const table = page.getByTestId('funnel-table');
  await expect(table).toBeVisible();
  return table.locator('tbody tr').evaluateAll((rows) =>
    rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent.trim())));
}

/** The funnel series data held by the ECharts instance on the page, once it has drawn. */
async function chartData(page) {
  await page.waitForFunction(() => {
    const el = document.querySelector('.app-chart');
    return window.echarts && el && window.echarts.getInstanceByDom(el)?.getOption()?.series?.length > 0;
  });
  return page.evaluate(() => {
    const option = window.echarts.getInstanceByDom(document.querySelector('.app-chart')).getOption();
    return { type: option.series[0].type, sort: option.series[0].sort, data: option.series[0].data.map((d) => ({ name: d.name, value: d.value, label: d.label?.formatter })) };
  });
}

test('the county funnel for the latest quarter matches the feed, in the table and in the chart', async ({ page }) => {
  const row = funnelRow(feed, latestPeriod(feed), feed.geography.county.code, 'all');
  expect(row, 'the demo feed has a county funnel for the latest quarter').toBeTruthy();
  await page.goto('/journey');
  expect(await tableRows(page)).toEqual(expectedFunnelTable(row.counts));

  const chart = await chartData(page);
  expect(chart.type).toBe('funnel');
  expect(chart.sort, 'stages keep journey order').toBe('none');
  expect(chart.data.map((d) => d.value)).toEqual(row.counts.map((c) => (c === '[c]' ? '-' : c)));
  expect(chart.data.map((d) => d.name.replace(/ \[c\]$/, ''))).toEqual(feed.journey.stages.map((s) => s.name));
  // The labels drawn beside the funnel: each count with thousands separators, as in the table.
  expect(chart.data.map((d) => d.label)).toEqual(row.counts.map((c) => (c === '[c]' ? undefined : `{b}: ${c.toLocaleString('en-GB')}`)));
  expect(row.counts.some((c) => c !== '[c]' && c >= 1000), 'the county funnel has a count of four digits or more').toBe(true);
  await expect(page).toHaveTitle(/^Life journey – Think Communities outcomes$/);
});

test('every chart of the journey page is drawn, not only given its option', async ({ page }) => {
  // Charts are created in one task and drawn at the next animation frame (`lazyUpdate`): a chart
  // whose drawing never came would still hold its option, so look at the canvas itself.
  const painted = (canvas) => {
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let pixels = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) pixels += 1;
    return pixels;
  };
  await page.goto('/journey');
  await expect(page.getByTestId('funnel-table')).toBeVisible();
  const charts = page.locator('.app-chart');
  // The county's view: the funnel, its trend, the flows and the outcomes (a ward adds a comparison).
  await expect(charts).toHaveCount(4);
  // The check itself: a canvas nothing was drawn on has no painted pixel.
  expect(await page.evaluate(`(${painted})(Object.assign(document.createElement('canvas'), { width: 40, height: 40 }))`)).toBe(0);
  for (const chart of await charts.all()) {
    await chart.scrollIntoViewIfNeeded();
    await expect
      .poll(() => chart.evaluate((box, source) => {
        const canvas = box.querySelector('canvas');
        return canvas ? new Function(`return (${source})`)()(canvas) : 0;
      }, painted.toString()), { message: `${await chart.getAttribute('data-chart')} has painted pixels` })
      .toBeGreaterThan(500);
  }
});

test('the first view loads only the summary; a ward loads its district\'s file once, then shows its figures', async ({ page }) => {
  const requested = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  await page.goto('/journey');
  await expect(page.getByTestId('funnel-table')).toBeVisible();
  expect(requested).toContain('/data/summary.json');
  expect(requested.filter((path) => path.startsWith('/data/districts/')), 'no district file for the county').toEqual([]);

  // Two wards of one district, then a ward of another: one file per district, never the whole feed.
  const first = feed.geography.wards[3];
  const sameDistrict = feed.geography.wards.find((w) => w.district === first.district && w.code !== first.code);
  const otherDistrict = feed.geography.wards.find((w) => w.district !== first.district);
  for (const ward of [first, sameDistrict, otherDistrict]) {
    await page.locator('#area').selectOption(ward.code);
    await page.getByRole('button', { name: 'Show figures' }).click();
    await expect(page).toHaveURL(new RegExp(`area=${ward.code}`));
    await expect(page.getByTestId('selection-heading')).toContainText(ward.name);
    const row = funnelRow(feed, latestPeriod(feed), ward.code, 'all');
    await expect.poll(() => tableRows(page)).toEqual(expectedFunnelTable(row.counts));
  }
  const districtFiles = requested.filter((path) => path.startsWith('/data/districts/'));
  expect(districtFiles, 'each district\'s file fetched once, then reused').toEqual(
    [`/data/districts/${first.district}.json`, `/data/districts/${otherDistrict.district}.json`]);
  expect(requested, 'the whole feed is not downloaded for a ward').not.toContain('/data/feed.json');

  // Back to the first ward: its district is still held, nothing is fetched again.
  await page.goBack();
  await page.goBack();
  await expect(page.getByTestId('selection-heading')).toContainText(first.name);
  expect(await tableRows(page)).toEqual(expectedFunnelTable(funnelRow(feed, latestPeriod(feed), first.code, 'all').counts));
  expect(requested.filter((path) => path.startsWith('/data/districts/')).length).toBe(2);
});

test('moving on while a district\'s file arrives shows the area chosen last, and nothing breaks', async ({ page }) => {
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  const slow = feed.geography.wards[3];
  const fast = feed.geography.wards.find((w) => w.district !== slow.district);
  // The first ward's district file takes a second; the reader chooses another ward meanwhile.
  await page.route(`**/data/districts/${slow.district}.json`, async (route) => {
    await new Promise((done) => setTimeout(done, 1000));
    await route.continue();
  });
  await page.goto('/journey');
  await expect(page.getByTestId('funnel-table')).toBeVisible();
  await page.locator('#area').selectOption(slow.code);
  await page.getByRole('button', { name: 'Show figures' }).click();
  await expect(page.getByTestId('loading-whole')).toBeVisible();
  await page.locator('#area').selectOption(fast.code);
  await page.getByRole('button', { name: 'Show figures' }).click();
  await expect(page.getByTestId('selection-heading')).toContainText(fast.name);
  await page.waitForTimeout(1500);
  await expect(page.getByTestId('selection-heading')).toContainText(fast.name);
  await expect(page.getByTestId('loading-whole')).toHaveCount(0);
  expect(await tableRows(page)).toEqual(expectedFunnelTable(funnelRow(feed, latestPeriod(feed), fast.code, 'all').counts));
  // Then the slow one, now held: shown without fetching it again.
  await page.locator('#area').selectOption(slow.code);
  await page.getByRole('button', { name: 'Show figures' }).click();
  await expect(page.getByTestId('selection-heading')).toContainText(slow.name);
  await expect.poll(() => tableRows(page)).toEqual(expectedFunnelTable(funnelRow(feed, latestPeriod(feed), slow.code, 'all').counts));
  expect(errors, 'no panic, no error in the console').toEqual([]);
});

test('a district file that is not the one the manifest lists, or is not valid, shows a clear message and no figures', async ({ page }) => {
  const ward = feed.geography.wards[3];
  const file = `dist/data/districts/${ward.district}.json`;
  // Same figures, one byte more: not the file the manifest lists.
  await page.route(`**/data/districts/${ward.district}.json`, (route) => route.fulfill({
    status: 200, contentType: 'application/json', body: Buffer.concat([readFileSync(file), Buffer.from('\n')]) }));
  await page.goto(`/journey?area=${ward.code}`);
  const error = page.getByTestId('load-error');
  await expect(error).toContainText('are not the file this release lists');
  await expect(error).toContainText(feed.geography.districts.find((d) => d.code === ward.district).name);
  await expect(page.getByTestId('funnel-table')).toHaveCount(0);

  // A file the manifest does list, but whose ward names differ from the summary's: refused
  // with the path of the problem; the county, from the summary, still shows.
  const changed = JSON.parse(readFileSync(file, 'utf8'));
  changed.geography.wards[0].name = 'A ward renamed';
  const body = JSON.stringify(changed);
  const manifest = JSON.parse(readFileSync('dist/data/manifest.json', 'utf8'));
  manifest.files.find((f) => f.path === `districts/${ward.district}.json`).sha256 = createHash('sha256').update(body).digest('hex');
  await page.unrouteAll();
  await page.route('**/data/manifest.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(manifest) }));
  await page.route(`**/data/districts/${ward.district}.json`, (route) => route.fulfill({ status: 200, contentType: 'application/json', body }));
  await page.goto(`/journey?area=${ward.code}`);
  await expect(page.getByTestId('load-error')).toContainText('not valid');
  await page.getByText('Problems found in the data file').click();
  await expect(page.locator('.app-error-list')).toContainText('geography.wards');
  await expect(page.getByTestId('funnel-table')).toHaveCount(0);
  await page.goto('/journey');
  await expect(page.getByTestId('funnel-table')).toBeVisible();
});

test('a selection in the query string shows that area, cohort and period, and reopens from the URL', async ({ page }) => {
  // A ward with a suppressed stage in some cohort, to see [c] and the hidden conversions.
  const suppressed = feed.journey.funnel.find((r) => r.area.startsWith('E05') && r.cohort !== 'all' && r.counts.includes('[c]'));
  expect(suppressed, 'the demo feed has suppressed ward cells').toBeTruthy();
  await page.goto(`/journey?period=${suppressed.period}&area=${suppressed.area}&cohort=${suppressed.cohort}`);
  const rows = await tableRows(page);
  expect(rows).toEqual(expectedFunnelTable(suppressed.counts));
  const index = suppressed.counts.indexOf('[c]');
  expect(rows[index][0]).toBe('[c]');
  if (index > 0) expect(rows[index][1]).toBe('[c]');
  const chart = await chartData(page);
  expect(chart.data[index].value).toBe('-');
  await expect(page.locator('#area')).toHaveValue(suppressed.area);
  await expect(page.locator('#cohort')).toHaveValue(suppressed.cohort);
});

test('choosing another cohort with the form updates the URL and the figures; back returns', async ({ page }) => {
  await page.goto('/journey');
  await tableRows(page);
  const cohort = feed.journey.cohorts.find((c) => c.id !== 'all');
  await page.selectOption('#cohort', cohort.id);
  await page.getByRole('button', { name: 'Show figures' }).click();
  await expect(page).toHaveURL(new RegExp(`cohort=${cohort.id}`));
  const row = funnelRow(feed, latestPeriod(feed), feed.geography.county.code, cohort.id);
  await expect.poll(() => tableRows(page)).toEqual(expectedFunnelTable(row.counts));
  await page.goBack();
  const all = funnelRow(feed, latestPeriod(feed), feed.geography.county.code, 'all');
  await expect.poll(() => tableRows(page)).toEqual(expectedFunnelTable(all.counts));
});

test('a change of selection gives the same charts and choices the new figures; back sets the choices back', async ({ page }) => {
  const [first, second] = feed.geography.districts;
  const cohort = feed.journey.cohorts.find((c) => c.id !== 'all');
  await page.goto(`/journey?area=${first.code}`);
  const charts = () => page.evaluate(() => [...document.querySelectorAll('.app-chart')].map((el) => window.echarts?.getInstanceByDom(el)?.id ?? null));
  await expect.poll(async () => (await charts()).filter(Boolean).length, 'five charts for a district').toBe(5);
  const before = await charts();
  await page.evaluate(() => { document.querySelector('#area').dataset.kept = 'yes'; });

  await page.selectOption('#area', second.code);
  await page.selectOption('#cohort', cohort.id);
  await page.getByRole('button', { name: 'Show figures' }).click();
  await expect(page.getByTestId('selection-heading')).toContainText(`${second.name}, ${cohort.name}`);
  // The last panel follows a few tasks after the funnel.
  await expect(page.locator('[data-panel="outcomes"] [data-testid="csv-download"]')).toHaveAttribute('download', `life-journey-outcomes-${second.code}-${latestPeriod(feed)}-${cohort.id}.csv`);
  const row = funnelRow(feed, latestPeriod(feed), second.code, cohort.id);
  await expect.poll(() => chartData(page).then((chart) => chart.data.map((d) => d.value))).toEqual(row.counts.map((c) => (c === '[c]' ? '-' : c)));
  expect(await charts(), 'the same ECharts instances, given new options').toEqual(before);
  expect(await page.evaluate(() => document.querySelector('#area').dataset.kept), 'the same list of areas').toBe('yes');

  await page.goBack();
  await expect(page.getByTestId('selection-heading')).toContainText(first.name);
  await expect(page.locator('#area')).toHaveValue(first.code);
  await expect(page.locator('#cohort')).toHaveValue('all');
  const back = funnelRow(feed, latestPeriod(feed), first.code, 'all');
  await expect.poll(() => tableRows(page)).toEqual(expectedFunnelTable(back.counts));
});

test('an unknown ward or period in the URL says so, with a way back', async ({ page }) => {
  await page.goto('/journey?area=E05999999&period=2031-Q1');
  const error = page.getByTestId('selection-error');
  await expect(error).toContainText('no area with the code “E05999999”');
  await expect(error).toContainText('no figures for 2031-Q1');
  await error.getByRole('link', { name: /whole area/ }).click();
  await expect(page.getByTestId('funnel-table')).toBeVisible();
});

test('the shell: demonstration banner, licence and release date from the feed', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('demonstration-banner')).toContainText('Demonstration data');
  await expect(page.getByTestId('licence')).toContainText(feed.publication.licence.name);
  const [y, m, d] = feed.publication.release_date.split('-').map(Number);
  const long = new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  await expect(page.getByTestId('release')).toContainText(`Released ${long}`);
  await expect(page.locator('nav[aria-label="Menu"] a[aria-current="page"]')).toHaveText('Overview');
});

// /wards is built now: its title, heading and menu state are checked in wards.spec.mjs.

test('an unknown route shows "Page not found"', async ({ page }) => {
  await page.goto('/no-such-page');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
});

test('navigating by the menu does not reload the page', async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => { window.__sameDocument = true; });
  await page.getByRole('link', { name: 'Life journey', exact: true }).click();
  await expect(page.getByTestId('funnel-table')).toBeVisible();
  expect(await page.evaluate(() => window.__sameDocument)).toBe(true);
});
