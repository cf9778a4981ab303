// The disclosure audit's part of `make bench` (issue 11): the public audit
// (`cargo run --release -p outcomes-core --example bench_audit -- FEED`) of the county feed (the
// demo) and of the synthetic national feed, each under a time limit so the bench never hangs:
//   BENCH_AUDIT_COUNTY_MINUTES   (default 15)
//   BENCH_AUDIT_NATIONAL_MINUTES (default 15)
//   BENCH_AUDIT_NATIONAL_SAMPLE  (default 1: audit every hidden count of the national feed,
//                                 about 11 minutes and 11 GB on this machine; N > 1 audits every
//                                 Nth, on one thread, and estimates the whole from it, for a
//                                 quick or smaller run: an overestimate, see docs/disclosure.md)
//   BENCH_AUDIT_MEMORY_GB        (default 16: the process's address-space limit, so a run too
//                                 large for the machine stops instead of exhausting it)
// Used by scripts/bench.mjs; also runs on its own (county first, then national):
//   node scripts/bench-audit.mjs [county|national]...
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SECTION = 'disclosure audit (public, no earlier release)';

export const AUDIT_SCALES = {
  county: { feed: 'assets/data/feed.json', minutes: Number(process.env.BENCH_AUDIT_COUNTY_MINUTES ?? 15) },
  national: {
    feed: 'build/national/feed.json',
    minutes: Number(process.env.BENCH_AUDIT_NATIONAL_MINUTES ?? 15),
    sample: Number(process.env.BENCH_AUDIT_NATIONAL_SAMPLE ?? 1),
  },
};

/** Builds the example once (not timed) and returns the path of its executable. */
function buildBenchAudit() {
  const out = execFileSync('cargo', ['build', '--quiet', '--release', '-p', 'outcomes-core', '--example', 'bench_audit', '--message-format=json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  for (const line of out.split('\n').reverse()) {
    if (!line.startsWith('{')) continue;
    const message = JSON.parse(line);
    if (message.reason === 'compiler-artifact' && message.target?.name === 'bench_audit' && message.executable) return message.executable;
  }
  throw new Error('cargo build did not report the bench_audit executable');
}

/**
 * Runs the audit of `feed` in its own process group, killed (with anything it started) after
 * `minutes`. Resolves to { json, wallSeconds } or { stopped: words }.
 */
function runAudit(executable, feed, sample, minutes, memoryGb) {
  return new Promise((resolve) => {
    const started = Date.now();
    // `ulimit -v` caps the address space; `exec` keeps one process to time and to kill.
    const child = spawn('bash', ['-c', `ulimit -v ${Math.round(memoryGb * 1024 * 1024)} && exec "$0" "$@"`, executable, feed, ...(sample > 1 ? ['--sample', String(sample)] : [])], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
    }, minutes * 60 * 1000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const wallSeconds = (Date.now() - started) / 1000;
      if (timedOut) return resolve({ stopped: `not feasible within ${minutes} min (stopped)` });
      const last = stdout.trim().split('\n').at(-1) ?? '';
      if (code === 0 && last.startsWith('{')) return resolve({ json: last, wallSeconds });
      const memory = /memory allocation|out of memory|Cannot allocate/i.test(stderr);
      const why = memory ? `ran out of the ${memoryGb} GB memory limit` : `failed (${signal ?? `exit ${code}`}): ${stderr.trim().split('\n').at(-1) ?? ''}`;
      resolve({ stopped: `${why} after ${wallSeconds.toFixed(0)} s` });
    });
  });
}

/** Adds the audit rows for each scale to the bench table through `row(section, item, value, goal)`. */
export async function auditRows(row, scales = ['county', 'national']) {
  const executable = buildBenchAudit();
  const memoryGb = Number(process.env.BENCH_AUDIT_MEMORY_GB ?? 16);
  for (const scale of scales) {
    const { feed, minutes, sample = 1 } = AUDIT_SCALES[scale];
    const label = `${SECTION}, ${scale}${sample > 1 ? `, every ${sample}th hidden count` : ''}`;
    if (!existsSync(feed)) {
      row(label, feed, 'missing', scale === 'national' ? 'make build/national/manifest.json' : 'make dist');
      continue;
    }
    console.error(`bench: auditing ${feed} (limit ${minutes} min)…`);
    const result = await runAudit(executable, feed, sample, minutes, memoryGb);
    if (result.stopped) {
      row(label, 'audit', result.stopped, feed);
      continue;
    }
    console.log(`bench_audit ${feed}: ${result.json}`);
    const audit = JSON.parse(result.json);
    const n = (v) => v.toLocaleString('en-GB');
    if (audit.sample_every) {
      const hours = (s) => `${(s / 3600).toFixed(1)} h`;
      row(label, 'hidden counts audited / of / relations', `${n(audit.cells_audited)} / ${n(audit.hidden_counts)} / ${n(audit.relations)}`, feed);
      row(label, 'reader\'s system: unknowns / built in', `${n(audit.unknowns)} / ${audit.reader_seconds.toFixed(1)} s`);
      row(label, 'sample time (one thread) / per hidden count', `${audit.sample_seconds.toFixed(1)} s / ${audit.ms_per_count.toFixed(2)} ms`, `wall incl. reading ${result.wallSeconds.toFixed(1)} s`);
      row(label, `whole audit, estimated: 1 core / ${audit.cores} cores`, `${hours(audit.estimate_seconds_one_core)} / ${hours(audit.estimate_seconds_all_cores)}`, 'from the sample, not run: an overestimate');
      row(label, 'failures in the sample', n(audit.failures), 'failures: cells proven narrower than the rule');
    } else {
      row(label, 'cells audited / relations', `${n(audit.cells_audited)} / ${n(audit.relations)}`, feed);
      row(label, 'secondary suppressions (from the manifest)', n(audit.secondary_suppressions));
      row(label, 'audit time / wall time incl. reading', `${audit.seconds.toFixed(1)} s / ${result.wallSeconds.toFixed(1)} s`, `limit ${minutes} min`);
      row(label, 'smallest margin / failures', `${audit.smallest_margin === null ? 'none' : `±${audit.smallest_margin}`} / ${n(audit.failures)}`, 'failures: cells proven narrower than the rule');
    }
    row(label, 'intervals exact / inner / outer', `${n(audit.exact)} / ${n(audit.inner)} / ${n(audit.outer)}`, 'outer: a pass is not a proof');
    if (scale === 'county') await judgedDemoRows(row, executable, memoryGb);
  }
}

/**
 * The county demonstration judged by the publisher's rule on its true values (only the generator
 * knows them; `outcomes publish` judges every release it writes this way, the demonstration is
 * not): how many hidden small counts a reader can narrow below their margin.
 */
async function judgedDemoRows(row, executable, memoryGb) {
  const label = `${SECTION}, county demonstration judged by the publisher's rule (true values known)`;
  console.error('bench: judging the county demonstration…');
  const result = await runAudit(executable, '--judge-demo', 1, AUDIT_SCALES.county.minutes, memoryGb);
  if (result.stopped) {
    row(label, 'judging', result.stopped);
    return;
  }
  const judged = JSON.parse(result.json);
  const n = (v) => v.toLocaleString('en-GB');
  row(label, 'hidden counts judged / failures', `${n(judged.cells_audited)} / ${n(judged.failures)}`, 'failures: small counts proven narrowed below their margin (goal 0)');
  const worst = Object.entries(judged.small_failures_by_interval).sort((a, b) => b[1] - a[1]).slice(0, 4).map(([interval, count]) => `${interval}: ${n(count)}`).join('; ');
  row(label, 'failing intervals, most common', worst || 'none', `generate and judge ${result.wallSeconds.toFixed(1)} s`);
}

/**
 * `outcomes publish` on the example in tests/publish (release build): it audits each release it
 * builds and hides protection patterns until the audit passes; by default the audit's intervals
 * are also judged by the publisher's rule on the true values, with `--public-test-only` not.
 * Prints the rounds, the secondary suppressions and the time of each, from the manifest written.
 */
export function publishRows(row) {
  execFileSync('cargo', ['build', '--quiet', '--release', '-p', 'outcomes-cli']);
  const n = (v) => v.toLocaleString('en-GB');
  for (const [mode, flags] of [['by default (the publisher\'s rule judged)', []], ['--public-test-only', ['--public-test-only']]]) {
    const label = `outcomes publish until the audit passes, tests/publish example, ${mode}`;
    const out = mkdtempSync(join(tmpdir(), 'outcomes-bench-publish-'));
    console.error(`bench: outcomes publish tests/publish ${flags.join(' ')}…`);
    const started = Date.now();
    execFileSync('target/release/outcomes', ['publish', '--input', 'tests/publish', '--out', join(out, 'release'), '--report', join(out, 'report.csv'), ...flags], { stdio: 'pipe' });
    const seconds = (Date.now() - started) / 1000;
    const manifest = JSON.parse(readFileSync(join(out, 'release', 'manifest.json'), 'utf8'));
    rmSync(out, { recursive: true, force: true });
    const disclosure = manifest.extra.publish.disclosure;
    row(label, 'counts published / audit rounds', `${n(disclosure.counts_published)} / ${disclosure.audit_rounds}`);
    row(label, 'suppressed primary / secondary', `${n(disclosure.suppressed_primary)} / ${n(disclosure.suppressed_secondary)}`);
    row(label, 'wall time (build, audit, patterns, check)', `${seconds.toFixed(1)} s`);
    row(label, 'audit failures / unproven / smallest margin', `${n(manifest.audit.failures)} / ${n(manifest.audit.unproven)} / ±${manifest.audit.smallest_margin}`, 'unproven: outer intervals');
  }
}

// Run on its own: print the same rows.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const scales = process.argv.slice(2).length ? process.argv.slice(2) : ['county', 'national'];
  const unknown = scales.filter((s) => !AUDIT_SCALES[s]);
  if (unknown.length) {
    console.error(`unknown scale(s): ${unknown.join(', ')} (county or national)`);
    process.exit(2);
  }
  const rows = [];
  const push = (section, item, value, goal = '') => rows.push({ section, item, value, goal });
  publishRows(push);
  await auditRows(push, scales);
  let section = '';
  for (const r of rows) {
    if (r.section !== section) { section = r.section; console.log(`\n${section}`); }
    console.log(`  ${r.item.padEnd(44)}  ${String(r.value).padStart(28)}  ${r.goal}`);
  }
}
