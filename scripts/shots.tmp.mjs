import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1100, height: 1600 } });
const errors = [];
page.on('pageerror', (e) => errors.push(e.message));
page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
const wait = async () => page.waitForFunction(() => {
  const el = document.querySelector('[data-chart="Wards ranked with 95% confidence intervals"]');
  return window.echarts && el && window.echarts.getInstanceByDom(el)?.getOption()?.series?.length > 0;
}, null, { timeout: 60000 });
// National: a district, then another through the form.
await page.goto('http://127.0.0.1:8391/wards?within=E07900002');
await wait();
console.log('national district links:', await page.locator('[data-testid="district-links"]').count());
await page.screenshot({ path: '/tmp/shot-national-wards.png', fullPage: false });
await page.locator('#within').selectOption('E07900001');
await page.locator('#measure').selectOption({ index: 3 });
await page.getByRole('button', { name: 'Show wards' }).click();
await page.waitForTimeout(1500);
const sizes = await page.evaluate(() => {
  const el = document.querySelector('[data-chart="Wards ranked with 95% confidence intervals"]');
  const c = window.echarts.getInstanceByDom(el);
  return { h: c.getHeight(), ch: el.clientHeight, rows: c.getOption().yAxis[0].data.length, heading: document.querySelector('[data-testid="selection-heading"]').textContent };
});
console.log('national after change', sizes);
await page.screenshot({ path: '/tmp/shot-national-wards-2.png', fullPage: false });
// County: all wards, then Fenland via link.
await page.goto('http://127.0.0.1:8392/wards');
await wait();
await page.locator('[data-testid="district-links"] a', { hasText: 'Fenland' }).click();
await page.waitForTimeout(1000);
const county = await page.evaluate(() => {
  const el = document.querySelector('[data-chart="Wards ranked with 95% confidence intervals"]');
  const c = window.echarts.getInstanceByDom(el);
  return { h: c.getHeight(), ch: el.clientHeight, rows: c.getOption().yAxis[0].data.length };
});
console.log('county Fenland', county);
await page.locator('[data-panel="ranked"]').screenshot({ path: '/tmp/shot-county-fenland.png' });
await page.goto('http://127.0.0.1:8392/about#audit');
await page.getByTestId('audit-statement').waitFor();
await page.getByTestId('audit-statement').scrollIntoViewIfNeeded();
await page.screenshot({ path: '/tmp/shot-about.png' });
console.log('errors', errors);
await browser.close();
