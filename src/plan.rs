//! What the page should show for a decision, as plain data (SPEC §4): the
//! job, the stage, the terms and the rules' content for them. js/actuate.js
//! applies it to the marked-up elements; nothing here touches the page.

use crate::json::{opt_string, string, Object};
use crate::prelude::*;
use crate::rules::{ContentVariant, SlotContent};

/// Whether a change may happen where the visitor sees it (handed to
/// js/actuate.js as its number: 0, 1, 2).
#[derive(Clone, Copy)]
pub enum Mode {
    /// Nothing has been painted yet (before the timeout, or new elements).
    Free,
    /// An element in the viewport keeps what it shows until it leaves.
    Careful,
    /// Everything changes at once (the visitor picked a job; a new page).
    Force,
}

/// The slot's content for `job` at `stage`: its `JOB@STAGE` entry first,
/// then plain `JOB`.
pub fn content<'a>(
    slot: &'a SlotContent,
    job: &str,
    stage: Option<&str>,
) -> Option<&'a ContentVariant> {
    let mut of_job = slot.variants.iter().filter(|v| v.job == job);
    of_job
        .clone()
        .find(|v| v.stage.is_some() && v.stage.as_deref() == stage)
        .or_else(|| of_job.find(|v| v.stage.is_none()))
}

/// The plan as JSON: `{"job":null}` (no job, or the visitor is in the
/// holdout: every element shows its default), or
/// `{"job":J,"stage":S,"terms":T,"content":[[SLOT,TEXT,HREF,[[NAME,VALUE],…]],…]}`
/// with the content of each slot (in the rules' order) that has some for
/// the job and stage; `null` for what is not set. The terms are the ones
/// for `data-jobwise-insert="terms"` (the core sets them only when they
/// matched a signal of the job).
pub fn to_json(
    job: Option<&str>,
    stage: Option<&str>,
    terms: Option<&str>,
    rules: &[SlotContent],
) -> String {
    let mut out = String::new();
    let mut o = Object::new(&mut out);
    o.opt_str("job", job);
    if let Some(job) = job {
        o.opt_str("stage", stage);
        o.opt_str("terms", terms);
        let out = o.key("content");
        let mut sep = '[';
        for slot in rules {
            let Some(c) = content(slot, job, stage) else {
                continue;
            };
            out.push(sep);
            sep = ',';
            out.push('[');
            string(out, &slot.slot);
            for v in [&c.text, &c.href] {
                out.push(',');
                opt_string(out, v.as_deref());
            }
            out.push_str(",[");
            for (i, (name, value)) in c.attrs.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push('[');
                string(out, name);
                out.push(',');
                string(out, value);
                out.push(']');
            }
            out.push_str("]]");
        }
        if sep == '[' {
            out.push('[');
        }
        out.push(']');
    }
    o.end();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> Vec<SlotContent> {
        let v = |stage: Option<&str>, text: &str| ContentVariant {
            job: "photo".into(),
            stage: stage.map(Into::into),
            text: Some(text.into()),
            href: None,
            attrs: vec![],
        };
        vec![
            SlotContent {
                slot: "cta".into(),
                variants: vec![v(None, "plain"), v(Some("ready"), "staged")],
            },
            SlotContent {
                slot: "hero".into(),
                variants: vec![ContentVariant {
                    job: "family".into(),
                    stage: None,
                    text: None,
                    href: Some("/homes".into()),
                    attrs: vec![("title".into(), "Homes \"big\"".into())],
                }],
            },
        ]
    }

    #[test]
    fn content_for_the_stage_first_then_the_job() {
        let rules = rules();
        let text = |stage| content(&rules[0], "photo", stage).and_then(|c| c.text.as_deref());
        assert_eq!(text(Some("ready")), Some("staged"));
        assert_eq!(text(None), Some("plain"));
        assert_eq!(text(Some("other")), Some("plain"));
        assert!(content(&rules[0], "family", None).is_none());
        assert_eq!(
            to_json(Some("photo"), Some("ready"), Some("a flat"), &rules),
            r#"{"job":"photo","stage":"ready","terms":"a flat","content":[["cta","staged",null,[]]]}"#
        );
        assert_eq!(
            to_json(Some("family"), None, None, &rules),
            r#"{"job":"family","stage":null,"terms":null,"content":[["hero",null,"/homes",[["title","Homes \"big\""]]]]}"#
        );
        assert_eq!(
            to_json(Some("nobody"), None, None, &rules),
            r#"{"job":"nobody","stage":null,"terms":null,"content":[]}"#
        );
        assert_eq!(
            to_json(None, Some("ready"), Some("x"), &rules),
            r#"{"job":null}"#,
            "no job: no stage, no terms, no content"
        );
    }

    /// js/actuate.js sets `href` and `src` as the rules give them: only
    /// links the validator accepts ever reach a plan.
    #[test]
    fn safe_urls_only() {
        let rules = |href: &str, more: &str| {
            let mut doc = String::from(
                r#"{"version":1,"jobs":{"photo":{"signals":[{"terms":["photo"],"weight":1}]}},
                "content":{"cta":{"photo":{"href":"#,
            );
            string(&mut doc, href);
            doc.push_str(r#","src":"#);
            string(&mut doc, href);
            doc.push_str(more);
            doc.push_str("}}}}");
            crate::rules::parse(&doc)
        };
        for ok in [
            "/lofts",
            "#top",
            "lofts?x=1",
            "https://example.com/",
            "http://x.test",
        ] {
            let r = rules(ok, "").unwrap_or_else(|p| panic!("{ok}: {p:?}"));
            let c = &r.content[0].variants[0];
            assert_eq!(c.href.as_deref(), Some(ok));
            assert_eq!(c.attrs, vec![("src".into(), ok.into())]);
            assert!(
                rules(ok, r#","onclick":"x()""#).is_err(),
                "not on the safe list"
            );
        }
        for bad in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "java\tscript:x",
            "data:text/html,x",
            "vbscript:x",
        ] {
            assert!(rules(bad, "").is_err(), "{bad}");
        }
    }
}
