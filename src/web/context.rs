//! The visitor's circumstances: device class from the viewport width and
//! the pointer, local hour and weekday, and the visit counters memory keeps.
//! The width is asked of media queries, never of an element: reading
//! `clientWidth` forced a style and layout pass inside the first decision,
//! before anything was painted.

use wasm_bindgen::prelude::*;

use crate::rules::Device;
use crate::signals::Context;

#[wasm_bindgen(inline_js = "export function media(q) {
  try { return matchMedia(q).matches; } catch { return false; }
}
export function clock() {
  const d = new Date();
  return d.getHours() * 8 + d.getDay();
}")]
extern "C" {
    /// Whether the media query matches (false when it cannot be asked).
    fn media(query: &str) -> bool;
    /// The local hour × 8 + the weekday (0 = Sunday): one import instead
    /// of three (`Date`, `getHours`, `getDay`).
    fn clock() -> u32;
}

/// A viewport below 600 CSS px wide is a phone's.
const PHONE: &str = "(max-width:599.98px)";
/// A coarse pointer on a viewport below 1100 CSS px is a tablet.
const TABLET: &str = "(pointer:coarse) and (max-width:1099.98px)";

pub fn now(visits: u32, days_since_last_visit: Option<f64>) -> Context {
    let clock = clock();
    Context {
        device: device(media(PHONE), media(TABLET)),
        hour: (clock / 8) as u8,
        weekday: ((clock % 8 + 6) % 7) as u8,
        visits,
        days_since_last_visit,
    }
}

fn device(phone: bool, tablet: bool) -> Device {
    if phone {
        Device::Mobile
    } else if tablet {
        Device::Tablet
    } else {
        Device::Desktop
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn device_classes() {
        assert_eq!(device(true, true), Device::Mobile);
        assert_eq!(device(true, false), Device::Mobile);
        assert_eq!(device(false, true), Device::Tablet);
        assert_eq!(device(false, false), Device::Desktop);
        // The queries agree with the viewport's width (scrollbar included).
        let width = crate::web::dom::window()
            .inner_width()
            .unwrap()
            .as_f64()
            .unwrap();
        assert_eq!(media(PHONE), width < 600.0);
        assert_eq!(media("(max-width:1099.98px)"), width < 1100.0);
        let c = now(2, Some(1.5));
        assert!(c.hour < 24 && c.weekday < 7);
        assert_eq!((c.visits, c.days_since_last_visit), (2, Some(1.5)));
    }
}
