//! The SPEC §5 rules as plain Rust types. Parsing and validation produce
//! these; nothing here knows about JSON.

use crate::arrival::Source;
use crate::prelude::*;

/// A whole rules document.
#[derive(Clone, Debug, PartialEq)]
pub struct Rules {
    pub version: u32,
    pub language: Lang,
    pub decision: Policy,
    /// Jobs in the order of the file.
    pub jobs: Vec<Job>,
    /// Journey stages, scored like jobs.
    pub stages: Vec<Job>,
    /// Only with diagnostics (`jobwise check`, the tests): the SDK reads
    /// `content` from the rules' text (js/sdk.js), so its wasm builds none.
    #[cfg(feature = "diagnostics")]
    pub content: Vec<SlotContent>,
    pub privacy: Privacy,
    /// Percent (0–100) of visitors kept on the default content.
    pub holdout: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Ru,
    En,
}

/// How scores become a decision.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Policy {
    pub threshold: f64,
    pub margin: f64,
    pub half_life_minutes: f64,
    pub stickiness: f64,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            threshold: 3.0,
            margin: 1.0,
            half_life_minutes: 30.0,
            stickiness: 1.0,
        }
    }
}

/// A job (or a stage: the same shape).
#[derive(Clone, Debug, PartialEq)]
pub struct Job {
    pub id: String,
    pub label: String,
    pub signals: Vec<Signal>,
}

/// One weighted signal: fires when every condition holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Signal {
    pub weight: f64,
    /// The signal's own `language`, overriding the document's.
    pub language: Option<Lang>,
    /// One condition, or two that must both hold: `[Scroll, Page]` (scrolled
    /// that far *on* a page matching the glob) or `[Hours, Weekdays]`, in
    /// that order whatever the order of the keys in the file.
    pub conditions: Vec<Condition>,
}

/// `*` glob, matched case-insensitively (`model::glob` matches it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Glob {
    /// The glob as the marketer wrote it, for reasons.
    pub source: String,
    /// Lower-cased once, so a decision lower-cases each visitor value once,
    /// not once per rule.
    pub(crate) lower: String,
}

impl Glob {
    pub fn new(glob: &str) -> Glob {
        Glob {
            source: glob.into(),
            lower: crate::text::case::lower_str(glob),
        }
    }
}

/// A comparison such as `>=3` or `<=7`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cmp {
    pub op: CmpOp,
    pub value: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Lt,
    Le,
    Eq,
    Ge,
    Gt,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Device {
    Mobile,
    Tablet,
    Desktop,
}

impl Device {
    /// The names, in the order of the variants (also the rules' `device`
    /// values).
    pub const NAMES: [&'static str; 3] = ["mobile", "tablet", "desktop"];

    pub fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// The device `name` names (one of [`Device::NAMES`]): for the CLI's
    /// `--device` and the playground's.
    #[cfg(feature = "diagnostics")]
    pub fn named(name: &str) -> Option<Device> {
        let all = [Device::Mobile, Device::Tablet, Device::Desktop];
        Self::NAMES.iter().position(|n| *n == name).map(|i| all[i])
    }
}

/// One condition of a signal (one key of SPEC §5's signal objects). The
/// model keeps these as they are (`model::compile` moves them), except the
/// phrases of `Terms` and `Search`, which it moves into its term indexes.
#[derive(Clone, Debug, PartialEq)]
pub enum Condition {
    /// The visitor's search terms (arrival terms, `utm_term`).
    Terms(Vec<String>),
    /// A landing URL parameter against globs.
    Param {
        name: String,
        globs: Vec<Glob>,
    },
    Source(Source),
    /// Glob on the referrer's host.
    Referrer(Glob),
    /// Path glob of a page viewed in this visit.
    Page(Glob),
    Dwell {
        selector: String,
        seconds: f64,
    },
    Click(String),
    /// Percent of the page scrolled.
    Scroll(f64),
    /// Words typed into the site's own search.
    Search(Vec<String>),
    /// A `jobwise.track(name)` event.
    Event(String),
    Device(Device),
    /// Local hours, inclusive, `from..=to` (wraps past midnight when from > to).
    Hours {
        from: u8,
        to: u8,
    },
    /// Bit 0 = Monday … bit 6 = Sunday.
    Weekdays(u8),
    Visits(Cmp),
    DaysSinceLastVisit(Cmp),
}

/// The rules' day names, Monday first (bit `i` of `Condition::Weekdays` is
/// `DAYS[i]`).
pub const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// What the rules change in one slot, per job.
#[cfg(feature = "diagnostics")]
#[derive(Clone, Debug, PartialEq)]
pub struct SlotContent {
    pub slot: String,
    pub variants: Vec<ContentVariant>,
}

/// `JOB` or `JOB@STAGE` → the changes.
#[cfg(feature = "diagnostics")]
#[derive(Clone, Debug, PartialEq)]
pub struct ContentVariant {
    pub job: String,
    pub stage: Option<String>,
    pub text: Option<String>,
    pub href: Option<String>,
    /// Safe attributes only: `title`, `aria-label`, `alt`, `src` (of an img).
    pub attrs: Vec<(String, String)>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Privacy {
    pub remember: Remember,
    pub days: f64,
}

impl Default for Privacy {
    fn default() -> Self {
        Privacy {
            remember: Remember::Session,
            days: 30.0,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Remember {
    None,
    Session,
    Local,
}
