// axe-core (from npm) scans every route with the WCAG 2.0, 2.1 and 2.2 A and AA rules, after the
// figures and charts have drawn, and must find nothing.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
const ROUTES = ['/', '/journey', '/wards', '/contract', '/plans', '/about', '/no-such-page'];

for (const route of ROUTES) {
  test(`axe finds no WCAG 2.2 A/AA violations on ${route}`, async ({ page }) => {
    await page.goto(route);
    await expect(page.locator('#main-content h1')).toBeVisible();
    await expect(page.locator('.app-loading')).toHaveCount(0);
    if (route === '/journey') {
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
