//! Clicks: one delegated listener; a click counts for each rules selector
//! the target is inside (`closest`), and `data-jobwise-pick` controls
//! report the visitor's own choice of job.

use super::{Observed, Sink};
use crate::prelude::*;
use crate::signals::EventKind;
use crate::web::dom;
use crate::web::host::{self, Listener};

const PICK: &str = "data-jobwise-pick";

pub fn listen(sink: Sink, selectors: Vec<String>) -> Listener {
    host::listen(&dom::document(), "click", move |e| {
        let Some(target) = dom::event_element(e) else {
            return;
        };
        let el = dom::any(&target);
        if let Some(pick) = el.closest("[data-jobwise-pick]") {
            sink(Observed::Pick(pick.get_attribute(PICK).unwrap_or_default()));
        }
        let hits: Vec<EventKind> = selectors
            .iter()
            .filter(|s| el.closest(s).is_some())
            .map(|s| EventKind::Click(s.clone()))
            .collect();
        if !hits.is_empty() {
            sink(Observed::Events(hits));
        }
    })
}

#[cfg(test)]
mod tests {
    use alloc::rc::Rc;
    use core::cell::RefCell;

    use super::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn clicks_report_rule_selectors_and_picks_only() {
        let doc = dom::document();
        let root = doc.create_element("div").unwrap();
        root.set_inner_html(
            "<a id=\"loft\" class=\"lofts\"><span>Lofts</span></a><button data-jobwise-pick=\"photo\"><i>Me</i></button><p>x</p>",
        );
        doc.body().unwrap().append_child(&root).unwrap();
        let seen = Rc::new(RefCell::new(Vec::new()));
        let s = seen.clone();
        let sink: Sink = Rc::new(move |o| {
            s.borrow_mut().push(match o {
                Observed::Events(e) => format!("{e:?}"),
                Observed::Pick(j) => format!("pick {j}"),
                Observed::Navigated(p) => p,
            })
        });
        let listener = listen(sink, vec![".lofts".into(), "#nowhere".into()]);
        let click = |sel: &str| {
            let el = root.query_selector(sel).unwrap().unwrap();
            el.dyn_into::<web_sys::HtmlElement>().unwrap().click();
        };
        click("span");
        click("i");
        click("p");
        assert_eq!(*seen.borrow(), ["[Click(\".lofts\")]", "pick photo"]);
        drop(listener);
        click("span");
        assert_eq!(seen.borrow().len(), 2, "removed on drop");
        root.remove();
    }
}
