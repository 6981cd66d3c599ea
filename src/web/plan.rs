//! What the page should show for a decision, as plain data: the [`Plan`]
//! (job, stage, terms and the rules' content for them), and for one
//! marked-up element the [`Change`]s the plan calls for (SPEC §4).

use crate::prelude::*;
use alloc::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlTemplateElement};

use super::dom::{HIDE, INSERT, SHOW, SHOWN, SLOT, VARIANT};
use crate::rules::{ContentVariant, SlotContent};

/// The page's target state. `job: None` (no job, or the visitor is in the
/// holdout) means every element shows its default.
#[derive(Default)]
pub struct Plan {
    pub job: Option<String>,
    pub stage: Option<String>,
    /// The visitor's terms for `data-jobwise-insert="terms"` (the core sets
    /// them only when they matched a signal of the job).
    pub terms: Option<String>,
    /// The rules' content, shared with the runtime (never copied).
    rules: Rc<[SlotContent]>,
}

impl Plan {
    /// The plan for `job` at `stage`, with the rules' content.
    pub fn new(
        job: Option<&str>,
        stage: Option<&str>,
        terms: Option<&str>,
        rules: &Rc<[SlotContent]>,
    ) -> Plan {
        let Some(job) = job else {
            return Plan::default();
        };
        Plan {
            job: Some(job.into()),
            stage: stage.map(Into::into),
            terms: terms.map(Into::into),
            rules: rules.clone(),
        }
    }

    /// The rules' content for slot `name`, this job and stage (`JOB@STAGE`
    /// entries first, then plain `JOB`).
    pub fn content(&self, name: &str) -> Option<&ContentVariant> {
        let job = self.job.as_deref()?;
        let stage = self.stage.as_deref();
        self.rules.iter().filter(|s| s.slot == name).find_map(|s| {
            let for_job = |v: &&ContentVariant| v.job == job;
            s.variants
                .iter()
                .filter(for_job)
                .find(|v| v.stage.is_some() && v.stage.as_deref() == stage)
                .or_else(|| {
                    s.variants
                        .iter()
                        .filter(for_job)
                        .find(|v| v.stage.is_none())
                })
        })
    }
}

/// One change to one element.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// The children become a copy of this variant template's content.
    Variant(HtmlTemplateElement),
    /// The children become this text (set as text, never parsed).
    Text(String),
    /// An attribute takes this value.
    Attr(String, String),
    /// `display: none !important`, beating the page's own CSS.
    Hide,
}

impl Change {
    /// Whether the change replaces the element's children.
    pub fn children(&self) -> bool {
        matches!(self, Change::Variant(_) | Change::Text(_))
    }

    /// The attribute the change sets, if any.
    pub fn attr(&self) -> Option<&str> {
        match self {
            Change::Attr(name, _) => Some(name),
            Change::Hide => Some("style"),
            _ => None,
        }
    }
}

/// What `plan` changes on `el` (empty: its default).
pub fn changes(el: &Element, plan: &Plan) -> Vec<Change> {
    let mut out = Vec::new();
    let Some(job) = plan.job.as_deref() else {
        return out;
    };
    let stage = plan.stage.as_deref();
    if let Some(name) = el.get_attribute(SLOT) {
        if let Some(t) = variant(el, job, stage) {
            out.push(Change::Variant(t));
        }
        if let Some(c) = plan.content(&name) {
            match &c.text {
                Some(text) if out.is_empty() => out.push(Change::Text(text.clone())),
                _ => {}
            }
            if let Some(href) = &c.href {
                if el.tag_name() == "A" && safe_url(href) {
                    out.push(Change::Attr("href".into(), href.clone()));
                }
            }
            for (k, v) in &c.attrs {
                if safe_attr(el, k, v) {
                    out.push(Change::Attr(k.clone(), v.clone()));
                }
            }
        }
    }
    let listed = |attr| {
        el.get_attribute(attr)
            .is_some_and(|l| rank(&l, job, stage) > 0)
    };
    if listed(SHOW) {
        out.push(Change::Attr(SHOWN.into(), String::new()));
    }
    if listed(HIDE) {
        out.push(Change::Hide);
    }
    if el.get_attribute(INSERT).as_deref() == Some("terms") && !out.iter().any(Change::children) {
        if let Some(terms) = &plan.terms {
            out.push(Change::Text(terms.clone()));
        }
    }
    out
}

/// How well a list such as `"photo family@compare"` names the job: 2 for
/// `JOB@STAGE` with the current stage, 1 for plain `JOB`, 0 not at all.
pub fn rank(list: &str, job: &str, stage: Option<&str>) -> u8 {
    let mut best = 0;
    for token in list.split_ascii_whitespace() {
        match token.split_once('@') {
            Some((j, s)) if j == job && Some(s) == stage => return 2,
            None if token == job => best = 1,
            _ => {}
        }
    }
    best
}

/// The slot's best variant template for the job, first in order on a tie.
fn variant(slot: &Element, job: &str, stage: Option<&str>) -> Option<HtmlTemplateElement> {
    let mut best: Option<(u8, HtmlTemplateElement)> = None;
    for t in super::dom::all(slot, ":scope>template") {
        let t: HtmlTemplateElement = t.unchecked_into();
        let r = t.get_attribute(VARIANT).map_or(0, |l| rank(&l, job, stage));
        if r > best.as_ref().map_or(0, |b| b.0) {
            best = Some((r, t));
        }
    }
    best.map(|b| b.1)
}

/// `http:`/`https:` URLs, and relative ones and fragments on an http(s)
/// page; never `javascript:` or `data:` (the rules' validator refuses
/// them too: this is the second check, with the browser's own parser).
pub fn safe_url(url: &str) -> bool {
    super::url::resolve(url, true).is_some_and(|u| matches!(u.scheme.as_str(), "http" | "https"))
}

/// The short safe list of SPEC §4: `title`, `aria-label`, `alt`, and the
/// `src` of an `img` (with a safe URL).
fn safe_attr(el: &Element, name: &str, value: &str) -> bool {
    match name {
        "title" | "aria-label" | "alt" => true,
        "src" => el.tag_name() == "IMG" && safe_url(value),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn ranks_job_and_job_at_stage() {
        assert_eq!(rank("photo family", "family", None), 1);
        assert_eq!(rank("photo family@compare", "family", Some("compare")), 2);
        assert_eq!(rank("family@compare", "family", None), 0);
        assert_eq!(rank("family@compare", "family", Some("ready")), 0);
        assert_eq!(rank("photography", "photo", None), 0);
    }

    #[wasm_bindgen_test]
    fn safe_urls_only() {
        for ok in [
            "/lofts",
            "#top",
            "lofts?x=1",
            "https://example.com/",
            "http://x.test",
        ] {
            assert!(safe_url(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "java\tscript:x",
            "data:text/html,x",
            "vbscript:x",
        ] {
            assert!(!safe_url(bad), "{bad}");
        }
    }

    #[wasm_bindgen_test]
    fn content_for_the_stage_first_then_the_job() {
        let v = |stage: Option<&str>, text: &str| ContentVariant {
            job: "photo".into(),
            stage: stage.map(Into::into),
            text: Some(text.into()),
            href: None,
            attrs: vec![],
        };
        let rules: Rc<[SlotContent]> = Rc::new([SlotContent {
            slot: "cta".into(),
            variants: vec![v(None, "plain"), v(Some("ready"), "staged")],
        }]);
        let text = |stage| {
            Plan::new(Some("photo"), stage, None, &rules)
                .content("cta")
                .and_then(|c| c.text.clone())
        };
        assert_eq!(text(Some("ready")).as_deref(), Some("staged"));
        assert_eq!(text(None).as_deref(), Some("plain"));
        assert!(Plan::new(None, None, Some("x"), &rules)
            .content("cta")
            .is_none());
        assert_eq!(
            Plan::new(None, None, Some("x"), &rules).terms,
            None,
            "no job: no terms"
        );
    }
}
