//! The search engines, as data: an id (the lower-case name web analytics
//! tools use), the hosts (patterns of [`super::domain`]), the parameters
//! that carry the query, in order, and whether old links of the engine may
//! be windows-1251.

use super::domain::{self, Host};

/// One search engine.
#[derive(Debug, PartialEq, Eq)]
pub struct Engine {
    pub id: &'static str,
    pub hosts: &'static [&'static str],
    /// Query parameters, most specific first (also read from the fragment).
    pub params: &'static [&'static str],
    /// Invalid UTF-8 in its queries is windows-1251.
    pub cp1251: bool,
}

const fn engine(
    id: &'static str,
    hosts: &'static [&'static str],
    params: &'static [&'static str],
) -> Engine {
    Engine {
        id,
        hosts,
        params,
        cp1251: false,
    }
}

const fn russian(
    id: &'static str,
    hosts: &'static [&'static str],
    params: &'static [&'static str],
) -> Engine {
    Engine {
        id,
        hosts,
        params,
        cp1251: true,
    }
}

const Q: &[&str] = &["q"];
const QUERY: &[&str] = &["query", "q"];

/// Every engine. Webmail, AI and other non-search hosts of the same
/// companies (`mail.google.com`, `gemini.google.com`, `zen.yandex.ru`) are
/// told apart by [`super::sites`] first; [`NOT_SEARCH`] refuses the rest.
pub const ENGINES: &[Engine] = &[
    engine(
        "google",
        &[
            "google.*",
            "com.google.android.googlequicksearchbox",
            "com.google.android.apps.searchlite",
        ],
        Q,
    ),
    russian(
        "yandex",
        &[
            "yandex.*",
            "ya.ru",
            "ru.yandex.searchplugin",
            "ru.yandex.mobile",
        ],
        &["text"],
    ),
    engine(
        "bing",
        &[
            "bing.com",
            "bingj.com",
            "search.msn.*",
            "com.microsoft.bing",
        ],
        Q,
    ),
    engine(
        "duckduckgo",
        &["duckduckgo.com", "ddg.gg", "com.duckduckgo.mobile.android"],
        Q,
    ),
    engine(
        "yahoo",
        &[
            "search.yahoo.*",
            "=yahoo.*",
            "com.yahoo.mobile.client.android.search",
        ],
        &["p", "q", "vp"],
    ),
    engine(
        "baidu",
        &["baidu.com", "baidu.co.th", "com.baidu.searchbox"],
        &["wd", "word", "kw"],
    ),
    engine("ecosia", &["ecosia.org"], Q),
    russian("mail.ru", &["go.mail.ru", "=mail.ru"], &["q", "words"]),
    russian(
        "rambler",
        &["nova.rambler.ru", "search.rambler.ru", "=rambler.ru"],
        &["query", "words"],
    ),
    engine("naver", &["search.naver.com", "=naver.com"], &["query"]),
    engine("daum", &["search.daum.net", "=daum.net"], Q),
    engine("seznam", &["search.seznam.cz", "=seznam.cz"], Q),
    engine("qwant", &["qwant.com"], Q),
    engine("startpage", &["startpage.com", "startpage.nl"], QUERY),
    engine("ixquick", &["ixquick.*"], QUERY),
    engine("brave", &["search.brave.com"], Q),
    engine("sogou", &["sogou.com"], &["query", "keyword", "q"]),
    engine("so.com", &["so.com", "so.360.cn", "haosou.com"], Q),
    engine("sm.cn", &["sm.cn"], Q),
    engine("ask", &["ask.com", "ask.co.uk"], &["q", "ask", "searchfor"]),
    engine("aol", &["search.aol.*", "aolsearch.com"], QUERY),
    engine("dogpile", &["dogpile.com"], Q),
    engine("lycos", &["lycos.*"], QUERY),
    engine("swisscows", &["swisscows.com"], QUERY),
    engine("mojeek", &["mojeek.com", "mojeek.co.uk"], Q),
    engine("kagi", &["kagi.com"], Q),
    engine("coccoc", &["coccoc.com"], QUERY),
    engine("yep", &["yep.com"], Q),
    engine("petal", &["petalsearch.com"], QUERY),
    engine("onet", &["szukaj.onet.pl"], &["qt", "q"]),
    engine("wp", &["szukaj.wp.pl"], &["szukaj", "q"]),
    engine("interia", &["szukaj.interia.pl"], Q),
    engine("sputnik", &["sputnik.ru"], Q),
    russian("nigma", &["nigma.ru"], &["s", "q"]),
    russian("tut.by", &["search.tut.by"], &["query", "str"]),
    russian("webalta", &["webalta.ru"], Q),
    russian("aport", &["aport.ru"], &["r", "q"]),
    russian("meta.ua", &["meta.ua"], Q),
    engine("search.ch", &["search.ch"], Q),
    engine("metager", &["metager.de", "metager.org"], &["eingabe", "q"]),
    engine("presearch", &["presearch.com", "presearch.org"], Q),
    engine("goo", &["search.goo.ne.jp"], &["mt", "q"]),
    engine("biglobe", &["search.biglobe.ne.jp"], Q),
    engine("nifty", &["search.nifty.com"], &["q", "text"]),
    engine("rakuten", &["websearch.rakuten.co.jp"], &["qt"]),
    engine("auone", &["search.auone.jp"], Q),
    engine("docomo", &["search.smt.docomo.ne.jp"], &["mt"]),
    engine("najdi", &["najdi.si"], Q),
    engine("virgilio", &["ricerca.virgilio.it"], &["qs"]),
    engine("libero", &["arianna.libero.it", "search.libero.it"], QUERY),
    engine("excite", &["excite.*"], &["q", "search"]),
    engine("info.com", &["info.com"], &["qkw", "q"]),
    engine("gibiru", &["gibiru.com"], Q),
    engine("searx", &["searx.*", "searxng.*"], Q),
    engine("webcrawler", &["webcrawler.com"], Q),
    engine("metacrawler", &["metacrawler.com"], Q),
    engine("infospace", &["infospace.com"], Q),
    engine("search.com", &["search.com"], Q),
    engine("nate", &["search.nate.com"], Q),
    engine("zum", &["search.zum.com"], &["query"]),
    engine("centrum", &["search.centrum.cz"], Q),
    engine("zoznam", &["search.zoznam.sk", "=zoznam.sk"], &["s", "q"]),
    engine("kvasir", &["kvasir.no"], Q),
    engine("startsiden", &["startsiden.no"], Q),
    engine("sapo", &["pesquisa.sapo.pt"], Q),
    engine("uol", &["busca.uol.com.br"], Q),
    engine("t-online", &["suche.t-online.de"], Q),
    engine("web.de", &["suche.web.de"], &["q", "su"]),
    engine("gmx", &["suche.gmx.*", "search.gmx.*"], Q),
    engine(
        "orange",
        &["lemoteur.orange.fr", "search.orange.co.uk"],
        &["kw", "q"],
    ),
    engine("lilo", &["search.lilo.org"], Q),
    engine("ghostery", &["ghosterysearch.com"], Q),
    engine("mullvad", &["leta.mullvad.net"], Q),
    engine(
        "marginalia",
        &["search.marginalia.nu", "marginalia-search.com"],
        &["query"],
    ),
    engine("stract", &["stract.com"], Q),
    engine("oscobo", &["oscobo.com"], Q),
    engine("entireweb", &["entireweb.com"], Q),
    engine("exalead", &["exalead.com"], Q),
    engine("hotbot", &["hotbot.com"], QUERY),
    engine("abv", &["search.abv.bg"], Q),
    engine("walla", &["search.walla.co.il"], Q),
    engine("toutiao", &["so.toutiao.com"], &["keyword"]),
    engine("qip.ru", &["search.qip.ru"], &["query"]),
];

/// Subdomains of engines' domains that are not search (`docs.google.com`,
/// `market.yandex.ru`, `an.yandex.ru` ad network…): plain sites.
const NOT_SEARCH: &[&str] = &[
    "360",
    "about",
    "accounts",
    "admob",
    "ads",
    "adwords",
    "afisha",
    "an",
    "analytics",
    "auto",
    "blog",
    "business",
    "calendar",
    "careers",
    "chat",
    "classroom",
    "cloud",
    "colab",
    "console",
    "datastudio",
    "developers",
    "direct",
    "disk",
    "docs",
    "drive",
    "eda",
    "fanyi",
    "finance",
    "firebase",
    "fonts",
    "games",
    "groups",
    "help",
    "id",
    "jobs",
    "keep",
    "lookerstudio",
    "market",
    "marketingplatform",
    "meet",
    "metrika",
    "music",
    "myaccount",
    "pan",
    "passport",
    "pay",
    "photos",
    "play",
    "realty",
    "sites",
    "sports",
    "sso",
    "store",
    "support",
    "tagassistant",
    "tagmanager",
    "taxi",
    "translate",
    "travel",
    "trends",
    "tv",
    "wallet",
    "webmaster",
    "yun",
];

/// The engine of a referrer host and path.
pub fn find(host: &Host, path: &str) -> Option<&'static Engine> {
    ENGINES.iter().find(|e| {
        domain::find(host, path, e.hosts)
            .is_some_and(|sub| !NOT_SEARCH.contains(&sub.rsplit('.').next().unwrap_or(sub)))
    })
}

/// The engine an ad tag names (`utm_source=google`, `yandex.ru`…).
pub fn named(name: &str) -> Option<&'static Engine> {
    if name.len() > 64 {
        return None;
    }
    let name = name.trim().to_ascii_lowercase();
    ENGINES
        .iter()
        .find(|e| e.id == name)
        .or_else(|| find(&Host::new(&name), "/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_engines_by_host() {
        let cases = [
            ("www.google.com", "/search", Some("google")),
            ("www.google.co.uk", "/", Some("google")),
            ("www.google.com.tr", "/", Some("google")),
            ("images.google.ru", "/", Some("google")),
            (
                "com.google.android.googlequicksearchbox",
                "/",
                Some("google"),
            ),
            ("docs.google.com", "/", None),
            ("google.com.evil.example", "/", None),
            ("notgoogle.com", "/", None),
            ("yandex.com.tr", "/search/", Some("yandex")),
            ("ya.ru", "/", Some("yandex")),
            ("market.yandex.ru", "/", None),
            ("an.yandex.ru", "/", None),
            ("yabs.yandex.ru", "/count/x", Some("yandex")),
            ("cn.bing.com", "/", Some("bing")),
            ("r.search.yahoo.com", "/_ylt=A;_ylu=B", Some("yahoo")),
            ("search.yahoo.co.jp", "/search", Some("yahoo")),
            ("news.yahoo.com", "/", None),
            ("go.mail.ru", "/search", Some("mail.ru")),
            ("news.mail.ru", "/", None),
            ("m.search.naver.com", "/", Some("naver")),
            ("blog.naver.com", "/", None),
            ("www.so.com", "/s", Some("so.com")),
            ("search.brave.com", "/search", Some("brave")),
            ("brave.com", "/", None),
            ("example.com", "/", None),
        ];
        for (host, path, want) in cases {
            assert_eq!(
                find(&Host::new(host), path).map(|e| e.id),
                want,
                "{host}{path}"
            );
        }
    }

    #[test]
    fn names_engines_from_tags() {
        let cases = [
            ("google", Some("google")),
            ("Yandex", Some("yandex")),
            ("yandex.ru", Some("yandex")),
            ("www.bing.com", Some("bing")),
            ("facebook", None),
            ("", None),
        ];
        for (name, want) in cases {
            assert_eq!(named(name).map(|e| e.id), want, "{name}");
        }
    }

    #[test]
    fn ids_are_unique_lower_case_and_many() {
        assert!(ENGINES.len() >= 60);
        for (i, e) in ENGINES.iter().enumerate() {
            assert_eq!(e.id, e.id.to_ascii_lowercase());
            assert!(ENGINES[..i].iter().all(|o| o.id != e.id), "{}", e.id);
            assert!(!e.hosts.is_empty() && !e.params.is_empty(), "{}", e.id);
        }
    }
}
