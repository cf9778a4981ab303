// `make lighthouse`: Lighthouse 12 (npm, pinned in package.json), mobile preset with its default
// simulated throttling, against the release build (dist/) served by nginx with the deployment's
// configuration (gzip, CSP). Prints one row per route; nothing is asserted (docs/performance.md
// records the figures). Full JSON reports go to target/lighthouse/.
//   node scripts/lighthouse.mjs [route ...]   (after `make dist`; default: / and /journey)
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const routes = process.argv.slice(2).length ? process.argv.slice(2) : ['/', '/journey'];
const port = 8485;
const out = 'target/lighthouse';
mkdirSync(out, { recursive: true });
const server = spawn('bash', ['tests/e2e/nginx.sh', String(port)], { stdio: 'ignore' });
await new Promise((resolve) => setTimeout(resolve, 1500));
const flags = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const ms = (audit) => `${(audit.numericValue / 1000).toFixed(2)} s`;
try {
  console.log('| route | performance | accessibility | best practices | FCP | LCP | TBT | CLS | SI |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const route of routes) {
    const file = join(out, `${route.replace(/\W+/g, '_') || 'root'}.json`);
    execFileSync('node_modules/.bin/lighthouse', [
      `http://127.0.0.1:${port}${route}`,
      '--only-categories=performance,accessibility,best-practices',
      '--output=json', `--output-path=${file}`, '--quiet',
      `--chrome-flags=${flags.join(' ')}`,
    ], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, CHROME_PATH: '/usr/bin/chromium' } });
    const report = JSON.parse(readFileSync(file, 'utf8'));
    const score = (id) => Math.round(report.categories[id].score * 100);
    const audit = (id) => report.audits[id];
    console.log(`| ${route} | ${score('performance')} | ${score('accessibility')} | ${score('best-practices')} | ${ms(audit('first-contentful-paint'))} | ${ms(audit('largest-contentful-paint'))} | ${ms(audit('total-blocking-time'))} | ${audit('cumulative-layout-shift').numericValue.toFixed(3)} | ${ms(audit('speed-index'))} |`);
  }
} finally {
  server.kill();
}
