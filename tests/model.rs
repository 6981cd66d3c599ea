//! The model and the decision from the outside: every condition kind, every
//! policy rule, fading, memory across pages, the decision JSON, and the
//! marketers' case file (`tests/cases/queries.json`).
//!
//! Rules are built as values here (not parsed) and use exact words, so
//! these tests check the model's own logic, not stemming. The exceptions,
//! which need the real text pipeline and rules parser, are named
//! `with_text_*` and `with_parser_*`.

#[path = "support/rng.rs"]
mod rng;
use jobwise::arrival::{Arrival, Source};
use jobwise::decide::{decide, Decision, Via};
use jobwise::memory::Memory;
use jobwise::model::{compile, Compiled};
use jobwise::rules::{
    Cmp, CmpOp, Condition, Device, Glob, Job, Lang, Policy, Privacy, Rules, Signal,
};
use jobwise::signals::{Context, Event, EventKind, Signals};
use rng::Rng;

const MIN: f64 = 60_000.0;

fn sig(weight: f64, conditions: Vec<Condition>) -> Signal {
    Signal {
        weight,
        language: None,
        conditions,
    }
}

fn terms(list: &[&str]) -> Condition {
    Condition::Terms(list.iter().map(|s| s.to_string()).collect())
}

fn glob(s: &str) -> Glob {
    Glob::new(s)
}

fn job(id: &str, signals: Vec<Signal>) -> Job {
    Job {
        id: id.into(),
        label: format!("Label of {id}"),
        signals,
    }
}

fn rules(jobs: Vec<Job>) -> Rules {
    Rules {
        version: 1,
        language: Lang::En,
        decision: Policy::default(),
        jobs,
        stages: Vec::new(),
        content: Vec::new(),
        privacy: Privacy::default(),
        holdout: 0.0,
    }
}

fn visitor(terms: Option<&str>) -> Signals {
    Signals {
        arrival: Arrival {
            engine: None,
            terms: terms.map(String::from).unwrap_or_default(),
            source: Source::Direct,
            referrer_host: None,
            landing_path: "/".into(),
            params: Vec::new(),
        },
        events: Vec::new(),
        context: Context {
            device: Device::Desktop,
            hour: 12,
            weekday: 2,
            visits: 1,
            days_since_last_visit: None,
        },
    }
}

fn at(at_ms: f64, kind: EventKind) -> Event {
    Event { at_ms, kind }
}

fn run<'c>(c: &'c Compiled, s: &'c Signals) -> Decision<'c> {
    decide(c, s, &Memory::new(99), 0.0, None)
}

fn score(d: &Decision, job: &str) -> f64 {
    d.scores.get(job).unwrap()
}

fn job_of<'a>(d: &'a Decision) -> Option<&'a str> {
    d.job
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

/// One job `a` with one signal, and an empty job `b`.
fn one(weight: f64, conds: Vec<Condition>) -> Compiled {
    compile(rules(vec![
        job("a", vec![sig(weight, conds)]),
        job("b", vec![]),
    ]))
}

// ---- conditions ----------------------------------------------------------

#[test]
fn terms_fire_once_per_signal() {
    let c = one(3.0, vec![terms(&["loft", "studio", "photo studio"])]);
    let v = visitor(Some("photo studio loft with studio light"));
    let d = run(&c, &v);
    assert_eq!(score(&d, "a"), 3.0, "{:?}", d.reasons);
    assert_eq!(d.reasons.len(), 1);
    assert_eq!(d.reasons[0].signal, "terms");
    assert_eq!(job_of(&d), Some("a"));
    // The longest exact phrase is the one reported.
    assert_eq!(d.reasons[0].detail, r#""photo studio" ~ "photo studio""#);
}

#[test]
fn terms_also_read_utm_term() {
    let c = one(3.0, vec![terms(&["loft"])]);
    let mut s = visitor(Some("flats riverside"));
    s.arrival.params.push(("utm_term".into(), "Loft".into()));
    let d = run(&c, &s);
    assert_eq!(score(&d, "a"), 3.0);
    assert_eq!(d.terms, Some("Loft"));
    // Same text twice is read once.
    let mut s = visitor(Some("loft"));
    s.arrival.params.push(("utm_term".into(), "loft".into()));
    assert_eq!(run(&c, &s).reasons.len(), 1);
}

#[test]
fn terms_without_visitor_words_do_not_fire() {
    let c = one(3.0, vec![terms(&["loft"])]);
    assert_eq!(score(&run(&c, &visitor(None)), "a"), 0.0);
    assert_eq!(score(&run(&c, &visitor(Some("   "))), "a"), 0.0);
    assert_eq!(score(&run(&c, &visitor(Some("lofty"))), "a"), 0.0);
}

#[test]
fn param_globs_are_case_insensitive() {
    let c = one(
        4.0,
        vec![Condition::Param {
            name: "utm_campaign".into(),
            globs: vec![glob("*foto*"), glob("*loft*")],
        }],
    );
    let mut s = visitor(None);
    s.arrival
        .params
        .push(("UTM_Campaign".into(), "Spring_LOFT_2024".into()));
    let d = run(&c, &s);
    assert_eq!(score(&d, "a"), 4.0);
    assert_eq!(
        d.reasons[0].detail,
        "UTM_Campaign=Spring_LOFT_2024 ~ *loft*"
    );
    s.arrival.params[0].1 = "family".into();
    assert_eq!(score(&run(&c, &s), "a"), 0.0);
    s.arrival.params[0] = ("utm_source".into(), "loft".into());
    assert_eq!(score(&run(&c, &s), "a"), 0.0, "another parameter");
}

#[test]
fn source_and_referrer() {
    let c = compile(rules(vec![
        job("a", vec![sig(0.5, vec![Condition::Source(Source::Social)])]),
        job(
            "b",
            vec![sig(1.0, vec![Condition::Referrer(glob("*.pinterest.*"))])],
        ),
    ]));
    let mut s = visitor(None);
    s.arrival.source = Source::Social;
    s.arrival.referrer_host = Some("www.pinterest.com".into());
    let d = run(&c, &s);
    assert_eq!(score(&d, "a"), 0.5);
    assert_eq!(score(&d, "b"), 1.0);
    assert_eq!(d.reasons[0].detail, "source social");
    assert_eq!(
        d.reasons[1].detail,
        "referrer www.pinterest.com ~ *.pinterest.*"
    );
    s.arrival.source = Source::Organic;
    s.arrival.referrer_host = Some("pinterest.com".into());
    let d = run(&c, &s);
    assert_eq!((score(&d, "a"), score(&d, "b")), (0.0, 0.0));
}

#[test]
fn page_glob_on_viewed_pages() {
    let c = one(2.0, vec![Condition::Page(glob("/lofts/*"))]);
    let mut s = visitor(None);
    s.events.push(at(0.0, EventKind::Page("/flats/1".into())));
    assert_eq!(score(&run(&c, &s), "a"), 0.0);
    s.events.push(at(0.0, EventKind::Page("/Lofts/A".into())));
    let d = run(&c, &s);
    assert_eq!(score(&d, "a"), 2.0);
    assert_eq!(d.reasons[0].detail, "page /Lofts/A ~ /lofts/*");
    // Short and leading-star globs (not keyed by prefix) work the same.
    for g in ["/", "*/a", "/l*"] {
        let c = one(2.0, vec![Condition::Page(glob(g))]);
        let mut s = visitor(None);
        s.events.push(at(0.0, EventKind::Page("/".into())));
        s.events.push(at(0.0, EventKind::Page("/lofts/a".into())));
        assert_eq!(score(&run(&c, &s), "a"), 2.0, "{g}");
    }
}

#[test]
fn dwell_needs_the_seconds() {
    let c = one(
        1.0,
        vec![Condition::Dwell {
            selector: "#light-gallery".into(),
            seconds: 5.0,
        }],
    );
    let mut s = visitor(None);
    let dwell = |secs| EventKind::Dwell {
        selector: "#light-gallery".into(),
        seconds: secs,
    };
    s.events.push(at(0.0, dwell(4.0)));
    assert_eq!(score(&run(&c, &s), "a"), 0.0);
    s.events.push(at(0.0, dwell(8.0)));
    let d = run(&c, &s);
    assert_eq!(score(&d, "a"), 1.0);
    assert_eq!(d.reasons[0].detail, "dwell #light-gallery 8s >= 5s");
}

#[test]
fn click_and_event_match_exactly() {
    let c = compile(rules(vec![
        job(
            "a",
            vec![sig(2.0, vec![Condition::Click("a[href*='loft']".into())])],
        ),
        job(
            "b",
            vec![sig(1.0, vec![Condition::Event("calculator-used".into())])],
        ),
    ]));
    let mut s = visitor(None);
    s.events.push(at(0.0, EventKind::Click("#cta".into())));
    s.events
        .push(at(0.0, EventKind::Custom("Calculator-used".into())));
    let d = run(&c, &s);
    assert_eq!((score(&d, "a"), score(&d, "b")), (0.0, 0.0));
    s.events
        .push(at(0.0, EventKind::Click("a[href*='loft']".into())));
    s.events
        .push(at(0.0, EventKind::Custom("calculator-used".into())));
    let d = run(&c, &s);
    assert_eq!((score(&d, "a"), score(&d, "b")), (2.0, 1.0));
    assert_eq!(d.reasons[0].detail, "click a[href*='loft']");
    assert_eq!(d.reasons[1].detail, "event calculator-used");
}

#[test]
fn scroll_alone_and_on_a_page() {
    let c = compile(rules(vec![
        job("a", vec![sig(1.0, vec![Condition::Scroll(75.0)])]),
        job(
            "b",
            vec![sig(
                1.0,
                vec![Condition::Scroll(75.0), Condition::Page(glob("/lofts/*"))],
            )],
        ),
    ]));
    let scroll = |p, path: &str| EventKind::Scroll {
        percent: p,
        path: path.into(),
    };
    let mut s = visitor(None);
    s.events.push(at(0.0, scroll(50.0, "/lofts/a")));
    s.events.push(at(0.0, scroll(90.0, "/flats/b")));
    let d = run(&c, &s);
    assert_eq!(
        (score(&d, "a"), score(&d, "b")),
        (1.0, 0.0),
        "deep, but not on a loft page"
    );
    s.events.push(at(0.0, EventKind::Page("/lofts/a".into())));
    let d = run(&c, &s);
    assert_eq!(score(&d, "b"), 0.0, "viewing the page is not scrolling it");
    s.events.push(at(0.0, scroll(80.0, "/lofts/a")));
    let d = run(&c, &s);
    assert_eq!(score(&d, "b"), 1.0);
    assert_eq!(
        d.reasons[1].detail,
        "scroll 80% >= 75% on page /lofts/a ~ /lofts/*"
    );
}

#[test]
fn site_search_counts_and_fades() {
    let c = one(
        2.0,
        vec![Condition::Search(vec!["cyclorama".into(), "studio".into()])],
    );
    let mut s = visitor(Some("cyclorama"));
    assert_eq!(
        score(&run(&c, &s), "a"),
        0.0,
        "arrival terms are not site search"
    );
    s.events.push(at(
        -60.0 * MIN,
        EventKind::Search("studio cyclorama".into()),
    ));
    let d = run(&c, &s);
    assert!(close(score(&d, "a"), 0.5), "{}", score(&d, "a"));
    assert_eq!(d.reasons.len(), 1);
    assert_eq!(d.reasons[0].detail, r#"search "cyclorama" ~ "cyclorama""#);
    s.events.push(at(0.0, EventKind::Search("studio".into())));
    assert_eq!(score(&run(&c, &s), "a"), 2.0, "the freshest search counts");
    assert!(
        run(&c, &s).terms.is_none(),
        "site search never lands on the page"
    );
}

#[test]
fn device_hours_weekdays() {
    let c = compile(rules(vec![
        job("a", vec![sig(0.5, vec![Condition::Device(Device::Mobile)])]),
        job(
            "night",
            vec![sig(1.0, vec![Condition::Hours { from: 22, to: 2 }])],
        ),
        job(
            "day",
            vec![sig(1.0, vec![Condition::Hours { from: 9, to: 18 }])],
        ),
        job(
            "weekend",
            vec![sig(1.0, vec![Condition::Weekdays(0b110_0000)])],
        ),
    ]));
    let mut s = visitor(None);
    let scores = |s: &Signals| {
        let d = run(&c, s);
        ["a", "night", "day", "weekend"].map(|j| score(&d, j))
    };
    assert_eq!(scores(&s), [0.0, 0.0, 1.0, 0.0]);
    s.context.device = Device::Mobile;
    s.context.hour = 23;
    s.context.weekday = 5;
    assert_eq!(scores(&s), [0.5, 1.0, 0.0, 1.0]);
    for (hour, night) in [(22, 1.0), (0, 1.0), (2, 1.0), (3, 0.0), (21, 0.0)] {
        s.context.hour = hour;
        assert_eq!(scores(&s)[1], night, "hour {hour}");
    }
    s.context.hour = 9;
    assert_eq!(scores(&s)[2], 1.0, "ranges are inclusive");
    s.context.hour = 18;
    assert_eq!(scores(&s)[2], 1.0, "ranges are inclusive");
    s.context.weekday = 6;
    assert_eq!(scores(&s)[3], 1.0);
    s.context.weekday = 4;
    assert_eq!(scores(&s)[3], 0.0);
    s.context.weekday = 9;
    assert_eq!(scores(&s)[3], 0.0, "an impossible weekday matches nothing");
    s.context.weekday = 5;
    let d = run(&c, &s);
    assert_eq!(d.reasons.last().unwrap().detail, "weekday sat");
}

#[test]
fn visits_and_days_since_last_visit() {
    let cmp = |op, value| Cmp { op, value };
    let c = compile(rules(vec![
        job(
            "loyal",
            vec![sig(1.0, vec![Condition::Visits(cmp(CmpOp::Ge, 3.0))])],
        ),
        job(
            "back",
            vec![sig(
                1.0,
                vec![Condition::DaysSinceLastVisit(cmp(CmpOp::Le, 7.0))],
            )],
        ),
        job(
            "first",
            vec![sig(1.0, vec![Condition::Visits(cmp(CmpOp::Eq, 1.0))])],
        ),
        job(
            "few",
            vec![sig(1.0, vec![Condition::Visits(cmp(CmpOp::Lt, 3.0))])],
        ),
        job(
            "many",
            vec![sig(1.0, vec![Condition::Visits(cmp(CmpOp::Gt, 3.0))])],
        ),
    ]));
    let mut s = visitor(None);
    let scores = |s: &Signals| {
        let d = run(&c, s);
        ["loyal", "back", "first", "few", "many"].map(|j| score(&d, j))
    };
    assert_eq!(
        scores(&s),
        [0.0, 0.0, 1.0, 1.0, 0.0],
        "a first visit has no last visit"
    );
    s.context.visits = 3;
    s.context.days_since_last_visit = Some(7.0);
    assert_eq!(scores(&s), [1.0, 1.0, 0.0, 0.0, 0.0]);
    s.context.visits = 4;
    s.context.days_since_last_visit = Some(7.5);
    assert_eq!(scores(&s), [1.0, 0.0, 0.0, 0.0, 1.0]);
    s.context.days_since_last_visit = Some(2.0);
    assert_eq!(
        run(&c, &s).reasons[1].detail,
        "days since last visit 2 <= 7"
    );
}

#[test]
fn combined_conditions_must_all_hold() {
    let c = one(
        0.5,
        vec![
            Condition::Hours { from: 18, to: 23 },
            Condition::Weekdays(0b110_0000),
            Condition::Device(Device::Desktop),
        ],
    );
    let mut s = visitor(None);
    s.context.hour = 19;
    assert_eq!(score(&run(&c, &s), "a"), 0.0, "a weekday evening");
    s.context.weekday = 6;
    let d = run(&c, &s);
    assert_eq!(score(&d, "a"), 0.5);
    assert_eq!(d.reasons[0].signal, "hours");
    assert_eq!(
        d.reasons[0].detail,
        "hour 19 in 18-23, weekday sun, device desktop"
    );
    s.context.device = Device::Tablet;
    assert_eq!(score(&run(&c, &s), "a"), 0.0);

    let c = one(2.0, vec![terms(&["loft"]), Condition::Source(Source::Paid)]);
    let mut s = visitor(Some("loft"));
    assert_eq!(score(&run(&c, &s), "a"), 0.0);
    s.arrival.source = Source::Paid;
    assert_eq!(score(&run(&c, &s), "a"), 2.0);
}

#[test]
fn negative_weights_lower_a_score() {
    let c = compile(rules(vec![
        job(
            "photo",
            vec![
                sig(3.0, vec![terms(&["photographer"])]),
                sig(-3.0, vec![terms(&["family photographer"])]),
            ],
        ),
        job("family", vec![sig(3.0, vec![terms(&["family"])])]),
    ]));
    let v = visitor(Some("photographer"));
    let d = run(&c, &v);
    assert_eq!(job_of(&d), Some("photo"));
    let v = visitor(Some("family photographer"));
    let d = run(&c, &v);
    assert_eq!(score(&d, "photo"), 0.0);
    assert_eq!(job_of(&d), Some("family"));
    assert_eq!(d.terms, Some("family photographer"));
}

// ---- fading ----------------------------------------------------------------

#[test]
fn behaviour_fades_with_the_half_life() {
    let c = one(2.0, vec![Condition::Page(glob("/lofts/*"))]);
    for (age_min, want) in [
        (0.0, 2.0),
        (30.0, 1.0),
        (60.0, 0.5),
        (15.0, 2.0 * 0.5f64.sqrt()),
    ] {
        let mut s = visitor(None);
        s.events
            .push(at(-age_min * MIN, EventKind::Page("/lofts/a".into())));
        let got = score(&run(&c, &s), "a");
        assert!(close(got, want), "{age_min} min: {got} != {want}");
    }
    // The freshest occurrence counts, once.
    let mut s = visitor(None);
    s.events
        .push(at(-60.0 * MIN, EventKind::Page("/lofts/a".into())));
    s.events
        .push(at(-30.0 * MIN, EventKind::Page("/lofts/b".into())));
    s.events
        .push(at(-90.0 * MIN, EventKind::Page("/lofts/c".into())));
    let d = run(&c, &s);
    assert!(close(score(&d, "a"), 1.0));
    assert_eq!(d.reasons.len(), 1);
    assert_eq!(d.reasons[0].detail, "page /lofts/b ~ /lofts/*");
    // A future timestamp (clock skew) does not grow the weight.
    let mut s = visitor(None);
    s.events
        .push(at(5.0 * MIN, EventKind::Page("/lofts/a".into())));
    assert_eq!(score(&run(&c, &s), "a"), 2.0);
}

#[test]
fn several_behaviours_are_as_old_as_the_oldest() {
    let c = one(
        4.0,
        vec![
            Condition::Click("#tour".into()),
            Condition::Event("calculator-used".into()),
        ],
    );
    let mut s = visitor(None);
    s.events
        .push(at(-60.0 * MIN, EventKind::Click("#tour".into())));
    s.events
        .push(at(0.0, EventKind::Custom("calculator-used".into())));
    assert!(close(score(&run(&c, &s), "a"), 1.0));
}

#[test]
fn arrival_and_circumstances_do_not_fade() {
    let c = compile(rules(vec![job(
        "a",
        vec![
            sig(3.0, vec![terms(&["loft"])]),
            sig(0.5, vec![Condition::Device(Device::Desktop)]),
        ],
    )]));
    let s = visitor(Some("loft"));
    let d = decide(&c, &s, &Memory::new(99), 600.0 * MIN, None);
    assert_eq!(score(&d, "a"), 3.5);
}

// ---- policy ---------------------------------------------------------------

fn two_jobs() -> Compiled {
    compile(rules(vec![
        job(
            "photo",
            vec![
                sig(3.0, vec![terms(&["photo"])]),
                sig(1.0, vec![terms(&["light"])]),
            ],
        ),
        job(
            "family",
            vec![
                sig(3.0, vec![terms(&["family"])]),
                sig(1.5, vec![terms(&["school"])]),
                sig(1.0, vec![terms(&["park"])]),
            ],
        ),
    ]))
}

#[test]
fn threshold_margin_and_null() {
    let c = two_jobs();
    let v = visitor(Some("light"));
    let d = run(&c, &v);
    assert_eq!(job_of(&d), None, "below threshold");
    assert_eq!(d.confidence, 0.0);
    assert_eq!(d.label, None);
    let v = visitor(Some("photo family"));
    let d = run(&c, &v);
    assert_eq!(job_of(&d), None, "a tie");
    let v = visitor(Some("photo light family"));
    let d = run(&c, &v);
    assert_eq!(job_of(&d), Some("photo"), "leads by the margin");
    assert_eq!(d.label, Some("Label of photo"));
    let want = 1.0 / (1.0 + (-1f64).exp());
    assert!(close(d.confidence, want), "{}", d.confidence);
    let v = visitor(Some("photo family school"));
    let d = run(&c, &v);
    assert_eq!(
        job_of(&d),
        Some("family"),
        "4.5 leads 3 by more than the margin"
    );
}

#[test]
fn stickiness_keeps_the_active_job() {
    let c = two_jobs();
    let mut m = Memory::new(99);
    m.active = c.job_index("photo");
    // family 4.5 vs photo 3: leads by the margin (1) but not by 1 + 1.
    let s = visitor(Some("photo family school"));
    assert_eq!(
        job_of(&decide(&c, &s, &Memory::new(99), 0.0, None)),
        Some("family")
    );
    let d = decide(&c, &s, &m, 0.0, None);
    assert_eq!(job_of(&d), Some("photo"));
    assert_eq!(d.via, Via::Inferred);
    // 5.5 vs 3: replaced.
    let s = visitor(Some("photo family school park"));
    assert_eq!(job_of(&decide(&c, &s, &m, 0.0, None)), Some("family"));
    // The active job stays at threshold - stickiness, without a challenger.
    m.active = c.job_index("family");
    let s = visitor(Some("school park"));
    assert_eq!(job_of(&decide(&c, &s, &m, 0.0, None)), Some("family"));
    let s = visitor(Some("school"));
    assert_eq!(job_of(&decide(&c, &s, &m, 0.0, None)), None);
}

#[test]
fn pick_beats_inference_and_override_beats_pick() {
    let c = two_jobs();
    let s = visitor(Some("photo light"));
    let mut m = Memory::new(99);
    assert!(m.set_pick(&c, Some("family")));
    assert!(!m.set_pick(&c, Some("nobody")));
    let d = decide(&c, &s, &m, 0.0, None);
    assert_eq!(job_of(&d), Some("family"));
    assert_eq!(d.via, Via::Picked);
    assert_eq!(d.confidence, 1.0);
    assert_eq!(score(&d, "photo"), 4.0, "scores are still inferred");
    let pick = d.reasons.iter().find(|r| r.signal == "pick").unwrap();
    assert_eq!((pick.job, pick.weight), ("family", 0.0));
    assert_eq!(d.terms, None, "the terms matched photo, not family");

    let d = decide(&c, &s, &m, 0.0, Some("photo"));
    assert_eq!(job_of(&d), Some("photo"));
    assert_eq!(d.via, Via::Override);
    assert_eq!(d.terms, Some("photo light"));
    let d = decide(&c, &s, &m, 0.0, Some("nobody"));
    assert_eq!((job_of(&d), d.via), (Some("family"), Via::Picked));

    assert!(m.set_pick(&c, None));
    let d = decide(&c, &s, &m, 0.0, None);
    assert_eq!((job_of(&d), d.via), (Some("photo"), Via::Inferred));
}

#[test]
fn holdout_is_deterministic_per_bucket() {
    let mut r = rules(vec![job("a", vec![sig(3.0, vec![terms(&["loft"])])])]);
    r.holdout = 5.0;
    let c = compile(r);
    let s = visitor(Some("loft"));
    for seed in 0..300u32 {
        let m = Memory::new(seed);
        let d = decide(&c, &s, &m, 0.0, None);
        assert_eq!(d.holdout, seed % 100 < 5, "seed {seed}");
        assert_eq!(job_of(&d), Some("a"), "still inferred and reported");
        assert_eq!(decide(&c, &s, &m, 0.0, None).holdout, d.holdout);
    }
    let d = decide(&c, &s, &Memory::new(0), 0.0, Some("a"));
    assert!(!d.holdout, "an override is always applied");
    let mut m = Memory::new(3);
    m.set_pick(&c, Some("a"));
    assert!(
        !decide(&c, &s, &m, 0.0, None).holdout,
        "a pick is always applied"
    );
}

#[test]
fn stages_are_scored_like_jobs() {
    let mut r = rules(vec![job("a", vec![sig(3.0, vec![terms(&["loft"])])])]);
    r.stages = vec![
        job(
            "compare",
            vec![sig(3.0, vec![Condition::Page(glob("/prices*"))])],
        ),
        job(
            "act",
            vec![sig(3.0, vec![Condition::Click("#book".into())])],
        ),
    ];
    let c = compile(r);
    let mut s = visitor(Some("loft"));
    s.events
        .push(at(0.0, EventKind::Page("/prices/2024".into())));
    let d = run(&c, &s);
    assert_eq!(d.stage, Some("compare"));
    assert_eq!(d.stage_scores.get("compare"), Some(3.0));
    assert_eq!(d.stage_reasons.len(), 1);
    assert_eq!(d.stage_reasons[0].job, "compare");
    assert_eq!(d.reasons.len(), 1, "stage reasons are apart");
    s.events.push(at(0.0, EventKind::Click("#book".into())));
    assert_eq!(run(&c, &s).stage, None, "a tie");
    let d = decide(&c, &s, &Memory::new(99), 0.0, Some("a@act"));
    assert_eq!((job_of(&d), d.stage), (Some("a"), Some("act")));
}

#[test]
fn terms_are_inserted_only_for_the_chosen_job() {
    let c = two_jobs();
    let v = visitor(Some("light"));
    let d = run(&c, &v);
    assert_eq!(d.terms, None, "no job");
    let long = "photo studio with light ".repeat(5);
    let v = visitor(Some(&long));
    let d = run(&c, &v);
    let t = d.terms.unwrap();
    assert!(t.chars().count() <= 60 && long.starts_with(t), "{t}");
    assert!(t.ends_with("studio"), "{t}");
}

// ---- invariant: scores are the sums of reasons -------------------------

const WORDS: &[&str] = &[
    "loft", "photo", "metro", "school", "park", "yield", "light", "studio",
];
const PAGES: &[&str] = &["/lofts/a", "/lofts/b", "/prices", "/family/x", "/"];
const GLOBS: &[&str] = &["/lofts/*", "/prices*", "*", "/family/*", "/"];
const SELS: &[&str] = &["#a", "#b", ".c"];

fn random_condition(r: &mut Rng) -> Condition {
    match r.below(12) {
        0 | 1 => terms(&[r.pick(WORDS), r.pick(WORDS)]),
        2 => Condition::Page(glob(r.pick(GLOBS))),
        3 => Condition::Click(r.pick(SELS).into()),
        4 => Condition::Dwell {
            selector: r.pick(SELS).into(),
            seconds: r.below(10) as f64,
        },
        5 => Condition::Scroll(r.below(100) as f64),
        6 => Condition::Search(vec![r.pick(WORDS).into()]),
        7 => Condition::Event(r.pick(&["x", "y"]).into()),
        8 => Condition::Device(if r.below(2) == 0 {
            Device::Mobile
        } else {
            Device::Desktop
        }),
        9 => Condition::Hours {
            from: r.below(24) as u8,
            to: r.below(24) as u8,
        },
        10 => Condition::Param {
            name: "utm_campaign".into(),
            globs: vec![glob(&format!("*{}*", r.pick(WORDS)))],
        },
        _ => Condition::Visits(Cmp {
            op: CmpOp::Ge,
            value: r.below(4) as f64,
        }),
    }
}

fn random_event(r: &mut Rng) -> Event {
    let kind = match r.below(6) {
        0 => EventKind::Page(r.pick(PAGES).into()),
        1 => EventKind::Click(r.pick(SELS).into()),
        2 => EventKind::Dwell {
            selector: r.pick(SELS).into(),
            seconds: r.below(12) as f64,
        },
        3 => EventKind::Scroll {
            percent: r.below(101) as f64,
            path: r.pick(PAGES).into(),
        },
        4 => EventKind::Search(format!("{} {}", r.pick(WORDS), r.pick(WORDS))),
        _ => EventKind::Custom(r.pick(&["x", "y"]).into()),
    };
    at(-(r.below(120) as f64) * MIN, kind)
}

#[test]
fn scores_equal_the_sum_of_reasons() {
    let mut r = Rng(0x9e37_79b9_7f4a_7c15);
    for round in 0..300 {
        let mut jobs = Vec::new();
        for j in 0..(1 + r.below(6)) {
            let signals = (0..r.below(6))
                .map(|_| {
                    let conds = (0..(1 + r.below(3)))
                        .map(|_| random_condition(&mut r))
                        .collect();
                    sig(r.below(9) as f64 - 3.0 + 0.25, conds)
                })
                .collect();
            jobs.push(job(&format!("j{j}"), signals));
        }
        let mut rl = rules(jobs.clone());
        rl.stages = jobs.into_iter().take(2).collect();
        let c = compile(rl.clone());
        let mut s = visitor(Some(&format!(
            "{} {} {}",
            r.pick(WORDS),
            r.pick(WORDS),
            r.pick(WORDS)
        )));
        s.arrival
            .params
            .push(("utm_campaign".into(), r.pick(WORDS).into()));
        s.context.hour = r.below(24) as u8;
        s.context.visits = r.below(5) as u32;
        s.events = (0..r.below(8)).map(|_| random_event(&mut r)).collect();
        let mut m = Memory::new(r.below(100) as u32);
        if r.below(2) == 0 {
            m.carried.jobs.push((0, r.below(5) as f64));
            m.carried.at_ms = -(r.below(60) as f64) * MIN;
        }
        let d = decide(&c, &s, &m, 0.0, None);
        for (scores, reasons) in [(&d.scores, &d.reasons), (&d.stage_scores, &d.stage_reasons)] {
            for (id, score) in scores.iter() {
                let sum: f64 = reasons
                    .iter()
                    .filter(|x| x.job == id)
                    .map(|x| x.weight)
                    .sum();
                assert!(close(sum, score), "round {round}: {id} {score} != {sum}");
            }
        }
        // Each rule signal fires at most once: no more rule reasons than signals.
        let rule_reasons = d.reasons.iter().filter(|x| x.signal != "memory").count();
        assert!(rule_reasons <= rl.jobs.iter().map(|j| j.signals.len()).sum::<usize>());
    }
}

// ---- memory across pages --------------------------------------------------

#[test]
fn memory_round_trips() {
    let mut r = rules(vec![
        job("photo-studio", vec![sig(4.0, vec![terms(&["photo"])])]),
        job(
            "family_kids",
            vec![sig(3.0, vec![Condition::Page(glob("/school*"))])],
        ),
    ]);
    r.stages = vec![job("compare", vec![sig(2.0, vec![terms(&["price"])])])];
    let c = compile(r);
    let mut m = Memory::new(1042);
    m.start_page(1000.0);
    m.set_pick(&c, Some("family_kids"));
    let mut s = visitor(Some("photo price"));
    s.events
        .push(at(1000.0, EventKind::Page("/school/1".into())));
    let d = decide(&c, &s, &m, 1000.0, None);
    m.update(&d);
    let text = m.encode(&c);
    assert_eq!(
        text,
        "jw1|b42|v1|t1000|aphoto-studio|pfamily_kids|jphoto-studio:4,family_kids:3|scompare:2"
    );
    let back = Memory::decode(&c, &text).unwrap();
    assert_eq!(back.bucket, 42);
    assert_eq!(back.visits, 1);
    assert_eq!(back.active, c.job_index("photo-studio"));
    assert_eq!(back.pick, c.job_index("family_kids"));
    assert_eq!(back.carried.jobs, vec![(0, 4.0), (1, 3.0)]);
    assert_eq!(back.carried.stages, vec![(0, 2.0)]);
    assert_eq!(back.carried.at_ms, 1000.0);
    assert!(back.page.jobs.is_empty());
    assert_eq!(back.encode(&c), text, "stable");
}

#[test]
fn memory_garbage_is_no_memory() {
    let c = two_jobs();
    let long = "x".repeat(100_000);
    for bad in [
        "",
        "jw1",
        "jw2|b1",
        "{\"job\":1}",
        "jw1|b100",
        "jw1|b-1",
        "jw1|bx",
        "\u{0}\u{ffff}",
        long.as_str(),
    ] {
        assert_eq!(Memory::decode(&c, bad), None, "{bad:.20}");
    }
    // Bad entries are skipped, unknown ids dropped, numbers bounded.
    let m = Memory::decode(
        &c,
        "jw1|b7|vX|lNaN|t|a|pnobody|jphoto:inf,nobody:2,family:1e300,photo:1,:,::,family|s,|zzz|\u{e9}|",
    )
    .unwrap();
    assert_eq!(m.bucket, 7);
    assert_eq!(m.visits, 0);
    assert_eq!(m.last_visit_ms, None);
    assert_eq!((m.active, m.pick), (None, None));
    assert_eq!(m.carried.jobs, vec![(1, 1e6), (0, 1.0)]);
    assert!(m.carried.stages.is_empty());
    // Deciding with it still works.
    let v = visitor(None);
    let d = decide(&c, &v, &m, 0.0, None);
    assert_eq!(job_of(&d), Some("family"));
}

#[test]
fn memory_carries_evidence_without_double_counting() {
    let c = two_jobs();
    let hl = 30.0 * MIN;
    // Page 1: the visitor came searching for "photo" (3 points).
    let mut m = Memory::new(99);
    m.start_page(0.0);
    let s1 = visitor(Some("photo"));
    for i in 0..5 {
        let d = decide(&c, &s1, &m, i as f64 * 1000.0, None);
        assert_eq!(score(&d, "photo"), 3.0, "decision {i} on page 1");
        m.update(&d);
    }
    let stored = m.encode(&c);
    // Page 2, 30 minutes later: no terms now, the memory has faded by half.
    let mut m = Memory::decode(&c, &stored).unwrap();
    m.start_page(hl);
    let s2 = visitor(None);
    let d = decide(&c, &s2, &m, 4000.0 + hl, None);
    assert!(close(score(&d, "photo"), 1.5), "{}", score(&d, "photo"));
    assert_eq!(d.reasons.len(), 1);
    assert_eq!(d.reasons[0].signal, "memory");
    assert_eq!(d.reasons[0].detail, "earlier pages of this visit");
    // Stickiness from page 1: photo is still active at 1.5 (< 3 - 1): dropped.
    assert_eq!(job_of(&d), None);
    m.update(&d);
    let d2 = decide(&c, &s2, &m, 4000.0 + hl, None);
    assert_eq!(d2.scores, d.scores, "deciding again adds nothing");
    // Page 3 right away: the page added nothing, the memory is the same.
    let m3 = Memory::decode(&c, &m.encode(&c)).unwrap();
    assert!(close(m3.carried.jobs[0].1, 1.5));
}

#[test]
fn circumstances_are_not_carried() {
    let c = compile(rules(vec![job(
        "a",
        vec![
            sig(0.5, vec![Condition::Device(Device::Desktop)]),
            sig(1.0, vec![Condition::Page(glob("/lofts/*"))]),
        ],
    )]));
    let mut m = Memory::new(99);
    let mut s = visitor(None);
    s.events.push(at(0.0, EventKind::Page("/lofts/a".into())));
    let d = decide(&c, &s, &m, 0.0, None);
    assert_eq!(score(&d, "a"), 1.5);
    m.update(&d);
    let m = Memory::decode(&c, &m.encode(&c)).unwrap();
    assert_eq!(m.carried.jobs, vec![(0, 1.0)]);
}

#[test]
fn visits_are_counted_after_a_gap() {
    let c = two_jobs();
    let mut m = Memory::new(5);
    m.start_page(0.0);
    assert_eq!((m.visits, m.days_since_last_visit(0.0)), (1, None));
    m.update(&decide(&c, &visitor(None), &m, 10.0 * MIN, None));
    m.start_page(20.0 * MIN);
    assert_eq!(m.visits, 1, "same visit");
    let day = 24.0 * 60.0 * MIN;
    let mut m = Memory::decode(&c, &m.encode(&c)).unwrap();
    m.start_page(2.0 * day + 20.0 * MIN);
    assert_eq!(m.visits, 2);
    assert_eq!(m.last_visit_ms, Some(20.0 * MIN), "the last activity");
    let days = m.days_since_last_visit(2.0 * day + 20.0 * MIN).unwrap();
    assert!(close(days, 2.0), "{days}");
    // Stored before any decision of the new visit: still the same visit.
    let mut m = Memory::decode(&c, &m.encode(&c)).unwrap();
    m.start_page(2.0 * day + 25.0 * MIN);
    let got = (m.visits, m.last_visit_ms, m.bucket);
    assert_eq!(got, (2, Some(20.0 * MIN), 5));
}

// ---- output ---------------------------------------------------------------

#[test]
fn decision_json_shape() {
    let c = two_jobs();
    let v = visitor(Some("photo light \"x\""));
    let d = run(&c, &v);
    assert_eq!(
        d.to_json(),
        concat!(
            r#"{"job":"photo","label":"Label of photo","stage":null,"#,
            r#""scores":{"photo":4,"family":0},"confidence":0.98,"holdout":false,"#,
            r#""reasons":[{"job":"photo","signal":"terms","weight":3,"detail":"\"photo\" ~ \"photo\""},"#,
            r#"{"job":"photo","signal":"terms","weight":1,"detail":"\"light\" ~ \"light\""}],"#,
            r#""via":"inferred","terms":"photo light \"x\"","stageScores":{},"stageReasons":[]}"#
        )
    );
    let v = visitor(None);
    let d = run(&c, &v);
    assert!(d.to_json().starts_with(
        r#"{"job":null,"label":null,"stage":null,"scores":{"photo":0,"family":0},"confidence":0,"#
    ));
}

#[test]
fn selectors_for_the_browser() {
    let c = compile(rules(vec![
        job(
            "a",
            vec![
                sig(1.0, vec![Condition::Click("#b".into())]),
                sig(
                    1.0,
                    vec![Condition::Dwell {
                        selector: "#g".into(),
                        seconds: 8.0,
                    }],
                ),
                sig(
                    1.0,
                    vec![Condition::Scroll(75.0), Condition::Page(glob("/l*"))],
                ),
            ],
        ),
        job(
            "b",
            vec![
                sig(
                    1.0,
                    vec![Condition::Click("#a".into()), Condition::Click("#b".into())],
                ),
                sig(
                    1.0,
                    vec![
                        Condition::Dwell {
                            selector: "#g".into(),
                            seconds: 5.0,
                        },
                        terms(&["x"]),
                    ],
                ),
                sig(1.0, vec![Condition::Scroll(50.0)]),
            ],
        ),
    ]));
    assert_eq!(
        c.wants(),
        vec![
            (0, "#a", 0.0),
            (0, "#b", 0.0),
            (1, "#g", 5.0),
            (1, "#g", 8.0),
            (2, "", 50.0),
            (2, "", 75.0)
        ]
    );
    assert_eq!(&*c.job_ids()[1], "b");
}

/// `wants` inserts in order: the same as a sort by `total_cmp` then `dedup`
/// (which keeps -0.0 before 0.0, and every NaN).
#[test]
fn selectors_sorted_once_each() {
    let mut r = Rng(12345);
    let sels = ["#a", "#b", ".c", "#a ", "b"];
    let nums = [0.0, -0.0, 5.0, 50.0, 100.0, 2.5, f64::NAN];
    for _ in 0..5000 {
        let mut jobs = Vec::new();
        for j in 0..1 + r.below(4) {
            let mut signals = Vec::new();
            for _ in 0..r.below(8) {
                let mut conds = Vec::new();
                for _ in 0..1 + r.below(2) {
                    let s = r.pick(&sels).to_string();
                    let n = r.pick(&nums);
                    conds.push(match r.below(4) {
                        0 => Condition::Click(s),
                        1 => Condition::Dwell {
                            selector: s,
                            seconds: n,
                        },
                        2 => Condition::Scroll(n),
                        _ => Condition::Event(s),
                    });
                }
                signals.push(sig(1.0, conds));
            }
            jobs.push(job(&format!("j{j}"), signals));
        }
        let mut want = Vec::new();
        for c in jobs
            .iter()
            .flat_map(|j| &j.signals)
            .flat_map(|s| &s.conditions)
        {
            want.push(match c {
                Condition::Click(s) => (0, s.clone(), 0.0),
                Condition::Dwell { selector, seconds } => (1, selector.clone(), *seconds),
                Condition::Scroll(p) => (2, String::new(), *p),
                _ => continue,
            });
        }
        want.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.total_cmp(&b.2)));
        want.dedup();
        let bits = |(k, s, n): (u8, String, f64)| (k, s, n.to_bits());
        let want: Vec<_> = want.into_iter().map(bits).collect();
        let c = compile(rules(jobs));
        let got: Vec<_> = c
            .wants()
            .into_iter()
            .map(|(k, s, n)| bits((k, s.into(), n)))
            .collect();
        assert_eq!(got, want);
    }
}

// ---- needing the real text pipeline / rules parser --------------------------

#[test]
fn with_text_negated_terms_do_not_count() {
    let c = compile(rules(vec![
        job("gaming", vec![sig(3.0, vec![terms(&["gaming"])])]),
        job("video", vec![sig(3.0, vec![terms(&["video editing"])])]),
    ]));
    let v = visitor(Some("laptop for video editing, no gaming"));
    let d = run(&c, &v);
    assert_eq!(score(&d, "gaming"), 0.0, "{:?}", d.reasons);
    assert_eq!(job_of(&d), Some("video"));
    let ignored = d.reasons.iter().find(|r| r.job == "gaming").unwrap();
    assert_eq!(ignored.weight, 0.0);
    assert!(
        ignored.detail.ends_with("negated: ignored"),
        "{}",
        ignored.detail
    );
}

/// Reference `*` glob, case-insensitive, by recursion.
fn glob_ref(g: &[char], t: &[char]) -> bool {
    match g.split_first() {
        None => t.is_empty(),
        Some(('*', rest)) => (0..=t.len()).any(|i| glob_ref(rest, &t[i..])),
        Some((c, rest)) => t.first() == Some(c) && glob_ref(rest, &t[1..]),
    }
}

#[test]
fn keyed_globs_never_miss_a_match() {
    let parts = [
        "*", "/", "lofts", "a", "Ab", "loft", "ст", "-2024", ".com", "x",
    ];
    let mut r = Rng(7);
    let gen = |r: &mut Rng, n| (0..n).map(|_| r.pick(&parts)).collect::<String>();
    for _ in 0..3000 {
        let n = 1 + r.below(5);
        let g = gen(&mut r, n);
        let n = r.below(6);
        let value = gen(&mut r, n).replace('*', "");
        let want = glob_ref(
            &g.to_lowercase().chars().collect::<Vec<_>>(),
            &value.to_lowercase().chars().collect::<Vec<_>>(),
        );
        let c = compile(rules(vec![job(
            "a",
            vec![
                sig(
                    1.0,
                    vec![Condition::Param {
                        name: "utm_campaign".into(),
                        globs: vec![glob("zzzz*"), glob(&g)],
                    }],
                ),
                sig(10.0, vec![Condition::Page(glob(&g))]),
                sig(100.0, vec![Condition::Referrer(glob(&g))]),
            ],
        )]));
        let mut s = visitor(None);
        s.arrival
            .params
            .push(("utm_campaign".into(), value.clone()));
        // Lower-case, as `arrival::read` gives it.
        s.arrival.referrer_host = Some(value.to_lowercase());
        s.events.push(at(0.0, EventKind::Page(value.clone())));
        let got = score(&run(&c, &s), "a");
        let want = if want { 111.0 } else { 0.0 };
        assert_eq!(got, want, "glob {g:?} value {value:?}");
    }
}

/// Many keyed signals (a few places each in the compiled rules' table):
/// every one is found by its own key and by no other.
#[test]
fn keyed_signals_are_found_in_large_rules() {
    let n = 200; // `MAX_JOBS`
    let jobs = (0..n)
        .map(|j| {
            job(
                &format!("j{j}"),
                vec![
                    sig(1.0, vec![Condition::Click(format!("#pick-{j}"))]),
                    sig(10.0, vec![Condition::Page(glob(&format!("/p{j}/*")))]),
                    sig(100.0, vec![Condition::Event(format!("e{j}"))]),
                    sig(1000.0, vec![Condition::Device(Device::Desktop)]),
                ],
            )
        })
        .collect();
    let c = compile(rules(jobs));
    let mut r = Rng(11);
    for _ in 0..200 {
        let (a, b, e) = (r.below(n), r.below(n), r.below(n));
        let mut s = visitor(None);
        s.events
            .push(at(0.0, EventKind::Click(format!("#pick-{a}"))));
        s.events.push(at(0.0, EventKind::Page(format!("/p{b}/x"))));
        s.events.push(at(0.0, EventKind::Custom(format!("e{e}"))));
        let d = run(&c, &s);
        for j in 0..n {
            let want = 1000.0
                + [(a, 1.0), (b, 10.0), (e, 100.0)]
                    .iter()
                    .filter(|(k, _)| *k == j)
                    .map(|(_, w)| w)
                    .sum::<f64>();
            assert_eq!(score(&d, &format!("j{j}")), want, "job {j} of {a} {b} {e}");
        }
    }
}

// ---- the case file (needs the real rules parser, text and arrival) --------

/// A minimal JSON value, enough to read the case file.
enum J {
    Null,
    Bool,
    Num,
    Str(String),
    Arr(Vec<J>),
    Obj(Vec<(String, J)>),
}

impl J {
    fn get(&self, key: &str) -> Option<&J> {
        match self {
            J::Obj(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
    fn str(&self, key: &str) -> Option<&str> {
        match self.get(key) {
            Some(J::Str(s)) => Some(s),
            _ => None,
        }
    }
}

struct Reader<'a> {
    s: &'a [u8],
    i: usize,
}

impl Reader<'_> {
    fn ws(&mut self) {
        while self.s.get(self.i).is_some_and(|b| b.is_ascii_whitespace()) {
            self.i += 1;
        }
    }
    fn eat(&mut self, b: u8) {
        self.ws();
        assert_eq!(
            self.s.get(self.i),
            Some(&b),
            "JSON: expected {} at {}",
            b as char,
            self.i
        );
        self.i += 1;
    }
    fn value(&mut self) -> J {
        self.ws();
        match self.s[self.i] {
            b'{' => {
                self.i += 1;
                let mut members = Vec::new();
                self.ws();
                if self.s[self.i] == b'}' {
                    self.i += 1;
                    return J::Obj(members);
                }
                loop {
                    self.ws();
                    let J::Str(k) = self.value() else {
                        panic!("JSON: key")
                    };
                    self.eat(b':');
                    members.push((k, self.value()));
                    self.ws();
                    self.i += 1;
                    if self.s[self.i - 1] == b'}' {
                        return J::Obj(members);
                    }
                }
            }
            b'[' => {
                self.i += 1;
                let mut items = Vec::new();
                self.ws();
                if self.s[self.i] == b']' {
                    self.i += 1;
                    return J::Arr(items);
                }
                loop {
                    items.push(self.value());
                    self.ws();
                    self.i += 1;
                    if self.s[self.i - 1] == b']' {
                        return J::Arr(items);
                    }
                }
            }
            b'"' => {
                self.i += 1;
                let mut out = Vec::new();
                loop {
                    let b = self.s[self.i];
                    self.i += 1;
                    match b {
                        b'"' => return J::Str(String::from_utf8(out).unwrap()),
                        b'\\' => {
                            let e = self.s[self.i];
                            self.i += 1;
                            let c = match e {
                                b'n' => '\n',
                                b't' => '\t',
                                b'r' => '\r',
                                b'u' => {
                                    let hex =
                                        std::str::from_utf8(&self.s[self.i..self.i + 4]).unwrap();
                                    self.i += 4;
                                    char::from_u32(u32::from_str_radix(hex, 16).unwrap()).unwrap()
                                }
                                other => other as char,
                            };
                            out.extend_from_slice(c.to_string().as_bytes());
                        }
                        b => out.push(b),
                    }
                }
            }
            b't' | b'f' => {
                while self.s[self.i].is_ascii_alphabetic() {
                    self.i += 1;
                }
                J::Bool
            }
            b'n' => {
                self.i += 4;
                J::Null
            }
            _ => {
                while self
                    .s
                    .get(self.i)
                    .is_some_and(|b| b"+-.eE0123456789".contains(b))
                {
                    self.i += 1;
                }
                J::Num
            }
        }
    }
}

fn case_event(spec: &str) -> EventKind {
    let (kind, value) = spec.split_once(':').unwrap();
    match kind {
        "page" => EventKind::Page(value.into()),
        "click" => EventKind::Click(value.into()),
        "dwell" => {
            let (selector, secs) = value.rsplit_once(':').unwrap();
            EventKind::Dwell {
                selector: selector.into(),
                seconds: secs.parse().unwrap(),
            }
        }
        "scroll" => {
            let (p, path) = value.split_once(':').unwrap_or((value, "/"));
            EventKind::Scroll {
                percent: p.parse().unwrap(),
                path: path.into(),
            }
        }
        "search" => EventKind::Search(value.into()),
        "event" => EventKind::Custom(value.into()),
        _ => panic!("bad event {spec}"),
    }
}

#[test]
fn with_parser_cases_queries_json() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests");
    let text = std::fs::read_to_string(format!("{dir}/cases/queries.json")).unwrap();
    let doc = Reader {
        s: text.as_bytes(),
        i: 0,
    }
    .value();
    let Some(J::Arr(cases)) = doc.get("cases") else {
        panic!("no cases")
    };
    assert!(cases.len() >= 60, "{} cases", cases.len());
    let mut compiled = std::collections::HashMap::new();
    let mut failures = Vec::new();
    for (n, case) in cases.iter().enumerate() {
        let name = case.str("rules").unwrap();
        let c = compiled.entry(name.to_owned()).or_insert_with(|| {
            let path = format!("{dir}/fixtures/{name}.rules.json");
            let text = std::fs::read_to_string(&path).unwrap();
            match jobwise::rules::parse(&text) {
                Ok(rules) => compile(rules),
                Err(problems) => panic!(
                    "{path}: {}",
                    problems
                        .iter()
                        .map(|p| format!("{}:{}: {}: {}", p.line, p.column, p.path, p.message))
                        .collect::<Vec<_>>()
                        .join("; ")
                ),
            }
        });
        let url = case.str("url").unwrap_or("");
        let mut s = visitor(None);
        s.arrival = jobwise::arrival::read_str(case.str("referrer").unwrap_or(""), url);
        if let Some(t) = case.str("terms") {
            s.arrival.terms = t.to_lowercase();
        }
        if !url.is_empty() {
            s.events
                .push(at(0.0, EventKind::Page(s.arrival.landing_path.clone())));
        }
        if let Some(J::Arr(events)) = case.get("events") {
            for e in events {
                let J::Str(spec) = e else { panic!("event") };
                s.events.push(at(0.0, case_event(spec)));
            }
        }
        let d = decide(c, &s, &Memory::new(99), 0.0, None);
        let want = case.str("job");
        if job_of(&d) != want {
            failures.push(format!(
                "#{n} {name} {:?} {:?}: want {want:?}, got {}",
                case.str("terms").unwrap_or(""),
                case.str("note").unwrap_or(""),
                d.to_json()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn remembered_texts_give_the_same_decisions() {
    let c = two_jobs();
    let texts: Vec<String> = (0..20)
        .map(|i| format!("{} light {i}", ["photo", "family", "school park"][i % 3]))
        .collect();
    let first: Vec<String> = texts
        .iter()
        .map(|t| run(&c, &visitor(Some(t))).to_json())
        .collect();
    for _ in 0..3 {
        for (t, want) in texts.iter().zip(&first).rev() {
            assert_eq!(&run(&c, &visitor(Some(t))).to_json(), want);
        }
    }
}
