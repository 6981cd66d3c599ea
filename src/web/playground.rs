//! Exports for the marketers' playground (`www/playground/`): validate a
//! rules text, and decide for a described visitor, with the same core code
//! the SDK runs. Kept small: every visitor downloads them.

use crate::prelude::*;
use wasm_bindgen::prelude::*;

use crate::arrival;
use crate::decide::decide;
use crate::json::{self, number, Kind, Object, Value};
use crate::memory::Memory;
use crate::model::compile;
use crate::rules::{self, Device, Problem, Severity};
use crate::signals::{Context, EventKind, Signals};

/// Every problem of a rules text, errors and warnings, as a JSON array
/// (empty when it is valid and clean):
/// `[{ "severity": "error" | "warning", "path", "line", "column", "message" }]`.
#[wasm_bindgen]
pub fn playground_check(rules: &str) -> String {
    let (_, problems) = rules::check(rules);
    let mut out = String::from("[");
    for (i, p) in problems.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        problem_json(&mut out, p);
    }
    out.push(']');
    out
}

fn problem_json(out: &mut String, p: &Problem) {
    let mut o = Object::new(out);
    let severity = match p.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    o.opt_str("severity", Some(severity));
    o.opt_str("path", Some(&p.path));
    number(o.key("line"), p.line.into());
    number(o.key("column"), p.column.into());
    o.opt_str("message", Some(&p.message));
    o.end();
}

/// The decision JSON (as `jobwise explain` prints it) for a visitor
/// described as `{ "referrer", "url", "events": ["page:/lofts/", …],
/// "device", "hour", "weekday", "visits", "daysSinceLastVisit" }`, or
/// `null` when the rules do not validate. Missing members take the CLI's
/// defaults: a desktop's first visit on a Wednesday at noon.
#[wasm_bindgen]
pub fn playground_explain(rules: &str, visitor: &str) -> String {
    let Ok(rules) = rules::parse(rules) else {
        return "null".into();
    };
    let compiled = compile(rules);
    let (visitor, _) = json::parse(visitor);
    let visitor = visitor.unwrap_or(Value {
        at: 0,
        kind: Kind::Null,
    });
    let text = |key| match visitor.get(key).map(|v| &v.kind) {
        Some(Kind::String(s)) => s.as_str(),
        _ => "",
    };
    let count = |key, max: f64| match visitor.get(key).map(|v| &v.kind) {
        Some(Kind::Number(n)) if (0.0..=max).contains(n) => Some(*n),
        _ => None,
    };
    let url = text("url");
    let arrival = arrival::read(
        super::url::parts(text("referrer")).as_ref(),
        super::url::parts(url).as_ref(),
    );
    let force = arrival
        .params
        .iter()
        .find(|(k, _)| k == "jobwise")
        .map(|(_, v)| v.clone());
    let kinds = match visitor.get("events").map(|v| &v.kind) {
        Some(Kind::Array(items)) => items
            .iter()
            .filter_map(|v| match &v.kind {
                Kind::String(spec) => EventKind::parse(spec),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    let context = Context {
        device: Device::named(text("device")).unwrap_or(Device::Desktop),
        hour: count("hour", 23.0).map_or(12, |h| h as u8),
        weekday: count("weekday", 6.0).map_or(2, |d| d as u8),
        visits: count("visits", 1e6).map_or(1, |v| v.max(1.0) as u32),
        days_since_last_visit: count("daysSinceLastVisit", 1e6),
    };
    let signals = Signals::described(arrival, !url.is_empty(), kinds, context);
    decide(&compiled, &signals, &Memory::new(99), 0.0, force.as_deref()).to_json()
}
