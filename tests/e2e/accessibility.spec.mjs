// axe-core (from npm) scans every route with the WCAG 2.0, 2.1 and 2.2 A and AA rules, after the
// figures and charts have drawn, and must find nothing.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { loadFeed } from './feed.mjs';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
const ROUTES = ['/', '/journey', '/wards', '/wards?measure=temporary-accommodation&benchmark=district&colour=deprivation', '/wards?within=E07000010&ward=E05930023', '/contract', '/plans', '/about', '/no-such-page'];
// Issue 6: a plan page and the contract over every year (the index pages are listed above).
ROUTES.push(`/plans/${loadFeed().place_plans[0].id}`, '/contract?year=all', '/plans?status=at_risk&sort=at_risk&order=descending');

for (const route of ROUTES) {
  test(`axe finds no WCAG 2.2 A/AA violations on ${route}`, async ({ page }) => {
    await page.goto(route);
    await expect(page.locator('#main-content h1')).toBeVisible();
    await expect(page.locator('.app-loading')).toHaveCount(0);
    if (route === '/journey' || (route.startsWith('/wards') && !route.includes('ward='))) {
      await page.waitForFunction(() => window.echarts?.getInstanceByDom(document.querySelector('.app-chart')));
    }
    const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
    const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(summary).toEqual([]);
  });
}

test('the skip link is the first thing the keyboard reaches and moves focus to the content', async ({ page }) => {
  await page.goto('/journey');
  await expect(page.getByTestId('funnel-table')).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main-content$/);
});
