//! `outcomes-core`: the pure heart of the outcomes dashboard, shared by the browser app and the
//! `outcomes` CLI. No web, no IO: feed types, validation with precise error paths, disclosure
//! control and the metric maths. Correctness lives here and is tested natively.

pub mod count;
pub mod date;
pub mod demo;
pub mod feed;
pub mod format;
pub mod funnel;
mod model;
mod parse;
pub mod period;
mod problem;
pub mod validate;

pub use count::{Count, SUPPRESSED_SYMBOL};
pub use date::Date;
pub use feed::*;
pub use model::{Area, AreaKind, Feed, JourneyTable};
pub use parse::{MAX_FEED_BYTES, MAX_TEXT_CHARS};
pub use period::{FinancialYear, Period, Quarter};
pub use problem::Problem;
pub use validate::validate;
pub mod aggregate;
pub mod audit;
pub mod audit_words;
pub mod compare;
pub mod contract;
pub mod csv;
pub mod detail;
pub mod direction;
pub mod disclosure;
pub mod plans;
pub mod publish;
pub mod release;
pub mod secondary;
pub mod stats;
pub mod wards;
