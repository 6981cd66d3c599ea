//! The one input type of the model: what is known about the visitor now.
//! `web::observe` (or the CLI's `--event` flags) fills it; nothing here
//! touches a browser.

use crate::arrival::Arrival;
use crate::rules::Device;

/// Everything the model may score.
#[derive(Clone, Debug, PartialEq)]
pub struct Signals {
    pub arrival: Arrival,
    /// Behaviour observed in this visit, oldest first.
    pub events: Vec<Event>,
    pub context: Context,
}

/// A behavioural observation at a time (milliseconds, same clock as `now`).
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub at_ms: f64,
    pub kind: EventKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum EventKind {
    /// A page viewed in this visit (its path).
    Page(String),
    /// A click on an element matching the rules' selector (the selector).
    Click(String),
    /// An element matching the rules' selector seen for `seconds`.
    Dwell { selector: String, seconds: f64 },
    /// Deepest scroll reached on the page `path`, in percent.
    Scroll { percent: f64, path: String },
    /// Words typed into the site's own search.
    Search(String),
    /// `jobwise.track(name)`.
    Custom(String),
}

/// The visitor's circumstances.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Context {
    pub device: Device,
    /// Local hour 0–23.
    pub hour: u8,
    /// 0 = Monday … 6 = Sunday.
    pub weekday: u8,
    /// Visits to this site, this one included.
    pub visits: u32,
    /// Days since the previous visit; `None` on a first visit.
    pub days_since_last_visit: Option<f64>,
}
