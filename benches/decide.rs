//! Native decision time: one realistic visitor against a small rules file
//! (4 jobs × 10 terms) and a huge one (200 jobs × 50 terms = 10,000
//! terms). A tiny harness (no criterion): warm-up, then batches; reports
//! the median and p90 nanoseconds per decision, the big/small ratio, and
//! writes them to `target/bench/native.json`.
//!
//! Two figures each: `warm` is a page deciding again (on every event) with
//! the arrival terms already analysed (`Compiled` remembers the last few
//! texts); `cold` is the page's first decision, a text never seen, which
//! includes the text pipeline (normalize, stem, look up).
//!
//! `boot` is what a page pays before its first decision: the rules read
//! and validated (`parse`), compiled, and the first (cold) decision, for
//! the browser bench page's rules and the demo sites' rules files.
//! `cargo bench --bench decide -- boot-once [N]` runs those stages once
//! (for every rules file, or the Nth) and exits, for an instruction count
//! (`valgrind --tool=callgrind`, then the inclusive counts of
//! `rules::parse`, `model::compile`, `decide::decide`); build it with
//! `--no-default-features --features std` for the SDK's path (the
//! `diagnostics` feature analyses every term again for its warnings).
//! `-- warm-once JOBS N` decides N times warm, with the small (4) or big
//! (200) rules, for the same counts of `decide::decide` alone, and for
//! branch mispredictions (`--toggle-collect='jobwise::decide::decide'
//! --branch-sim=yes`): deterministic, where timings on a shared machine
//! are not.
//!
//! Run: `cargo bench --bench decide`.

use std::hint::black_box;
use std::time::Instant;

use jobwise::arrival::{Arrival, Source};
use jobwise::decide::decide;
use jobwise::memory::Memory;
use jobwise::model::{compile, Compiled};
use jobwise::rules::{self, Condition, Device, Glob, Job, Lang, Policy, Privacy, Rules, Signal};
use jobwise::signals::{Context, Event, EventKind, Signals};

const TERMS_PER_JOB_SMALL: usize = 10;
const TERMS_PER_JOB_BIG: usize = 50;
const BATCHES: usize = 41;
const BATCH: usize = 500;

/// The four laptop-shop jobs, 10 terms each, plus the usual other signals.
const REAL: [(&str, [&str; 10]); 4] = [
    (
        "video-editing",
        [
            "video editing",
            "premiere",
            "davinci resolve",
            "final cut",
            "4k",
            "color accurate",
            "rendering",
            "content creator",
            "youtube",
            "rtx 4070",
        ],
    ),
    (
        "on-the-road",
        [
            "lightweight",
            "ultrabook",
            "battery life",
            "travel",
            "thin and light",
            "portable",
            "business trip",
            "13 inch",
            "long battery",
            "carry",
        ],
    ),
    (
        "gaming",
        [
            "gaming",
            "gamer",
            "144hz",
            "fps",
            "esports",
            "rgb",
            "cyberpunk",
            "fortnite",
            "steam",
            "gaming laptop",
        ],
    ),
    (
        "student-budget",
        [
            "student",
            "cheap",
            "budget",
            "under 500",
            "college",
            "school",
            "affordable",
            "chromebook",
            "university",
            "back to school",
        ],
    ),
];

fn signal(weight: f64, conditions: Vec<Condition>) -> Signal {
    Signal {
        weight,
        language: None,
        conditions,
    }
}

/// A job: its terms in signals of 5 terms, a campaign parameter, a page,
/// a click and a device signal.
fn job(id: &str, terms: &[String]) -> Job {
    let mut signals: Vec<Signal> = terms
        .chunks(5)
        .enumerate()
        .map(|(i, chunk)| signal(3.0 - i as f64 * 0.1, vec![Condition::Terms(chunk.to_vec())]))
        .collect();
    signals.push(signal(
        4.0,
        vec![Condition::Param {
            name: "utm_campaign".into(),
            globs: vec![Glob::new(&format!("*{id}*"))],
        }],
    ));
    signals.push(signal(
        2.0,
        vec![Condition::Page(Glob::new(&format!("/{id}/*")))],
    ));
    signals.push(signal(1.0, vec![Condition::Click(format!("#pick-{id}"))]));
    signals.push(signal(
        1.0,
        vec![
            Condition::Scroll(75.0),
            Condition::Page(Glob::new(&format!("/{id}/*"))),
        ],
    ));
    Job {
        id: id.into(),
        label: id.into(),
        signals,
    }
}

fn rules(jobs: usize, terms_per_job: usize) -> Rules {
    let mut list = Vec::new();
    for (id, terms) in REAL {
        let mut t: Vec<String> = terms.iter().map(|s| s.to_string()).collect();
        for k in t.len()..terms_per_job {
            t.push(format!("{id}x{k}"));
        }
        list.push(job(id, &t));
    }
    for j in list.len()..jobs {
        let t: Vec<String> = (0..terms_per_job)
            .map(|k| {
                if k % 3 == 0 {
                    format!("model{j} series{k}")
                } else {
                    format!("word{j}x{k}")
                }
            })
            .collect();
        list.push(job(&format!("job-{j}"), &t));
    }
    // Circumstances every decision checks: the same in both files.
    list[0]
        .signals
        .push(signal(0.5, vec![Condition::Device(Device::Desktop)]));
    list[2]
        .signals
        .push(signal(0.5, vec![Condition::Hours { from: 18, to: 23 }]));
    Rules {
        version: 1,
        language: Lang::En,
        decision: Policy::default(),
        jobs: list,
        stages: Vec::new(),
        #[cfg(feature = "diagnostics")]
        content: Vec::new(),
        privacy: Privacy::default(),
        holdout: 5.0,
    }
}

/// A visitor from a search ad, with a few pages of behaviour.
fn visitor() -> Signals {
    let events = vec![
        Event {
            at_ms: -120_000.0,
            kind: EventKind::Page("/video-editing/".into()),
        },
        Event {
            at_ms: -60_000.0,
            kind: EventKind::Page("/video-editing/creator-pro-16".into()),
        },
        Event {
            at_ms: -30_000.0,
            kind: EventKind::Scroll {
                percent: 80.0,
                path: "/video-editing/creator-pro-16".into(),
            },
        },
        Event {
            at_ms: -5_000.0,
            kind: EventKind::Click("#pick-video-editing".into()),
        },
    ];
    Signals {
        arrival: Arrival {
            engine: Some("google"),
            terms: "best laptop for 4k video editing with long battery".into(),
            source: Source::Paid,
            referrer_host: Some("www.google.com".into()),
            landing_path: "/video-editing/".into(),
            params: vec![
                ("utm_source".into(), "google".into()),
                ("utm_medium".into(), "cpc".into()),
                ("utm_campaign".into(), "spring_video-editing".into()),
                ("gclid".into(), "abc123".into()),
            ],
        },
        events,
        context: Context {
            device: Device::Desktop,
            hour: 20,
            weekday: 5,
            visits: 2,
            days_since_last_visit: Some(3.0),
        },
    }
}

struct Figures {
    median: f64,
    p90: f64,
}

/// Decides for the visitors in turn (more of them than `Compiled`
/// remembers texts: every decision is cold).
fn measure(c: &Compiled, visitors: &[Signals], m: &Memory) -> Figures {
    let mut k = 0;
    let mut once = || {
        k = (k + 1) % visitors.len();
        black_box(decide(black_box(c), black_box(&visitors[k]), m, 0.0, None));
    };
    for _ in 0..BATCH * 2 {
        once();
    }
    let mut per: Vec<f64> = (0..BATCHES)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..BATCH {
                once();
            }
            t.elapsed().as_nanos() as f64 / BATCH as f64
        })
        .collect();
    per.sort_by(f64::total_cmp);
    Figures {
        median: per[per.len() / 2],
        p90: per[per.len() * 9 / 10],
    }
}

/// The browser bench page's rules (benches/browser/page.mjs) and the demo
/// sites' rules files, each with the visitor's first arrival.
const BOOT: [(&str, &str, &str); 3] = [
    (
        "bench page",
        r#"{"version":1,"language":"en","decision":{"threshold":3,"margin":1},"jobs":{"video-editing":{"label":"Edit video","signals":[{"terms":["video editing","4k editing","premiere pro"],"weight":3}]},"travel":{"label":"Work on the road","signals":[{"terms":["lightweight","travel laptop"],"weight":3}]},"gaming":{"label":"Play games","signals":[{"terms":["gaming laptop","rtx"],"weight":3}]},"student":{"label":"Study on a budget","signals":[{"terms":["student laptop","cheap laptop"],"weight":3}]}},"content":{"cta":{"video-editing":{"text":"See creator laptops","href":"/creator"}}},"privacy":{"remember":"none"}}"#,
        "laptop for video editing",
    ),
    (
        "laptops demo",
        include_str!("../www/laptops/rules.json"),
        "best laptop for 4k video editing",
    ),
    (
        "bereg demo",
        include_str!("../www/assets/bereg-rules.json"),
        "снять лофт с высокими потолками у метро",
    ),
];

/// One page's boot, stage by stage: parse (read + validate), compile, the
/// first decision. Returns the job chosen, so nothing is optimized away.
fn boot(text: &str, terms: &str, stages: &mut [f64; 3]) -> Option<String> {
    let t = Instant::now();
    let rules = rules::parse(black_box(text)).expect("valid rules");
    stages[0] += t.elapsed().as_nanos() as f64;
    let t = Instant::now();
    let compiled = compile(rules);
    stages[1] += t.elapsed().as_nanos() as f64;
    let mut s = visitor();
    s.arrival.terms = terms.into();
    s.events.truncate(1);
    let t = Instant::now();
    let d = decide(&compiled, &s, &Memory::new(50), 0.0, None);
    stages[2] += t.elapsed().as_nanos() as f64;
    d.job.map(String::from)
}

/// Median microseconds per stage of [`boot`] over batches.
fn measure_boot(text: &str, terms: &str) -> [f64; 3] {
    let mut per: Vec<[f64; 3]> = (0..BATCHES)
        .map(|_| {
            let mut stages = [0.0; 3];
            for _ in 0..BATCH / 10 {
                black_box(boot(text, terms, &mut stages));
            }
            stages.map(|ns| ns / (BATCH / 10) as f64 / 1000.0)
        })
        .collect();
    let mut out = [0.0; 3];
    for (k, o) in out.iter_mut().enumerate() {
        per.sort_by(|a, b| a[k].total_cmp(&b[k]));
        *o = per[per.len() / 2][k];
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "boot-once") {
        let only = args.get(at + 1).and_then(|n| n.parse::<usize>().ok());
        for (i, (_, text, terms)) in BOOT.into_iter().enumerate() {
            if only.is_none_or(|n| n == i) {
                black_box(boot(text, terms, &mut [0.0; 3]));
            }
        }
        return;
    }
    if let Some(at) = args.iter().position(|a| a == "warm-once") {
        let number = |k: usize| args.get(at + k).and_then(|n| n.parse().ok());
        let (Some(jobs), Some(n)) = (number(1), number(2)) else {
            eprintln!("usage: warm-once JOBS N (JOBS 4 or 200)");
            std::process::exit(2);
        };
        let terms = if jobs > 4 {
            TERMS_PER_JOB_BIG
        } else {
            TERMS_PER_JOB_SMALL
        };
        let (c, s, m) = (compile(rules(jobs, terms)), visitor(), Memory::new(50));
        for _ in 0..n {
            black_box(decide(black_box(&c), black_box(&s), &m, 0.0, None));
        }
        return;
    }
    let mut boots = Vec::new();
    for (name, text, terms) in BOOT {
        let [p, c, d] = measure_boot(text, terms);
        println!(
            "boot {name:<12}: parse {p:>6.1} us  compile {c:>6.1} us  first decision {d:>6.1} us"
        );
        boots.push(format!(
            "{{\"rules\":\"{name}\",\"parse_us\":{p:.1},\"compile_us\":{c:.1},\"decide_us\":{d:.1}}}"
        ));
    }
    let s = visitor();
    let m = Memory::new(50);
    let small = compile(rules(4, TERMS_PER_JOB_SMALL));
    let big = compile(rules(200, TERMS_PER_JOB_BIG));
    let d = decide(&big, &s, &m, 0.0, None);
    assert_eq!(d.job, Some("video-editing"), "{}", d.to_json());
    let small_scores = decide(&small, &s, &m, 0.0, None).scores;
    assert_eq!(small_scores.values(), &d.scores.values()[..4]);

    let warm = [s.clone()];
    let cold: Vec<Signals> = (0..16)
        .map(|i| {
            let mut v = s.clone();
            v.arrival.terms = format!("best laptop for 4k video editing with long battery {i}");
            v
        })
        .collect();
    let rows = [
        ("warm", measure(&small, &warm, &m), measure(&big, &warm, &m)),
        ("cold", measure(&small, &cold, &m), measure(&big, &cold, &m)),
    ];
    let mut json = String::from("{");
    for (i, (name, a, b)) in rows.iter().enumerate() {
        let ratio = b.median / a.median;
        println!(
            "decide {name}, 4 jobs x 10 terms:    median {:>8.0} ns  p90 {:>8.0} ns",
            a.median, a.p90
        );
        println!(
            "decide {name}, 200 jobs x 50 terms:  median {:>8.0} ns  p90 {:>8.0} ns",
            b.median, b.p90
        );
        println!("decide {name}, ratio (median): {ratio:.2}");
        if i > 0 {
            json.push(',');
        }
        json.push_str(&format!(
            "\"{name}\":{{\"small\":{{\"jobs\":4,\"terms\":40,\"median_ns\":{:.0},\"p90_ns\":{:.0}}},\
             \"big\":{{\"jobs\":200,\"terms\":10000,\"median_ns\":{:.0},\"p90_ns\":{:.0}}},\
             \"ratio\":{:.3}}}",
            a.median, a.p90, b.median, b.p90, ratio
        ));
    }
    json.push_str(",\"boot\":[");
    json.push_str(&boots.join(","));
    json.push_str("]}\n");
    let dir = std::env::var("CARGO_TARGET_DIR")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/target").into());
    let dir = std::path::Path::new(&dir).join("bench");
    let written =
        std::fs::create_dir_all(&dir).and_then(|_| std::fs::write(dir.join("native.json"), json));
    if let Err(e) = written {
        eprintln!("could not write {}: {e}", dir.display());
    }
}
