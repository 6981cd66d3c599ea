//! The site's own search box: `input[type=search]` or a field named `q`,
//! `s` or `search`; its text is reported when it changes or its form is
//! submitted (once per distinct text). The text stays in this page's
//! signals: memory keeps only the evidence derived from it.

use crate::prelude::*;
use alloc::rc::Rc;
use core::cell::Cell;

use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;

use super::{Observed, Sink};
use crate::signals::EventKind;
use crate::web::dom;
use crate::web::host::{self, Listener};

const BOX: &str = "input[type=search],input[name=q],input[name=s],input[name=search]";
/// Longer text is cut (at a character boundary): nobody searches a page.
const MAX_CHARS: usize = 256;

pub fn listen(sink: Sink) -> [Listener; 2] {
    let last = Rc::new(Cell::new(String::new()));
    let on = |kind: &'static str| {
        let (sink, last) = (sink.clone(), last.clone());
        host::listen(&dom::document(), kind, move |e| {
            let Some(target) = dom::event_element(e) else {
                return;
            };
            let field = if kind == "submit" {
                dom::any(&target).query_selector(BOX)
            } else {
                Some(target).filter(|t| dom::any(t).matches(BOX))
            };
            // BOX matches input elements only.
            let Some(input) = field.map(JsCast::unchecked_into::<HtmlInputElement>) else {
                return;
            };
            let value = input.value();
            let text: String = value.trim().chars().take(MAX_CHARS).collect();
            if text.is_empty() || last.replace(text.clone()) == text {
                return;
            }
            sink(Observed::Events(vec![EventKind::Search(text)]));
        })
    };
    [on("change"), on("submit")]
}
