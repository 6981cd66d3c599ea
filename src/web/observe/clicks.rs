//! Clicks: one delegated listener; a click counts for each rules selector
//! the target is inside (`closest`), and `data-jobwise-pick` controls
//! report the visitor's own choice of job.

use wasm_bindgen::JsCast;
use web_sys::{Element, Event};

use super::{Observed, Sink};
use crate::signals::EventKind;
use crate::web::dom;
use crate::web::host::{self, Listener};

const PICK: &str = "data-jobwise-pick";

pub fn listen(sink: Sink, selectors: Vec<String>) -> Listener {
    host::listen(&dom::document(), "click", move |e| {
        let Some(target) = e
            .unchecked_into::<Event>()
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
        else {
            return;
        };
        if let Ok(Some(pick)) = target.closest("[data-jobwise-pick]") {
            sink(Observed::Pick(pick.get_attribute(PICK).unwrap_or_default()));
        }
        let hits: Vec<EventKind> = selectors
            .iter()
            .filter(|s| matches!(target.closest(s), Ok(Some(_))))
            .map(|s| EventKind::Click(s.clone()))
            .collect();
        if !hits.is_empty() {
            sink(Observed::Events(hits));
        }
    })
}
