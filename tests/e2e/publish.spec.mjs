// End to end from record-level data: `outcomes publish` turns the example in tests/publish into a
// release, and the app (the release build in dist/) loads that feed in place of the demo feed and
// shows its numbers. Expected figures are read from the published file here, not from the app.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectedFunnelTable, funnelRow, latestPeriod, routeRelease } from './feed.mjs';

const cli = 'target/debug/outcomes';
let feedPath;
let feed;

test.beforeAll(() => {
  // `make test` builds the CLI before the end-to-end tests; build it here when run alone.
  test.setTimeout(600_000);
  if (!existsSync(cli)) execFileSync('cargo', ['build', '--quiet', '-p', 'outcomes-cli'], { stdio: 'inherit' });
  const work = mkdtempSync(join(tmpdir(), 'outcomes-publish-'));
  execFileSync(cli, [
    'publish', '--input', 'tests/publish', '--out', join(work, 'release'),
    '--report', join(work, 'report.csv'), '--status', 'published',
  ], { stdio: 'pipe' });
  feedPath = join(work, 'release', 'feed.json');
  feed = JSON.parse(readFileSync(feedPath, 'utf8'));
});

test.beforeEach(async ({ page }) => {
  await routeRelease(page, (route, name) => route.fulfill({ path: join(feedPath, '..', name), contentType: 'application/json' }));
});

async function tableRows(page) {
  const table = page.getByTestId('funnel-table');
  await expect(table).toBeVisible();
  return table.locator('tbody tr').evaluateAll((rows) =>
    rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent.trim())));
}

test('the published county funnel is what the app shows for the latest quarter', async ({ page }) => {
  const row = funnelRow(feed, latestPeriod(feed), feed.geography.county.code, 'all');
  expect(row, 'the published feed has a county funnel for the latest quarter').toBeTruthy();
  expect(row.counts.some((count) => count !== '[c]' && count > 0), 'the county funnel has visible counts').toBe(true);
  await page.goto('/journey');
  expect(await tableRows(page)).toEqual(expectedFunnelTable(row.counts));
  // The app took its periods from the published release (2025-26), not from the demo feed.
  await expect(page.locator('#period')).toHaveValue(latestPeriod(feed));
});

test('a ward row with suppressed counts shows [c] where the release hides them', async ({ page }) => {
  const ward = feed.journey.funnel.find((r) => r.area.startsWith('E05') && r.period.includes('-Q')
    && r.counts.includes('[c]') && r.counts.some((c) => c !== '[c]'));
  expect(ward, 'the published feed has a ward row with both visible and suppressed counts').toBeTruthy();
  await page.goto(`/journey?period=${ward.period}&area=${ward.area}&cohort=${ward.cohort}`);
  const rows = await tableRows(page);
  expect(rows).toEqual(expectedFunnelTable(ward.counts));
  expect(rows[ward.counts.indexOf('[c]')][0]).toBe('[c]');
});
