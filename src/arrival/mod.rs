//! Arrival: how the visitor came. `document.referrer` + the landing URL →
//! search engine, search terms, traffic source and the landing parameters.
//!
//! The core works on [`UrlParts`], already split by a WHATWG URL parser:
//! natively the `url` crate ([`UrlParts::parse`]), in the browser the
//! browser's own `URL` (see `web`). Both give the same parts.

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

    pub fn as_str(self) -> &'static str {
        match self {
            Source::Paid => "paid",
            Source::Organic => "organic",
            Source::Social => "social",
            Source::Email => "email",
            Source::Ai => "ai",
            Source::Internal => "internal",
            Source::Referral => "referral",
            Source::Direct => "direct",
        }
    }

    pub fn from_name(name: &str) -> Option<Source> {
        Source::ALL.into_iter().find(|s| s.as_str() == name)
    }
}

/// What the arrival tells: the `jobwise referrer` output plus what the
/// model's `param`, `referrer` and `page` signals need.
#[derive(Clone, Debug, PartialEq)]
pub struct Arrival {
    pub engine: Option<&'static str>,
    pub terms: Option<String>,
    pub source: Source,
    /// The referrer's host, when there is a referrer.
    pub referrer_host: Option<String>,
    /// The landing page's path.
    pub landing_path: String,
    /// The landing page's query parameters, form-decoded, in order.
    pub params: Vec<(String, String)>,
}

/// Reads an arrival from already-parsed URLs (`None`: absent or unparsable).
pub fn read(referrer: Option<&UrlParts>, landing: Option<&UrlParts>) -> Arrival {
    let params: Vec<(String, String)> = landing
        .map(|l| {
            l.query
                .split('&')
                .filter(|p| !p.is_empty())
                .map(|p| {
                    let (k, v) = p.split_once('=').unwrap_or((p, ""));
                    (k.to_owned(), v.to_owned())
                })
                .collect()
        })
        .unwrap_or_default();
    let terms = params
        .iter()
        .find(|(k, _)| k == "utm_term")
        .map(|(_, v)| v.replace('+', " ").to_lowercase());
    Arrival {
        engine: None,
        terms,
        source: if referrer.is_some() {
            Source::Referral
        } else {
            Source::Direct
        },
        referrer_host: referrer.map(|r| r.host.clone()),
        landing_path: landing
            .map(|l| l.path.clone())
            .unwrap_or_else(|| "/".into()),
        params,
    }
}

/// Reads an arrival from the raw strings, exactly as `document.referrer` and
/// `location.href` hold them.
#[cfg(not(target_arch = "wasm32"))]
pub fn read_str(referrer: &str, landing: &str) -> Arrival {
    read(
        UrlParts::parse(referrer).as_ref(),
        UrlParts::parse(landing).as_ref(),
    )
}
