//! One page per route; each is a thin view over core figures.

pub mod about;
pub mod contract;
pub mod diagnostics;
pub mod journey;
pub mod not_found;
pub mod overview;
pub mod plan;
pub mod plans;
pub mod ward;
pub mod wards;
