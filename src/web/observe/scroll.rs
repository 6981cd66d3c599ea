//! Scroll depth: the deepest point of the page seen, in percent, reported
//! only when it passes one of the marks the rules mention.

use crate::prelude::*;
use core::cell::RefCell;

use super::{Observed, Sink};
use crate::signals::EventKind;
use crate::web::dom;
use crate::web::host::{self, Listener};

pub fn listen(sink: Sink, marks: Vec<f64>) -> Option<Listener> {
    if marks.is_empty() {
        return None;
    }
    // (path, marks passed on it)
    let passed = RefCell::new((String::new(), 0usize));
    Some(host::listen(&dom::window(), "scroll", move |_| {
        let w = dom::window();
        let Some(root) = dom::document().document_element() else {
            return;
        };
        let height = f64::from(root.scroll_height());
        if height <= 0.0 {
            return;
        }
        let seen = w.scroll_y().unwrap_or(0.0) + f64::from(root.client_height());
        let percent = (seen / height * 100.0).min(100.0);
        let path = w.location().pathname().unwrap_or_default();
        let mut p = passed.borrow_mut();
        if p.0 != path {
            *p = (path.clone(), 0);
        }
        let now = marks.iter().filter(|m| percent >= **m).count();
        if now > p.1 {
            p.1 = now;
            drop(p);
            sink(Observed::Events(vec![EventKind::Scroll { percent, path }]));
        }
    }))
}
