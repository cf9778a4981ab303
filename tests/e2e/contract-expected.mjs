// Independent JavaScript reading of the contract, plans and headline figures for the end-to-end
// tests: the rules of docs/feed.md ("How the dashboard reads the contract") written again here,
// from the feed file, so the tests never take an expected number from the app.

/** Half away from zero to one decimal place (the dashboard rounds before it formats). */
export const round1 = (x) => (Math.sign(x) * Math.round(Math.abs(x) * 10)) / 10;

const grouped = (n) => n.toLocaleString('en-GB', { maximumFractionDigits: 1 });

/** "8,220", "12.5", "73.2%". */
export function kpiValue(unit, value) {
  const r = round1(value);
  return unit === 'percentage' ? `${r.toFixed(1)}%` : grouped(r);
}

/** "+330", "−530", "+1.3", "0". */
export function kpiDifference(unit, value) {
  const r = round1(value);
  const magnitude = unit === 'percentage' ? Math.abs(r).toFixed(1) : grouped(Math.abs(r));
  return r > 0 ? `+${magnitude}` : r < 0 ? `\u2212${magnitude}` : magnitude;
}

export const ratioPercent = (a) => (Number.isFinite(a) ? `${round1(a * 100).toFixed(1)}%` : '[z]');

export const money = (pence) => `£${Math.floor(pence / 100).toLocaleString('en-GB')}.${String(pence % 100).padStart(2, '0')}`;

export function achievement(polarity, target, actual) {
  if (polarity === 'lower_is_better') return actual === 0 ? Infinity : target / actual;
  return actual / target;
}

export const rag = (a, thresholds) => (a >= thresholds.green_from ? 'Green' : a >= thresholds.amber_from ? 'Amber' : 'Red');

/** Year to date or cumulative: sums for a count KPI, means for a percentage KPI, reported quarters only. */
export function position(kpi, quarters) {
  const reported = quarters.filter((q) => q.actual !== null && q.actual !== undefined);
  if (reported.length === 0) return null;
  let target = reported.reduce((s, q) => s + q.target, 0);
  let actual = reported.reduce((s, q) => s + q.actual, 0);
  if (kpi.unit === 'percentage') { target /= reported.length; actual /= reported.length; }
  const a = achievement(kpi.polarity, target, actual);
  return { actual, target, achievement: a, rag: rag(a, kpi.rag) };
}

export const positionText = (kpi, p) => (p
  ? `${kpiValue(kpi.unit, p.actual)} against ${kpiValue(kpi.unit, p.target)} (${ratioPercent(p.achievement)}, ${p.rag})`
  : '[x]');

export const financialYear = (period) => {
  const [year] = period.split('-Q').map(Number);
  return `${year}-${String((year + 1) % 100).padStart(2, '0')}`;
};

const MONTHS = { 1: ['Apr to Jun', 0], 2: ['Jul to Sep', 0], 3: ['Oct to Dec', 0], 4: ['Jan to Mar', 1] };
/** "Oct to Dec 2025 (2025-26 Q3)". */
export function quarterLabel(period) {
  const [year, q] = period.split('-Q').map(Number);
  const [months, offset] = MONTHS[q];
  return `${months} ${year + offset} (${financialYear(period)} Q${q})`;
}

export function previousQuarter(period) {
  const [year, q] = period.split('-Q').map(Number);
  return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
}

export function yearEarlier(period) {
  const [year, q] = period.split('-Q').map(Number);
  return `${year - 1}-Q${q}`;
}

/** Every quarter of a KPI assessed, oldest first. */
export function assess(kpi, annual) {
  return kpi.quarters.map((q, i) => {
    const soFar = kpi.quarters.slice(0, i + 1);
    const reported = q.actual !== null && q.actual !== undefined;
    const a = reported ? achievement(kpi.polarity, q.target, q.actual) : null;
    const share = annual * kpi.payment.weight / 4;
    return {
      period: q.period,
      target: q.target,
      actual: reported ? q.actual : null,
      variance: reported ? q.actual - q.target : null,
      achievement: a,
      rag: reported ? rag(a, kpi.rag) : null,
      yearToDate: position(kpi, soFar.filter((p) => financialYear(p.period) === financialYear(q.period))),
      cumulative: position(kpi, soFar),
      sharePence: Math.round(share * 100),
      maximumPence: Math.round(share * kpi.payment.cap * 100),
      earnedPence: reported ? Math.round(share * Math.min(a, kpi.payment.cap) * 100) : 0,
    };
  });
}

/** The cells of a KPI's quarter-by-quarter table, after the quarter's header. */
export const kpiRowCells = (kpi, q) => [
  kpiValue(kpi.unit, q.target),
  q.actual === null ? '[x]' : kpiValue(kpi.unit, q.actual),
  q.variance === null ? '[x]' : kpiDifference(kpi.unit, q.variance),
  q.actual === null ? '[x]' : ratioPercent(q.achievement),
  q.rag ?? '[x]',
  positionText(kpi, q.yearToDate),
  positionText(kpi, q.cumulative),
  money(q.earnedPence),
];

/** Financial years of the contract's KPIs, oldest first. */
export const contractYears = (feed) => [...new Set(feed.contract.kpis.flatMap((k) => k.quarters.map((q) => financialYear(q.period))))].sort();

/** A measure's value as the plans pages show it: "12.3%", "4.5 per 1,000", or a symbol. */
export function measureText(measure, value) {
  if (!value) return '[x]';
  const { numerator: x, denominator: n } = value;
  if (x === '[c]' || n === '[c]') return '[c]';
  if (n === 0 || (measure.unit === 'percentage' && x > n)) return '[z]';
  const v = measure.unit === 'percentage' ? (x / n) * 100 : (x / n) * 1000;
  return measure.unit === 'percentage' ? `${round1(v).toFixed(1)}%` : `${round1(v).toFixed(1)} per 1,000`;
}

/** The value as shown, as a number (for direction of travel), or null. */
export function measureShown(measure, value) {
  const text = measureText(measure, value);
  return text.startsWith('[') ? null : Number.parseFloat(text);
}

/** "improving" / "worsening" / "no change" (or "increased" / "decreased" without polarity). */
export function travelWords(previous, latest, polarity) {
  if (latest === previous) return 'no change';
  const up = latest > previous;
  if (polarity === 'no_judgement') return up ? 'increased' : 'decreased';
  return up === (polarity === 'higher_is_better') ? 'improving' : 'worsening';
}

export const STATUSES = ['not_started', 'on_track', 'at_risk', 'complete'];
export const STATUS_WORDS = { not_started: 'Not started', on_track: 'On track', at_risk: 'At risk', complete: 'Complete' };

export function statusCounts(plan) {
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0]));
  for (const action of plan.actions) counts[action.status] += 1;
  return counts;
}

/** "12 November 2026" from "2026-11-12". */
export function longDate(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}
