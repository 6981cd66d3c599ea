//! `content` as [`SlotContent`], for `jobwise check` and the tests
//! (diagnostics only): the SDK reads `content` with `JSON.parse` once its
//! wasm has accepted the rules (js/sdk.js), so the validator only checks it.

use super::validate::members_of as members;
use super::{ContentVariant, SlotContent};
use crate::json::{Kind, Member, Value};
use crate::prelude::*;

/// The content of rules that validated (so every value has its type).
pub(super) fn read(content: Option<&Value>) -> Vec<SlotContent> {
    members(content)
        .iter()
        .map(|slot| SlotContent {
            slot: slot.key.clone(),
            variants: members(Some(&slot.value)).iter().map(variant).collect(),
        })
        .collect()
}

fn variant(m: &Member) -> ContentVariant {
    let (job, stage) = match crate::text::split_once(&m.key, b'@') {
        Some((j, s)) => (j, Some(s)),
        None => (m.key.as_str(), None),
    };
    let mut variant = ContentVariant {
        job: job.into(),
        stage: stage.map(Into::into),
        text: None,
        href: None,
        attrs: Vec::new(),
    };
    for a in members(Some(&m.value)) {
        let Kind::String(s) = &a.value.kind else {
            continue;
        };
        match a.key.as_str() {
            "text" => variant.text = Some(s.clone()),
            "href" => variant.href = Some(s.clone()),
            _ => variant.attrs.push((a.key.clone(), s.clone())),
        }
    }
    variant
}
