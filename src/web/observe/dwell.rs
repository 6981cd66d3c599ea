//! Dwell: how long elements matching the rules' `dwell` selectors have been
//! in the viewport (IntersectionObserver). When a selector's time reaches
//! the seconds a rule asks for, a `Dwell` event is reported, once per
//! selector and page.

use crate::prelude::*;
use alloc::rc::Rc;
use core::cell::RefCell;

use wasm_bindgen::JsCast;
use web_sys::{Element, IntersectionObserver, IntersectionObserverEntry};

use super::{Observed, Sink};
use crate::signals::EventKind;
use crate::web::dom;
use crate::web::host::{self, Callback};

struct Track {
    selector: String,
    seconds: f64,
    /// Some element of the selector is in view since this time.
    since: Option<f64>,
    /// Milliseconds in view before `since`.
    total: f64,
    fired: bool,
}

struct State {
    tracks: Vec<Track>,
    in_view: Vec<Element>,
    sink: Sink,
}

pub struct Dwell {
    io: IntersectionObserver,
    state: Rc<RefCell<State>>,
    _cb: Callback,
}

impl Dwell {
    /// Watches the selectors (`None` when the rules name none).
    pub fn watch(sink: Sink, selectors: Vec<(String, f64)>) -> Option<Dwell> {
        if selectors.is_empty() {
            return None;
        }
        let tracks = selectors
            .into_iter()
            .map(|(selector, seconds)| Track {
                selector,
                seconds,
                since: None,
                total: 0.0,
                fired: false,
            })
            .collect();
        let state = Rc::new(RefCell::new(State {
            tracks,
            in_view: Vec::new(),
            sink,
        }));
        let s = state.clone();
        let cb = Callback::new(move |entries| seen(&s, entries));
        let io = dom::intersections(&cb.f);
        let dwell = Dwell { io, state, _cb: cb };
        dwell.rescan();
        Some(dwell)
    }

    /// Observes the elements that match now (call again when the page
    /// adds content); observing one twice is harmless.
    pub fn rescan(&self) {
        let doc = dom::document();
        // Never busy here: the observers hand their reports on unborrowed.
        let Ok(s) = self.state.try_borrow() else {
            return;
        };
        for t in &s.tracks {
            for el in dom::all(&doc, &t.selector) {
                dom::any(&self.io).observe(&el, &wasm_bindgen::JsValue::UNDEFINED);
            }
        }
    }
}

impl Drop for Dwell {
    fn drop(&mut self) {
        dom::any(&self.io).disconnect();
    }
}

fn seen(state: &Rc<RefCell<State>>, entries: wasm_bindgen::JsValue) {
    let now = dom::now_ms();
    let Ok(mut s) = state.try_borrow_mut() else {
        return;
    };
    for e in entries.unchecked_into::<js_sys::Array>() {
        let e = e.unchecked_into::<IntersectionObserverEntry>();
        let el: Element = dom::any(&e).target().unchecked_into();
        s.in_view.retain(|v| *v != el);
        if e.is_intersecting() {
            s.in_view.push(el);
        }
    }
    let State {
        tracks, in_view, ..
    } = &mut *s;
    for (i, t) in tracks.iter_mut().enumerate() {
        let visible = in_view.iter().any(|el| dom::any(el).matches(&t.selector));
        match (t.since, visible) {
            (None, true) if !t.fired => {
                t.since = Some(now);
                let wait = (t.seconds * 1000.0 - t.total).max(0.0);
                let state = state.clone();
                host::after(wait, move || check(&state, i));
            }
            (Some(since), false) => {
                t.total += now - since;
                t.since = None;
            }
            _ => {}
        }
    }
}

/// A timer set when a selector came into view: reports it if its time is up.
fn check(state: &Rc<RefCell<State>>, i: usize) {
    let Ok(mut s) = state.try_borrow_mut() else {
        return;
    };
    let Some(t) = s.tracks.get_mut(i) else { return };
    let ms = t.total + t.since.map_or(0.0, |since| dom::now_ms() - since);
    if t.fired || ms + 50.0 < t.seconds * 1000.0 {
        return;
    }
    t.fired = true;
    let event = EventKind::Dwell {
        selector: t.selector.clone(),
        seconds: ms / 1000.0,
    };
    let sink = s.sink.clone();
    drop(s);
    sink(Observed::Events(vec![event]));
}
