// Issue 11: /about states the release manifest's disclosure audit summary in plain words. The
// test serves the real manifest with its `audit` replaced (the file list and its SHA-256 stay,
// so the loaded feed still matches it), and works the expected sentence out here from the
// injected numbers.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';

const realManifest = () => JSON.parse(readFileSync('dist/data/manifest.json', 'utf8'));
const thousands = (n) => n.toLocaleString('en-GB');
const counted = (n, one, many) => (n === 1 ? `1 ${one}` : `${thousands(n)} ${many}`);

/** Serves data/manifest.json as the real manifest with `audit` set (or removed when undefined). */
async function routeManifest(page, audit) {
  const manifest = realManifest();
  if (audit === undefined) delete manifest.audit; else manifest.audit = audit;
  await page.route('**/data/manifest.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(manifest) }));
}

async function openAbout(page) {
  await page.goto('/about');
  await expect(page.getByTestId('downloads')).toBeVisible();
  await expect(page.locator('h1')).toHaveCount(1);
  await expect(page.getByRole('heading', { level: 3, name: 'How hidden counts are protected' })).toBeVisible();
}

test('a passing audit is stated with its counts, margin, earlier releases and secondary suppressions', async ({ page }) => {
  const audit = { cells_audited: 133618, relations: 237379, smallest_margin: 3, previous_releases: 2, secondary_suppressions: 18101, failures: 0 };
  await routeManifest(page, audit);
  await openAbout(page);
  const expected = `All ${thousands(audit.cells_audited)} hidden counts were checked against ${counted(audit.relations, 'relation', 'relations')} a reader could use; `
    + `each is protected to at least ±${audit.smallest_margin}. `
    + `The audit also checked them against ${counted(audit.previous_releases, 'earlier release', 'earlier releases')}. `
    + `${thousands(audit.secondary_suppressions)} further counts were hidden so that the small ones cannot be worked out.`;
  expect(expected).toContain('133,618');
  const statement = page.getByTestId('audit-statement');
  await expect(statement).toHaveText(expected);
  await expect(statement).toHaveAttribute('data-verdict', 'protected');
  // The modified manifest still describes the loaded files: no checksum warning.
  await expect(page.getByTestId('checksum-status')).toContainText('it matches');
  await expect(page.getByTestId('checksum-warning')).toHaveCount(0);
});

test('a passing audit without earlier releases or a margin says what it did not check', async ({ page }) => {
  const audit = { cells_audited: 1, relations: 1, smallest_margin: null, previous_releases: 0, secondary_suppressions: 0, failures: 0 };
  await routeManifest(page, audit);
  await openAbout(page);
  const statement = page.getByTestId('audit-statement');
  await expect(statement).toHaveText('The 1 hidden count was checked against 1 relation a reader could use. '
    + 'No earlier release was linked to the audit, so it does not cover working counts out by comparing this release with an earlier one.');
  await expect(statement).not.toContainText('±');
  await expect(statement).not.toContainText('further counts');
});

test('a failing audit is a warning that never claims protection, and the page stays accessible', async ({ page }) => {
  const audit = { cells_audited: 133618, relations: 237379, smallest_margin: 0, previous_releases: 1, secondary_suppressions: 0, failures: 13 };
  await routeManifest(page, audit);
  await openAbout(page);
  const statement = page.getByTestId('audit-statement');
  await expect(statement).toHaveAttribute('data-verdict', 'failed');
  await expect(statement).toHaveText(`The disclosure audit of this release found ${thousands(audit.failures)} hidden counts that a reader could narrow down further than the protection rule allows `
    + `(out of ${thousands(audit.cells_audited)} checked), so this page cannot say that the hidden counts are protected. `
    + 'Ask the publisher about this release before relying on it to keep small counts confidential.');
  await expect(statement).not.toContainText('protected to');
  // A GOV.UK warning: the icon is hidden from assistive technology, the word "Warning" is read.
  const warning = page.locator('.govuk-warning-text', { has: statement });
  await expect(warning.locator('.govuk-visually-hidden')).toHaveText('Warning');
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});

const NO_SUMMARY = 'This release carries no disclosure audit summary, so this page cannot say how well its hidden counts are protected from being worked out from the published figures.';

test('a manifest without an audit summary says so', async ({ page }) => {
  await routeManifest(page, undefined);
  await openAbout(page);
  const statement = page.getByTestId('audit-statement');
  await expect(statement).toHaveText(NO_SUMMARY);
  await expect(statement).toHaveAttribute('data-verdict', 'not-audited');
  await expect(page.getByTestId('checksum-status')).toContainText('it matches');
});

test('a release without a manifest says there is no audit summary', async ({ page }) => {
  await page.route('**/data/manifest.json', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await openAbout(page);
  await expect(page.getByTestId('checksum-status')).toContainText('No list of checksums was published');
  await expect(page.getByTestId('audit-statement')).toHaveText(NO_SUMMARY);
  // The file the page loaded (the summary), with the size and checksum it worked out, and the
  // whole feed, whose size and checksum it cannot know.
  const rows = await page.getByTestId('downloads').locator('tbody tr').evaluateAll((trs) => trs.map((tr) => ({
    href: new URL(tr.querySelector('a').href).pathname,
    size: tr.querySelectorAll('td')[1].textContent,
    bytes: tr.querySelector('[data-bytes]')?.dataset.bytes,
    sha256: tr.querySelector('code')?.textContent,
  })));
  const summary = readFileSync('dist/data/summary.json');
  expect(rows).toEqual([
    { href: '/data/summary.json', size: rows[0].size, bytes: String(summary.length), sha256: createHash('sha256').update(summary).digest('hex') },
    { href: '/data/feed.json', size: 'Not known', bytes: undefined, sha256: undefined },
  ]);
});

test('the publisher\'s proof is stated with what anyone can check without the true counts', async ({ page }) => {
  const proof = { small_counts: 2001, proven: 2001, smallest_margin: 3 };
  const audit = { cells_audited: 2460, relations: 7460, smallest_margin: 1, previous_releases: 0, secondary_suppressions: 467, failures: 0, unproven: 2460, proof };
  await routeManifest(page, audit);
  await openAbout(page);
  const statement = page.getByTestId('audit-statement');
  await expect(statement).toHaveAttribute('data-verdict', 'protected');
  await expect(statement).toHaveText(`All ${thousands(audit.cells_audited)} hidden counts were checked against ${counted(audit.relations, 'relation', 'relations')} a reader could use; `
    + `the publisher, using the true counts, proved that each of the ${thousands(proof.small_counts)} small ones is protected to at least ±${proof.smallest_margin} (or down to 0). `
    + `Anyone can check the published figures with the same audit: without the true counts it finds no hidden count that can be narrowed down too far, though for every one of them it can check this only approximately. `
    + 'No earlier release was linked to the audit, so it does not cover working counts out by comparing this release with an earlier one. '
    + `${thousands(audit.secondary_suppressions)} further counts were hidden so that the small ones cannot be worked out.`);
  // A proof that covers only some small counts is not called protection.
  await routeManifest(page, { ...audit, proof: { ...proof, proven: 1999 } });
  await openAbout(page);
  await expect(statement).toHaveAttribute('data-verdict', 'unproven');
  await expect(statement).toContainText('could prove protection for only 1,999 of the 2,001 small ones');
  await expect(statement).not.toContainText('protected to at least');
});

test('the demonstration release states its own audit, as `outcomes demo` recorded it in the manifest', async ({ page }) => {
  const { audit } = realManifest();
  // `outcomes demo` writes the release only if it passes the audit, with the generator's
  // secondary suppressions; every hidden count is in one large web of relations, so each is
  // checked approximately (outer intervals) and the page says it is not a proof.
  expect(audit.failures).toBe(0);
  expect(audit.cells_audited).toBeGreaterThan(100000);
  expect(audit.secondary_suppressions).toBeGreaterThan(0);
  expect(audit.unproven).toBeGreaterThan(0);
  await openAbout(page);
  const statement = page.getByTestId('audit-statement');
  await expect(statement).toHaveAttribute('data-verdict', 'unproven');
  await expect(statement).toHaveText(`All ${thousands(audit.cells_audited)} hidden counts were checked against ${counted(audit.relations, 'relation', 'relations')} a reader could use; `
    + `none could be narrowed down further than the protection rule allows, but for ${audit.unproven === audit.cells_audited ? 'every one' : thousands(audit.unproven)} of them the relations around them were too many to solve whole, `
    + 'so their protection is checked only approximately and not proven. '
    + 'No earlier release was linked to the audit, so it does not cover working counts out by comparing this release with an earlier one. '
    + `${thousands(audit.secondary_suppressions)} further counts were hidden so that the small ones cannot be worked out.`);
});
