//! Exports for the marketers' playground (`www/playground/`): validate a
//! rules text, with every problem's JSON path and line:column, using the
//! same core code the SDK runs. Kept small: every visitor downloads it.

use wasm_bindgen::prelude::*;

use crate::json::{number, Object};
use crate::rules::{self, Problem, Severity};

/// Every problem of a rules text, errors and warnings, as a JSON array
/// (empty when it is valid and clean):
/// `[{ "severity": "error" | "warning", "path", "line", "column", "message" }]`.
#[wasm_bindgen]
pub fn playground_check(rules: &str) -> String {
    problems_json(&rules::check(rules).1)
}

fn problems_json(problems: &[Problem]) -> String {
    let mut out = String::from("[");
    for (i, p) in problems.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let mut o = Object::new(&mut out);
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
    out.push(']');
    out
}
