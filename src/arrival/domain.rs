//! Hosts matched by registrable domain, without a public-suffix crate.
//!
//! The suffix list is compact: a host's public suffix is its last label,
//! or its last two when the top level is a two-letter country code and the
//! second level is one of the generic labels countries register under
//! (`co.uk`, `com.tr`, `co.jp`, `ne.jp`, `com.br`…). That is exact for every
//! engine and site this module names, and `google.com.evil.example` still
//! ends in `evil.example`.
//!
//! A pattern is `host[/path-prefix]`:
//! * `naver.com`: that host or any subdomain of it;
//! * `google.*`: `google` under any public suffix, subdomains included;
//! * `=yahoo.*`: the same without subdomains (`www.` and `m.` aside);
//! * `bing.com/aclk`: and the referrer's path starts with `/aclk`.

/// Second-level labels that are public under a two-letter country code.
const GENERIC_SECOND_LEVEL: &str = concat!(
    "ac ad co com ed edu gen go gob gov gv in ind info lg ltd mil ne net nic nom or org plc ",
    "pp sch biz",
);

/// A lower-case host split at its public suffix.
#[derive(Clone, Copy, Debug)]
pub struct Host<'a> {
    /// The whole host.
    pub full: &'a str,
    /// The host without `.suffix` (`www.google` for `www.google.co.uk`).
    base: &'a str,
}

impl<'a> Host<'a> {
    /// Splits `host` (lower-case, no trailing dot).
    pub fn new(full: &'a str) -> Self {
        let base = match suffix_len(full) {
            0 => full,
            // Empty when the host is its suffix (or shorter, as for `.uk`).
            n => full.get(..full.len().saturating_sub(n + 1)).unwrap_or(""),
        };
        Host { full, base }
    }

    /// True when the host has labels left of its registrable domain.
    pub fn has_subdomain(&self) -> bool {
        crate::text::contains(self.base, ".")
    }

    /// The leftmost label, `www.` skipped.
    pub fn first_label(&self) -> &'a str {
        let host = strip_www(self.full);
        crate::text::split_once(host, b'.').map_or(host, |(first, _)| first)
    }
}

/// Length of the public suffix of `host` (0 for an IP address).
fn suffix_len(host: &str) -> usize {
    // A single label has an empty rest, which is no generic label.
    let (rest, top) = crate::text::rsplit_once(host, b'.').unwrap_or(("", host));
    if top.is_empty() || crate::text::all_bytes(top, |b| b.is_ascii_digit()) || top.starts_with("[")
    {
        return 0;
    }
    let second = crate::text::rsplit_once(rest, b'.').map_or(rest, |(_, second)| second);
    if top.len() == 2 && crate::text::listed(GENERIC_SECOND_LEVEL, second) {
        second.len() + 1 + top.len()
    } else {
        top.len()
    }
}

/// `host` without a leading `www.` or `m.`.
pub fn strip_www(host: &str) -> &str {
    match crate::text::split_once(host, b'.') {
        Some((first, rest)) if crate::text::listed("www m", first) => rest,
        _ => host,
    }
}

/// The labels of `host` left of the matched `tail` (`Some("")` when `host`
/// is `tail` itself), if `host` ends with `tail` at a label boundary.
fn left_of<'a>(host: &'a str, tail: &str) -> Option<&'a str> {
    let rest = host.strip_suffix(tail)?;
    if rest.is_empty() {
        return Some("");
    }
    rest.strip_suffix(".")
}

/// Matches `pattern` (see the module doc). Returns the subdomain labels
/// the pattern left over (`""` for none) so that callers can refuse some.
pub fn matches<'a>(host: &Host<'a>, path: &str, pattern: &str) -> Option<&'a str> {
    // No "/" splits at the end: (pattern, "").
    let (host_part, path_prefix) = pattern
        .split_at_checked(crate::text::find(pattern.as_bytes(), b"/"))
        .unwrap_or_default();
    if !path.starts_with(path_prefix) {
        return None;
    }
    let (exact, host_part) = match host_part.strip_prefix("=") {
        Some(rest) => (true, rest),
        None => (false, host_part),
    };
    let (target, host_part) = match host_part.strip_suffix(".*") {
        Some(label) => (host.base, label),
        None => (host.full, host_part),
    };
    if exact {
        return (strip_www(target) == host_part).then_some("");
    }
    left_of(target, host_part)
}

/// The first of the space-separated `patterns` that matches, with its
/// leftover labels.
pub fn find<'a>(host: &Host<'a>, path: &str, patterns: &str) -> Option<&'a str> {
    for pattern in crate::text::split(patterns, b' ') {
        let left = matches(host, path, pattern);
        if left.is_some() {
            return left;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_public_suffixes() {
        let cases = [
            ("www.google.com", "www.google"),
            ("www.google.co.uk", "www.google"),
            ("google.com.tr", "google"),
            ("google.com.evil.example", "google.com.evil"),
            ("go.mail.ru", "go.mail"),
            ("search.goo.ne.jp", "search.goo"),
            ("co.uk", ""),
            ("localhost", ""),
            ("127.0.0.1", "127.0.0.1"),
            ("[::1]", "[::1]"),
            ("", ""),
            ("com.google.android.gm", "com.google.android"),
        ];
        for (host, base) in cases {
            assert_eq!(Host::new(host).base, base, "{host}");
        }
    }

    #[test]
    fn matches_patterns() {
        let cases: &[(&str, &str, &str, Option<&str>)] = &[
            ("www.google.com", "/", "google.*", Some("www")),
            ("google.co.uk", "/", "google.*", Some("")),
            ("images.google.com.tr", "/", "google.*", Some("images")),
            ("google.com.evil.example", "/", "google.*", None),
            ("notgoogle.com", "/", "google.*", None),
            ("google.evil.com", "/", "google.*", None),
            ("m.search.naver.com", "/", "search.naver.com", Some("m")),
            ("search.naver.com", "/", "search.naver.com", Some("")),
            ("evilsearch.naver.com", "/", "search.naver.com", None),
            ("naver.com.evil.example", "/", "naver.com", None),
            ("www.yahoo.com", "/", "=yahoo.*", Some("")),
            ("yahoo.co.jp", "/", "=yahoo.*", Some("")),
            ("news.yahoo.com", "/", "=yahoo.*", None),
            ("ca.search.yahoo.com", "/", "search.yahoo.*", Some("ca")),
            ("www.bing.com", "/aclk", "bing.com/aclk", Some("www")),
            ("www.bing.com", "/search", "bing.com/aclk", None),
            ("mail.yandex.ru", "/", "mail.yandex.*", Some("")),
        ];
        for (host, path, pattern, want) in cases {
            assert_eq!(
                matches(&Host::new(host), path, pattern),
                *want,
                "{host}{path} ~ {pattern}"
            );
        }
    }

    #[test]
    fn finds_labels() {
        assert_eq!(Host::new("www.mail.example.com").first_label(), "mail");
        assert!(Host::new("e.mail.ru").has_subdomain());
        assert!(!Host::new("mail.ru").has_subdomain());
        assert!(!Host::new("bbc.co.uk").has_subdomain());
    }
}
