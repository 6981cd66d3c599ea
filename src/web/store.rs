//! Where the core's memory line is kept between pages: nowhere, the tab's
//! sessionStorage, or localStorage with an expiry, under one key, as the
//! rules' `privacy.remember` and the visitor's `consent()` allow (the
//! stricter of the two wins). Storage that throws or is missing (Safari
//! private mode, quota, disabled, a throwing getter) is treated as absent:
//! the memory then lives for this page only.

use crate::prelude::*;

use crate::json;
use crate::rules::Remember;

// [`super::dom::page`]'s storage operations, after its three URL ones;
// on localStorage 3 more.
const GET: u8 = 3;
const SET: u8 = 4;
const REMOVE: u8 = 5;

/// The one storage key (written out in [`super::dom::page`]).
#[cfg(test)]
const KEY: &str = "jobwise";
const DAY_MS: f64 = 86_400_000.0;

pub struct Store {
    /// What the rules allow.
    rules: Remember,
    /// Where memory goes now: what the rules allow, or what the visitor
    /// allows when that is stricter (kept as it changes, not worked out
    /// at each use).
    mode: Remember,
    days: f64,
}

impl Store {
    pub fn new(rules: Remember, days: f64) -> Store {
        Store {
            rules,
            mode: rules,
            days,
        }
    }

    /// Where memory goes now.
    pub fn mode(&self) -> Remember {
        self.mode
    }

    /// The visitor's choice, as js/sdk.js numbers it: 0 `"none"`, 1
    /// `"session"`, 2 `"local"`; false for anything else (-1: another
    /// word, or not said). What is no longer allowed is wiped at once.
    pub fn consent(&mut self, mode: i32) -> bool {
        let consent = match mode {
            0 => Remember::None,
            1 => Remember::Session,
            2 => Remember::Local,
            _ => return false,
        };
        let rank = |r: Remember| match r {
            Remember::None => 0,
            Remember::Session => 1,
            Remember::Local => 2,
        };
        self.mode = if rank(consent) < rank(self.rules) {
            consent
        } else {
            self.rules
        };
        let mode = self.mode;
        if mode != Remember::Session {
            wipe(Remember::Session);
        }
        if mode != Remember::Local {
            wipe(Remember::Local);
        }
        true
    }

    /// What `f` says of the stored line (empty when there is none): false
    /// without calling it when that is expired or unreadable (the line is
    /// read where it is stored, not copied). Read once a page: the line
    /// is left allocated (no call to free it on each way out).
    pub fn read(&self, now_ms: f64, f: impl FnOnce(&str) -> bool) -> bool {
        let mode = self.mode();
        // One call of `f` (it is inlined): localStorage's expiry first.
        let mut line: &str = storage(mode, GET, "").leak();
        if mode == Remember::Local {
            let Some((expires, rest)) = crate::text::split_once(line, b'|') else {
                return false;
            };
            let Some(expires) = crate::json::parse_f64(expires) else {
                return false;
            };
            if expires < now_ms {
                wipe(mode);
                return false;
            }
            line = rest;
        }
        f(line)
    }

    /// Keeps the line `line` writes where allowed (localStorage: for the
    /// rules' `days`); `line` is not called when nothing is kept.
    pub fn write(&self, now_ms: f64, line: impl FnOnce(&mut String)) {
        let mode = self.mode();
        if mode == Remember::None {
            return;
        }
        let mut value = String::new();
        if mode == Remember::Local {
            json::number(&mut value, floor(now_ms + self.days * DAY_MS));
            value.push('|');
        }
        line(&mut value);
        storage(mode, SET, &value);
    }
}

/// The largest whole number not above `x`, a time in milliseconds (far
/// below 2^63 either way: exact): by truncation, where libm's `floor` is
/// a function of its own.
fn floor(x: f64) -> f64 {
    let t = x as i64 as f64;
    if t > x {
        t - 1.0
    } else {
        t
    }
}

fn wipe(place: Remember) {
    storage(place, REMOVE, "");
}

/// `op` on the `jobwise` item in the storage for `mode`; empty when it
/// is not allowed, empty, missing or throws (and for anything but
/// [`GET`]).
fn storage(mode: Remember, op: u8, value: &str) -> String {
    match mode {
        Remember::None => String::new(),
        Remember::Session => super::dom::page(op, value),
        Remember::Local => super::dom::page(op + 3, value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn the_stricter_of_rules_and_consent_wins() {
        let mut s = Store::new(Remember::Session, 30.0);
        assert_eq!(s.mode(), Remember::Session);
        assert!(s.consent(2));
        assert_eq!(
            s.mode(),
            Remember::Session,
            "consent never widens the rules"
        );
        assert!(s.consent(0));
        assert_eq!(s.mode(), Remember::None);
        assert!(!s.consent(-1) && !s.consent(3));
    }

    /// What `jobwise.forget()` does: consent `"none"` wipes both storages.
    fn wipe_all() {
        assert!(Store::new(Remember::Local, 1.0).consent(0));
    }

    #[wasm_bindgen_test]
    fn local_lines_expire_and_forget_wipes_both() {
        wipe_all();
        let s = Store::new(Remember::Local, 1.0);
        s.write(1000.0, |v| v.push_str("jw1|b1"));
        assert_eq!(line(&s, 1000.0 + DAY_MS - 1.0).as_deref(), Some("jw1|b1"));
        assert_eq!(line(&s, 1000.0 + DAY_MS + 1.0), None, "expired");
        assert_eq!(
            raw(Remember::Local).get_item(KEY).unwrap(),
            None,
            "and removed"
        );
        let session = Store::new(Remember::Session, 1.0);
        session.write(0.0, |v| v.push_str("jw1|b2"));
        s.write(0.0, |v| v.push_str("jw1|b3"));
        wipe_all();
        assert_eq!((line(&session, 0.0), line(&s, 0.0)), (None, None));
    }

    /// The stored line, as read; none when empty (no line).
    fn line(s: &Store, now_ms: f64) -> Option<String> {
        let mut got = None;
        s.read(now_ms, |l| {
            got = Some(l).filter(|l| !l.is_empty()).map(String::from);
            true
        });
        got
    }

    #[wasm_bindgen_test]
    fn none_writes_nothing() {
        wipe_all();
        let s = Store::new(Remember::None, 30.0);
        s.write(0.0, |v| v.push_str("jw1|b1"));
        for place in [Remember::Session, Remember::Local] {
            assert_eq!(raw(place).length().unwrap(), 0);
        }
    }

    /// The browser's storage itself, past the SDK's bindings.
    fn raw(place: Remember) -> web_sys::Storage {
        let w = web_sys::window().unwrap();
        match place {
            Remember::Local => w.local_storage(),
            _ => w.session_storage(),
        }
        .unwrap()
        .unwrap()
    }
}
