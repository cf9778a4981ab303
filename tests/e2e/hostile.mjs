// A feed whose labels try to run script or inject markup, for the hardening tests.
import { loadFeed } from './feed.mjs';

export const PAYLOADS = [
  '<script>window.__pwned = "script"</script>',
  '<img src=x onerror="window.__pwned = \'img\'">',
  'javascript:window.__pwned="url"',
  '\u202Eevil\u202C reversed',
  `${'Very long label '.repeat(150)}`,
];

export function hostileFeed() {
  const feed = loadFeed();
  feed.journey.stages[0].name = PAYLOADS[0];
  feed.journey.stages[1].name = PAYLOADS[1];
  feed.geography.wards[0].name = PAYLOADS[1];
  feed.publication.title = PAYLOADS[0];
  feed.publication.licence.url = PAYLOADS[2];
  feed.journey.cohorts[1].name = PAYLOADS[3];
  feed.journey.stages[2].definition = PAYLOADS[4];
  return JSON.stringify(feed);
}
