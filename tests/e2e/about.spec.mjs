// The transparency page and the release checks: downloads with sizes and SHA-256 that match the
// files, a warning when the loaded feed does not match its checksum, and the audience setting.
import { test, expect } from '@playwright/test';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadFeed, routeRelease } from './feed.mjs';

const feed = loadFeed();
const manifest = JSON.parse(readFileSync('dist/data/manifest.json', 'utf8'));
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

test('every published file is offered with its real size and SHA-256', async ({ page }) => {
  // Everything the page states is in the summary: it never loads the whole feed.
  const loaded = [];
  page.on('request', (request) => loaded.push(new URL(request.url()).pathname));
  await page.goto('/about');
  await expect(page.getByTestId('downloads').locator('tbody tr')).toHaveCount(manifest.files.length);
  const rows = await page.getByTestId('downloads').locator('tbody tr').evaluateAll((trs) => trs.map((tr) => ({
    href: tr.querySelector('a').getAttribute('href'),
    bytes: Number(tr.querySelector('[data-bytes]').dataset.bytes),
    sha256: tr.querySelector('code').textContent,
  })));
  expect(rows.length).toBe(manifest.files.length);
  expect(rows.length).toBeGreaterThanOrEqual(8);
  for (const row of rows) {
    const path = `dist${new URL(row.href).pathname}`;
    const bytes = readFileSync(path);
    expect(row.bytes, path).toBe(bytes.length);
    expect(row.sha256, path).toBe(sha256(bytes));
  }
  await expect(page.getByTestId('checksum-status')).toContainText('it matches');
  expect(loaded).toContain('/data/summary.json');
  expect(loaded).not.toContain('/data/feed.json');
  // A download link really downloads the file.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'funnel.csv' }).click()]);
  expect(sha256(readFileSync(await download.path()))).toBe(manifest.files.find((f) => f.path === 'csv/funnel.csv').sha256);
});

test('the page explains the release, the disclosure policy, every stage and measure', async ({ page }) => {
  await page.goto('/about');
  const summary = page.getByTestId('release-summary');
  await expect(summary).toContainText(feed.publication.publisher);
  await expect(summary).toContainText(feed.publication.licence.name);
  await expect(summary).toContainText(feed.publication.contact.email);
  await expect(page.getByTestId('disclosure-policy')).toContainText(`rounded to the nearest ${feed.disclosure.rounding_base}`);
  await expect(page.getByTestId('disclosure-policy')).toContainText(`Counts from 1 to ${feed.disclosure.minimum_count - 1} are not shown`);
  for (const stage of feed.journey.stages) await expect(page.getByTestId('stage-list')).toContainText(stage.definition);
  await expect(page.getByTestId('measure-definition')).toHaveCount(feed.measures.catalogue.length);
  for (const revision of feed.publication.revisions) await expect(page.getByTestId('revisions')).toContainText(revision.why);
});

test('a feed that differs from its published checksum is flagged on every page', async ({ page }) => {
  // Same figures, different bytes: still valid, but not the files the manifest describes.
  await routeRelease(page, (route, name) => route.fulfill({ status: 200, contentType: 'application/json', body: Buffer.concat([readFileSync(`dist/data/${name}`), Buffer.from('\n')]) }));
  for (const path of ['/', '/journey', '/about']) {
    await page.goto(path);
    await expect(page.getByTestId('checksum-warning')).toContainText('does not match its published checksum');
  }
});

function asDraft() {
  const draft = loadFeed();
  draft.publication.status = 'draft';
  return JSON.stringify(draft);
}

test('a public site refuses a draft release', async ({ page }) => {
  await routeRelease(page, (route) => route.fulfill({ status: 200, body: asDraft() }));
  await page.goto('/journey');
  await expect(page.getByTestId('load-error')).toContainText('draft and has not been published yet');
  await expect(page.getByTestId('funnel-table')).toHaveCount(0);
});

test('an internal site shows a draft release, marked as a draft on every page', async ({ page }) => {
  await page.route('**/config.json', (route) => route.fulfill({ status: 200, body: '{"feed": "data/feed.json", "audience": "internal"}' }));
  await page.route('**/data/feed.json', (route) => route.fulfill({ status: 200, body: asDraft() }));
  for (const path of ['/', '/journey', '/about', '/wards']) {
    await page.goto(path);
    await expect(page.getByTestId('draft-notice')).toContainText('not for publication');
  }
  await page.goto('/journey');
  await expect(page.getByTestId('funnel-table')).toBeVisible();
});
