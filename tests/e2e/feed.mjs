// Independent reading of the feed file for the tests: the expected figures are computed here
// from the JSON with plain JavaScript, not taken from the app.
import { readFileSync } from 'node:fs';

export function loadFeed(path = 'dist/data/feed.json') {
  return JSON.parse(readFileSync(path, 'utf8'));
}

export const latestPeriod = (feed) => feed.publication.periods.at(-1).period;

export function funnelRow(feed, period, area, cohort) {
  return feed.journey.funnel.find((r) => r.period === period && r.area === area && r.cohort === cohort);
}

const thousands = (n) => n.toLocaleString('en-GB');
const percent = (part, whole) => `${((part / whole) * 100).toFixed(1)}%`;

/** The rows a funnel table must show: [count, from previous, from first, drop-off] per stage. */
export function expectedFunnelTable(counts) {
  const first = counts[0];
  return counts.map((count, i) => {
    const previous = i === 0 ? null : counts[i - 1];
    const shown = count === '[c]' ? '[c]' : thousands(count);
    const ratio = (whole) => (count === '[c]' || whole === '[c]' ? '[c]' : whole === 0 ? '[z]' : percent(count, whole));
    return [
      shown,
      i === 0 ? '[z]' : ratio(previous),
      ratio(first),
      i === 0 ? '[z]' : count === '[c]' || previous === '[c]' ? '[c]' : thousands(previous - count),
    ];
  });
}
