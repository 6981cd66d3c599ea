//! Applies a [`Plan`] to the page and can take it back exactly.
//!
//! Every marked-up element gets an entry holding what was applied and the
//! originals it replaced (child nodes in order, attribute values), so
//! [`Actuator::revert`] restores the DOM as it was. Three observers keep the
//! page right over time:
//!
//! * elements added by the parser or the page's framework get the current
//!   plan before they are painted (a MutationObserver runs before render);
//! * when the framework re-renders a changed element, the change is applied
//!   again, at most [`REAPPLY_PER_SECOND`] times a second per element, after
//!   which Jobwise gives that element up to the framework;
//! * a change the visitor would see happen (the element is in the viewport)
//!   waits until the element leaves it.

use crate::prelude::*;
use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;
use web_sys::{
    Element, IntersectionObserver, IntersectionObserverEntry, MutationObserver, MutationRecord,
    Node,
};

use super::dom::{self, DONE, MANAGED};
use super::host::{self, Callback};
use super::plan::{changes, Change, Plan};

/// Re-applications allowed per element (keyed by its markup) per second.
pub const REAPPLY_PER_SECOND: u32 = 4;
/// What a changed element is watched for: its subtree, and the attributes
/// the plan may set (re-renders touching them are re-applied).
const WATCH: &str = r#"{"childList":true,"subtree":true,"characterData":true,
"attributeFilter":["href","title","aria-label","alt","src","style","data-jobwise-shown"]}"#;

#[wasm_bindgen(inline_js = "export function put(r, el, op, t, a, b) {
  try {
    if (op < 2) {
      const f = op ? document.createTextNode(a) : document.importNode(t.content, true);
      const o = [...el.childNodes];
      for (const n of o) if (n.nodeName != 'TEMPLATE') el.removeChild(n);
      r.c = [o, f.nodeType == 11 ? [...f.childNodes] : [f]];
      el.insertBefore(f, el.firstChild);
    } else {
      const m = r.a || (r.a = new Map());
      m.has(a) || m.set(a, [el.getAttribute(a)]);
      op > 2 ? el.style.setProperty('display', 'none', 'important') : el.setAttribute(a, b);
      m.get(a)[1] = el.getAttribute(a) ?? '';
    }
  } catch {}
}
export function added(records) {
  return records.flatMap((r) => [...r.addedNodes].filter((n) => n instanceof Element));
}
export function undo(r, el, keep) {
  const c = r.c, m = r.a;
  r.c = null;
  if (!keep) r.a = null;
  try {
    if (c) {
      for (const n of c[1]) if (n.parentNode == el) el.removeChild(n);
      if (!keep) for (const n of c[0]) el.appendChild(n);
    }
  } catch {}
  if (m) for (const [k, v] of m) try {
    const now = el.getAttribute(k);
    if (keep) now !== v[1] && (v[0] = now);
    else v[0] == null ? el.removeAttribute(k) : el.setAttribute(k, v[0]);
  } catch {}
}")]
extern "C" {
    /// Applies one change (`op`: 0 the children become a copy of template
    /// `t`'s content, 1 the children become text `a`, 2 attribute `a`
    /// takes value `b`, 3 `display: none !important` on `style`), keeping
    /// in record `r` the originals it replaces: the child nodes in order
    /// (templates stay), and each attribute's first original value with
    /// the value now set. Text stays text: never parsed as HTML. One
    /// import instead of fourteen, and the nodes never cross into the wasm.
    #[wasm_bindgen(js_name = put)]
    fn put_js(r: &Object, el: &Element, op: u8, t: &JsValue, a: &str, b: &str);
    /// Takes back what record `r` keeps: the inserted nodes go, then
    /// either the originals come back (`keep` false) or, with `keep`, the
    /// nodes and attribute values someone else put there since become the
    /// originals (attributes stay recorded, to be set again).
    #[wasm_bindgen(js_name = undo)]
    fn undo_js(r: &Object, el: &Element, keep: bool);
    /// The elements mutation `records` added, in order. One import
    /// instead of four (`addedNodes`, its `item` and `length`, the
    /// element check).
    fn added(records: &JsValue) -> Array;
}

/// What an observer of the actuator reports.
#[derive(Clone, Copy)]
pub enum Notice {
    /// Nodes were added to the document.
    Added,
    /// A changed element was mutated by someone else.
    Mutated,
    /// Elements waiting for a change left (or entered) the viewport.
    Left,
}

/// Whether a change may happen where the visitor sees it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Nothing has been painted yet (before the timeout, or new elements).
    Free,
    /// An element in the viewport keeps what it shows until it leaves.
    Careful,
    /// Everything changes at once (the visitor picked a job; a new page).
    Force,
}

struct Entry {
    el: Element,
    /// The element's markup attribute and value: re-render budgets count
    /// per key, so a framework that re-creates the element each frame is
    /// still given up.
    key: String,
    applied: Vec<Change>,
    /// The originals `applied` replaced (see [`put_js`]).
    saved: Object,
    /// A change waits for the element to leave the viewport.
    pending: bool,
    watched: bool,
}

struct Budget {
    key: String,
    since: f64,
    spent: u32,
}

pub struct Actuator {
    plan: Plan,
    entries: Vec<Entry>,
    budgets: Vec<Budget>,
    added: MutationObserver,
    watch: MutationObserver,
    leave: IntersectionObserver,
    _callbacks: [Callback; 3],
}

impl Actuator {
    /// An actuator with an empty plan; its observers report through `route`
    /// (which hands the notice back to [`Actuator::notice`]).
    pub fn new(route: fn(Notice, JsValue)) -> Actuator {
        let cb = |n: Notice| Callback::new(move |v| route(n, v));
        let callbacks = [cb(Notice::Added), cb(Notice::Mutated), cb(Notice::Left)];
        let added = dom::mutations(&callbacks[0].f);
        dom::any(&added).observe(
            &dom::document(),
            &dom::options(r#"{"childList":true,"subtree":true}"#),
        );
        Actuator {
            plan: Plan::default(),
            entries: Vec::new(),
            budgets: Vec::new(),
            added,
            watch: dom::mutations(&callbacks[1].f),
            leave: dom::intersections(&callbacks[2].f),
            _callbacks: callbacks,
        }
    }

    /// Takes a new plan: every known element follows it (as `mode`
    /// allows), then every element not seen yet.
    pub fn set_plan(&mut self, plan: Plan, mode: Mode) {
        self.plan = plan;
        let mut i = 0;
        while i < self.entries.len() {
            let el = self.entries[i].el.clone();
            self.update(&el, mode);
            i = self.find(&el).map_or(i, |j| j + 1);
        }
        self.scan(&dom::document().into(), mode);
        self.settle();
    }

    /// Handles what an observer reported.
    pub fn notice(&mut self, notice: Notice, value: JsValue) {
        match notice {
            Notice::Added => self.on_added(value),
            Notice::Mutated => self.on_mutated(value),
            Notice::Left => self.on_left(value),
        }
        self.settle();
    }

    /// Gives every element not seen yet the plan (`root` is the document or
    /// an element whose subtree to search).
    pub fn scan(&mut self, root: &JsValue, mode: Mode) {
        for el in dom::all(root, MANAGED) {
            if self.find(&el).is_none() {
                self.update(&el, mode);
            }
        }
    }

    /// Restores every element as it was and stops observing.
    pub fn revert(&mut self) {
        dom::reveal();
        for o in [&self.added, &self.watch] {
            dom::any(o).disconnect();
        }
        dom::any(&self.leave).disconnect();
        while let Some(mut e) = self.entries.pop() {
            undo(&mut e);
            dom::any(&e.el).remove_attribute(DONE);
        }
    }

    fn find(&self, el: &Element) -> Option<usize> {
        self.entries.iter().position(|e| e.el == *el)
    }

    /// Brings one element to the plan, creating its entry the first time.
    fn update(&mut self, el: &Element, mode: Mode) {
        if !host::parsed(el) {
            return;
        }
        // A new element: whether the visitor sees it is judged before
        // DONE stops the snippet hiding it.
        let mut seen = None;
        let i = match self.find(el) {
            Some(i) => i,
            None => {
                seen = Some(mode == Mode::Careful && dom::in_view(el));
                dom::any(el).set_attribute(DONE, "");
                self.entries.push(Entry {
                    el: el.clone(),
                    key: key(el),
                    applied: Vec::new(),
                    saved: Object::new(),
                    pending: false,
                    watched: false,
                });
                self.entries.len() - 1
            }
        };
        let want = changes(el, &self.plan);
        let e = &mut self.entries[i];
        if want == e.applied {
            e.pending = false;
            return;
        }
        if mode == Mode::Careful && seen.unwrap_or_else(|| dom::in_view(el)) {
            if !e.pending {
                e.pending = true;
                dom::any(&self.leave).observe(el, &JsValue::UNDEFINED);
            }
            return;
        }
        if !want.is_empty() && !self.spend(i) {
            return;
        }
        self.apply(el, want);
    }

    /// Replaces what the element shows by `want` (after taking back what
    /// was applied before).
    fn apply(&mut self, el: &Element, want: Vec<Change>) {
        let children = want.iter().any(Change::children);
        if children
            || self
                .find(el)
                .is_some_and(|i| self.entries[i].applied.iter().any(Change::children))
        {
            self.release_within(el);
        }
        let Some(i) = self.find(el) else { return };
        let e = &mut self.entries[i];
        e.pending = false;
        undo(e);
        e.applied = want;
        put(e);
        if !e.watched && !e.applied.is_empty() {
            e.watched = true;
            dom::any(&self.watch).observe(el, &dom::options(WATCH));
        }
        // Elements inside the new content (an insert in a variant) are new.
        self.scan(el, Mode::Free);
    }

    /// Takes back and forgets the entries inside `el` (not `el` itself):
    /// its children are about to be swapped, and the originals kept must
    /// be pristine.
    fn release_within(&mut self, el: &Element) {
        let mut i = self.entries.len();
        while i > 0 {
            i -= 1;
            let inner = &self.entries[i].el;
            if inner != el && el.contains(Some(inner)) {
                let mut e = self.entries.remove(i);
                undo(&mut e);
            }
        }
    }

    /// Counts a re-application of entry `i`'s key; false once the key has
    /// used up its budget (it then stays given up for this page).
    fn spend(&mut self, i: usize) -> bool {
        let now = dom::now_ms();
        let key = &self.entries[i].key;
        let b = match self.budgets.iter().position(|b| &b.key == key) {
            Some(b) => &mut self.budgets[b],
            None => {
                self.budgets.push(Budget {
                    key: key.clone(),
                    since: now,
                    spent: 0,
                });
                self.budgets.last_mut().unwrap_throw()
            }
        };
        if b.spent > REAPPLY_PER_SECOND {
            return false;
        }
        if now - b.since > 1000.0 {
            b.since = now;
            b.spent = 0;
        }
        b.spent += 1;
        b.spent <= REAPPLY_PER_SECOND
    }

    fn on_added(&mut self, records: JsValue) {
        self.entries.retain(|e| e.el.is_connected());
        if dom::loading() {
            // Slots still being parsed wait for their end: scan it all.
            self.scan(&dom::document().into(), Mode::Free);
            return;
        }
        for el in added(&records) {
            let el: Element = el.unchecked_into();
            if dom::any(&el).matches(MANAGED) && self.find(&el).is_none() {
                self.update(&el, Mode::Free);
            }
            self.scan(&el, Mode::Free);
        }
    }

    /// Someone else changed an element we changed: adopt their content as
    /// the new original and apply ours again, within the budget.
    fn on_mutated(&mut self, records: JsValue) {
        let mut hit: Vec<Element> = Vec::new();
        for r in records.unchecked_into::<js_sys::Array>() {
            let r = r.unchecked_into::<MutationRecord>();
            // A record's target is always a node.
            let mut node = Some(dom::any(&r).target().unchecked_into::<Node>());
            while let Some(n) = node {
                if let Some(i) = self.entries.iter().position(|e| n == *e.el) {
                    let e = &self.entries[i];
                    let relevant = match r.attribute_name() {
                        Some(name) => e.applied.iter().any(|c| c.attr() == Some(&name)),
                        None => e.applied.iter().any(Change::children),
                    };
                    if relevant && !hit.contains(&e.el) {
                        hit.push(e.el.clone());
                    }
                    break;
                }
                node = n.parent_node();
            }
        }
        for el in hit {
            let Some(i) = self.find(&el) else { continue };
            if !self.spend(i) {
                // Given up: the framework's content stays, ours is forgotten.
                self.entries.remove(i);
                continue;
            }
            let e = &self.entries[i];
            undo_js(&e.saved, &e.el, true);
            put(e);
        }
    }

    fn on_left(&mut self, entries: JsValue) {
        for entry in entries.unchecked_into::<js_sys::Array>() {
            let entry = entry.unchecked_into::<IntersectionObserverEntry>();
            if entry.is_intersecting() {
                continue;
            }
            let el: Element = dom::any(&entry).target().unchecked_into();
            self.leave.unobserve(&el);
            if self.find(&el).is_some_and(|i| self.entries[i].pending) {
                self.update(&el, Mode::Free);
            }
        }
    }

    /// Drops the records of our own changes so they are not taken for a
    /// framework's.
    fn settle(&self) {
        self.added.take_records();
        self.watch.take_records();
    }
}

/// `data-jobwise-slot=hero` and the like: what identifies the element
/// across re-renders.
fn key(el: &Element) -> String {
    for attr in [dom::SLOT, dom::SHOW, dom::HIDE, dom::INSERT] {
        if let Some(v) = el.get_attribute(attr) {
            let mut k = String::from(attr);
            k.push('=');
            k.push_str(&v);
            return k;
        }
    }
    String::new()
}

/// Applies the entry's changes, keeping the originals they replace.
fn put(e: &Entry) {
    for c in &e.applied {
        let (op, t, a, b) = match c {
            Change::Variant(t) => (0, t.as_ref(), "", ""),
            Change::Text(s) => (1, &JsValue::UNDEFINED, s.as_str(), ""),
            Change::Attr(name, value) => (2, &JsValue::UNDEFINED, name.as_str(), value.as_str()),
            Change::Hide => (3, &JsValue::UNDEFINED, "style", ""),
        };
        put_js(&e.saved, &e.el, op, t, a, b);
    }
}

/// Takes back everything applied to the element.
fn undo(e: &mut Entry) {
    undo_js(&e.saved, &e.el, false);
    e.applied.clear();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{ContentVariant, SlotContent};
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    const PAGE: &str = "<section data-jobwise-slot=\"hero\"><h1>Default</h1>\
        <template data-jobwise-variant=\"photo family@compare\"><h1>Light</h1><p>North</p></template>\
        <template data-jobwise-variant=\"family\"><h1>Metro</h1></template></section>\
        <a data-jobwise-slot=\"cta\" href=\"/tour\">Book <b>now</b></a>\
        <p data-jobwise-show=\"photo\">Studio</p><p data-jobwise-hide=\"photo\" style=\"color: red\">Spring</p>\
        <span data-jobwise-insert=\"terms\">a flat</span>";

    /// A fresh fixture at the top of the body, and an actuator over it.
    fn setup() -> (Element, Actuator) {
        let doc = dom::document();
        let root = doc.create_element("div").unwrap();
        root.set_inner_html(PAGE);
        let body = doc.body().unwrap();
        body.insert_before(&root, body.first_child().as_ref())
            .unwrap();
        (root, Actuator::new(|_, _| {}))
    }

    fn plan(job: &str, stage: Option<&str>) -> Plan {
        let rules: alloc::rc::Rc<[SlotContent]> = alloc::rc::Rc::new([SlotContent {
            slot: "cta".into(),
            variants: vec![ContentVariant {
                job: job.into(),
                stage: None,
                text: Some("See <i>lofts</i>".into()),
                href: Some("javascript:alert(1)".into()),
                attrs: vec![
                    ("title".into(), "Lofts".into()),
                    ("onclick".into(), "x()".into()),
                ],
            }],
        }]);
        Plan::new(Some(job), stage, Some("flat <b>with</b> light"), &rules)
    }

    fn text(root: &Element, sel: &str) -> String {
        root.query_selector(sel)
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap()
    }

    #[wasm_bindgen_test]
    fn a_plan_changes_each_kind_of_element_and_revert_restores_the_exact_dom() {
        let (root, mut a) = setup();
        let before = root.inner_html();
        a.set_plan(plan("photo", None), Mode::Free);
        assert_eq!(text(&root, "section"), "LightNorth");
        let cta = root.query_selector("a").unwrap().unwrap();
        assert_eq!(
            cta.text_content().unwrap(),
            "See <i>lofts</i>",
            "text, never HTML"
        );
        assert_eq!(
            cta.get_attribute("href").unwrap(),
            "/tour",
            "javascript: refused"
        );
        assert_eq!(cta.get_attribute("title").unwrap(), "Lofts");
        assert!(!cta.has_attribute("onclick"), "not on the safe list");
        assert!(root
            .query_selector("[data-jobwise-shown]")
            .unwrap()
            .is_some());
        let hide = root.query_selector("[data-jobwise-hide]").unwrap().unwrap();
        assert!(hide
            .get_attribute("style")
            .unwrap()
            .contains("display: none !important"));
        assert_eq!(text(&root, "span"), "flat <b>with</b> light");
        assert_eq!(
            root.query_selector_all("b, i").unwrap().length(),
            0,
            "no element from data"
        );
        a.revert();
        let mut after = root.inner_html();
        after = after.replace(" data-jobwise-done=\"\"", "");
        assert_eq!(after, before);
        root.remove();
    }

    #[wasm_bindgen_test]
    fn every_attribute_a_plan_sets_is_watched() {
        let watch: js_sys::Object = dom::options(WATCH);
        let filter = js_sys::Reflect::get(&watch, &"attributeFilter".into()).unwrap();
        let filter: Vec<String> = js_sys::Array::from(&filter)
            .iter()
            .filter_map(|v| v.as_string())
            .collect();
        for name in [
            "href",
            "title",
            "aria-label",
            "alt",
            "src",
            "style",
            dom::SHOWN,
        ] {
            assert!(filter.iter().any(|f| f == name), "{name}");
        }
    }

    #[wasm_bindgen_test]
    fn stage_variants_win_and_another_job_brings_the_default_back() {
        let (root, mut a) = setup();
        a.set_plan(plan("family", Some("compare")), Mode::Free);
        assert_eq!(
            text(&root, "section"),
            "LightNorth",
            "family@compare beats family"
        );
        a.set_plan(plan("family", None), Mode::Free);
        assert_eq!(text(&root, "section"), "Metro");
        a.set_plan(Plan::default(), Mode::Free);
        assert_eq!(text(&root, "section"), "Default");
        assert_eq!(text(&root, "span"), "a flat");
        assert_eq!(
            root.query_selector_all("template").unwrap().length(),
            2,
            "templates stay"
        );
        a.revert();
        root.remove();
    }

    #[wasm_bindgen_test]
    fn an_element_in_view_waits_unless_forced() {
        let (root, mut a) = setup();
        a.set_plan(Plan::default(), Mode::Free);
        a.set_plan(plan("photo", None), Mode::Careful);
        assert_eq!(text(&root, "section"), "Default", "in view: pending");
        a.set_plan(plan("photo", None), Mode::Force);
        assert_eq!(text(&root, "section"), "LightNorth");
        a.revert();
        root.remove();
    }

    #[wasm_bindgen_test]
    fn a_slot_the_snippet_still_hides_changes_in_view() {
        let doc = dom::document();
        let snippet = doc.create_element("style").unwrap();
        snippet.set_text_content(Some(
            "[data-jobwise-slot]:not([data-jobwise-done]){visibility:hidden}",
        ));
        doc.body().unwrap().append_child(&snippet).unwrap();
        let (root, mut a) = setup();
        a.set_plan(plan("photo", None), Mode::Careful);
        assert_eq!(
            text(&root, "section"),
            "LightNorth",
            "hidden by the snippet: nobody sees the swap"
        );
        assert_eq!(
            text(&root, "span"),
            "a flat",
            "visible and in view: pending"
        );
        a.revert();
        root.remove();
        snippet.remove();
    }

    #[wasm_bindgen_test]
    fn a_framework_re_render_is_re_applied_within_the_budget_then_given_up() {
        let (root, mut a) = setup();
        a.set_plan(plan("photo", None), Mode::Free);
        let slot = root.query_selector("section").unwrap().unwrap();
        let mut reapplied = 0;
        for _ in 0..10 {
            slot.set_inner_html("<h1>Framework</h1>");
            a.notice(Notice::Mutated, a.watch.take_records().into());
            if slot.text_content().unwrap() != "Framework" {
                reapplied += 1;
            }
        }
        assert!(
            reapplied >= 1 && reapplied < REAPPLY_PER_SECOND as usize + 1,
            "{reapplied}"
        );
        assert_eq!(
            slot.text_content().unwrap(),
            "Framework",
            "given up: the framework's content stays"
        );
        a.revert();
        root.remove();
    }
}
