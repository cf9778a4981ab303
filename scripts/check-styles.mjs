// `make lint`: every GOV.UK Frontend component the app's markup uses has its styles compiled.
// assets/styles/main.scss compiles only the components the app uses; a class of another
// component (say `govuk-accordion__section`) would be unstyled without this check failing.
//   node scripts/check-styles.mjs build/main.css
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const css = readFileSync(process.argv[2] ?? 'build/main.css', 'utf8');
const styled = new Set([...css.matchAll(/\.(govuk-[a-z0-9-]+?)(?=__|--|[^a-z0-9-]|$)/g)].map((m) => m[1]));

const files = (dir) => readdirSync(dir).flatMap((name) => {
  const path = join(dir, name);
  return statSync(path).isDirectory() ? files(path) : path.endsWith('.rs') ? [path] : [];
});
const missing = new Map();
for (const file of [...files('src'), 'index.html']) {
  // A class's block: the part before its element (`__`) or modifier (`--`).
  for (const [, block] of readFileSync(file, 'utf8').matchAll(/\b(govuk-[a-z0-9-]+?)(?=__|--|[^a-z0-9-]|$)/g)) {
    if (!styled.has(block)) missing.set(block, file);
  }
}
if (missing.size) {
  for (const [block, file] of missing) console.error(`${file}: ${block} has no styles in the compiled CSS (add its component to assets/styles/main.scss)`);
  process.exit(1);
}
console.log(`check-styles: every GOV.UK Frontend block the markup uses (${styled.size} compiled) has styles`);
