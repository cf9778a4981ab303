// /contract: every KPI cell, RAG word, year-to-date and cumulative position, payment and CSV
// row equals figures computed here, independently, from the feed file (contract-expected.mjs).
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { loadFeed, parseCsv } from './feed.mjs';
import {
  assess, contractYears, financialYear, kpiRowCells, kpiValue, money, positionText, quarterLabel,
} from './contract-expected.mjs';

const feed = loadFeed();
const { contract } = feed;
const annual = contract.annual_outcome_payment_gbp;
const years = contractYears(feed);
const latestYear = years.at(-1);
const fullYear = years.find((y) => contract.kpis[0].quarters.filter((q) => financialYear(q.period) === y).length === 4) ?? latestYear;

const cellsOf = (locator) => locator.locator('tbody tr').evaluateAll((rows) =>
  rows.map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent.trim())));
const headersOf = (locator) => locator.locator('tbody tr th').allTextContents();

const inYear = (year) => (q) => year === 'all' || financialYear(q.period) === year;

test('the demo contract has a full financial year, KPIs of both units and polarities, and every RAG colour', () => {
  expect(years.length).toBeGreaterThan(1);
  expect(new Set(contract.kpis.map((k) => k.unit))).toEqual(new Set(['count', 'percentage']));
  expect(new Set(contract.kpis.map((k) => k.polarity))).toEqual(new Set(['higher_is_better', 'lower_is_better']));
  const rags = new Set(contract.kpis.flatMap((k) => assess(k, annual).map((q) => q.rag)));
  expect(rags).toEqual(new Set(['Green', 'Amber', 'Red']));
});

test(`by default the latest financial year (${latestYear}) is shown, with each KPI's latest quarter`, async ({ page }) => {
  await page.goto('/contract');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Contract outcomes');
  await expect(page).toHaveTitle('Contract outcomes – Think Communities outcomes');
  await expect(page.locator('#year')).toHaveValue(latestYear);
  const summary = page.getByTestId('kpi-summary');
  await expect(summary).toBeVisible();
  const expected = contract.kpis.map((kpi) => {
    const quarters = assess(kpi, annual).filter(inYear(latestYear));
    const latest = quarters.filter((q) => q.actual !== null).at(-1);
    return [
      quarterLabel(latest.period),
      kpiValue(kpi.unit, latest.target),
      kpiValue(kpi.unit, latest.actual),
      latest.rag,
      positionText(kpi, latest.yearToDate),
      money(quarters.reduce((s, q) => s + q.earnedPence, 0)),
    ];
  });
  expect(await cellsOf(summary)).toEqual(expected);
  expect(await headersOf(summary)).toEqual(contract.kpis.map((k) => k.title));
  const green = expected.filter((r) => r[3] === 'Green').length;
  await expect(page.getByTestId('contract-summary')).toContainText(`${green} of ${contract.kpis.length} KPIs were green`);
});

test(`every KPI quarter by quarter in ${fullYear}: target, actual, variance, achievement, RAG, YTD, cumulative, payment`, async ({ page }) => {
  await page.goto(`/contract?year=${fullYear}`);
  await expect(page.getByTestId('kpi-summary')).toBeVisible();
  for (const kpi of contract.kpis) {
    const section = page.locator(`[data-kpi-section="${kpi.id}"]`);
    const quarters = assess(kpi, annual).filter(inYear(fullYear));
    const table = section.getByTestId('kpi-table');
    expect(await headersOf(table), kpi.id).toEqual(quarters.map((q) => quarterLabel(q.period)));
    expect(await cellsOf(table), kpi.id).toEqual(quarters.map((q) => kpiRowCells(kpi, q)));
    // The RAG thresholds and how the KPI adds up, in words.
    const pct = (r) => `${Math.round(r * 1000) / 10}%`;
    await expect(section.getByTestId('thresholds')).toContainText(`Green: achievement of at least ${pct(kpi.rag.green_from)}`);
    await expect(section.getByTestId('thresholds')).toContainText(`Amber: at least ${pct(kpi.rag.amber_from)}`);
    await expect(section.getByTestId('aggregation')).toContainText(kpi.unit === 'count' ? 'sums of the quarters' : 'means of the quarters');
    // Each payment's rule in words, ending with the figure it produced.
    const rules = await section.getByTestId('payment-rules').locator('li').allTextContents();
    expect(rules.map((r) => r.match(/(£[\d,]+\.\d\d)\.$/)?.[1])).toEqual(quarters.map((q) => (q.actual === null ? undefined : money(q.earnedPence))));
    for (const [i, q] of quarters.entries()) {
      expect(rules[i]).toContain(`÷ 4 quarters = ${money(q.sharePence)}`);
    }
    // The small trend chart holds the same actuals and targets.
    const label = `Trend of ${kpi.title} against target`;
    await page.waitForFunction((l) => {
      const el = document.querySelector(`[data-chart="${l}"]`);
      return window.echarts && el && window.echarts.getInstanceByDom(el)?.getOption()?.series?.length === 2;
    }, label);
    const series = await page.evaluate((l) => window.echarts.getInstanceByDom(document.querySelector(`[data-chart="${l}"]`))
      .getOption().series.map((s) => ({ name: s.name, data: s.data })), label);
    expect(series[0]).toEqual({ name: 'Actual', data: quarters.map((q) => (q.actual === null ? '-' : Math.round(q.actual * 10) / 10)) });
    expect(series[1]).toEqual({ name: 'Target', data: quarters.map((q) => Math.round(q.target * 10) / 10) });
  }
});

test(`outcome payments by KPI and in total against the maximum, ${fullYear}`, async ({ page }) => {
  await page.goto(`/contract?year=${fullYear}`);
  const table = page.getByTestId('payments-table');
  await expect(table).toBeVisible();
  const totals = { reported: 0, quarters: 0, earned: 0, atTarget: 0, maximum: 0 };
  const expected = contract.kpis.map((kpi) => {
    const quarters = assess(kpi, annual).filter(inYear(fullYear));
    const t = {
      reported: quarters.filter((q) => q.actual !== null).length,
      quarters: quarters.length,
      earned: quarters.reduce((s, q) => s + q.earnedPence, 0),
      atTarget: quarters.reduce((s, q) => s + q.sharePence, 0),
      maximum: quarters.reduce((s, q) => s + q.maximumPence, 0),
    };
    for (const key of Object.keys(totals)) totals[key] += t[key];
    return [`${Math.round(kpi.payment.weight * 1000) / 10}%`, `${t.reported} of ${t.quarters}`, money(t.earned), money(t.atTarget), money(t.maximum)];
  });
  const weights = Math.round(contract.kpis.reduce((s, k) => s + k.payment.weight, 0) * 1000) / 10;
  expected.push([`${weights}%`, `${totals.reported} of ${totals.quarters}`, money(totals.earned), money(totals.atTarget), money(totals.maximum)]);
  expect((await cellsOf(table)).map((r) => r.slice(0, 5))).toEqual(expected);
  await expect(page.getByTestId('payments-summary')).toContainText(`${money(totals.earned)} was earned`);
  await expect(page.getByTestId('payments-summary')).toContainText(`most they could pay, with over-delivery up to each KPI's cap, is ${money(totals.maximum)}`);
});

test('the KPI table downloads as CSV with the year\'s quarters, RAG, positions and payments', async ({ page }) => {
  await page.goto(`/contract?year=${fullYear}`);
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download the KPI table (CSV)' }).click(),
  ]);
  expect(file.suggestedFilename()).toBe(`contract-kpis-${fullYear}.csv`);
  const [header, ...rows] = parseCsv(readFileSync(await file.path(), 'utf8'));
  const column = (name) => header.indexOf(name);
  expect(header.slice(0, 6)).toEqual(['contract', 'provider', 'financial_year', 'period', 'kpi_id', 'kpi_title']);
  const expected = contract.kpis.flatMap((kpi) => assess(kpi, annual).filter(inYear(fullYear)).map((q) => ({ kpi, q })));
  expect(rows.length).toBe(expected.length);
  rows.forEach((row, i) => {
    const { kpi, q } = expected[i];
    expect(row[column('contract')]).toBe(contract.name);
    expect(row[column('financial_year')]).toBe(fullYear);
    expect(row[column('period')]).toBe(q.period);
    expect(row[column('kpi_id')]).toBe(kpi.id);
    expect(row[column('rag')]).toBe(q.rag ?? '[x]');
    expect(row[column('year_to_date_rag')]).toBe(q.yearToDate?.rag ?? '[x]');
    expect(Number(row[column('payment_earned_gbp')])).toBeCloseTo(q.earnedPence / 100, 2);
    expect(Number(row[column('target')])).toBeCloseTo(q.target, 2);
  });
});

test('choosing another year with the form keeps it in the URL; all years shows every quarter', async ({ page }) => {
  await page.goto('/contract');
  await expect(page.getByTestId('kpi-summary')).toBeVisible();
  await page.locator('#year').focus();
  await page.selectOption('#year', 'all');
  await page.getByRole('button', { name: 'Show figures' }).press('Enter');
  await expect(page).toHaveURL(/year=all/);
  const kpi = contract.kpis[0];
  const table = page.locator(`[data-kpi-section="${kpi.id}"]`).getByTestId('kpi-table');
  await expect.poll(() => headersOf(table)).toEqual(kpi.quarters.map((q) => quarterLabel(q.period)));
  await page.goBack();
  await expect.poll(() => headersOf(table)).toEqual(kpi.quarters.filter(inYear(latestYear)).map((q) => quarterLabel(q.period)));
});

test('a year the release does not cover, or not a year at all, says so with a way back', async ({ page }) => {
  await page.goto('/contract?year=2031-32');
  const error = page.getByTestId('selection-error');
  await expect(error).toContainText('no contract figures for 2031-32');
  await expect(page.getByTestId('kpi-summary')).toHaveCount(0);
  await page.goto('/contract?year=last-year');
  await expect(error).toContainText('“last-year” is not a financial year');
  await error.getByRole('link', { name: 'Show the latest financial year' }).click();
  await expect(page.getByTestId('kpi-summary')).toBeVisible();
});
