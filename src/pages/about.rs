//! `/about`: the transparency page. What is measured and why, every definition, the disclosure
//! policy in plain words, the release schedule and revisions, licence and contact, and the open
//! data downloads with their sizes and SHA-256 checksums from the release manifest.

use crate::components::{set_page_title, use_release, Needs, WithFeed};
use crate::data::{Checksum, Release};
use leptos::prelude::*;
use outcomes_core::audit_words::{self, Verdict};
use outcomes_core::{format, Feed, MeasureUnit, Polarity, ReleaseStatus};
use std::sync::Arc;

#[component]
pub fn AboutPage() -> impl IntoView {
    set_page_title("About the data");
    view! {
        <h1 class="govuk-heading-l">"About the data"</h1>
        // Everything this page states is in the summary (publication, policy, definitions):
        // it never needs the whole feed, at national scale 300 MB.
        <WithFeed needs=Needs::Summary children=|feed| view! { <AboutContent feed /> } />
    }
}

#[component]
fn AboutContent(feed: Arc<Feed>) -> impl IntoView {
    let release = use_release();
    let doc = feed.document();
    let publication = doc.publication.clone();
    let policy = doc.disclosure.clone();
    let stages = doc.journey.stages.clone();
    let measures = doc.measures.catalogue.clone();
    let kpis = doc.contract.kpis.clone();
    let revisions = publication.revisions.clone();
    view! {
        <p class="govuk-body-l">
            "This dashboard reports how the Think Communities social mobility programme reaches residents of "
            {feed.county().name.clone()} " and what happens to them along their “life journey”: from being identified, "
            "through a holistic assessment and a joined-up response with a lead worker and warm hand-overs between services, "
            "to outcomes that last. It also reports the outcomes-based VCS Infrastructure Support contract and the place plans."
        </p>

        <h2 class="govuk-heading-m" id="release">"This release"</h2>
        <dl class="govuk-summary-list" data-testid="release-summary">
            <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">"Title"</dt><dd class="govuk-summary-list__value">{publication.title.clone()}</dd></div>
            <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">"Published by"</dt><dd class="govuk-summary-list__value">{publication.publisher.clone()}</dd></div>
            <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">"Released"</dt><dd class="govuk-summary-list__value">{publication.release_date.long()}</dd></div>
            <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">"Next release"</dt><dd class="govuk-summary-list__value">{publication.next_release_date.map_or("Not yet announced".to_owned(), |d| d.long())}</dd></div>
            <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">"Periods covered"</dt><dd class="govuk-summary-list__value">
                {format!("{} to {}", feed.periods().first().map(|q| q.label()).unwrap_or_default(), feed.latest_period().label())}
                {publication.periods.iter().filter(|p| p.status == outcomes_core::PeriodStatus::Provisional).map(|p| format!(" · {} is provisional [p] and may be revised", p.period)).collect::<String>()}
            </dd></div>
            <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">"Status"</dt><dd class="govuk-summary-list__value">
                {match publication.status { ReleaseStatus::Published => "Published", ReleaseStatus::Draft => "Draft (internal review only)" }}
                {publication.demonstration.then_some(" · Demonstration data: the figures are invented")}
            </dd></div>
            <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">"Licence"</dt><dd class="govuk-summary-list__value">
                <a class="govuk-link" href=publication.licence.url.clone() rel="license">{publication.licence.name.clone()}</a>
            </dd></div>
            <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">"Contact"</dt><dd class="govuk-summary-list__value">
                {publication.contact.name.clone()}", "
                <a class="govuk-link" href=format!("mailto:{}", publication.contact.email)>{publication.contact.email.clone()}</a>
            </dd></div>
        </dl>

        <h2 class="govuk-heading-m" id="downloads">"Download the data"</h2>
        <p class="govuk-body">"Each file is open data under the licence above. Check a download against its SHA-256 checksum, for example with "<code>"sha256sum"</code>" or "<code>"Get-FileHash"</code>"."</p>
        {move || release.get().map(|release| view! { <Downloads release /> })}

        <h2 class="govuk-heading-m" id="disclosure">"How residents' privacy is protected"</h2>
        <div class="govuk-body" data-testid="disclosure-policy">
            <p class="govuk-body">{format!(
                "Every count is rounded to the nearest {}. Counts from 1 to {} are not shown: the table says [c] instead, for “confidential”. \
                 Figures that could reveal a hidden count (such as a conversion rate worked out from it) are hidden too. \
                 Totals for districts, place plans and the whole area are counted from the underlying records, never added up from the rounded or hidden figures, \
                 so they may differ slightly from the sum of their parts.",
                policy.rounding_base, policy.minimum_count.saturating_sub(1))}</p>
            <p class="govuk-body">{policy.rule.clone()}</p>
        </div>
        <table class="govuk-table" data-testid="symbols">
            <caption class="govuk-table__caption govuk-table__caption--s">"Symbols used in tables"</caption>
            <thead class="govuk-table__head"><tr class="govuk-table__row"><th scope="col" class="govuk-table__header">"Symbol"</th><th scope="col" class="govuk-table__header">"Meaning"</th></tr></thead>
            <tbody class="govuk-table__body">
                {[("[c]", "Confidential: withheld so that no resident can be identified"), ("[x]", "Not available: no figure was published for this"), ("[z]", "Not applicable: for example a conversion from a stage nobody reached"), ("[p]", "Provisional: may be revised in a later release")]
                    .into_iter().map(|(symbol, meaning)| view! {
                        <tr class="govuk-table__row"><th scope="row" class="govuk-table__header">{symbol}</th><td class="govuk-table__cell">{meaning}</td></tr>
                    }).collect_view()}
            </tbody>
        </table>
        <h3 class="govuk-heading-s" id="audit">"How hidden counts are protected"</h3>
        {move || release.get().map(|release| view! { <AuditStatement release /> })}

        <h2 class="govuk-heading-m" id="stages">"The stages of the life journey"</h2>
        <dl class="govuk-summary-list" data-testid="stage-list">
            {stages.into_iter().map(|stage| view! {
                <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">{stage.name}</dt><dd class="govuk-summary-list__value">{stage.definition}</dd></div>
            }).collect_view()}
        </dl>

        <h2 class="govuk-heading-m" id="measures">"Ward measures"</h2>
        {measures.into_iter().map(|measure| view! {
            <div class="govuk-summary-card" data-testid="measure-definition">
                <div class="govuk-summary-card__title-wrapper"><h3 class="govuk-summary-card__title">{measure.title}</h3></div>
                <div class="govuk-summary-card__content">
                    <dl class="govuk-summary-list">
                        <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">"Definition"</dt><dd class="govuk-summary-list__value">{measure.definition}</dd></div>
                        <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">"Numerator"</dt><dd class="govuk-summary-list__value">{measure.numerator}</dd></div>
                        <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">"Denominator"</dt><dd class="govuk-summary-list__value">{measure.denominator}</dd></div>
                        <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">"Unit"</dt><dd class="govuk-summary-list__value">{match measure.unit { MeasureUnit::Percentage => "Percentage (95% Wilson score interval)", MeasureUnit::RatePer1000 => "Rate per 1,000 (95% interval: Byar's method, exact Poisson below 10 events)" }}</dd></div>
                        <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">"Better when"</dt><dd class="govuk-summary-list__value">{polarity_words(measure.polarity)}</dd></div>
                        <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">"Source"</dt><dd class="govuk-summary-list__value">{measure.source}</dd></div>
                    </dl>
                </div>
            </div>
        }).collect_view()}

        <h2 class="govuk-heading-m" id="kpis">"Contract KPIs"</h2>
        <dl class="govuk-summary-list" data-testid="kpi-list">
            {kpis.into_iter().map(|kpi| view! {
                <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">{kpi.title}</dt><dd class="govuk-summary-list__value">{kpi.definition}</dd></div>
            }).collect_view()}
        </dl>

        <h2 class="govuk-heading-m" id="revisions">"Revisions"</h2>
        {if revisions.is_empty() {
            view! { <p class="govuk-body">"No revisions have been made."</p> }.into_any()
        } else {
            view! {
                <table class="govuk-table" data-testid="revisions">
                    <caption class="govuk-table__caption govuk-table__caption--s">"Changes to this and earlier releases"</caption>
                    <thead class="govuk-table__head"><tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header">"Date"</th><th scope="col" class="govuk-table__header">"What changed"</th><th scope="col" class="govuk-table__header">"Why"</th>
                    </tr></thead>
                    <tbody class="govuk-table__body">
                        {revisions.into_iter().map(|r| view! {
                            <tr class="govuk-table__row"><td class="govuk-table__cell">{r.date.long()}</td><td class="govuk-table__cell">{r.what}</td><td class="govuk-table__cell">{r.why}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}

        <h2 class="govuk-heading-m" id="accessibility">"Accessibility"</h2>
        <p class="govuk-body">"This site aims to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA. Every chart has a sentence stating what it shows and a table with the same figures. If you find a problem, contact the team above."</p>
    }
}

/// The release manifest's disclosure audit summary in plain words (`outcomes_core::audit_words`):
/// only numbers from the manifest, never its text; a warning when the audit found failures.
#[component]
fn AuditStatement(release: Arc<Release>) -> impl IntoView {
    let words = audit_words::statement(release.manifest.as_ref().and_then(|manifest| manifest.audit.as_ref()));
    let text = words.text();
    match words.verdict {
        Verdict::Failed => view! {
            <div class="govuk-warning-text">
                <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                <strong class="govuk-warning-text__text">
                    <span class="govuk-visually-hidden">"Warning"</span>
                    <span data-testid="audit-statement" data-verdict="failed">{text}</span>
                </strong>
            </div>
        }
        .into_any(),
        Verdict::Protected | Verdict::Unproven | Verdict::NotAudited => {
            let verdict = match words.verdict {
                Verdict::Protected => "protected",
                Verdict::Unproven => "unproven",
                _ => "not-audited",
            };
            view! { <p class="govuk-body" data-testid="audit-statement" data-verdict=verdict>{text}</p> }.into_any()
        }
    }
}

fn polarity_words(polarity: Polarity) -> &'static str {
    match polarity {
        Polarity::HigherIsBetter => "Higher is better",
        Polarity::LowerIsBetter => "Lower is better",
        Polarity::NoJudgement => "No judgement: neither higher nor lower is better",
    }
}

/// A row of the downloads table: address, file name, contents, and the size and SHA-256 when known.
type FileRow = (String, String, String, Option<u64>, Option<String>);

/// The files of the release, from its manifest, with sizes and checksums; without a manifest,
/// at least the file the dashboard loaded, with the checksum it computed.
#[component]
fn Downloads(release: Arc<Release>) -> impl IntoView {
    let checksum_note = match &release.checksum {
        Checksum::Matches { .. } => "The data shown on this site was checked against its published checksum: it matches.".to_owned(),
        Checksum::Differs { .. } => "Warning: the data shown on this site does not match its published checksum.".to_owned(),
        Checksum::NoManifest { .. } => "No list of checksums was published with this release; the checksum below was worked out by this page from the data it loaded.".to_owned(),
    };
    let name_of = |url: &str| url.rsplit('/').next().unwrap_or_default().to_owned();
    let rows: Vec<FileRow> = match &release.manifest {
        Some(manifest) => manifest
            .files
            .iter()
            .map(|file| {
                (
                    format!("{}{}", release.base_url, file.path),
                    name_of(&file.path),
                    file.description.clone(),
                    Some(file.bytes),
                    Some(file.sha256.clone()),
                )
            })
            .collect(),
        None => {
            // Without a manifest: what this page loaded, with the checksum it worked out; and
            // the whole feed, when that was only its summary.
            let sha256 = match &release.checksum {
                Checksum::NoManifest { sha256 } | Checksum::Matches { sha256 } => sha256.clone(),
                Checksum::Differs { actual, .. } => actual.clone(),
            };
            let whole = "The whole release as one JSON document";
            let description = if release.summary() { outcomes_core::release::SUMMARY_DESCRIPTION } else { whole };
            let loaded = (
                release.url.clone(),
                name_of(&release.url),
                description.to_owned(),
                Some(release.feed_bytes),
                Some(sha256),
            );
            let mut rows = vec![loaded];
            if release.summary() {
                rows.push((release.feed_url.clone(), name_of(&release.feed_url), whole.to_owned(), None, None));
            }
            rows
        }
    };
    view! {
        <p class="govuk-body" data-testid="checksum-status">{checksum_note}</p>
        <div class="app-table-wrapper">
            <table class="govuk-table" data-testid="downloads">
                <caption class="govuk-table__caption govuk-table__caption--s">"Files in this release"</caption>
                <thead class="govuk-table__head"><tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"File"</th>
                    <th scope="col" class="govuk-table__header">"Contents"</th>
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Size"</th>
                    <th scope="col" class="govuk-table__header">"SHA-256"</th>
                </tr></thead>
                <tbody class="govuk-table__body">
                    {rows.into_iter().map(|(href, name, description, bytes, sha256)| view! {
                        <tr class="govuk-table__row">
                            <th scope="row" class="govuk-table__header"><a class="govuk-link" href=href download=name.clone()>{name.clone()}</a></th>
                            <td class="govuk-table__cell">{description}</td>
                            <td class="govuk-table__cell govuk-table__cell--numeric" data-bytes=bytes.map(|b| b.to_string())>{bytes.map_or_else(|| "Not known".to_owned(), human_size)}</td>
                            <td class="govuk-table__cell">{match sha256 {
                                Some(sha256) => view! { <code class="app-hash">{sha256}</code> }.into_any(),
                                None => "Not known without the release's list of checksums".into_any(),
                            }}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

fn human_size(bytes: u64) -> String {
    if bytes >= 1_000_000 {
        format!("{:.1} MB", bytes as f64 / 1_000_000.0)
    } else if bytes >= 1_000 {
        format!("{} KB", format::thousands(bytes.div_ceil(1_000)))
    } else {
        format!("{bytes} bytes")
    }
}
