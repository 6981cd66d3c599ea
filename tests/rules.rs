//! `rules::parse` and `rules::check` through the public API: what the SPEC
//! example becomes, every problem at once with its place, each limit at its
//! cap and one past it, the warnings, and hostile input that must neither
//! panic nor take long.

use jobwise::arrival::Source;
use jobwise::rules::*;

/// Problems as `line:column severity path: message`.
fn problems(text: &str) -> Vec<String> {
    check(text)
        .1
        .iter()
        .map(|p| {
            let s = match p.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            format!("{}:{} {s} {}: {}", p.line, p.column, p.path, p.message)
        })
        .collect()
}

fn errors(text: &str) -> Vec<String> {
    problems(text)
        .into_iter()
        .filter(|p| p.contains(" error "))
        .collect()
}

fn example(name: &str) -> String {
    let path = format!("{}/schema/examples/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn the_spec_example_becomes_rules() {
    let rules = parse(&example("valid/spec-example.json")).unwrap();
    assert_eq!(rules.version, 1);
    assert_eq!(rules.language, Lang::Ru);
    assert_eq!(rules.decision, Policy::default());
    assert_eq!(rules.holdout, 5.0);
    assert_eq!(
        rules.privacy,
        Privacy {
            remember: Remember::Session,
            days: 30.0
        }
    );
    let job = &rules.jobs[0];
    assert_eq!(
        (job.id.as_str(), job.label.as_str()),
        ("photo-studio", "Работать фотографом дома")
    );
    let c: Vec<&[Condition]> = job
        .signals
        .iter()
        .map(|s| s.conditions.as_slice())
        .collect();
    assert_eq!(
        c[0],
        [Condition::Terms(vec![
            "фотостудия".into(),
            "фотограф".into(),
            "высокие потолки".into()
        ])]
    );
    assert_eq!(job.signals[1].weight, -3.0);
    assert_eq!(
        c[2],
        [Condition::Param {
            name: "utm_campaign".into(),
            globs: vec![Glob::new("*foto*"), Glob::new("*loft*")]
        }]
    );
    assert_eq!(c[3], [Condition::Source(Source::Social)]);
    assert_eq!(c[4], [Condition::Referrer(Glob::new("*.pinterest.*"))]);
    assert_eq!(c[5], [Condition::Page(Glob::new("/lofts/*"))]);
    assert_eq!(
        c[6],
        [Condition::Dwell {
            selector: "#light-gallery".into(),
            seconds: 5.0
        }]
    );
    assert_eq!(c[7], [Condition::Click("a[href*='loft']".into())]);
    assert_eq!(
        c[8],
        [
            Condition::Scroll(75.0),
            Condition::Page(Glob::new("/lofts/*"))
        ]
    );
    assert_eq!(
        c[9],
        [Condition::Search(vec![
            "фотостудия".into(),
            "циклорама".into()
        ])]
    );
    assert_eq!(c[10], [Condition::Event("calculator-used".into())]);
    assert_eq!(c[11], [Condition::Device(Device::Desktop)]);
    assert_eq!(
        c[12],
        [
            Condition::Hours { from: 18, to: 23 },
            Condition::Weekdays(0b110_0000)
        ]
    );
    assert_eq!(
        c[13],
        [Condition::Visits(Cmp {
            op: CmpOp::Ge,
            value: 3.0
        })]
    );
    assert_eq!(
        c[14],
        [Condition::DaysSinceLastVisit(Cmp {
            op: CmpOp::Le,
            value: 7.0
        })]
    );
    assert_eq!(rules.stages[0].id, "compare");
    assert_eq!(
        rules.content,
        [SlotContent {
            slot: "cta".into(),
            variants: vec![ContentVariant {
                job: "photo-studio".into(),
                stage: None,
                text: Some("Посмотреть лофты".into()),
                href: Some("/lofts".into()),
                attrs: vec![],
            }]
        }]
    );
}

#[test]
fn defaults_and_variants() {
    let rules = parse(
        r#"{"version": 1, "jobs": {"a": {"signals": [{"event": "x", "weight": 3, "language": "ru"}]}, "b": {}},
            "stages": {"ready": {}},
            "content": {"img": {"a@ready": {"src": "/a.png", "alt": "A", "title": "T", "aria-label": "L"}}}}"#,
    )
    .unwrap();
    assert_eq!(rules.language, Lang::En);
    assert_eq!(rules.privacy, Privacy::default());
    assert_eq!(rules.holdout, 0.0);
    assert_eq!(rules.jobs[1].label, "b");
    let reversed = parse(
        r#"{"version": 1, "jobs": {"a": {"signals": [
            {"page": "/a", "scroll": 50, "weight": 3}, {"weekdays": "mon", "hours": "1-2", "weight": 3}]}}}"#,
    )
    .unwrap();
    let c: Vec<&[Condition]> = reversed.jobs[0]
        .signals
        .iter()
        .map(|s| s.conditions.as_slice())
        .collect();
    assert_eq!(
        c[0],
        [Condition::Scroll(50.0), Condition::Page(Glob::new("/a"))]
    );
    assert_eq!(
        c[1],
        [Condition::Hours { from: 1, to: 2 }, Condition::Weekdays(1)]
    );
    assert_eq!(rules.jobs[0].signals[0].language, Some(Lang::Ru));
    let v = &rules.content[0].variants[0];
    assert_eq!((v.job.as_str(), v.stage.as_deref()), ("a", Some("ready")));
    assert_eq!(
        v.attrs,
        [
            ("src".to_string(), "/a.png".to_string()),
            ("alt".into(), "A".into()),
            ("title".into(), "T".into()),
            ("aria-label".into(), "L".into())
        ]
    );
}

#[test]
fn every_problem_at_once_in_file_order() {
    let text = r#"{
  "version": 1,
  "jobs": {
    "a": { "signals": [
      { "terms": ["x"], "wieght": 3 },
      { "page": "/a", "weight": "2" },
      { "click": "a[", "weight": 1 }
    ] }
  },
  "content": { "cta": { "b": { "href": "javascript:void(0)" } } },
  "holdout": -1
}"#;
    assert_eq!(
        problems(text),
        [
            "5:25 error jobs.a.signals[0].wieght: unknown key `wieght`, did you mean `weight`?",
            "6:33 error jobs.a.signals[1].weight: expected a number, found a string: remove the quotes",
            "7:21 error jobs.a.signals[2].click: bad CSS selector `a[`: expected an attribute name after `[`",
            "10:25 error content.cta.b: unknown job `b` (a variant is named JOB or JOB@STAGE after `jobs` and `stages`)",
            "10:40 error content.cta.b.href: links to `javascript:` are refused: a link must be http:, https:, a relative URL or a #fragment",
            "11:14 error holdout: must be at least 0 and at most 100, found -1",
        ]
    );
    let Err(errs) = parse(text) else { panic!() };
    assert_eq!(errs.len(), 6);
}

#[test]
fn a_bad_selector_is_refused_at_its_character() {
    // Column 22 is the `:` of `::after`; with escapes in the JSON string
    // the problem points at the string and says which character.
    let text =
        r#"{"version": 1, "jobs": {"a": {"signals": [{"click": ".btn::after", "weight": 1}]}}}"#;
    assert_eq!(
        errors(text),
        ["1:58 error jobs.a.signals[0].click: bad CSS selector `.btn::after`: pseudo-elements (::before…) can't be seen or clicked: select the element itself"]
    );
    let text = r#"{"version": 1, "jobs": {"a": {"signals": [{"click": "a[title=\"x\"] >", "weight": 1}]}}}"#;
    assert_eq!(
        errors(text),
        ["1:53 error jobs.a.signals[0].click: bad CSS selector `a[title=\\\"x\\\"] >`: a combinator needs a selector on each side (at character 15)"]
    );
}

#[test]
fn hostile_links_are_refused() {
    for href in [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        " JaVa\\tscript:alert(1)",
        "\\u0000javascript:alert(1)",
        "java\\nscript:alert(1)",
        "\\u200bjavascript:alert(1)",
        "\\ufeffjavascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "tel:+70000000000",
    ] {
        let text = format!(
            r#"{{"version": 1, "jobs": {{"a": {{}}}}, "content": {{"cta": {{"a": {{"href": "{href}", "src": "{href}"}}}}}}}}"#
        );
        assert_eq!(errors(&text).len(), 2, "{href}: {:?}", problems(&text));
    }
}

/// A document with `jobs` jobs of `signals` signals of `terms` terms each
/// (all distinct), plus `slots` content slots.
fn sized(jobs: usize, signals: usize, terms: usize, slots: usize) -> String {
    let mut s = String::from(r#"{"version": 1, "decision": {"threshold": 0}, "jobs": {"#);
    for j in 0..jobs {
        if j > 0 {
            s.push(',');
        }
        s.push_str(&format!(r#""j{j}": {{"signals": ["#));
        for g in 0..signals {
            if g > 0 {
                s.push(',');
            }
            if terms == 0 {
                s.push_str(r#"{"event": "e", "weight": 1}"#);
                continue;
            }
            s.push_str(r#"{"weight": 1, "terms": ["#);
            for t in 0..terms {
                if t > 0 {
                    s.push(',');
                }
                s.push_str(&format!(r#""w{j}x{g}x{t}""#));
            }
            s.push_str("]}");
        }
        s.push_str("]}");
    }
    s.push_str(r#"}, "content": {"#);
    for i in 0..slots {
        if i > 0 {
            s.push(',');
        }
        s.push_str(&format!(r#""s{i}": {{"j0": {{"text": "x"}}}}"#));
    }
    s.push_str("}}");
    s
}

#[test]
fn limits_hold_at_the_cap_and_refuse_one_more() {
    assert_eq!(errors(&sized(MAX_JOBS, 1, 0, 0)), Vec::<String>::new());
    let e = errors(&sized(MAX_JOBS + 1, 1, 0, 0));
    assert_eq!(e.len(), 1);
    assert!(
        e[0].ends_with("error jobs: too many jobs: 201; the limit is 200"),
        "{e:?}"
    );

    assert_eq!(errors(&sized(1, MAX_SIGNALS, 0, 0)), Vec::<String>::new());
    let e = errors(&sized(1, MAX_SIGNALS + 1, 0, 0));
    assert!(
        e[0].ends_with("error jobs.j0.signals: too many signals: 201; the limit is 200"),
        "{e:?}"
    );

    assert_eq!(errors(&sized(1, 1, MAX_LIST, 0)), Vec::<String>::new());
    let e = errors(&sized(1, 1, MAX_LIST + 1, 0));
    assert!(
        e[0].ends_with(
            "error jobs.j0.signals[0].terms: too many terms in one signal: 101; the limit is 100"
        ),
        "{e:?}"
    );

    // 2 jobs × 100 signals × 100 terms = 20,000.
    let at_cap = sized(2, 100, 100, 0);
    assert!(at_cap.len() < MAX_BYTES);
    assert_eq!(errors(&at_cap), Vec::<String>::new());
    let over = at_cap.replacen(
        r#"{"weight": 1, "terms": ["w0x0x0""#,
        r#"{"weight": 1, "terms": ["one more"]}, {"weight": 1, "terms": ["w0x0x0""#,
        1,
    );
    let e = errors(&over);
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].ends_with("error jobs.j1.signals[99].terms[99]: too many terms in the rules: the limit is 20000 in all (terms and search)"),
        "{e:?}"
    );

    assert_eq!(errors(&sized(1, 1, 0, MAX_SLOTS)), Vec::<String>::new());
    let e = errors(&sized(1, 1, 0, MAX_SLOTS + 1));
    assert!(
        e[0].ends_with("error content: too many slots: 101; the limit is 100"),
        "{e:?}"
    );

    let term = |n: usize| {
        format!(
            r#"{{"version": 1, "jobs": {{"a": {{"signals": [{{"terms": ["{}"], "weight": 3}}]}}}}}}"#,
            "ы".repeat(n)
        )
    };
    assert_eq!(errors(&term(MAX_TERM_CHARS)), Vec::<String>::new());
    assert_eq!(
        errors(&term(MAX_TERM_CHARS + 1)),
        ["1:54 error jobs.a.signals[0].terms[0]: too long: 101 characters; the limit is 100"]
    );

    let text = |n: usize| {
        format!(
            r#"{{"version": 1, "jobs": {{"a": {{}}}}, "content": {{"s": {{"a": {{"text": "{}"}}}}}}}}"#,
            "я".repeat(n)
        )
    };
    assert_eq!(errors(&text(MAX_TEXT_CHARS)), Vec::<String>::new());
    assert_eq!(errors(&text(MAX_TEXT_CHARS + 1)).len(), 1);

    let padded = |n: usize| {
        let mut s = String::from(r#"{"version": 1, "jobs": {"a": {}}}"#);
        s.push_str(&" ".repeat(n - s.len()));
        s
    };
    assert_eq!(errors(&padded(MAX_BYTES)), Vec::<String>::new());
    assert_eq!(
        errors(&padded(MAX_BYTES + 1)),
        ["1:1 error $: rules are 1048577 bytes; the limit is 1048576 (1 MiB)"]
    );
}

#[test]
fn warnings_do_not_invalidate() {
    let text = r#"{
  "version": 1,
  "language": "en",
  "jobs": {
    "a": { "signals": [ { "terms": ["gaming laptop", "!!!"], "weight": 3 }, { "event": "x", "weight": 0 } ] },
    "b": { "signals": [ { "terms": ["Gaming  laptop"], "weight": 2 }, { "terms": ["рtx"], "weight": 2 } ] },
    "c": { "signals": [ { "terms": ["refund"], "weight": -1 } ] },
    "d": {}
  },
  "stages": { "s": { "signals": [ { "event": "y", "weight": -1 } ] } },
  "content": { "hero": {}, "cta": { "a": {} } },
  "holdout": 100
}"#;
    let (rules, _) = check(text);
    assert!(rules.is_some());
    assert_eq!(
        problems(text),
        [
            "5:54 warning jobs.a.signals[0].terms[1]: the term `!!!` has no words: it never matches",
            "5:103 warning jobs.a.signals[1].weight: weight 0: this signal never changes a score",
            "6:37 warning jobs.b: the term `Gaming  laptop` is also a term of job `a`: a visitor who uses it scores for both",
            "6:83 warning jobs.b.signals[1].terms[0]: a Russian term in an English signal: set \"language\": \"ru\" (here or at the top)",
            "7:5 warning jobs.c: job `c` has only negative or zero weights: it can never be chosen",
            "8:5 warning jobs.d: job `d` has no signals: only a visitor's own pick (data-jobwise-pick) or ?jobwise= can make it active",
            "10:15 warning stages.s: stage `s` has only negative or zero weights: it can never be chosen",
            "11:24 warning content.hero: slot `hero` has no variants: nothing changes in it",
            "11:42 warning content.cta.a: an empty variant: set `text`, `href` or an attribute",
            "12:14 warning holdout: holdout 100: every visitor stays on the default content",
        ]
    );
}

#[test]
fn a_job_below_the_threshold_is_reported() {
    let text = r#"{"version": 1, "decision": {"threshold": 5},
      "jobs": {"a": {"signals": [{"event": "x", "weight": 2}, {"event": "y", "weight": 2.5}, {"event": "z", "weight": -4}]}}}"#;
    assert_eq!(
        problems(text),
        ["2:16 warning jobs.a: job `a` can score at most 4.5, below the threshold 5: it can never be chosen"]
    );
}

#[test]
fn paths_bracket_unusual_keys() {
    let text =
        r#"{"version": 1, "jobs": {"a": {}}, "content": {"hero title": {"a": {"txt": "x"}}}}"#;
    assert_eq!(
        errors(text),
        [
            "1:47 error content[\"hero title\"]: invalid slot name `hero title`: up to 64 letters a-z A-Z, digits, `-`, `_`, `.` and `:`, as in data-jobwise-slot=\"hero\"",
            "1:68 error content[\"hero title\"].a.txt: unknown key `txt`, did you mean `text`?",
        ]
    );
}

#[test]
fn the_root_must_be_an_object() {
    assert_eq!(
        errors("[]"),
        ["1:1 error $: the rules must be an object {…}, found a list"]
    );
    assert_eq!(
        errors("{}"),
        [
            "1:1 error $: missing `version`: add \"version\": 1",
            "1:1 error $: missing `jobs`: the jobs to tell apart, each with its signals"
        ]
    );
    assert_eq!(
        errors("{\"version\": 1, \"jobs\": {\"a\": {}}} x"),
        ["1:35 error $: unexpected text after the end of the document (one JSON value per file)"]
    );
}

/// A tiny deterministic generator for the mutation tests.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

#[test]
fn mangled_files_never_panic() {
    // Every prefix of one file.
    let spec = example("valid/spec-example.json");
    for end in (0..spec.len()).filter(|&i| spec.is_char_boundary(i)) {
        let _ = check(&spec[..end]);
    }
    let base = example("valid/realestate-ru.json");
    let bytes = base.as_bytes();
    // Random deletions, duplications and replacements by JSON-ish bytes.
    let alphabet = b"{}[]\":,\\ \n0-9eE.+tfnul*/#@[]()'>~=x\x01";
    let mut rng = Lcg(7);
    for _ in 0..1500 {
        let mut b = bytes.to_vec();
        for _ in 0..1 + rng.next(4) {
            let i = rng.next(b.len());
            match rng.next(3) {
                0 => {
                    b.remove(i);
                }
                1 => b.insert(i, b[i]),
                _ => b[i] = alphabet[rng.next(alphabet.len())],
            }
        }
        let text = String::from_utf8_lossy(&b);
        let (rules, problems) = check(&text);
        assert_eq!(
            rules.is_some(),
            problems.iter().all(|p| p.severity == Severity::Warning)
        );
    }
}

#[test]
fn pathological_documents_stay_fast() {
    let start = std::time::Instant::now();
    // Deep nesting, past the reader's limit.
    let deep = "[".repeat(500_000);
    assert_eq!(errors(&deep), ["1:65 error [0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]: nested too deeply (the limit is 64 levels)"]);
    // 60,000 keys in one object, all the same: duplicates found by sorting.
    let mut dup = String::from("{");
    for i in 0..60_000 {
        dup.push_str(if i == 0 { "\"k\":1" } else { ",\"k\":1" });
    }
    dup.push('}');
    assert!(dup.len() < MAX_BYTES);
    // 59,999 duplicates, the unknown key `k`, missing `version` and `jobs`.
    assert_eq!(check(&dup).1.len(), 59_999 + 3);
    // ~30,000 unknown keys in one signal on one long line: each gets a
    // hint search and a column, in one pass (quadratic work would show).
    let mut many =
        String::from(r#"{"version": 1, "jobs": {"a": {"signals": [{"weight": 1, "event": "x""#);
    let mut i = 0;
    while many.len() < MAX_BYTES / 4 {
        many.push_str(&format!(",\"w{i}\":0"));
        i += 1;
    }
    many.push_str("}]}}}");
    let (_, p) = check(&many);
    assert_eq!(p.len(), i);
    assert!(start.elapsed().as_secs() < 60, "took {:?}", start.elapsed());
}
