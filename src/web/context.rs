//! The visitor's circumstances: device class, local hour and weekday, read
//! by js/observe.js's `context` (through the host), and the visit counters
//! memory keeps.

use crate::rules::Device;
use crate::signals::Context;

use super::host;

/// The context now (without a host, as in the DOM tests: a desktop on a
/// Monday at midnight).
pub fn now(visits: u32, days_since_last_visit: Option<f64>) -> Context {
    read(host::context(), visits, days_since_last_visit)
}

/// `packed` is what js/observe.js's `context` returns: the device class
/// (0 desktop, 1 tablet, 2 mobile) × 256 + the local hour × 8 + the
/// weekday (0 = Monday).
pub(super) fn read(packed: u32, visits: u32, days_since_last_visit: Option<f64>) -> Context {
    Context {
        device: match packed >> 8 {
            2 => Device::Mobile,
            1 => Device::Tablet,
            _ => Device::Desktop,
        },
        hour: (packed >> 3 & 31) as u8,
        weekday: (packed & 7) as u8,
        visits,
        days_since_last_visit,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    /// The packing of js/observe.js's `context` (tested in
    /// tests/e2e/observe.test.mjs).
    #[wasm_bindgen_test]
    fn context_unpacks_device_hour_and_weekday() {
        let c = read(2 << 8 | 23 << 3 | 6, 2, Some(1.5));
        assert_eq!((c.device, c.hour, c.weekday), (Device::Mobile, 23, 6));
        assert_eq!((c.visits, c.days_since_last_visit), (2, Some(1.5)));
        assert_eq!(read(1 << 8, 0, None).device, Device::Tablet);
        let c = read(0, 0, None);
        assert_eq!((c.device, c.hour, c.weekday), (Device::Desktop, 0, 0));
    }
}
