//! Scroll depth: the deepest point of the page seen, in percent, reported
//! only when it passes one of the marks the rules mention.

use crate::prelude::*;

use super::{Observed, Sink};
use crate::signals::EventKind;
use crate::web::dom;
use crate::web::host::{self, Listener};

pub fn listen(sink: Sink, marks: Vec<f64>) -> Option<Listener> {
    if marks.is_empty() {
        return None;
    }
    // The page's path, and the marks passed on it.
    let (mut on, mut passed) = (String::new(), 0);
    Some(host::listen(&dom::window(), "scroll", move |_| {
        let percent = dom::depth();
        if percent < 0.0 {
            return;
        }
        let path = dom::path();
        if on != path {
            (on, passed) = (path.clone(), 0);
        }
        let now = marks.iter().filter(|m| percent >= **m).count();
        if now > passed {
            passed = now;
            sink(Observed::Events(vec![EventKind::Scroll { percent, path }]));
        }
    }))
}
