//! The one input type of the model: what is known about the visitor now.
//! js/observe.js, through `web::runtime` (or the CLI's `--event` flags),
//! fills it; nothing here touches a browser.

use crate::arrival::Arrival;
use crate::prelude::*;
use crate::rules::Device;

/// Everything the model may score.
#[derive(Clone, Debug, PartialEq)]
pub struct Signals {
    pub arrival: Arrival,
    /// Behaviour observed in this visit, oldest first.
    pub events: Vec<Event>,
    pub context: Context,
}

/// A behavioural observation at a time (milliseconds, same clock as `now`).
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub at_ms: f64,
    pub kind: EventKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum EventKind {
    /// A page viewed in this visit (its path).
    Page(String),
    /// A click on an element matching the rules' selector (the selector).
    Click(String),
    /// An element matching the rules' selector seen for `seconds`.
    Dwell { selector: String, seconds: f64 },
    /// Deepest scroll reached on the page `path`, in percent.
    Scroll { percent: f64, path: String },
    /// Words typed into the site's own search.
    Search(String),
    /// `jobwise.track(name)`.
    Custom(String),
}

impl EventKind {
    /// Reads one event as `jobwise explain --event` and the playground write
    /// it: `page:/p`, `click:SEL`, `dwell:SEL:SECONDS`, `scroll:PCT[:/p]`,
    /// `search:WORDS`, `event:NAME`. A scroll without a page has an empty
    /// path (see [`Signals::described`]).
    pub fn parse(spec: &str) -> Option<EventKind> {
        let (kind, value) = crate::text::split_once(spec, b':')?;
        if value.is_empty() {
            return None;
        }
        Some(match kind {
            "page" => EventKind::Page(value.into()),
            "click" => EventKind::Click(value.into()),
            "dwell" => {
                let (selector, seconds) = value.rsplit_once(':')?;
                EventKind::Dwell {
                    selector: selector.into(),
                    seconds: seconds.parse().ok().filter(|s: &f64| *s >= 0.0)?,
                }
            }
            "scroll" => {
                let (percent, path) = crate::text::halves(value, b':');
                EventKind::Scroll {
                    percent: percent
                        .parse()
                        .ok()
                        .filter(|p: &f64| (0.0..=100.0).contains(p))?,
                    path: path.into(),
                }
            }
            "search" => EventKind::Search(value.into()),
            "event" => EventKind::Custom(value.into()),
            _ => return None,
        })
    }
}

impl Signals {
    /// A visitor described rather than observed (`jobwise explain`, the
    /// playground), read as the browser would see them: the landing page,
    /// when `landed`, counts as a page viewed, a scroll without a page is
    /// on the landing page, and everything happens now (time 0).
    pub fn described(
        arrival: Arrival,
        landed: bool,
        kinds: Vec<EventKind>,
        context: Context,
    ) -> Signals {
        let mut events = Vec::new();
        if landed {
            events.push(EventKind::Page(arrival.landing_path.clone()));
        }
        for kind in kinds {
            events.push(match kind {
                EventKind::Scroll { percent, path } if path.is_empty() => EventKind::Scroll {
                    percent,
                    path: arrival.landing_path.clone(),
                },
                kind => kind,
            });
        }
        Signals {
            arrival,
            events: events
                .into_iter()
                .map(|kind| Event { at_ms: 0.0, kind })
                .collect(),
            context,
        }
    }
}

/// The visitor's circumstances.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Context {
    pub device: Device,
    /// Local hour 0–23.
    pub hour: u8,
    /// 0 = Monday … 6 = Sunday.
    pub weekday: u8,
    /// Visits to this site, this one included.
    pub visits: u32,
    /// Days since the previous visit; `None` on a first visit.
    pub days_since_last_visit: Option<f64>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arrival::{Arrival, Source};

    #[test]
    fn events_parse() {
        let event = EventKind::parse;
        assert_eq!(
            event("page:/lofts/a"),
            Some(EventKind::Page("/lofts/a".into()))
        );
        assert_eq!(
            event("dwell:a:hover:8"),
            Some(EventKind::Dwell {
                selector: "a:hover".into(),
                seconds: 8.0
            })
        );
        assert_eq!(
            event("scroll:80:/lofts/a"),
            Some(EventKind::Scroll {
                percent: 80.0,
                path: "/lofts/a".into()
            })
        );
        assert_eq!(
            event("scroll:80"),
            Some(EventKind::Scroll {
                percent: 80.0,
                path: String::new()
            })
        );
        assert_eq!(event("search:лофт"), Some(EventKind::Search("лофт".into())));
        assert_eq!(
            event("event:calculator-used"),
            Some(EventKind::Custom("calculator-used".into()))
        );
        assert_eq!(event("click:#cta"), Some(EventKind::Click("#cta".into())));
        for bad in [
            "page",
            "page:",
            "dwell:#g",
            "scroll:120",
            "scroll:x",
            "tap:#x",
        ] {
            assert_eq!(event(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_described_visitor_lands_and_scrolls_on_the_landing_page() {
        let arrival = Arrival {
            engine: None,
            terms: String::new(),
            source: Source::Direct,
            referrer_host: None,
            landing_path: "/lofts/".into(),
            params: Vec::new(),
        };
        let context = Context {
            device: Device::Desktop,
            hour: 12,
            weekday: 2,
            visits: 1,
            days_since_last_visit: None,
        };
        let kinds = vec![
            EventKind::parse("scroll:80").unwrap(),
            EventKind::parse("event:light-calculated").unwrap(),
        ];
        let s = Signals::described(arrival.clone(), true, kinds.clone(), context);
        let got: Vec<_> = s.events.iter().map(|e| e.kind.clone()).collect();
        assert_eq!(
            got,
            vec![
                EventKind::Page("/lofts/".into()),
                EventKind::Scroll {
                    percent: 80.0,
                    path: "/lofts/".into()
                },
                EventKind::Custom("light-calculated".into()),
            ]
        );
        let s = Signals::described(arrival, false, kinds, context);
        assert_eq!(s.events.len(), 2, "no landing page without a URL");
    }
}
