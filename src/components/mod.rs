//! Reusable pieces of the page. Each owns one job: the chart lifecycle, the feed boundary, the
//! shell around every page, tables.

pub mod chart;
pub mod download;
pub mod feed_boundary;
pub mod funnel_table;
pub mod journey;
pub mod kpi;
pub mod layout;
pub mod not_built;
pub mod page_title;
pub mod plans;
pub mod print_header;
pub mod selection_error;
pub mod sortable;
pub mod wards;

pub use chart::EChart;
pub use download::CsvDownload;
pub use feed_boundary::{use_feed, use_release, FeedProvider, Needs, WithFeed};
pub use funnel_table::FunnelTable;
pub use not_built::NotBuilt;
pub use page_title::set_page_title;
pub use selection_error::SelectionError;
