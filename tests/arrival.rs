//! Arrival against the language-neutral case file `tests/cases/arrival.json`
//! (the browser layer runs the same file), the `jobwise referrer` binary on
//! hostile input, and properties over generated strings.

#[path = "support/rng.rs"]
mod rng;
use rng::Rng;
use std::process::Command;

use jobwise::arrival::{clean_terms, read_str};

/// One case of the file.
struct Case {
    referrer: String,
    url: String,
    engine: Option<String>,
    terms: Option<String>,
    source: String,
    note: Option<String>,
}

/// A JSON value, as much of it as the case file uses.
#[derive(Debug)]
enum Json {
    Null,
    Bool,
    Number,
    Str(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

/// A tiny JSON reader for the case file; panics (failing the test) on
/// malformed input.
struct Reader<'a> {
    s: &'a [u8],
    i: usize,
}

impl Reader<'_> {
    fn ws(&mut self) {
        while self.s.get(self.i).is_some_and(u8::is_ascii_whitespace) {
            self.i += 1;
        }
    }

    fn eat(&mut self, b: u8) -> bool {
        self.ws();
        let hit = self.s.get(self.i) == Some(&b);
        if hit {
            self.i += 1;
        }
        hit
    }

    fn expect(&mut self, b: u8) {
        assert!(self.eat(b), "expected {:?} at byte {}", b as char, self.i);
    }

    fn literal(&mut self, word: &str) {
        assert!(
            self.s[self.i..].starts_with(word.as_bytes()),
            "at {}",
            self.i
        );
        self.i += word.len();
    }

    fn value(&mut self) -> Json {
        self.ws();
        match self.s[self.i] {
            b'n' => {
                self.literal("null");
                Json::Null
            }
            b't' => {
                self.literal("true");
                Json::Bool
            }
            b'f' => {
                self.literal("false");
                Json::Bool
            }
            b'"' => Json::Str(self.string()),
            b'[' => {
                self.i += 1;
                let mut items = Vec::new();
                if !self.eat(b']') {
                    loop {
                        items.push(self.value());
                        if self.eat(b']') {
                            break;
                        }
                        self.expect(b',');
                    }
                }
                Json::Array(items)
            }
            b'{' => {
                self.i += 1;
                let mut members = Vec::new();
                if !self.eat(b'}') {
                    loop {
                        self.ws();
                        let key = self.string();
                        self.expect(b':');
                        members.push((key, self.value()));
                        if self.eat(b'}') {
                            break;
                        }
                        self.expect(b',');
                    }
                }
                Json::Object(members)
            }
            _ => {
                while self
                    .s
                    .get(self.i)
                    .is_some_and(|b| b"+-.eE0123456789".contains(b))
                {
                    self.i += 1;
                }
                Json::Number
            }
        }
    }

    fn hex4(&mut self) -> u32 {
        let digits = std::str::from_utf8(&self.s[self.i..self.i + 4]).unwrap();
        self.i += 4;
        u32::from_str_radix(digits, 16).unwrap()
    }

    fn string(&mut self) -> String {
        assert_eq!(self.s[self.i], b'"', "string expected at {}", self.i);
        self.i += 1;
        let mut out = Vec::new();
        loop {
            let b = self.s[self.i];
            self.i += 1;
            match b {
                b'"' => return String::from_utf8(out).unwrap(),
                b'\\' => {
                    let e = self.s[self.i];
                    self.i += 1;
                    let c = match e {
                        b'n' => '\n',
                        b't' => '\t',
                        b'r' => '\r',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'u' => {
                            let mut code = self.hex4();
                            if (0xD800..0xDC00).contains(&code) {
                                self.literal("\\u");
                                let low = self.hex4();
                                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                            }
                            char::from_u32(code).unwrap()
                        }
                        other => other as char,
                    };
                    out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
                }
                _ => out.push(b),
            }
        }
    }
}

fn parse_json(text: &str) -> Json {
    let mut reader = Reader {
        s: text.as_bytes(),
        i: 0,
    };
    let value = reader.value();
    reader.ws();
    assert_eq!(reader.i, text.len(), "trailing text");
    value
}

fn member<'a>(members: &'a [(String, Json)], key: &str) -> Option<&'a Json> {
    members.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

fn opt_string(value: Option<&Json>, key: &str) -> Option<String> {
    match value {
        None | Some(Json::Null) => None,
        Some(Json::Str(s)) => Some(s.clone()),
        Some(other) => panic!("{key}: string or null expected, got {other:?}"),
    }
}

fn cases() -> Vec<Case> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases/arrival.json");
    let text = std::fs::read_to_string(path).unwrap();
    let Json::Array(items) = parse_json(&text) else {
        panic!("the case file is an array");
    };
    items
        .iter()
        .map(|item| {
            let Json::Object(m) = item else {
                panic!("each case is an object");
            };
            for (key, _) in m {
                assert!(
                    ["referrer", "url", "engine", "terms", "source", "note"]
                        .contains(&key.as_str()),
                    "unknown key {key}"
                );
            }
            Case {
                referrer: opt_string(member(m, "referrer"), "referrer").expect("referrer"),
                url: opt_string(member(m, "url"), "url").expect("url"),
                engine: opt_string(member(m, "engine"), "engine"),
                terms: opt_string(member(m, "terms"), "terms"),
                source: opt_string(member(m, "source"), "source").expect("source"),
                note: opt_string(member(m, "note"), "note"),
            }
        })
        .collect()
}

#[test]
fn case_file_passes() {
    let cases = cases();
    assert!(cases.len() >= 170, "only {} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let got = read_str(&case.referrer, &case.url);
        let got = (
            got.engine.map(str::to_owned),
            Some(got.terms).filter(|t| !t.is_empty()),
            got.source.as_str(),
        );
        let want = (
            case.engine.clone(),
            case.terms.clone(),
            case.source.as_str(),
        );
        if got != want {
            let referrer: String = case.referrer.chars().take(120).collect();
            failures.push(format!(
                "{referrer} | {} ({})\n   want {want:?}\n    got {got:?}",
                case.url.chars().take(120).collect::<String>(),
                case.note.as_deref().unwrap_or(""),
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn case_file_covers_every_source_and_many_engines() {
    let cases = cases();
    for source in [
        "paid", "organic", "social", "email", "ai", "internal", "referral", "direct",
    ] {
        assert!(cases.iter().any(|c| c.source == source), "{source}");
    }
    let mut engines: Vec<&str> = cases.iter().filter_map(|c| c.engine.as_deref()).collect();
    engines.sort_unstable();
    engines.dedup();
    assert!(
        engines.len() >= 50,
        "{} engines: {engines:?}",
        engines.len()
    );
}

fn cli(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_jobwise"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn cli_prints_one_json_object_for_any_referrer() {
    let long = format!("https://www.google.com/search?q={}", "a".repeat(8000));
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "referrer",
                "https://yandex.ru/search/?text=%D0%BB%D0%BE%D1%84%D1%82&lr=213",
            ],
            r#"{"engine":"yandex","terms":"лофт","source":"organic"}"#,
        ),
        (
            &[
                "referrer",
                "https://www.google.com/",
                "--url",
                "https://shop.example/?gclid=x&utm_term=photo+%22studio%22",
            ],
            r#"{"engine":"google","terms":"photo studio","source":"paid"}"#,
        ),
        (
            &[
                "referrer",
                "",
                "--url=https://shop.example/?utm_medium=email",
            ],
            r#"{"engine":null,"terms":null,"source":"email"}"#,
        ),
        (
            &["referrer", ""],
            r#"{"engine":null,"terms":null,"source":"direct"}"#,
        ),
        (
            &["referrer", "javascript:alert(1)", "--url", "::::"],
            r#"{"engine":null,"terms":null,"source":"direct"}"#,
        ),
        (
            &["referrer", "http://[::1", "--url"],
            r#"{"engine":null,"terms":null,"source":"direct"}"#,
        ),
        (
            &["referrer", &long],
            r#"{"engine":null,"terms":null,"source":"direct"}"#,
        ),
        (
            &[
                "referrer",
                "https://www.google.com/search?q=%22%5C%0A%3C%2Fscript%3E",
                "extra",
            ],
            r#"{"engine":"google","terms":"\\ </script>","source":"organic"}"#,
        ),
    ];
    for (args, want) in cases {
        let (code, stdout, _) = cli(args);
        assert_eq!(code, 0, "{args:?}");
        assert_eq!(stdout.trim_end(), *want, "{args:?}");
        assert_eq!(stdout.lines().count(), 1);
    }
}

#[cfg(unix)]
#[test]
fn cli_takes_arguments_that_are_not_utf8() {
    use std::os::unix::ffi::OsStrExt;
    let out = Command::new(env!("CARGO_BIN_EXE_jobwise"))
        .arg("referrer")
        .arg(std::ffi::OsStr::from_bytes(
            b"https://yandex.ru/search/?text=\xea\xf3\xef\xe8\xf2\xfc",
        ))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim_end(),
        r#"{"engine":"yandex","terms":null,"source":"organic"}"#
    );
}

#[test]
fn cli_without_referrer_is_a_usage_error() {
    for args in [
        &["referrer"][..],
        &["referrer", "--url", "https://shop.example/"],
    ] {
        let (code, stdout, stderr) = cli(args);
        assert_eq!(code, 2, "{args:?}");
        assert!(stdout.is_empty());
        assert!(stderr.contains("usage: jobwise referrer"));
    }
}

/// A string glued from URL-ish pieces, escapes, odd characters.
fn arbitrary(rng: &mut Rng) -> String {
    const PIECES: &[&str] = &[
        "https://",
        "http://",
        "android-app://",
        "javascript:",
        "www.",
        "google.",
        "yandex.",
        "mail.",
        "com",
        "co.uk",
        "ru",
        ".",
        "/",
        "/search",
        "?",
        "#",
        "&",
        "=",
        "q=",
        "text=",
        "utm_term=",
        "gclid=",
        "ie=cp1251",
        "ie=utf-8",
        "%",
        "%2",
        "%25",
        "%D1%84",
        "%FF",
        "%E0%A4",
        "+",
        "-",
        "!",
        "\"",
        "{keyword}",
        "{",
        "}",
        ":",
        "site:",
        " ",
        "\t",
        "\u{0}",
        "ё",
        "İ",
        "東京",
        "\u{202E}",
        "[",
        "]",
        "::1",
        "a",
        "Z",
        "9",
    ];
    let len = rng.below(40);
    let mut s = String::new();
    for _ in 0..len {
        s.push_str(rng.pick(PIECES));
    }
    s
}

#[test]
fn never_panics_and_terms_are_stable() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..5_000 {
        let referrer = arbitrary(&mut rng);
        let landing = format!("https://shop.example/?{}", arbitrary(&mut rng));
        for arrival in [read_str(&referrer, &landing), read_str(&landing, &referrer)] {
            let terms = &arrival.terms;
            if !terms.is_empty() {
                assert_eq!(
                    clean_terms(terms).as_ref(),
                    Some(terms),
                    "{referrer:?} {landing:?}"
                );
                assert!(terms.chars().count() <= jobwise::arrival::MAX_TERM_CHARS);
            }
            let json = arrival.to_json();
            assert!(json.starts_with("{\"engine\":") && json.ends_with('}'));
        }
        let raw = arbitrary(&mut rng);
        if let Some(once) = clean_terms(&raw) {
            assert_eq!(clean_terms(&once), Some(once.clone()), "{raw:?}");
        }
    }
}

#[test]
fn huge_inputs_are_bounded() {
    let huge = "%D1%84+".repeat(200_000);
    let referrer = format!("https://yandex.ru/search/?text={huge}");
    let landing = format!("https://shop.example/?utm_term={huge}&q=x");
    let started = std::time::Instant::now();
    let arrival = read_str(&referrer, &landing);
    assert!(arrival.params.len() <= 100);
    assert!(!arrival.terms.is_empty() && arrival.terms.chars().count() <= 200);
    assert!(started.elapsed().as_secs() < 5);
}
