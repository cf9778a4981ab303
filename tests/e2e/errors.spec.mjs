// A feed that is missing, unreachable, malformed or somewhere else gives a readable message in
// the page: never a blank page, never a panic, never figures that might be wrong.
import { test, expect } from '@playwright/test';
import { loadFeed, routeRelease } from './feed.mjs';

async function expectLoadError(page, text) {
  const error = page.getByTestId('load-error');
  await expect(error).toBeVisible();
  await expect(error).toContainText('The figures cannot be shown');
  await expect(error).toContainText(text);
  await expect(page.getByTestId('funnel-table')).toHaveCount(0);
}

function collectPageErrors(page) {
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

test('a missing feed (404) says the data file was not found', async ({ page }) => {
  const errors = collectPageErrors(page);
  await routeRelease(page, (route) => route.fulfill({ status: 404, body: 'Not found' }));
  await page.goto('/journey');
  await expectLoadError(page, 'HTTP 404');
  expect(errors).toEqual([]);
});

test('when only the whole feed is missing, the county, a ward (from its district\'s file), all wards (from the measure\'s file) and the plans (from their file) still show', async ({ page }) => {
  const errors = collectPageErrors(page);
  await page.route('**/data/feed.json', (route) => route.fulfill({ status: 404, body: 'Not found' }));
  await page.goto('/journey');
  await expect(page.getByTestId('funnel-table')).toBeVisible();
  const ward = loadFeed().geography.wards[0];
  await page.goto(`/journey?area=${ward.code}`);
  await expect(page.getByTestId('selection-heading')).toContainText(ward.name);
  await expect(page.getByTestId('funnel-table')).toBeVisible();
  await page.goto('/wards');
  await expect(page.getByTestId('wards-table')).toBeVisible();
  await page.goto('/plans');
  await expect(page.getByTestId('plans-table')).toBeVisible();
  await expect(page.getByTestId('load-error')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('when the plans\' file is missing or not the one listed, the plans page says why not', async ({ page }) => {
  const errors = collectPageErrors(page);
  await page.route('**/data/plans.json', (route) => route.fulfill({ status: 404, body: 'Not found' }));
  await page.goto('/plans');
  await expectLoadError(page, 'HTTP 404');
  await expect(page.getByTestId('load-error')).toContainText('plans.json');
  await expect(page.getByTestId('plans-table')).toHaveCount(0);
  // Valid, and of this release, but with one value changed: not the bytes the manifest lists.
  await page.unroute('**/data/plans.json');
  await page.route('**/data/plans.json', async (route) => {
    const file = await (await route.fetch()).json();
    const value = file.measures.values.find((v) => typeof v.denominator === 'number' && v.denominator > 20);
    value.denominator += 5;
    await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(file) });
  });
  await page.goto('/plans');
  await expectLoadError(page, 'The figures for every place plan are not the file this release lists');
  await expect(page.getByTestId('plans-table')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('when a measure\'s file is missing or not the one listed, the wards page says why not', async ({ page }) => {
  const errors = collectPageErrors(page);
  const feed = loadFeed();
  const [first, second] = feed.measures.catalogue;
  await page.route(`**/data/measures/${first.id}.json`, (route) => route.fulfill({ status: 404, body: 'Not found' }));
  await page.goto('/wards');
  await expectLoadError(page, 'HTTP 404');
  await expect(page.getByTestId('load-error')).toContainText(`measures/${first.id}.json`);
  // Valid, and of this release, but with one value changed: not the bytes the manifest lists.
  await page.route(`**/data/measures/${second.id}.json`, async (route) => {
    const file = await (await route.fetch()).json();
    const value = file.measures.values.find((v) => typeof v.denominator === 'number' && v.denominator > 20);
    value.denominator += 5;
    await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(file) });
  });
  await page.goto(`/wards?measure=${second.id}`);
  await expectLoadError(page, `The figures for every ward on “${second.title}” are not the file this release lists`);
  expect(errors).toEqual([]);
});

test('when a district\'s file is missing, the county still shows and a ward of that district says why not', async ({ page }) => {
  const errors = collectPageErrors(page);
  const ward = loadFeed().geography.wards[0];
  await page.route(`**/data/districts/${ward.district}.json`, (route) => route.fulfill({ status: 404, body: 'Not found' }));
  await page.goto('/journey');
  await expect(page.getByTestId('funnel-table')).toBeVisible();
  await page.goto(`/journey?area=${ward.code}`);
  await expectLoadError(page, 'HTTP 404');
  await expect(page.getByTestId('load-error')).toContainText(`districts/${ward.district}.json`);
  expect(errors).toEqual([]);
});

test('a whole feed from another release than its summary is refused', async ({ page }) => {
  const other = loadFeed();
  // Valid on its own (a day later), but not the release the summary on the page came from.
  const later = new Date(`${other.publication.release_date}T00:00:00Z`);
  later.setUTCDate(later.getUTCDate() + 1);
  other.publication.release_date = later.toISOString().slice(0, 10);
  await page.route('**/data/feed.json', (route) => route.fulfill({ status: 200, body: JSON.stringify(other) }));
  // A release whose manifest lists no plans' file: the plans index falls back to the whole feed.
  await page.route('**/data/manifest.json', async (route) => {
    const manifest = await (await route.fetch()).json();
    manifest.files = manifest.files.filter((f) => f.path !== 'plans.json');
    await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(manifest) });
  });
  const requested = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  await page.goto('/plans');
  await expectLoadError(page, 'belong to a different release');
  expect(requested).toContain('/data/feed.json');
  expect(requested).not.toContain('/data/plans.json');
});

test('an unreachable feed says it could not be downloaded', async ({ page }) => {
  const errors = collectPageErrors(page);
  await routeRelease(page, (route) => route.abort('connectionrefused'));
  await page.goto('/journey');
  await expectLoadError(page, 'could not be downloaded');
  expect(errors).toEqual([]);
});

test('a malformed (truncated) feed lists the problem', async ({ page }) => {
  await routeRelease(page, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"schema_version": "1.0", "publication": {' }));
  await page.goto('/journey');
  await expectLoadError(page, 'not valid');
  await page.getByText('Problems found in the data file').click();
  await expect(page.locator('.app-error-list li').first()).toContainText('truncated');
});

test('a feed of the wrong version says which version it needs', async ({ page }) => {
  await routeRelease(page, (route) => route.fulfill({ status: 200, body: '{"schema_version": "9.9"}' }));
  await page.goto('/journey');
  await expectLoadError(page, 'not valid');
  await page.getByText('Problems found in the data file').click();
  await expect(page.locator('.app-error-list')).toContainText('schema_version: "9.9" is not a version this dashboard reads (expected "1.0")');
});

test('a settings file pointing at another website is refused', async ({ page }) => {
  let contacted = false;
  await page.route('https://elsewhere.example/**', (route) => { contacted = true; route.abort(); });
  await page.route('**/config.json', (route) => route.fulfill({ status: 200, body: '{"feed": "https://elsewhere.example/feed.json"}' }));
  await page.goto('/journey');
  await expectLoadError(page, 'only shows data published on its own site');
  expect(contacted).toBe(false);
});

test('the query string cannot choose the feed', async ({ page }) => {
  const requested = [];
  page.on('request', (request) => requested.push(request.url()));
  await page.goto('/journey?feed=https://elsewhere.example/feed.json&config=https://elsewhere.example/config.json');
  await expect(page.getByTestId('funnel-table')).toBeVisible();
  expect(requested.filter((url) => new URL(url).hostname === 'elsewhere.example')).toEqual([]);
});

test('a missing config.json says the settings could not be loaded', async ({ page }) => {
  await page.route('**/config.json', (route) => route.fulfill({ status: 404, body: '' }));
  await page.goto('/journey');
  await expectLoadError(page, 'settings file (config.json) could not be loaded');
});
