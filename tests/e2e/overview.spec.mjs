// /: the headline tiles (latest value, change since the previous quarter and a year earlier,
// direction of travel in words, RAG against target) and "what changed this quarter", computed
// here from the feed file.
import { test, expect } from '@playwright/test';
import { loadFeed, row } from './feed.mjs';
import {
  assess, financialYear, kpiDifference, kpiValue, previousQuarter, ratioPercent, round1, travelWords, yearEarlier,
} from './contract-expected.mjs';

const feed = loadFeed();
const latest = feed.publication.periods.at(-1).period;
const county = feed.geography.county.code;
const annual = feed.contract.annual_outcome_payment_gbp;

/** The texts a tile shows: latest value, then [change, direction] for each earlier quarter. */
function tile(unit, polarity, valueIn, period) {
  const now = valueIn(period);
  const change = (earlierPeriod) => {
    const then = valueIn(earlierPeriod);
    if (then === null || now === null) return null;
    const difference = round1(now - then);
    const text = unit === 'count'
      ? (then === 0 ? kpiDifference('count', difference) : `${kpiDifference('count', difference)} (${kpiDifference('percentage', ((now - then) / Math.abs(then)) * 100)}%)`)
      : `${kpiDifference('percentage', difference)} percentage points`;
    return { text, travel: travelWords(then, now, polarity), score: then === 0 ? null : ((now - then) / Math.abs(then)) * (polarity === 'lower_is_better' ? -1 : 1) };
  };
  return { latest: kpiValue(unit, now), previous: change(previousQuarter(period)), year: change(yearEarlier(period)) };
}

const identified = (period) => {
  const r = row(feed, 'funnel', period, county, 'all');
  return r && r.counts[0] !== '[c]' ? r.counts[0] : null;
};
const endToEnd = (period) => {
  const r = row(feed, 'funnel', period, county, 'all');
  if (!r) return null;
  const [first, last] = [r.counts[0], r.counts.at(-1)];
  return first === '[c]' || last === '[c]' || first === 0 ? null : round1((last / first) * 100);
};

const TILES = [
  { id: 'people-identified', title: 'People identified', ...tile('count', 'higher_is_better', identified, latest) },
  { id: 'end-to-end', title: `End-to-end conversion: identified to “${feed.journey.stages.at(-1).name}”`, ...tile('percentage', 'higher_is_better', endToEnd, latest) },
  ...feed.contract.kpis.map((kpi) => {
    const assessed = assess(kpi, annual);
    const last = assessed.filter((q) => q.actual !== null).at(-1);
    const actualIn = (period) => {
      const q = assessed.find((a) => a.period === period);
      return q && q.actual !== null ? round1(q.actual) : null;
    };
    return {
      id: `kpi-${kpi.id}`,
      title: kpi.title,
      kpi,
      assessment: last,
      ...tile(kpi.unit, kpi.polarity, actualIn, last.period),
    };
  }),
];

async function tileTexts(page, id) {
  const card = page.locator(`[data-tile="${id}"]`);
  const rowOf = async (key) => {
    const r = card.locator(`[data-row="${key}"]`);
    if (await r.count() === 0) return null;
    return r.evaluate((el) => ({
      value: el.querySelector('[data-value]')?.textContent.trim(),
      travel: el.querySelector('[data-travel]')?.dataset.travel ?? null,
      rag: el.querySelector('[data-rag]')?.dataset.rag ?? null,
    }));
  };
  return { latest: await rowOf('latest'), previous: await rowOf('previous'), year: await rowOf('year'), target: await rowOf('target') };
}

test('every headline tile: latest value, changes with direction in words, RAG against target', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveTitle('Overview – Think Communities outcomes');
  await expect(page.locator('[data-tile]')).toHaveCount(TILES.length);
  for (const t of TILES) {
    await expect(page.locator(`[data-tile="${t.id}"] h4`)).toHaveText(t.title);
    const shown = await tileTexts(page, t.id);
    expect(shown.latest.value, t.id).toBe(t.latest);
    for (const key of ['previous', 'year']) {
      if (t[key] === null) {
        expect(shown[key].value, `${t.id} ${key}`).toMatch(/^not available/);
      } else {
        expect(shown[key], `${t.id} ${key}`).toEqual({ value: t[key].text, travel: t[key].travel, rag: null });
      }
    }
    if (t.kpi) {
      expect(shown.target.rag, t.id).toBe(t.assessment.rag);
      expect(shown.target.value).toBe(`target ${kpiValue(t.kpi.unit, t.assessment.target)}, achievement ${ratioPercent(t.assessment.achievement)}`);
      await expect(page.locator(`[data-tile="${t.id}"] a`)).toHaveAttribute('href', `/contract?year=${financialYear(t.assessment.period)}#${t.id}`);
    } else {
      expect(shown.target).toBeNull();
    }
  }
  // The direction is in words, not colour alone: every change row says improving, worsening or no change.
  const words = await page.locator('[data-tile] [data-travel]').evaluateAll((els) => els.map((e) => e.textContent.trim()));
  for (const w of words) expect(w).toMatch(/^[↑↓→] (improving|worsening|no change|increased|decreased)$/);
});

test('what changed this quarter: largest improvements and deteriorations, RAG changes, plans newly at risk', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('rag-changes')).toBeVisible();
  const current = TILES.filter((t) => (t.assessment?.period ?? latest) === latest && t.previous && t.previous.score !== null);
  const better = current.filter((t) => t.previous.score > 0).sort((a, b) => b.previous.score - a.previous.score).slice(0, 3);
  const worse = current.filter((t) => t.previous.score < 0).sort((a, b) => a.previous.score - b.previous.score).slice(0, 3);
  const listed = async (testid) => page.getByTestId(testid).evaluate((el) => (el.tagName === 'UL' ? [...el.querySelectorAll('li')].map((li) => li.textContent.trim()) : []));
  // Each item: "<title>: <change> <arrow> <improving|worsening>".
  const expectList = async (testid, tiles) => {
    const shown = await listed(testid);
    expect(shown.length, testid).toBe(tiles.length);
    for (const [i, t] of tiles.entries()) {
      expect(shown[i]).toMatch(/ [↑↓] (improving|worsening)$/);
      expect(shown[i].replace(/ [↑↓] (improving|worsening)$/, ''), testid).toBe(`${t.title}: ${t.previous.text}`);
      expect(shown[i].endsWith(t.previous.travel), testid).toBe(true);
    }
  };
  await expectList('improvements', better);
  await expectList('deteriorations', worse);

  const previous = previousQuarter(latest);
  const ragChanges = feed.contract.kpis.flatMap((kpi) => {
    const assessed = assess(kpi, annual);
    const [before, now] = [assessed.find((q) => q.period === previous)?.rag, assessed.find((q) => q.period === latest)?.rag];
    return before && now && before !== now ? [[kpi.title, before, now]] : [];
  });
  expect(ragChanges.length, 'the demo has KPIs that changed RAG').toBeGreaterThan(0);
  const order = { Red: 0, Amber: 1, Green: 2 };
  expect(await listed('rag-changes')).toEqual(ragChanges.map(([title, before, now]) =>
    `${title}: from ${before} to ${now} (${order[now] > order[before] ? 'improving' : 'worsening'})`));

  const newly = feed.place_plans
    .map((p) => ({ id: p.id, actions: p.actions.filter((a) => a.status === 'at_risk' && a.previous_status && a.previous_status !== 'at_risk') }))
    .filter((p) => p.actions.length > 0);
  expect(newly.length, 'the demo has actions newly at risk').toBeGreaterThan(0);
  const shownPlans = await page.getByTestId('newly-at-risk').locator('li').evaluateAll((lis) => lis.map((li) => li.dataset.plan));
  expect(shownPlans).toEqual(newly.map((p) => p.id));
  for (const p of newly) {
    const item = page.locator(`[data-testid="newly-at-risk"] li[data-plan="${p.id}"]`);
    for (const a of p.actions) await expect(item).toContainText(`“${a.title}”`);
  }
});

test('a tile links to its detail: a KPI opens on the contract page, a plan from the list opens its page', async ({ page }) => {
  await page.goto('/');
  const kpi = feed.contract.kpis[0];
  await page.locator(`[data-tile="kpi-${kpi.id}"] a`).click();
  await expect(page).toHaveURL(new RegExp(`/contract\\?year=\\d{4}-\\d{2}#kpi-${kpi.id}$`));
  await expect(page.locator(`#kpi-${kpi.id}`)).toBeVisible();
  await page.goto('/');
  const first = page.getByTestId('newly-at-risk').locator('li a').first();
  const name = (await first.textContent()).trim();
  await first.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
});
