//! Feed loading, in one place: `config.json` (deploy-time, next to `index.html`) names the feed;
//! the feed must be on this site's own origin; it is fetched, size-checked and validated by the
//! core. Every failure becomes a [`LoadError`] with words a reader can act on.

use outcomes_core::{Feed, Problem};
use serde::Deserialize;
use std::sync::Arc;
use thiserror::Error;

/// The deploy-time settings read from `config.json`.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Path or URL of the feed, resolved against the page; must be same-origin.
    pub feed: String,
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
}

pub type FeedResult = Result<Arc<Feed>, LoadError>;

/// Loads the configured feed. Never panics; every failure is a `LoadError`.
pub async fn load_feed() -> FeedResult {
    let config = load_config().await?;
    let url = same_origin_url(&config.feed)?;
    let response =
        gloo_net::http::Request::get(&url).send().await.map_err(|error| LoadError::Network(error.to_string()))?;
    if !response.ok() {
        return Err(LoadError::Http { status: response.status(), url });
    }
    let bytes = response.binary().await.map_err(|error| LoadError::Network(error.to_string()))?;
    outcomes_core::validate(&bytes).map(Arc::new).map_err(LoadError::Invalid)
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
