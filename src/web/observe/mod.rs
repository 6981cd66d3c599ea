//! Observation: small modules that watch what the visitor does and report
//! it as the core's signals ([`Observed`]) to one sink. Listeners are
//! passive and only look at what the rules mention (their selectors,
//! scroll marks); everything is removed when [`Observers`] is dropped.

mod clicks;
mod dwell;
mod history;
mod scroll;
mod search;

use crate::prelude::*;
use alloc::rc::Rc;

use crate::signals::EventKind;

pub use dwell::Dwell;

/// What the observers report.
pub enum Observed {
    /// Behaviour for the model.
    Events(Vec<EventKind>),
    /// A `data-jobwise-pick` control was used (`""` clears the pick).
    Pick(String),
    /// The page changed without a load (History API): its path.
    Navigated(String),
}

pub type Sink = Rc<dyn Fn(Observed)>;

/// What the rules want observed.
#[derive(Default)]
pub struct Wanted {
    pub clicks: Vec<String>,
    pub dwell: Vec<(String, f64)>,
    pub scroll_marks: Vec<f64>,
}

/// Every observer of the page; dropping it removes them all.
pub struct Observers {
    _listeners: Vec<crate::web::host::Listener>,
    _history: history::History,
    pub dwell: Option<Dwell>,
}

impl Observers {
    pub fn start(sink: Sink, wanted: Wanted) -> Observers {
        let mut listeners = vec![clicks::listen(sink.clone(), wanted.clicks)];
        listeners.extend(search::listen(sink.clone()));
        listeners.extend(scroll::listen(sink.clone(), wanted.scroll_marks));
        Observers {
            _listeners: listeners,
            _history: history::History::watch(sink.clone()),
            dwell: Dwell::watch(sink, wanted.dwell),
        }
    }
}
