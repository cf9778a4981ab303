//! Feed loading, in one place: `config.json` (deploy-time, next to `index.html`) names the feed,
//! optionally its summary, and the audience; both must be on this site's own origin; each is
//! fetched with the release manifest beside it, validated by the core, and checked against the
//! manifest's SHA-256. Every failure becomes a [`LoadError`] with words a reader can act on.
//!
//! With a summary configured, the first view loads only the summary (the county and district
//! rows, about 3% of the feed: `outcomes_core::release::summary_document`). A single ward or
//! plan needs only its district's file (`districts/<code>.json`), a comparison of every ward on
//! a measure only that measure's file (`measures/<id>.json`), and the index of every plan only
//! the plans' file (`plans.json`), each listed in the manifest: [`load_part`] fetches it and
//! checks it against the manifest's SHA-256, and [`with_part`] merges it into what is held
//! ([`outcomes_core::detail`]). Only when the manifest does not list the file a view needs (an
//! older release) is the whole feed loaded, by [`load_whole`], and it must name the same release
//! as the summary.

use outcomes_core::release::{hex, sha256_hex, Manifest, ManifestFile, MANIFEST_FILE};
use outcomes_core::{Feed, Problem, ReleaseStatus};
use serde::Deserialize;
use std::collections::BTreeSet;
use std::sync::Arc;
use thiserror::Error;

/// Who the deployment is for: the public sees only published releases; internal users may see
/// drafts, marked as such on every page.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    #[default]
    Public,
    Internal,
}

/// The deploy-time settings read from `config.json`.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Path or URL of the feed, resolved against the site root; must be same-origin.
    pub feed: String,
    /// Path or URL of the release's summary (`summary.json`), loaded first when given; must be
    /// same-origin.
    #[serde(default)]
    pub summary: Option<String>,
    /// `public` (the default) or `internal`.
    #[serde(default)]
    pub audience: Audience,
}

#[derive(Clone, Debug, Error, PartialEq)]
pub enum LoadError {
    #[error("The dashboard's settings file (config.json) could not be loaded: {0}.")]
    ConfigUnavailable(String),
    #[error("The dashboard's settings file (config.json) is not valid: {0}.")]
    ConfigInvalid(String),
    #[error("The settings point to data on another website ({0}). This dashboard only shows data published on its own site.")]
    FeedNotSameOrigin(String),
    #[error("The data could not be downloaded ({0}). Check your connection and reload the page.")]
    Network(String),
    #[error("The data file was not found or not available (HTTP {status} for {url}).")]
    Http { status: u16, url: String },
    #[error("The data file is not valid, so no figures are shown. {} problem(s) were found.", .0.len())]
    Invalid(Vec<Problem>),
    #[error(
        "This release is a draft and has not been published yet, so its figures are not shown on this public site."
    )]
    DraftOnPublicSite,
    #[error("The ward and place plan figures belong to a different release ({whole}) from the summary already shown ({summary}), so they are not shown. Reload the page.")]
    DifferentRelease { summary: String, whole: String },
    #[error("The figures for {0} are not the file this release lists (its SHA-256 differs from the one in manifest.json), so they are not shown. Reload the page.")]
    PartDiffers(String),
}

/// Whether the loaded feed matches the SHA-256 its release manifest gives for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Checksum {
    Matches {
        sha256: String,
    },
    Differs {
        expected: String,
        actual: String,
    },
    /// No manifest was published (or it could not be read), so there is nothing to check against.
    NoManifest {
        sha256: String,
    },
}

/// A loaded, validated release: what every page works from.
#[derive(Clone, Debug, PartialEq)]
pub struct Release {
    /// The whole feed, or its summary when [`Release::summary`] says so.
    pub feed: Arc<Feed>,
    /// The files merged into a summary: districts', measures', the plans' (empty for a whole
    /// feed).
    pub parts: BTreeSet<Part>,
    pub audience: Audience,
    /// The whole feed's address, to offer it as a download and to load it on demand.
    pub feed_url: String,
    /// The address of what was loaded first: the summary, or the whole feed.
    pub url: String,
    /// The size of what was loaded.
    pub feed_bytes: u64,
    pub manifest: Option<Manifest>,
    /// Where the manifest's relative paths start (the feed's directory).
    pub base_url: String,
    pub checksum: Checksum,
}

impl Release {
    /// Whether `feed` is the release's summary (what was loaded is not the whole feed): county
    /// and district rows only, plus what the files in `parts` have added.
    pub fn summary(&self) -> bool {
        self.url != self.feed_url
    }

    /// Whether `feed` holds what `part`'s file holds. The whole feed holds everything.
    pub fn holds(&self, part: &Part) -> bool {
        !self.summary() || self.parts.contains(part)
    }
}

pub type ReleaseResult = Result<Arc<Release>, LoadError>;

/// Loads the configured release for the first view: its summary when one is configured,
/// otherwise the whole feed. Never panics; every failure is a `LoadError`.
pub async fn load_release() -> ReleaseResult {
    let config = load_config().await?;
    let feed_url = same_origin_url(&config.feed)?;
    let summary_url = config.summary.as_deref().map(same_origin_url).transpose()?;
    load(summary_url.as_deref().unwrap_or(&feed_url), &feed_url, config.audience).await
}

/// Loads the whole feed of a release whose summary is `first`, and checks it is the same
/// release (same release date and revisions).
pub async fn load_whole(first: Arc<Release>) -> ReleaseResult {
    let whole = load(&first.feed_url, &first.feed_url, first.audience).await?;
    let (summary, loaded) = (first.feed.publication(), whole.feed.publication());
    if summary.release_date != loaded.release_date || summary.revisions != loaded.revisions {
        return Err(LoadError::DifferentRelease {
            summary: format!("released {}", summary.release_date.long()),
            whole: format!("released {}", loaded.release_date.long()),
        });
    }
    Ok(whole)
}

/// A file of a release beyond its summary, merged into what is held when a view needs it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Part {
    /// The rows of a district's wards and plans (`districts/<code>.json`).
    District(String),
    /// Every ward's values of a measure (`measures/<id>.json`).
    Measure(String),
    /// Every place plan's values (`plans.json`).
    Plans,
}

impl Part {
    /// The file's path, relative to the manifest.
    pub fn path(&self) -> String {
        match self {
            Part::District(code) => outcomes_core::detail::district_file(code),
            Part::Measure(id) => outcomes_core::detail::measure_file(id),
            Part::Plans => outcomes_core::detail::PLANS_FILE.to_owned(),
        }
    }

    /// What the file holds, in words, for messages.
    fn words(&self, feed: &Feed) -> String {
        match self {
            Part::District(code) => feed.area(code).map_or_else(|| code.clone(), |area| area.name.clone()),
            Part::Measure(id) => {
                let measure = feed.document().measures.catalogue.iter().find(|m| m.id == *id);
                format!("every ward on \u{201c}{}\u{201d}", measure.map_or(id.as_str(), |m| m.title.as_str()))
            }
            Part::Plans => "every place plan".to_owned(),
        }
    }
}

/// The manifest's entry for the file of `part`, when the release has one.
pub fn part_entry(release: &Release, part: &Part) -> Option<ManifestFile> {
    release.manifest.as_ref().and_then(|manifest| manifest.file(&part.path())).cloned()
}

/// Fetches and validates the file of `part` (`entry`, from the release's manifest), and refuses
/// it unless its bytes are the ones the manifest lists.
pub async fn load_part(release: &Release, part: &Part, entry: &ManifestFile) -> Result<Feed, LoadError> {
    let bytes = fetch_bytes(&format!("{}{}", release.base_url, entry.path)).await?;
    // The browser hashes a copy of the bytes while they are validated here; a file that is not
    // the one listed is refused whatever its validation found.
    let digest = Digest::start(&bytes);
    let validated = outcomes_core::validate(&bytes).map_err(LoadError::Invalid);
    if digest.finish(&bytes).await != entry.sha256 {
        return Err(LoadError::PartDiffers(part.words(&release.feed)));
    }
    validated
}

/// The SHA-256 of some bytes, in lower-case hex: computed by the browser (Web Crypto, on another
/// thread, so it runs while the bytes are validated) when it can, here otherwise.
pub struct Digest(Option<wasm_bindgen_futures::JsFuture>);

impl Digest {
    /// Starts hashing a copy of `bytes`. Web Crypto exists only on secure pages (HTTPS or
    /// localhost); elsewhere [`Digest::finish`] computes the digest itself.
    pub fn start(bytes: &[u8]) -> Digest {
        let subtle = web_sys::window().and_then(|window| window.crypto().ok()).map(|crypto| crypto.subtle());
        // `subtle` is undefined on a page that is not secure: calling it throws, caught here.
        let promise = subtle.and_then(|subtle| subtle.digest_with_str_and_u8_array("SHA-256", bytes).ok());
        Digest(promise.map(wasm_bindgen_futures::JsFuture::from))
    }

    /// The digest of the same `bytes` as were given to [`Digest::start`].
    pub async fn finish(self, bytes: &[u8]) -> String {
        if let Some(future) = self.0 {
            if let Ok(digest) = future.await {
                let digest = js_sys::Uint8Array::new(&digest).to_vec();
                if digest.len() == 32 {
                    return hex(&digest);
                }
            }
        }
        next_task().await;
        sha256_hex(bytes)
    }
}

/// `held` with what `part`'s file `detail` holds; the same release, checked rule by rule again as
/// a whole (`outcomes_core::detail::merge_district`, `merge_measure`, `merge_plans`).
pub fn with_part(held: &Release, detail: &Feed, part: &Part) -> ReleaseResult {
    let feed = match part {
        Part::District(code) => outcomes_core::detail::merge_district(&held.feed, detail, code),
        Part::Measure(id) => outcomes_core::detail::merge_measure(&held.feed, detail, id),
        Part::Plans => outcomes_core::detail::merge_plans(&held.feed, detail),
    }
    .map_err(LoadError::Invalid)?;
    let mut parts = held.parts.clone();
    parts.insert(part.clone());
    Ok(Arc::new(Release { feed: Arc::new(feed), parts, ..held.clone() }))
}

async fn load(url: &str, feed_url: &str, audience: Audience) -> ReleaseResult {
    let base_url = url.rsplit_once('/').map_or(String::new(), |(base, _)| format!("{base}/"));
    let manifest_url = format!("{base_url}{MANIFEST_FILE}");
    let (response, manifest) = futures::join!(fetch_bytes(url), load_manifest(&manifest_url));
    let bytes = response?;
    let name = url.rsplit('/').next().unwrap_or_default().to_owned();
    mark("received", &name);
    let digest = Digest::start(&bytes);
    let feed = outcomes_core::validate(&bytes).map_err(LoadError::Invalid)?;
    mark("validated", &name);
    if feed.publication().status == ReleaseStatus::Draft && audience == Audience::Public {
        return Err(LoadError::DraftOnPublicSite);
    }
    // Validating (while the browser hashes), checking the checksum and drawing the page are
    // separate tasks, not one long one, so the browser can paint and answer input in between.
    let sha256 = digest.finish(&bytes).await;
    mark("checksummed", &name);
    let checksum = match manifest.as_ref().and_then(|m| m.file(&name)) {
        Some(entry) if entry.sha256 == sha256 => Checksum::Matches { sha256 },
        Some(entry) => Checksum::Differs { expected: entry.sha256.clone(), actual: sha256 },
        None => Checksum::NoManifest { sha256 },
    };
    next_task().await;
    Ok(Arc::new(Release {
        feed: Arc::new(feed),
        parts: BTreeSet::new(),
        audience,
        feed_url: feed_url.to_owned(),
        url: url.to_owned(),
        feed_bytes: bytes.len() as u64,
        manifest,
        base_url,
        checksum,
    }))
}

/// A performance mark `outcomes:<step>:<file>` (for `make bench`: how long validating and the
/// checksum take in the browser, beside the plain-JavaScript baseline).
fn mark(step: &str, file: &str) {
    if let Some(performance) = web_sys::window().and_then(|window| window.performance()) {
        let _ = performance.mark(&format!("outcomes:{step}:{file}"));
    }
}

/// Resolves in a later task (a zero-delay timer), letting the browser paint and handle input.
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let scheduled = web_sys::window()
            .and_then(|window| window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0).ok());
        if scheduled.is_none() {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

async fn fetch_bytes(url: &str) -> Result<Vec<u8>, LoadError> {
    let response =
        gloo_net::http::Request::get(url).send().await.map_err(|error| LoadError::Network(error.to_string()))?;
    if !response.ok() {
        return Err(LoadError::Http { status: response.status(), url: url.to_owned() });
    }
    response.binary().await.map_err(|error| LoadError::Network(error.to_string()))
}

/// The manifest is optional: a release without one still shows, with no checksum to verify.
async fn load_manifest(url: &str) -> Option<Manifest> {
    let bytes = fetch_bytes(url).await.ok()?;
    serde_json::from_slice(&bytes).ok()
}

async fn load_config() -> Result<Config, LoadError> {
    let url = same_origin_url("config.json")?;
    let response = gloo_net::http::Request::get(&url)
        .send()
        .await
        .map_err(|error| LoadError::ConfigUnavailable(error.to_string()))?;
    if !response.ok() {
        return Err(LoadError::ConfigUnavailable(format!("HTTP {}", response.status())));
    }
    let text = response.text().await.map_err(|error| LoadError::ConfigUnavailable(error.to_string()))?;
    parse_config(&text)
}

pub fn parse_config(text: &str) -> Result<Config, LoadError> {
    serde_json::from_str(text).map_err(|error| LoadError::ConfigInvalid(error.to_string()))
}

/// Resolves `path` against the site root and refuses anything on another origin, so neither a
/// mistaken setting nor anything else can show someone else's data under the council's name.
/// The query string is never consulted.
pub fn same_origin_url(path: &str) -> Result<String, LoadError> {
    let location =
        web_sys::window().map(|w| w.location()).ok_or_else(|| LoadError::Network("no browser window".into()))?;
    let origin = location.origin().map_err(|_| LoadError::Network("no page origin".into()))?;
    let base = format!("{origin}/");
    resolve_same_origin(&base, &origin, path)
}

/// The pure part of [`same_origin_url`], testable anywhere URLs exist.
pub fn resolve_same_origin(base: &str, origin: &str, path: &str) -> Result<String, LoadError> {
    let url = web_sys::Url::new_with_base(path, base)
        .map_err(|_| LoadError::ConfigInvalid(format!("\"{path}\" is not a valid address")))?;
    if url.origin() != origin || !matches!(url.protocol().as_str(), "http:" | "https:") {
        return Err(LoadError::FeedNotSameOrigin(url.href()));
    }
    Ok(url.href())
}
