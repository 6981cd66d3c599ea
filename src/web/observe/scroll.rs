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
        let percent = dom::depth();
        if percent < 0.0 {
            return;
        }
        let path = dom::path();
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
