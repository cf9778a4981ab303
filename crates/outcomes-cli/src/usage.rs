//! Usage text for the command and each subcommand: `--help` prints it on stdout (exit 0); a
//! mistake prints the mistake and the usage on stderr (exit 2).

use crate::output;
use crate::Outcome;

pub const MAIN: &str = "\
Usage: outcomes <SUBCOMMAND> [ARGUMENTS]

Subcommands:
  validate FILE...            check feeds against the feed v1 contract (docs/feed.md)
  schema [--out FILE]         print or write the JSON Schema of feed v1
  demo --out DIR [--seed N] [--scale county|national]
                              write the demonstration feed to DIR/feed.json
  publish --input DIR --out DIR   record-level journey data to the anonymised feed
  audit FEED [--previous FEED...] [--json]
                              prove no suppressed figure can be narrowed too far (docs/disclosure.md)

Run `outcomes <SUBCOMMAND> --help` for more.
Exit codes: 0 success, 1 a feed does not validate, 2 usage or input/output error.
";

pub const VALIDATE: &str = "\
Usage: outcomes validate FILE...

Checks each FILE against the feed v1 contract (docs/feed.md) and reports every problem found.
  valid:    one summary line per file on stdout
  invalid:  one line per problem on stderr, as `FILE: json.path: what is wrong (what was expected)`

Exit codes: 0 every file is valid, 1 at least one is not, 2 usage error or a file cannot be read.
";

pub const SCHEMA: &str = "\
Usage: outcomes schema [--out FILE]

Prints the JSON Schema (draft 2020-12) of feed v1, generated from the Rust types, or writes it
to FILE. The committed copy is docs/feed.schema.json.

Exit codes: 0 written, 2 usage error or FILE cannot be written.
";

pub const DEMO: &str = "\
Usage: outcomes demo --out DIR [--seed N] [--scale county|national] [--no-audit]

Writes the demonstration feed (invented figures on the real districts) to DIR/feed.json as
compact JSON, creating DIR if needed. The same seed always gives the same bytes; the default
seed is 2026. The feed is validated first and never written if it does not pass. It is also
audited as `outcomes audit` would: it is written only if it passes, and the manifest records
the audit's summary (shown on the dashboard's /about page).

  --scale county     the default: Cambridgeshire and Peterborough, with the tidy CSVs and manifest
  --no-audit         skip the disclosure audit (the manifest then has no summary)
  --scale national   a SYNTHETIC England-sized geography (300 districts, 7,000 wards, 33,000 LSOAs,
                     12 quarters; about 300 MB) for measuring performance: feed.json, summary.json,
                     districts/*.json and manifest.json only, with the time each step took; its
                     audit takes about 10 minutes and 11 GB of memory on two cores

Exit codes: 0 written, 1 the generated feed does not validate or fails the audit, 2 usage error or DIR cannot be written.
";

pub const PUBLISH: &str = "\
Usage: outcomes publish --input DIR --out DIR [--status draft|published] [--revision REASON]
                        [--reference FEED] [--report FILE] [--max-rejected PERCENT]
                        [--prove | --public-test-only]

Reads DIR/release.json and the record-level DIR/journey.csv (sorted by id), DIR/measures.csv,
DIR/contract.csv and DIR/actions.csv (docs/publishing.md); adds true counts up to every ward,
district, place plan and the county, by period and cohort; protects them (docs/disclosure.md);
checks the result independently; and only then writes the release to the --out DIR: feed.json,
summary.json and districts/*.json (the same rows, split for the dashboard), the tidy CSVs and
manifest.json (every file's SHA-256, the reconciliation, the disclosure summary).

  --status          draft (the default) or published
  --revision        why a published release in the --out DIR is replaced (required to replace one);
                    added to the feed's revisions log
  --reference       a previous feed: geography, code lists, plans, measure catalogue and contract
                    terms missing from release.json are taken from it
  --report          the reconciliation report, one line per rejected or flagged row
                    (default DIR/publish-report.csv, beside the inputs: it is not published)
  --max-rejected    refuse when more than this percentage of journey rows is rejected (default 1)
  --prove           also prove, knowing the true values, that every small hidden count meets the
                    protection rule (x - p to x + p), hiding more until it does, or refuse; the
                    manifest's audit then records the proof. Slow on large releases
                    (docs/disclosure.md)
  --public-test-only
                    for trial runs: hide only what the public audit (`outcomes audit`) asks for.
                    Faster, but it lets a small count through that a reader can narrow to, say,
                    0 to 2, since the public test cannot tell it from a hidden 0. By default the
                    audit's intervals must also give each small count's true value x its margin
                    (x - p to x + p)

Exit codes: 0 written, 1 the release fails the check or too many rows were rejected (nothing
written), 2 usage error, an input cannot be read, or a published release would be replaced.
";

pub const AUDIT: &str = "\
Usage: outcomes audit FEED [--previous FEED...] [--json]

The disclosure audit (docs/disclosure.md): builds every relation a reader of FEED has (totals,
overlapping areas and plans, cohorts, quarters and years, funnel stages, flows, measures,
rounding), and for every suppressed figure the interval of true values the reader can prove,
by linear programming. A figure fails when its interval is narrower than the protection rule
allows, or pins a small value.

  --previous FEED   an earlier release of the same figures (repeatable): its counts are the same
                    true values unless FEED records a revision made after it
  --json            the whole report (summary, every figure's interval, failures with the
                    relations that pin them) as one JSON document on stdout

Exit codes: 0 every figure passes, 1 a figure fails or the figures contradict the relations,
2 usage error, or a FEED cannot be read or is not a valid feed.
";

/// `--help`: the usage on stdout, success.
pub fn print_help(usage: &str) -> Outcome {
    output::text_out(usage);
    Outcome::Success
}

/// A usage mistake: what was wrong, then the usage, on stderr.
pub fn usage_error(usage: &str, mistake: &str) -> Outcome {
    output::line_err(&format!("outcomes: {mistake}"));
    output::text_err(usage);
    Outcome::UsageOrInputOutput
}
