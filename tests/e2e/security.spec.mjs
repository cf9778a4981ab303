// Hardening: a strict Content-Security-Policy the whole site works under (served by nginx with
// deploy/nginx-site.conf), Subresource Integrity on every script and stylesheet, hostile feed
// text shown as text and never run, and a panic that leaves a message rather than a frozen page.
import { test, expect } from '@playwright/test';
import { createHash } from 'node:crypto';
import { hostileFeed } from './hostile.mjs';
import { routeRelease } from './feed.mjs';

const ROUTES = ['/', '/journey', '/wards', '/contract', '/plans', '/about', '/no-such-page'];

async function watchForViolations(page) {
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
}

test('every route works under the strict CSP with no violations', async ({ page }) => {
  await watchForViolations(page);
  const response = await page.goto('/');
  const csp = response.headers()['content-security-policy'];
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toMatch(/'unsafe-eval'/);
  expect(response.headers()['x-content-type-options']).toBe('nosniff');
  for (const route of ROUTES) {
    await page.goto(route);
    await expect(page.locator('#main-content h1')).toBeVisible();
    await expect(page.locator('.app-loading')).toHaveCount(0);
    if (route === '/journey') {
      await page.waitForFunction(() => document.querySelectorAll('.app-chart').length > 0
        && [...document.querySelectorAll('.app-chart')].every((el) => window.echarts?.getInstanceByDom(el)));
    }
    expect(await page.evaluate(() => window.__violations), route).toEqual([]);
  }
});

test('every script and stylesheet carries Subresource Integrity', async ({ page, request }) => {
  const html = await (await request.get('/')).text();
  const tags = [...html.matchAll(/<(script|link)\b[^>]*>/g)].map((m) => m[0]).filter((tag) => /src=|rel="(stylesheet|modulepreload|preload)"/.test(tag));
  expect(tags.length).toBeGreaterThanOrEqual(3);
  for (const tag of tags) expect(tag, tag).toMatch(/integrity="sha384-[A-Za-z0-9+/=]+"/);
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  // The wasm is fetched by the loader after the first paint, with the integrity of its bytes.
  const loader = await (await request.get(html.match(/<script type="module" src="([^"]+)"/)[1])).text();
  const [, wasmPath, integrity] = loader.match(/fetch\('([^']+\.wasm)', \{ integrity: '([^']+)'/);
  const wasm = await (await request.get(wasmPath)).body();
  expect(integrity).toBe(`sha384-${createHash('sha384').update(wasm).digest('base64')}`);
});

test('hashed assets are cached for a year; the feed and settings are revalidated', async ({ page, request }) => {
  const html = await (await request.get('/')).text();
  const asset = html.match(/src="(\/outcomes-dashboard-[0-9a-f]{8,16}\.js)"|href="(\/outcomes-dashboard-[0-9a-f]{8,16}\.js)"/);
  const path = asset[1] ?? asset[2];
  expect((await request.get(path)).headers()['cache-control']).toContain('immutable');
  expect((await request.get('/config.json')).headers()['cache-control']).toBe('no-cache');
  expect((await request.get('/data/feed.json')).headers()['cache-control']).toBe('no-cache');
  expect((await request.get('/data/feed.json', { headers: { 'accept-encoding': 'gzip' } })).headers()['content-encoding']).toBe('gzip');
  expect((await request.get('/data/missing.json')).status()).toBe(404);
  expect((await request.get('/journey?area=x')).headers()['content-type']).toContain('text/html');
});

test('a feed with script and markup in its labels runs nothing and injects nothing', async ({ page }) => {
  await watchForViolations(page);
  const dialogs = [];
  page.on('dialog', (dialog) => { dialogs.push(dialog.message()); dialog.dismiss(); });
  await routeRelease(page, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: hostileFeed() }));
  await page.goto('/journey');
  const error = page.getByTestId('load-error');
  await expect(error).toBeVisible();
  await page.getByText('Problems found in the data file').click();
  const problems = page.locator('.app-error-list');
  // The hostile text is reported, as text: the angle brackets are characters on the page.
  await expect(problems).toContainText('contains HTML markup');
  await expect(problems).toContainText('<script>');
  await expect(problems).toContainText('script URL');
  await expect(problems).toContainText('U+202E');
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  expect(await page.locator('#main-content img, #main-content script').count()).toBe(0);
  expect(dialogs).toEqual([]);
  expect(await page.evaluate(() => window.__violations)).toEqual([]);
});

test('a panic shows a message with a way to reload instead of a frozen page', async ({ page }) => {
  await page.goto('/diagnostics/panic');
  const message = page.locator('#app-panic-message');
  await expect(message).toContainText('Sorry, the dashboard has stopped working');
  await expect(message.getByRole('link', { name: 'Reload the page' })).toBeVisible();
});
