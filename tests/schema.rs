//! The JSON Schema (`schema/rules.schema.json`) and the validator agree:
//! every valid example passes both, every invalid example fails both, and
//! small variations of each format (globs, links, hours…) get the same
//! verdict from both. The schema is checked with boon (draft 2020-12).
//!
//! What the schema cannot say is listed in [`SCHEMA_CANNOT`]: for those
//! files the test asserts that the schema *accepts* them, so the list stays
//! honest if the schema ever learns more.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

/// Invalid examples that the schema accepts, and why it can't refuse them.
const SCHEMA_CANNOT: &[(&str, &str)] = &[
    (
        "unknown-job-in-content.json",
        "content must name a job of `jobs`: a cross-reference",
    ),
    (
        "unknown-stage.json",
        "JOB@STAGE must name a stage of `stages`: a cross-reference",
    ),
    (
        "bad-selector.json",
        "CSS selector syntax is beyond a regular expression",
    ),
    (
        "duplicate-key.json",
        "JSON parsers keep one of two duplicate keys before a schema sees them",
    ),
];

struct Schema {
    schemas: boon::Schemas,
    index: boon::SchemaIndex,
}

impl Schema {
    fn load() -> Schema {
        let text = std::fs::read_to_string(root().join("schema/rules.schema.json")).unwrap();
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        let mut schemas = boon::Schemas::new();
        let mut compiler = boon::Compiler::new();
        let url = "file:///jobwise/rules.schema.json";
        compiler.add_resource(url, json).unwrap();
        let index = compiler.compile(url, &mut schemas).unwrap();
        Schema { schemas, index }
    }

    /// The schema's verdict: a document that isn't JSON fails too.
    fn accepts(&self, text: &str) -> bool {
        match serde_json::from_str::<serde_json::Value>(text) {
            Ok(v) => self.schemas.validate(&v, self.index).is_ok(),
            Err(_) => false,
        }
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn examples(kind: &str) -> Vec<(String, String)> {
    let dir = root().join("schema/examples").join(kind);
    let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| (name(&p), std::fs::read_to_string(&p).unwrap()))
        .collect();
    files.sort();
    files
}

fn name(p: &Path) -> String {
    p.file_name().unwrap().to_string_lossy().into_owned()
}

#[test]
fn valid_examples_pass_both() {
    let schema = Schema::load();
    let files = examples("valid");
    assert!(files.len() >= 4);
    for (name, text) in files {
        if let Err(problems) = jobwise::rules::parse(&text) {
            panic!("{name}: validator refused it: {problems:#?}");
        }
        assert!(schema.accepts(&text), "{name}: the schema refused it");
    }
}

#[test]
fn invalid_examples_fail_both() {
    let schema = Schema::load();
    let files = examples("invalid");
    assert!(files.len() >= 10);
    for (name, text) in &files {
        assert!(
            jobwise::rules::parse(text).is_err(),
            "{name}: validator accepted it"
        );
        let cannot = SCHEMA_CANNOT.iter().any(|(n, _)| n == name);
        assert_eq!(
            schema.accepts(text),
            cannot,
            "{name}: the schema {} it",
            if cannot {
                "now refuses (update SCHEMA_CANNOT)"
            } else {
                "accepted"
            }
        );
    }
    for (n, _) in SCHEMA_CANNOT {
        assert!(files.iter().any(|(name, _)| name == n), "{n} is missing");
    }
}

/// Both verdicts on one document.
fn agree(schema: &Schema, doc: &str) {
    let ours = jobwise::rules::parse(doc).is_ok();
    assert_eq!(
        schema.accepts(doc),
        ours,
        "they disagree on {doc}: validator says {ours}"
    );
}

/// A rules document with one signal.
fn with_signal(signal: &str) -> String {
    format!(r#"{{"version": 1, "jobs": {{"j": {{"signals": [{signal}]}}}}}}"#)
}

/// A rules document with one content variant.
fn with_variant(variant: &str) -> String {
    format!(r#"{{"version": 1, "jobs": {{"j": {{}}}}, "content": {{"cta": {{"j": {variant}}}}}}}"#)
}

fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

#[test]
fn formats_get_the_same_verdict() {
    let schema = Schema::load();
    let globs = [
        "/lofts/*",
        "*",
        "/a b",
        "lofts",
        "/a?b",
        "/a#b",
        "/a[1]",
        "",
        "/к/*",
        "*.pinterest.*",
        "www.x-y_z.com",
        "https://x.com",
        "x.com:80",
        "*.рф",
        "a\u{1}b",
        "summer sale*",
        "a{b}",
        "*foto*",
    ];
    for g in globs {
        agree(
            &schema,
            &with_signal(&format!(r#"{{"page": {}, "weight": 1}}"#, quoted(g))),
        );
        agree(
            &schema,
            &with_signal(&format!(r#"{{"referrer": {}, "weight": 1}}"#, quoted(g))),
        );
        agree(
            &schema,
            &with_signal(&format!(
                r#"{{"param": "utm_campaign", "match": [{}], "weight": 1}}"#,
                quoted(g)
            )),
        );
    }
    for h in [
        "18-23", "0-0", "22-6", " 7 - 9 ", "09-18", "18-24", "18", "a-b", "1-2-3", "100-1",
    ] {
        agree(
            &schema,
            &with_signal(&format!(r#"{{"hours": {}, "weight": 1}}"#, quoted(h))),
        );
    }
    for d in [
        "mon-fri",
        "sat,sun",
        "sat-sun",
        "mon, wed-thu",
        "fri-mon",
        "",
        "Mon",
        "monday",
        "sat,",
        "mon-tue-wed",
    ] {
        agree(
            &schema,
            &with_signal(&format!(r#"{{"weekdays": {}, "weight": 1}}"#, quoted(d))),
        );
    }
    for c in [
        r#"">=3""#,
        r#""<= 7""#,
        r#""3""#,
        r#""1.5""#,
        "3",
        "0",
        "-1",
        r#""==3""#,
        r#""3.""#,
        r#"">-1""#,
        "true",
    ] {
        agree(
            &schema,
            &with_signal(&format!(r#"{{"visits": {c}, "weight": 1}}"#)),
        );
    }
    for w in ["3", "-3", "0", "1000", "1001", "-1000.5", r#""3""#] {
        agree(
            &schema,
            &with_signal(&format!(r#"{{"event": "x", "weight": {w}}}"#)),
        );
    }
    for t in [
        "фотостудия",
        "",
        " ",
        "a\u{7}",
        &"x".repeat(100),
        &"x".repeat(101),
    ] {
        agree(
            &schema,
            &with_signal(&format!(r#"{{"terms": [{}], "weight": 1}}"#, quoted(t))),
        );
    }
    for link in [
        "/lofts",
        "https://x.ru/a?b#c",
        "HTTP://x",
        "#form",
        "?a=b",
        "lofts/a:b",
        "//cdn.x/a.png",
        "javascript:alert(1)",
        " JaVa\tscript:alert(1)",
        "\u{200b}javascript:x",
        "data:x",
        "mailto:a@b.c",
        "",
        " /lofts",
        "/lofts ",
        "/lo\u{7}fts",
        "\u{200b}http://x",
        "a:b",
    ] {
        agree(
            &schema,
            &with_variant(&format!(r#"{{"href": {}}}"#, quoted(link))),
        );
        agree(
            &schema,
            &with_variant(&format!(r#"{{"src": {}}}"#, quoted(link))),
        );
    }
    let combos = [
        r##"{"scroll": 75, "page": "/a", "weight": 1}"##,
        r##"{"hours": "1-2", "weekdays": "mon", "weight": 1}"##,
        r##"{"weekdays": "mon", "weight": 1}"##,
        r##"{"terms": ["a"], "page": "/a", "weight": 1}"##,
        r##"{"scroll": 75, "page": "/a", "hours": "1-2", "weight": 1}"##,
        r##"{"page": "/a", "weekdays": "mon", "weight": 1}"##,
        r##"{"dwell": "#a", "weight": 1}"##,
        r##"{"seconds": 3, "event": "x", "weight": 1}"##,
        r##"{"param": "p", "weight": 1}"##,
        r##"{"match": ["a"], "event": "x", "weight": 1}"##,
        r##"{"weight": 1}"##,
        r##"{"event": "x"}"##,
        r##"{"event": "x", "weight": 1, "language": "ru"}"##,
        r##"{"dwell": "#a", "seconds": 0, "weight": 1}"##,
        r##"{"scroll": 101, "weight": 1}"##,
        r##"{"device": "phone", "weight": 1}"##,
        r##"{"source": "ai", "weight": 1}"##,
    ];
    for s in combos {
        agree(&schema, &with_signal(s));
    }
    for doc in [
        r#"{"version": 1, "jobs": {"a": {}}, "holdout": 100}"#,
        r#"{"version": 1.0, "jobs": {"a": {}}}"#,
        r#"{"version": 1, "jobs": {"a": {"label": " "}}}"#,
        r#"{"version": 1, "jobs": {"a": {}}, "content": {"hero title": {}}}"#,
        r#"{"version": 1, "jobs": {"a": {}}, "content": {"hero": {}}}"#,
        r#"{"version": 1, "jobs": {"a-1_b": {}}}"#,
        r#"{"version": 1, "jobs": {"-a": {}}}"#,
        r#"{"version": 1, "jobs": {"a": {}}, "privacy": {"days": 0.5}}"#,
        r#"{"version": 1, "jobs": {"a": {}}, "decision": {"halfLifeMinutes": 0}}"#,
        r#"{"version": 1, "jobs": {"a": {}}, "$schema": "./rules.schema.json"}"#,
        r#"{"version": 1, "jobs": {"a": {}}, "extra": 1}"#,
        r#"[]"#,
    ] {
        agree(&schema, doc);
    }
}

#[test]
fn every_property_is_described() {
    fn walk(v: &serde_json::Value, path: &str) {
        match v {
            serde_json::Value::Object(map) => {
                if let Some(serde_json::Value::Object(props)) = map.get("properties") {
                    for (k, p) in props {
                        assert!(
                            p.get("description").is_some(),
                            "{path}.{k} has no description"
                        );
                        assert!(p.get("examples").is_some(), "{path}.{k} has no examples");
                    }
                }
                for (k, v) in map {
                    walk(v, &format!("{path}/{k}"));
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, path)),
            _ => {}
        }
    }
    let text = std::fs::read_to_string(root().join("schema/rules.schema.json")).unwrap();
    walk(&serde_json::from_str(&text).unwrap(), "#");
}
