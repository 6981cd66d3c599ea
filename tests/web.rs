//! Browser tests of the wasm build (wasm-bindgen-test in headless Chromium):
//! the public boot path against a real DOM. The web layer's own modules
//! (storage, the context) have their tests next to them; observation and
//! actuation, in js/observe.js and js/actuate.js, have their browser tests
//! in tests/e2e/observe.test.mjs and tests/e2e/actuate.test.mjs.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn invalid_or_huge_rules_are_refused_with_an_error() {
    assert!(!jobwise::web::try_boot("{", 300.0, -1).is_empty());
    let huge = "x".repeat(2 << 20);
    assert!(!jobwise::web::try_boot(&huge, 300.0, -1).is_empty());
}

/// The cases of a shared case file (a JSON array of objects), at least
/// `min` of them, each as a getter of its members.
fn cases(json: &str, min: u32) -> Vec<impl Fn(&str) -> wasm_bindgen::JsValue> {
    let cases: js_sys::Array = js_sys::JSON::parse(json).unwrap().unchecked_into();
    assert!(cases.length() >= min);
    cases
        .iter()
        .map(|case| move |key: &str| js_sys::Reflect::get(&case, &key.into()).unwrap())
        .collect()
}

/// Every case of `tests/cases/selectors.json` gets the native check's
/// verdict from the browser's (which gives no index).
#[wasm_bindgen_test]
fn browser_selector_check_agrees_with_the_case_file() {
    for field in cases(include_str!("cases/selectors.json"), 40) {
        let selector = field("selector").as_string().unwrap();
        let valid = field("at").is_null();
        let got = jobwise::web::selector::check(&selector);
        assert_eq!(got.is_ok(), valid, "{selector:?}");
        if let Err((at, _)) = got {
            assert_eq!(at, None);
        }
    }
}

/// Every case of `tests/cases/arrival.json` (the file `tests/arrival.rs`
/// runs natively through the `url` crate) read with the browser's own URL
/// parser, as the runtime reads `document.referrer` and `location.href`.
#[wasm_bindgen_test]
fn browser_arrival_agrees_with_the_case_file() {
    for member in cases(include_str!("cases/arrival.json"), 100) {
        let field = |key: &str| member(key).as_string();
        let (referrer, url) = (field("referrer").unwrap(), field("url").unwrap());
        let got = jobwise::arrival::read(
            jobwise::web::url::parts(&referrer).as_ref(),
            jobwise::web::url::parts(&url).as_ref(),
        );
        let case = format!("{referrer:?} -> {url:?}");
        let engine = got.engine.map(String::from);
        assert_eq!(engine, field("engine"), "engine of {case}");
        let terms = Some(got.terms).filter(|t| !t.is_empty());
        assert_eq!(terms, field("terms"), "terms of {case}");
        let source = Some(got.source.as_str().to_string());
        assert_eq!(source, field("source"), "source of {case}");
    }
}

/// A selector the browser refuses refuses the rules, pointing at the
/// selector's value.
#[wasm_bindgen_test]
fn a_refused_selector_points_at_its_value() {
    let rules = r#"{"version": 1, "jobs": {"photo": {"label": "Photo", "signals": [
  {"weight": 2, "click": "a::before"}]}}}"#;
    let problems = jobwise::rules::parse_with(rules, jobwise::web::selector::check).unwrap_err();
    let p = &problems[..];
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].path, "jobs.photo.signals[0].click");
    assert_eq!((p[0].line, p[0].column), (2, 26));
}
