// Printing for committee papers: in print media the menu, skip link and forms are hidden, the
// tables stay, and a header with the release date, period, area and "demonstration data" label
// is printed; page.pdf() gives an A4 PDF whose every page carries that header line and whose
// text holds the tables and no menu (checked with pdftotext from Debian's poppler-utils when it
// is installed, else on the page's text in print media).
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadFeed } from './feed.mjs';
import { financialYear, longDate, quarterLabel } from './contract-expected.mjs';

const feed = loadFeed();
const released = longDate(feed.publication.release_date);
const latest = feed.publication.periods.at(-1).period;
const latestYear = financialYear(feed.contract.kpis[0].quarters.at(-1).period);
const [start] = latestYear.split('-').map(Number);
const hasPdftotext = spawnSync('pdftotext', ['-v']).status === 0;

const PAGES = [
  { path: '/', ready: '[data-tile]', period: quarterLabel(latest), table: null, text: feed.contract.kpis[0].title },
  {
    path: '/contract',
    ready: '[data-testid="kpi-summary"]',
    period: `${latestYear} (April ${start} to March ${start + 1})`,
    table: '[data-testid="kpi-summary"]',
    text: 'Each KPI in its latest reported quarter',
  },
];

function pdfText(pdf) {
  const dir = mkdtempSync(join(tmpdir(), 'print-'));
  const file = join(dir, 'page.pdf');
  writeFileSync(file, pdf);
  const result = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  expect(result.status).toBe(0);
  return result.stdout;
}

for (const { path, ready, period, table, text } of PAGES) {
  test(`${path} prints without menus or forms, with its tables and a header on every page`, async ({ page }) => {
    await page.goto(path);
    await expect(page.locator(ready).first()).toBeVisible();
    await page.waitForFunction(() => document.querySelectorAll('.app-chart').length === 0
      || [...document.querySelectorAll('.app-chart')].every((el) => window.echarts?.getInstanceByDom(el)));
    const menu = page.locator('nav[aria-label="Menu"]');
    await expect(menu).toBeVisible();
    await expect(page.getByTestId('print-header')).toBeHidden();

    await page.emulateMedia({ media: 'print' });
    await expect(menu).toBeHidden();
    await expect(page.locator('.govuk-skip-link')).toBeHidden();
    if (path === '/contract') expect(await page.locator('main form').count()).toBeGreaterThan(0);
    for (const form of await page.locator('main form').all()) await expect(form).toBeHidden();
    for (const link of await page.getByTestId('csv-download').all()) await expect(link).toBeHidden();
    if (table) await expect(page.locator(table)).toBeVisible();
    for (const t of await page.locator('main table').all()) await expect(t).toBeVisible();
    const header = page.getByTestId('print-header');
    await expect(header).toBeVisible();
    await expect(header).toContainText(`Released ${released}`);
    await expect(header).toContainText(`Period: ${period}`);
    await expect(header).toContainText(`Area: ${feed.geography.county.name}`);
    await expect(header).toContainText('Demonstration data');
    // The same line is handed to the @page margin box of every printed page.
    const line = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--app-print-header'));
    expect(line).toContain('Demonstration');

    const pdf = await page.pdf({ preferCSSPageSize: true });
    expect(pdf.length).toBeGreaterThan(20_000);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const printed = hasPdftotext ? pdfText(pdf) : await page.evaluate(() => document.body.innerText);
    expect(printed).toContain(text);
    expect(printed).not.toContain('Skip to main content');
    expect(printed).not.toContain('Ward comparisons');
    if (hasPdftotext) {
      // Every page (pdftotext separates them with form feeds) starts with the header line.
      const pages = printed.split('\f').filter((p) => p.trim() !== '');
      expect(pages.length).toBeGreaterThan(1);
      for (const [i, p] of pages.entries()) {
        expect(p, `page ${i + 1}`).toContain(`Released ${released}`);
        expect(p, `page ${i + 1}`).toContain('Demonstration data');
        expect(p, `page ${i + 1}`).toMatch(new RegExp(`Page ${i + 1} of ${pages.length}`));
      }
    }
  });
}

test('a plan page prints its plan as the area in the header', async ({ page }) => {
  const plan = feed.place_plans[1];
  await page.goto(`/plans/${plan.id}`);
  await expect(page.getByTestId('actions-table')).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('print-header')).toContainText(`Area: ${plan.name}`);
  await expect(page.getByTestId('actions-table')).toBeVisible();
  await expect(page.locator('nav[aria-label="Menu"]')).toBeHidden();
});

test('charts are redrawn at the printed page width while printing, and back afterwards', async ({ page }) => {
  await page.goto('/journey');
  const width = () => page.evaluate(() => window.echarts.getInstanceByDom(document.querySelector('[data-chart="Life-journey funnel chart"]')).getWidth());
  await page.waitForFunction(() => window.echarts?.getInstanceByDom(document.querySelector('[data-chart="Life-journey funnel chart"]')));
  const screen = await width();
  await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
  expect(await width()).toBe(688);
  await page.evaluate(() => dispatchEvent(new Event('afterprint')));
  expect(await width()).toBe(screen);
});
