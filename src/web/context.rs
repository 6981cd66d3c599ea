//! The visitor's circumstances: device class from the viewport width and
//! the pointer, local hour and weekday, and the visit counters memory keeps.

use crate::rules::Device;
use crate::signals::Context;
use crate::web::dom;

/// Below this viewport width (CSS px) the layout is a phone's.
const PHONE: i32 = 600;
/// A coarse pointer below this width is a tablet.
const TABLET: i32 = 1100;

pub fn now(visits: u32, days_since_last_visit: Option<f64>) -> Context {
    let width = dom::document()
        .document_element()
        .map_or(0, |r| r.client_width());
    let coarse = dom::window()
        .match_media("(pointer:coarse)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches());
    let date = js_sys::Date::new_0();
    Context {
        device: device(width, coarse),
        hour: date.get_hours() as u8,
        weekday: ((date.get_day() + 6) % 7) as u8,
        visits,
        days_since_last_visit,
    }
}

pub fn device(width: i32, coarse: bool) -> Device {
    if width > 0 && width < PHONE {
        Device::Mobile
    } else if coarse && width < TABLET {
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
        assert_eq!(device(390, true), Device::Mobile);
        assert_eq!(device(500, false), Device::Mobile);
        assert_eq!(device(820, true), Device::Tablet);
        assert_eq!(device(1280, true), Device::Desktop);
        assert_eq!(device(1280, false), Device::Desktop);
        assert_eq!(device(820, false), Device::Desktop);
        let c = now(2, Some(1.5));
        assert!(c.hour < 24 && c.weekday < 7);
        assert_eq!((c.visits, c.days_since_last_visit), (2, Some(1.5)));
    }
}
