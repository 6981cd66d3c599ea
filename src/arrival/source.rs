//! What the landing URL's tags say about the traffic: ad click ids and paid
//! `utm_medium`s (paid wins over everything), and, when there is no
//! referrer, `utm_medium` / `utm_source` (a tagged newsletter link opened
//! in a mail app arrives without one).

use super::domain::Host;
use super::{engines, sites, Source};
use crate::prelude::*;
use crate::text::{contains, listed};

/// Parameters only ad platforms add to a click. Not `fbclid` (every
/// outbound Facebook link), `ysclid` (Yandex organic), `srsltid` (Google
/// Merchant listings).
const CLICK_IDS: &str = concat!(
    "gclid gbraid wbraid dclid gclsrc gad_source gad_campaignid yclid _openstat msclkid ",
    "twclid ttclid li_fat_id rdt_cid sccid qclid s_kwcid",
);

/// Paid media besides anything containing `cp` (cpc, cpm, cpv, cpa…) or
/// `paid`, as Google Analytics groups them.
const PAID_MEDIA: &str = concat!(
    "ppc sem ad ads adwords display banner expandable interstitial retargeting remarketing ",
    "context contextual kontekst native",
);

const SOCIAL_NAMES: &str = concat!(
    "facebook fb instagram ig threads twitter x linkedin youtube yt tiktok pinterest reddit ",
    "snapchat quora vk vkontakte ok odnoklassniki telegram tg whatsapp viber dzen zen ",
    "discord",
);

const AI_NAMES: &str = "chatgpt openai perplexity claude gemini copilot deepseek grok mistral poe";

const EMAIL_NAMES: &str = concat!(
    "email e-mail e_mail newsletter mailchimp sendpulse unisender sendgrid mailerlite ",
    "klaviyo brevo sendinblue gmail",
);

/// The first value of a (decoded) landing parameter, case-insensitively;
/// empty when there is none, as every caller reads it. (An `Option<&str>`,
/// two wasm results since the multi-value ABI: 21 B more brotli, mean of 16.)
pub fn param<'a>(params: &'a [(String, String)], name: &str) -> &'a str {
    for (k, v) in params {
        if k.eq_ignore_ascii_case(name) {
            return v;
        }
    }
    ""
}

/// A landing parameter's value, trimmed, lower-cased, its first 64 bytes.
pub fn lower(params: &[(String, String)], name: &str) -> String {
    let value = param(params, name);
    let value = value.get(..64).unwrap_or(value);
    crate::text::case::lower_str(crate::text::trim(value))
}

fn paid_medium(medium: &str) -> bool {
    contains(medium, "cp") || contains(medium, "paid") || listed(PAID_MEDIA, medium)
}

/// A paid click: an ad click id, a paid `medium` (the [`lower`]
/// `utm_medium`), or an ad server as the referrer (`host`, empty for none,
/// and `path`).
pub fn is_paid(params: &[(String, String)], medium: &str, host: &Host, path: &str) -> bool {
    crate::text::split(CLICK_IDS, b' ').any(|id| !crate::text::trim(param(params, id)).is_empty())
        || paid_medium(medium)
        || sites::is_ad_click(host, path)
}

/// Exact media by kind: word lists, not `match` arms on strings (a compare
/// each).
fn medium_kind(m: &str) -> Option<Source> {
    Some(if contains(m, "mail") || contains(m, "newsletter") {
        Source::Email
    } else if contains(m, "social") || listed("sm smm sn", m) {
        Source::Social
    } else if contains(m, "organic") || m == "seo" {
        Source::Organic
    } else if listed(
        "referral referrer ref link links affiliate affiliates partner partners",
        m,
    ) {
        Source::Referral
    } else if listed("ai llm chatbot", m) {
        Source::Ai
    } else if listed("direct (none) none", m) {
        Source::Direct
    } else {
        return None;
    })
}

fn source_kind(name: &str) -> Option<Source> {
    if name.is_empty() {
        return None;
    }
    if listed(EMAIL_NAMES, name) {
        return Some(Source::Email);
    }
    if listed(AI_NAMES, name) {
        return Some(Source::Ai);
    }
    if listed(SOCIAL_NAMES, name) {
        return Some(Source::Social);
    }
    // `chatgpt.com` (ChatGPT tags its links so), `t.me`, `google.com`…
    match sites::kind(&Host::new(name), "/") {
        Source::Referral => engines::named(name).map(|_| Source::Organic),
        kind => Some(kind),
    }
}

/// The kind of a visit without a referrer, from its tags (`medium` is the
/// [`lower`] `utm_medium`); `Direct` when they tell none.
pub fn tagged(params: &[(String, String)], medium: &str) -> Source {
    medium_kind(medium)
        .or_else(|| source_kind(&lower(params, "utm_source")))
        .unwrap_or(Source::Direct)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(query: &[(&str, &str)]) -> Vec<(String, String)> {
        query
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn tells_paid() {
        let cases: &[(&[(&str, &str)], bool)] = &[
            (&[("gclid", "abc")], true),
            (&[("GCLID", "abc")], true),
            (&[("gclid", "")], false),
            (&[("yclid", "123")], true),
            (&[("msclkid", "x")], true),
            (&[("fbclid", "x")], false),
            (&[("ysclid", "x")], false),
            (&[("srsltid", "x")], false),
            (&[("utm_medium", "cpc")], true),
            (&[("utm_medium", "CPM")], true),
            (&[("utm_medium", "paid_social")], true),
            (&[("utm_medium", "display")], true),
            (&[("utm_medium", "email")], false),
            (&[("utm_medium", "organic")], false),
            (&[], false),
        ];
        for (query, want) in cases {
            let p = params(query);
            assert_eq!(
                is_paid(&p, &lower(&p, "utm_medium"), &Host::new(""), ""),
                *want,
                "{query:?}"
            );
        }
        let ads = Host::new("www.googleadservices.com");
        assert!(is_paid(&[], "", &ads, "/pagead/aclk"));
    }

    #[test]
    fn tells_tagged_kinds() {
        let cases: &[(&[(&str, &str)], Source)] = &[
            (&[("utm_medium", "email")], Source::Email),
            (&[("utm_medium", "E-Mail")], Source::Email),
            (&[("utm_medium", "newsletter")], Source::Email),
            (&[("utm_medium", "social")], Source::Social),
            (&[("utm_medium", "smm")], Source::Social),
            (&[("utm_medium", "organic")], Source::Organic),
            (&[("utm_medium", "referral")], Source::Referral),
            (&[("utm_source", "chatgpt.com")], Source::Ai),
            (&[("utm_source", "facebook")], Source::Social),
            (&[("utm_source", "t.me")], Source::Social),
            (&[("utm_source", "newsletter")], Source::Email),
            (&[("utm_source", "google")], Source::Organic),
            (&[("utm_source", "partner_site")], Source::Direct),
            (&[("utm_campaign", "spring")], Source::Direct),
            (&[], Source::Direct),
        ];
        for (query, want) in cases {
            let p = params(query);
            assert_eq!(tagged(&p, &lower(&p, "utm_medium")), *want, "{query:?}");
        }
    }
}
