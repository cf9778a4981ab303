// /plans and /plans/{id}: counts by status, headline measures and their direction, sorting and
// filtering by keyboard with the state in the URL, a plan's actions (overdue against the release
// date), its life-journey funnel (the journey page's own panel) and its wards against the county,
// all computed here from the feed file.
import { test, expect } from '@playwright/test';
import { expectedFunnelTable, loadFeed, row, wilson } from './feed.mjs';
import {
  longDate, measureShown, measureText, round1, STATUSES, STATUS_WORDS, statusCounts, travelWords, yearEarlier,
} from './contract-expected.mjs';

const feed = loadFeed();
const plans = feed.place_plans;
const latest = feed.publication.periods.at(-1).period;
const earlier = yearEarlier(latest);
const release = feed.publication.release_date;
const areaName = (code) => [...feed.geography.districts, ...feed.geography.wards].find((a) => a.code === code)?.name ?? code;
const measure = (id) => feed.measures.catalogue.find((m) => m.id === id);
const value = (id, period, area) => feed.measures.values.find((v) => v.measure === id && v.period === period && v.area === area);

const bodyRows = (locator) => locator.locator('tbody tr').evaluateAll((rows) =>
  rows.map((r) => ({ key: r.dataset.plan ?? r.dataset.action ?? r.dataset.area, cells: [...r.querySelectorAll('td')].map((c) => c.textContent.trim()) })));

/** The cells the index shows for a plan. */
function indexCells(plan) {
  const counts = statusCounts(plan);
  const headline = measure(plan.measures[0]);
  const now = value(headline.id, latest, plan.id);
  const then = value(headline.id, earlier, plan.id);
  const [a, b] = [measureShown(headline, then), measureShown(headline, now)];
  const travel = a === null || b === null ? 'change not available [x]' : travelWords(a, b, headline.polarity);
  const wards = plan.wards.map(areaName);
  return [
    areaName(plan.district),
    `${wards.length}: ${wards.join(', ')}`,
    ...STATUSES.map((s) => String(counts[s])),
    `${headline.title}|${measureText(headline, now)}|${travel}`,
  ];
}

async function indexRows(page) {
  return page.getByTestId('plans-table').locator('tbody tr').evaluateAll((rows) => rows.map((r) => {
    const cells = [...r.querySelectorAll('td')];
    const headline = r.querySelector('[data-column="headline"]');
    const travel = headline.querySelector('[data-travel]');
    return {
      id: r.dataset.plan,
      cells: cells.slice(0, 6).map((c) => c.textContent.trim()).concat([
        `${headline.querySelector('[data-value="title"]').textContent.trim()}|${headline.querySelector('[data-value="latest"]').textContent.trim()}|${travel.dataset.travel === 'none' ? travel.textContent.trim() : travel.dataset.travel}`,
      ]),
    };
  }));
}

/** The index order: by the key, the plan's name (lower case) breaking ties; reversed for descending. */
function sorted(list, key, order) {
  const name = (p) => p.name.toLowerCase();
  const keyOf = {
    name: () => 0,
    district: (p) => areaName(p.district).toLowerCase(),
    wards: (p) => p.wards.length,
    ...Object.fromEntries(STATUSES.map((s) => [s, (p) => statusCounts(p)[s]])),
  }[key];
  const out = [...list].sort((a, b) => {
    const [x, y] = [keyOf(a), keyOf(b)];
    if (x < y) return -1;
    if (x > y) return 1;
    return name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0;
  });
  return order === 'descending' ? out.reverse() : out;
}

test('the index lists every plan with its district, wards, actions by status and headline measure', async ({ page }) => {
  expect(plans.length).toBe(23);
  const requested = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  await page.goto('/plans');
  await expect(page).toHaveTitle('Place plans – Think Communities outcomes');
  await expect(page.getByTestId('plans-table')).toBeVisible();
  // The summary has every plan; their values come from the plans' file, not the whole feed.
  expect(requested).toContain('/data/plans.json');
  expect(requested).not.toContain('/data/feed.json');
  expect(requested.filter((path) => path.startsWith('/data/districts/'))).toEqual([]);
  const rows = await indexRows(page);
  expect(rows.map((r) => r.id)).toEqual(sorted(plans, 'name', 'ascending').map((p) => p.id));
  for (const r of rows) {
    expect(r.cells, r.id).toEqual(indexCells(plans.find((p) => p.id === r.id)));
  }
  const all = plans.flatMap((p) => p.actions);
  const count = (s) => all.filter((a) => a.status === s).length;
  await expect(page.getByTestId('plans-summary')).toHaveText(
    `${plans.length} plans with ${all.length} actions: ${STATUSES.map((s) => `${count(s)} ${STATUS_WORDS[s].toLowerCase()}`).join(', ')}.`,
  );
  // The chart stacks the same counts, plan by plan, in the table's order.
  await page.waitForFunction(() => {
    const el = document.querySelector('[data-chart="Bar chart of each plan\'s actions by status"]');
    return window.echarts && el && window.echarts.getInstanceByDom(el)?.getOption()?.series?.length === 4;
  });
  const series = await page.evaluate(() => window.echarts.getInstanceByDom(document.querySelector('[data-chart="Bar chart of each plan\'s actions by status"]'))
    .getOption().series.map((s) => s.data.map((d) => (typeof d === 'object' ? d.value : d))));
  const order = sorted(plans, 'name', 'ascending');
  expect(series).toEqual(STATUSES.map((s) => order.map((p) => statusCounts(p)[s])));
});

test('sorting by keyboard: header buttons set aria-sort and the URL, focus stays on the button', async ({ page }) => {
  await page.goto('/plans');
  await expect(page.getByTestId('plans-table')).toBeVisible();
  const atRisk = page.locator('button[data-sort="at_risk"]');
  const header = page.locator('th:has(button[data-sort="at_risk"])');
  await expect(header).toHaveAttribute('aria-sort', 'none');
  await expect(page.locator('th:has(button[data-sort="name"])')).toHaveAttribute('aria-sort', 'ascending');
  await atRisk.focus();
  await page.keyboard.press('Enter');
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  await expect(page).toHaveURL(/sort=at_risk&order=ascending/);
  await expect.poll(async () => (await indexRows(page)).map((r) => r.id)).toEqual(sorted(plans, 'at_risk', 'ascending').map((p) => p.id));
  await expect(atRisk).toBeFocused();
  await page.keyboard.press('Space');
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  await expect(page.locator('th:has(button[data-sort="name"])')).toHaveAttribute('aria-sort', 'none');
  await expect.poll(async () => (await indexRows(page)).map((r) => r.id)).toEqual(sorted(plans, 'at_risk', 'descending').map((p) => p.id));
  await expect(page.getByTestId('plans-shown')).toHaveText(`Showing ${plans.length} of ${plans.length} plans, sorted by at risk (descending).`);
  // The sorted view reopens from its address.
  await page.goto('/plans?sort=district&order=descending');
  await expect.poll(async () => (await indexRows(page)).map((r) => r.id)).toEqual(sorted(plans, 'district', 'descending').map((p) => p.id));
});

test('filtering by district and status with the keyboard; the filters live in the URL', async ({ page }) => {
  const fenland = feed.geography.districts.find((d) => d.name === 'Fenland');
  await page.goto('/plans?sort=wards&order=descending');
  await expect(page.getByTestId('plans-table')).toBeVisible();
  await page.locator('#district').focus();
  await page.keyboard.type('Fenland');
  await expect(page.locator('#district')).toHaveValue(fenland.code);
  await page.keyboard.press('Tab');
  await expect(page.locator('#status')).toBeFocused();
  await page.keyboard.type('At risk');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Apply filters' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`district=${fenland.code}&status=at_risk&sort=wards&order=descending`));
  const expected = sorted(plans.filter((p) => p.district === fenland.code && statusCounts(p).at_risk > 0), 'wards', 'descending');
  expect(expected.length).toBeGreaterThan(0);
  await expect.poll(async () => (await indexRows(page)).map((r) => r.id)).toEqual(expected.map((p) => p.id));
  await expect(page.locator('th:has(button[data-sort="wards"])')).toHaveAttribute('aria-sort', 'descending');
  // Back to every plan: the selects follow the URL.
  await page.goBack();
  await expect(page.locator('#district')).toHaveValue('all');
  await expect.poll(async () => (await indexRows(page)).length).toBe(plans.length);
});

test('an unknown district or status in the URL says so, with a way back', async ({ page }) => {
  await page.goto('/plans?district=E07999999&status=late');
  const error = page.getByTestId('selection-error');
  await expect(error).toContainText('no district with the code “E07999999”');
  await expect(error).toContainText('“late” is not an action status');
  await error.getByRole('link', { name: 'Show every place plan' }).click();
  await expect.poll(async () => (await indexRows(page)).length).toBe(plans.length);
});

// The first plan, another with an overdue action, and one with a withheld ward figure (if any).
const overduePlan = plans.find((p, i) => i > 0 && p.actions.some((a) => a.due_date < release && a.status !== 'complete'));
const withheldPlan = plans.find((p) => p.measures.some((id) => p.wards.some((w) => {
  const v = value(id, latest, w);
  return v && (v.numerator === '[c]' || v.denominator === '[c]');
})));
for (const plan of [...new Set([plans[0], overduePlan, withheldPlan].filter(Boolean))]) {
  test(`the plan page of ${plan.name}: priorities, actions, the reused funnel and its wards against the county`, async ({ page }) => {
    const requested = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await page.goto(`/plans/${plan.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(plan.name);
    await expect(page).toHaveTitle(`${plan.name} – Think Communities outcomes`);
    // The plan, its wards and the county come from the summary and the district's file.
    expect(requested).toContain(`/data/districts/${plan.district}.json`);
    expect(requested).not.toContain('/data/feed.json');
    await expect(page.getByTestId('priorities').locator('li')).toHaveText(plan.priorities);

    const partner = { council: 'Council', health: 'Health', police: 'Police', vcs: 'Voluntary and community sector', housing: 'Housing provider', dwp: 'Department for Work and Pensions', education: 'Education', community: 'Community' };
    const actions = await bodyRows(page.getByTestId('actions-table'));
    expect(actions.map((a) => a.key)).toEqual(plan.actions.map((a) => a.id));
    expect(actions.map((a) => a.cells)).toEqual(plan.actions.map((a) => [
      partner[a.lead_partner_type], longDate(a.due_date), STATUS_WORDS[a.status],
      a.due_date < release && a.status !== 'complete' ? 'Overdue' : 'No',
    ]));
    await expect(page.getByTestId('actions-table').locator('tbody th')).toHaveText(plan.actions.map((a) => a.title));

    // The life-journey funnel is the journey page's own panel, for this plan's area.
    const funnel = row(feed, 'funnel', latest, plan.id, 'all').counts;
    const panel = page.locator('[data-panel="funnel"]');
    await expect.poll(() => panel.getByTestId('funnel-table').locator('tbody tr').evaluateAll((rows) =>
      rows.map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent.trim())))).toEqual(expectedFunnelTable(funnel));
    await expect(page.locator('[data-panel="trend"]')).toBeVisible();

    // Each measure: the plan area and its wards against the county, with 95% intervals.
    const county = feed.geography.county.code;
    for (const id of plan.measures) {
      const m = measure(id);
      const section = page.locator(`[data-measure="${id}"]`);
      const shown = await bodyRows(section.getByTestId('ward-measure-table'));
      const areas = [plan.id, ...plan.wards];
      expect(shown.map((r) => r.key)).toEqual(areas);
      const benchmark = value(id, latest, county);
      const benchmarkValue = benchmark.numerator / benchmark.denominator;
      for (const [i, area] of areas.entries()) {
        const v = value(id, latest, area);
        const cells = shown[i].cells;
        expect(cells[0], `${id} ${area}`).toBe(measureText(m, v));
        if (!v || v.numerator === '[c]' || v.denominator === '[c]' || v.denominator === 0) {
          expect(cells[2]).toBe('not compared');
          continue;
        }
        let interval = null;
        if (m.unit === 'percentage') {
          const w = wilson(v.numerator, v.denominator);
          interval = [w.lower, w.upper];
          expect(cells[1]).toBe(`${round1(w.lower * 100).toFixed(1)}% to ${round1(w.upper * 100).toFixed(1)}%`);
        } else if (v.numerator >= 10) {
          // Byar's approximation (APHO Technical Briefing 3), written out again here.
          const z = 1.959963984540054;
          const o = v.numerator;
          const lower = o * (1 - 1 / (9 * o) - z / (3 * Math.sqrt(o))) ** 3;
          const upper = (o + 1) * (1 - 1 / (9 * (o + 1)) + z / (3 * Math.sqrt(o + 1))) ** 3;
          interval = [lower / v.denominator, upper / v.denominator];
          expect(cells[1]).toBe(`${round1(interval[0] * 1000).toFixed(1)} to ${round1(interval[1] * 1000).toFixed(1)} per 1,000`);
        }
        if (interval) {
          const verdict = interval[0] > benchmarkValue ? 'higher' : interval[1] < benchmarkValue ? 'lower' : 'similar';
          const better = m.polarity === 'higher_is_better' ? 'higher' : 'lower';
          const expected = m.polarity === 'no_judgement' ? 'not compared'
            : verdict === 'similar' ? 'similar to benchmark' : verdict === better ? 'better than benchmark' : 'worse than benchmark';
          expect(cells[2], `${id} ${area}`).toBe(expected);
        }
      }
    }
  });
}

test('a plan page for an unknown id says so, with a link back to every plan', async ({ page }) => {
  await page.goto('/plans/no-such-plan');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Place plan not found');
  await expect(page.getByTestId('unknown-plan')).toContainText('no place plan with the id “no-such-plan”');
  await page.getByRole('link', { name: 'See every place plan' }).click();
  await expect(page).toHaveURL(/\/plans$/);
  await expect(page.getByTestId('plans-table')).toBeVisible();
});

test('from the index to a plan and on to another: the page follows the address', async ({ page }) => {
  const [first, second] = sorted(plans, 'name', 'ascending');
  await page.goto('/plans');
  await page.getByRole('link', { name: first.name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(first.name);
  await page.goto(`/plans/${second.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(second.name);
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(first.name);
});
