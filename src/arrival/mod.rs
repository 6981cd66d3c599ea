//! Arrival: how the visitor came. `document.referrer` + the landing URL →
//! search engine, search terms, traffic source and the landing parameters.
//!
//! The core works on [`UrlParts`], already split by a WHATWG URL parser:
//! natively the `url` crate ([`UrlParts::parse`]), in the browser the
//! browser's own `URL` (see `web`). Both give the same parts.
//!
//! * `engines`: the search engines as data; `sites`: social, webmail, AI
//!   and ad-click hosts; `domain`: host patterns by registrable domain.
//! * `decode` (+ `cp1251`): query values as browsers decode them.
//! * `terms`: search terms cleaned; `source`: what the landing tags say.
//!
//! Every input is bounded before any work, so hostile or huge URLs cost
//! linear time and never panic.

mod cp1251;
mod decode;
mod domain;
mod engines;
mod sites;
mod source;
mod terms;

use crate::json::Object;
use crate::prelude::*;
use decode::Charset;
use domain::Host;

pub use terms::{clean as clean_terms, MAX_CHARS as MAX_TERM_CHARS};

/// Longer referrers are not real ones: browsers send at most 4096 bytes
/// (Chrome cuts longer ones to the origin). They count as no referrer.
pub const MAX_REFERRER: usize = 4096;
/// The part of the landing query that is read.
const MAX_LANDING_QUERY: usize = 16 * 1024;
/// Longer landing URLs are cut before parsing.
#[cfg(not(target_arch = "wasm32"))]
const MAX_LANDING: usize = 64 * 1024;
/// Landing parameters kept for the model.
const MAX_PARAMS: usize = 100;

/// A site's own search parameters, read from a same-site referrer.
const SITE_SEARCH: &str = "q s search query text search_query keyword keywords";
/// The landing parameters that carry terms, in precedence: `utm_term`,
/// the campaign keywords of Matomo / Piwik, the page's own search.
const LANDING_TERMS: &str = concat!(
    "utm_term mtm_keyword mtm_kwd pk_kwd pk_keyword ",
    "q s search query text search_query",
);

/// A URL split by a WHATWG parser. Query and fragment are kept raw
/// (percent-encoded as the parser serialized them), without `?` / `#`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UrlParts {
    pub scheme: String,
    /// ASCII (punycode) host, lower-case, no port.
    pub host: String,
    pub path: String,
    pub query: String,
    pub fragment: String,
}

impl UrlParts {
    /// Parses an absolute URL; `None` for anything a browser would reject.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn parse(input: &str) -> Option<UrlParts> {
        let url = url::Url::parse(input).ok()?;
        Some(UrlParts {
            scheme: url.scheme().to_owned(),
            host: url.host_str().unwrap_or("").to_owned(),
            path: url.path().to_owned(),
            query: url.query().unwrap_or("").to_owned(),
            fragment: url.fragment().unwrap_or("").to_owned(),
        })
    }
}

/// The kind of traffic (SPEC §7 `source`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    Paid,
    Organic,
    Social,
    Email,
    Ai,
    Internal,
    Referral,
    Direct,
}

impl Source {
    pub const ALL: [Source; 8] = [
        Source::Paid,
        Source::Organic,
        Source::Social,
        Source::Email,
        Source::Ai,
        Source::Internal,
        Source::Referral,
        Source::Direct,
    ];

    /// The names, in the order of `ALL` (also the rules' `source` values).
    pub const NAMES: [&'static str; 8] = [
        "paid", "organic", "social", "email", "ai", "internal", "referral", "direct",
    ];

    pub fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

/// What the arrival tells: the `jobwise referrer` output plus what the
/// model's `param`, `referrer` and `page` signals need.
#[derive(Clone, Debug, PartialEq)]
pub struct Arrival {
    pub engine: Option<&'static str>,
    /// The search terms cleaned, empty when none (an `Option<String>` was
    /// tested for its `i32::MIN` niche; cleaned terms are never empty).
    pub terms: String,
    pub source: Source,
    /// The referrer's host, when there is a referrer: lower-case ASCII
    /// (punycode), no trailing dot; the model compares it as it is.
    pub referrer_host: Option<String>,
    /// The landing page's path.
    pub landing_path: String,
    /// The landing page's query parameters, form-decoded, in order.
    pub params: Vec<(String, String)>,
}

/// Reads an arrival from already-parsed URLs (`None`: absent or unparsable).
pub fn read(referrer: Option<&UrlParts>, landing: Option<&UrlParts>) -> Arrival {
    let referrer = referrer.filter(|r| usable_referrer(r));
    let referrer_host = referrer.map(|r| normal_host(&r.host));
    // Without a referrer, an empty host: no pattern matches it (no
    // `Option` to test at each use).
    let ref_host = Host::new(referrer_host.as_deref().unwrap_or(""));
    let ref_path = referrer.map_or("", |r| r.path.as_str());

    // Social, webmail and AI hosts first: `mail.google.com` is no search.
    let kind = sites::kind(&ref_host, ref_path);
    let ref_engine = match kind {
        Source::Referral => engines::find(&ref_host, ref_path),
        _ => None,
    };

    let landing_query = landing.map_or("", |l| bounded_query(&l.query));
    let cp1251 = ref_engine.is_some_and(|e| e.cp1251());
    let charset = decode::hint(&[landing_query], cp1251);
    let params = decoded(landing_query, charset, true, MAX_PARAMS);

    // The referrer's host as `ref_host` holds it (no `Option<String>` to
    // test again).
    let internal = match (referrer, landing) {
        (Some(_), Some(l)) => same_site(ref_host.full, &l.host),
        _ => false,
    };

    let medium = source::lower(&params, "utm_medium");
    let (source, engine) = if source::is_paid(&params, &medium, &ref_host, ref_path) {
        (Source::Paid, ref_engine)
    } else if referrer.is_none() {
        let source = source::tagged(&params, &medium);
        // Without a referrer, an organic visit (`utm_medium=organic`)
        // names its engine in `utm_source`. A paid visit keeps `engine`
        // null unless a search engine referred it: `engine` says which
        // search page sent the visitor, and ad tags (`utm_source=google`
        // also marks display and YouTube ads) are the marketer's own
        // labels, which `param` signals match.
        let engine = (source == Source::Organic)
            .then(|| engines::named(source::param(&params, "utm_source")))
            .flatten();
        (source, engine)
    } else if internal {
        (Source::Internal, None)
    } else if let Some(engine) = ref_engine {
        (Source::Organic, Some(engine))
    } else {
        (kind, None)
    };

    // Filled by the first step that finds terms (no `Option<String>` to
    // test for its niche, no old value to drop).
    let mut terms = String::new();
    if let (Some(r), Some(e)) = (referrer, ref_engine.filter(|_| engine.is_some())) {
        referrer_terms(&[&r.query, &r.fragment], e.params, cp1251, &mut terms);
    }
    if let Some(r) = referrer.filter(|_| internal && terms.is_empty()) {
        referrer_terms(&[&r.query], SITE_SEARCH, false, &mut terms);
    }
    if terms.is_empty() {
        first_terms(&params, LANDING_TERMS, &mut terms);
    }

    Arrival {
        engine: engine.map(|e| e.id),
        terms,
        source,
        referrer_host,
        // One copy from a `&str` (no `clone` of its own).
        landing_path: match landing {
            Some(l) if !l.path.is_empty() => &l.path,
            _ => "/",
        }
        .into(),
        params,
    }
}

/// A referrer a browser could send: web or Android app, with a host, not
/// over [`MAX_REFERRER`].
fn usable_referrer(r: &UrlParts) -> bool {
    crate::text::listed("http https android-app", &r.scheme)
        && !r.host.is_empty()
        && r.scheme.len() + r.host.len() + r.path.len() + r.query.len() + r.fragment.len()
            <= MAX_REFERRER
}

/// Lower-case, without the trailing dot of a fully qualified name (trailing
/// dots stripped one by one: `trim_end_matches('.')` inlines core's reverse
/// char searcher, 125 B more wasm).
fn normal_host(host: &str) -> String {
    let mut host = host;
    while let Some(rest) = host.strip_suffix(".") {
        host = rest;
    }
    host.to_ascii_lowercase()
}

/// Whether the landing page's raw `host` is on the referrer's
/// (normalized) host, `www.` and `m.` aside.
// Out of line: its temporaries leave `read`'s frame (more raw wasm, less
// brotli: measured).
#[inline(never)]
fn same_site(referrer_host: &str, host: &str) -> bool {
    let host = normal_host(host);
    !host.is_empty() && domain::strip_www(referrer_host) == domain::strip_www(&host)
}

/// The first [`MAX_LANDING_QUERY`] bytes of a query, cut after a whole
/// parameter.
fn bounded_query(query: &str) -> &str {
    if query.len() <= MAX_LANDING_QUERY {
        return query;
    }
    let mut end = MAX_LANDING_QUERY;
    while !query.is_char_boundary(end) {
        end -= 1;
    }
    let head = query.get(..end).unwrap_or_default();
    crate::text::rsplit_halves(head, b'&').0
}

/// The parameters of `query`, at most `limit`, values decoded in
/// `charset`, names too when `names` (a referrer's are compared raw).
fn decoded(query: &str, charset: Charset, names: bool, limit: usize) -> Vec<(String, String)> {
    // A loop, not `collect`: the iterator chain's own `next` and size hints
    // cost more wasm than the pushes.
    let mut out = Vec::new();
    for piece in crate::text::split(query, b'&') {
        if piece.is_empty() {
            continue;
        }
        if out.len() == limit {
            break;
        }
        let (k, v) = decode::pair(piece);
        let k = if names {
            decode::decode(k, charset)
        } else {
            k.into()
        };
        out.push((k, decode::decode(v, charset)));
    }
    out
}

/// The terms in a referrer's `parts` (a search engine's query, then its
/// fragment: `#q=`, `#text=`; a site's own query): the first value of
/// `names` in the first part that has one, read in the charset the parts
/// name, else UTF-8 (with the windows-1251 fallback when `cp1251`).
/// Into `out`, empty on entry and left empty when there are none.
fn referrer_terms(parts: &[&str], names: &str, cp1251: bool, out: &mut String) {
    let charset = decode::hint(parts, cp1251);
    for query in parts {
        first_terms(&decoded(query, charset, false, usize::MAX), names, out);
        if !out.is_empty() {
            return;
        }
    }
}

/// The first parameter of `names`, in their order, that cleans into terms,
/// into `out` (see [`referrer_terms`]).
fn first_terms(params: &[(String, String)], names: &str, out: &mut String) {
    // Loops, not `find_map` chains (see `decoded`).
    for name in crate::text::split(names, b' ') {
        for (k, v) in params {
            if k.eq_ignore_ascii_case(name) {
                terms::clean_into(v, out);
                if !out.is_empty() {
                    return;
                }
            }
        }
    }
}

impl Arrival {
    /// `{"engine":…,"terms":…,"source":"…"}` (the `jobwise referrer` output).
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        let mut object = Object::new(&mut out);
        object.opt_str("engine", self.engine);
        object.opt_str("terms", Some(&*self.terms).filter(|t| !t.is_empty()));
        object.opt_str("source", Some(self.source.as_str()));
        object.end();
        out
    }
}

/// Reads an arrival from the raw strings, exactly as `document.referrer` and
/// `location.href` hold them.
#[cfg(not(target_arch = "wasm32"))]
pub fn read_str(referrer: &str, landing: &str) -> Arrival {
    let referrer = if referrer.len() > MAX_REFERRER {
        None
    } else {
        UrlParts::parse(referrer)
    };
    let mut end = landing.len().min(MAX_LANDING);
    while !landing.is_char_boundary(end) {
        end -= 1;
    }
    read(
        referrer.as_ref(),
        UrlParts::parse(landing.get(..end).unwrap_or_default()).as_ref(),
    )
}
