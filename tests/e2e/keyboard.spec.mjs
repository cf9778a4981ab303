// Keyboard only and reflow (WCAG 2.1.1, 2.4.7, 4.1.3, 1.4.10): the journey's filters, submit and
// downloads work with Tab, arrows and Enter, focus is always visible, the live region announces
// new figures, and no route scrolls sideways at 320 CSS pixels (400% zoom).
import { test, expect } from '@playwright/test';
import { loadFeed } from './feed.mjs';

const feed = loadFeed();

/** Presses Tab until the element matching `selector` has focus; fails if it never does. */
async function tabTo(page, selector, limit = 60) {
  for (let i = 0; i < limit; i += 1) {
    if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

async function focusIsVisible(page) {
  return page.evaluate(() => {
    const style = getComputedStyle(document.activeElement);
    return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
  });
}

test('the journey filters and submit work with the keyboard alone, and the update is announced', async ({ page }) => {
  await page.goto('/journey');
  await expect(page.getByTestId('funnel-table')).toBeVisible();
  const before = await page.getByTestId('live-region').textContent();

  await tabTo(page, '#period');
  expect(await focusIsVisible(page)).toBe(true);
  await page.keyboard.press('ArrowDown'); // the next (earlier) quarter
  const period = await page.locator('#period').inputValue();
  expect(period).not.toBe(feed.publication.periods.at(-1).period);

  await tabTo(page, '#cohort');
  await page.keyboard.press('ArrowDown');
  const cohort = await page.locator('#cohort').inputValue();

  await tabTo(page, 'button[type="submit"]');
  expect(await focusIsVisible(page)).toBe(true);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`period=${period}.*cohort=${cohort}`));
  await expect(page.getByTestId('live-region')).not.toHaveText(before);
  await expect(page.getByTestId('live-region')).toContainText('Showing figures for');
});

test('a CSV download is reached and used by keyboard', async ({ page }) => {
  await page.goto('/journey');
  await expect(page.getByTestId('funnel-table')).toBeVisible();
  await tabTo(page, '[data-panel="funnel"] [data-testid="csv-download"]', 120);
  expect(await focusIsVisible(page)).toBe(true);
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(download.suggestedFilename()).toMatch(/^life-journey-funnel-.*\.csv$/);
});

test('Shift+Tab walks back through the menu', async ({ page }) => {
  await page.goto('/about');
  await tabTo(page, 'nav[aria-label="Menu"] a[href="/about"]');
  await page.keyboard.press('Shift+Tab');
  expect(await page.evaluate(() => document.activeElement.getAttribute('href'))).toBe('/plans');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/plans$/);
  await expect(page).toHaveTitle(/^Place plans – /);
});

for (const route of ['/', '/journey', '/wards', '/contract', '/plans', `/plans/${feed.place_plans[0].id}`, '/about']) {
  test(`${route} reflows at 320 CSS pixels without scrolling sideways`, async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto(route);
    await expect(page.locator('#main-content h1')).toBeVisible();
    await expect(page.locator('.app-loading')).toHaveCount(0);
    await page.waitForTimeout(300);
    const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, viewport: document.documentElement.clientWidth }));
    expect(widths.page).toBeLessThanOrEqual(widths.viewport);
  });
}
