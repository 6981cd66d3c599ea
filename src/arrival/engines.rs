//! The search engines, as data: an id (the lower-case name web analytics
//! tools use), the hosts (patterns of [`super::domain`]), the parameters
//! that carry the query, in order, and whether old links of the engine may
//! be windows-1251.

use super::domain::{self, Host};
use crate::text::listed;

/// One search engine, read from its line of [`ENGINES`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Engine {
    pub id: &'static str,
    /// Host patterns, space-separated.
    hosts: &'static str,
    /// Query parameters, most specific first (also read from the fragment),
    /// space-separated.
    pub params: &'static str,
}

impl Engine {
    /// Invalid UTF-8 in its queries is windows-1251 (looked up only for
    /// the engine found, not for every line read).
    pub fn cp1251(&self) -> bool {
        listed(CP1251, self.id)
    }
}

/// Every engine, one a line: `id host-pattern…|param…`; one string in the
/// wasm (no slice headers), read at use. Webmail, AI and other non-search
/// hosts of the same companies (`mail.google.com`, `gemini.google.com`,
/// `zen.yandex.ru`) are told apart by [`super::sites`] first;
/// [`NOT_SEARCH`] refuses the rest.
const ENGINES: &str = concat!(
    "google google.* com.google.android.googlequicksearchbox com.google.android.apps.searchlite|q\n",
    "yandex yandex.* ya.ru ru.yandex.searchplugin ru.yandex.mobile|text\n",
    "bing bing.com bingj.com search.msn.* com.microsoft.bing|q\n",
    "duckduckgo duckduckgo.com ddg.gg com.duckduckgo.mobile.android|q\n",
    "yahoo search.yahoo.* =yahoo.* com.yahoo.mobile.client.android.search|p q vp\n",
    "baidu baidu.com baidu.co.th com.baidu.searchbox|wd word kw\n",
    "ecosia ecosia.org|q\n",
    "mail.ru go.mail.ru =mail.ru|q words\n",
    "rambler nova.rambler.ru search.rambler.ru =rambler.ru|query words\n",
    "naver search.naver.com =naver.com|query\n",
    "daum search.daum.net =daum.net|q\n",
    "seznam search.seznam.cz =seznam.cz|q\n",
    "qwant qwant.com|q\n",
    "startpage startpage.com startpage.nl|query q\n",
    "ixquick ixquick.*|query q\n",
    "brave search.brave.com|q\n",
    "sogou sogou.com|query keyword q\n",
    "so.com so.com so.360.cn haosou.com|q\n",
    "sm.cn sm.cn|q\n",
    "ask ask.com ask.co.uk|q ask searchfor\n",
    "aol search.aol.* aolsearch.com|query q\n",
    "dogpile dogpile.com|q\n",
    "lycos lycos.*|query q\n",
    "swisscows swisscows.com|query q\n",
    "mojeek mojeek.com mojeek.co.uk|q\n",
    "kagi kagi.com|q\n",
    "coccoc coccoc.com|query q\n",
    "yep yep.com|q\n",
    "petal petalsearch.com|query q\n",
    "onet szukaj.onet.pl|qt q\n",
    "wp szukaj.wp.pl|szukaj q\n",
    "interia szukaj.interia.pl|q\n",
    "sputnik sputnik.ru|q\n",
    "nigma nigma.ru|s q\n",
    "tut.by search.tut.by|query str\n",
    "webalta webalta.ru|q\n",
    "aport aport.ru|r q\n",
    "meta.ua meta.ua|q\n",
    "search.ch search.ch|q\n",
    "metager metager.de metager.org|eingabe q\n",
    "presearch presearch.com presearch.org|q\n",
    "goo search.goo.ne.jp|mt q\n",
    "biglobe search.biglobe.ne.jp|q\n",
    "nifty search.nifty.com|q text\n",
    "rakuten websearch.rakuten.co.jp|qt\n",
    "auone search.auone.jp|q\n",
    "docomo search.smt.docomo.ne.jp|mt\n",
    "najdi najdi.si|q\n",
    "virgilio ricerca.virgilio.it|qs\n",
    "libero arianna.libero.it search.libero.it|query q\n",
    "excite excite.*|q search\n",
    "info.com info.com|qkw q\n",
    "gibiru gibiru.com|q\n",
    "searx searx.* searxng.*|q\n",
    "webcrawler webcrawler.com|q\n",
    "metacrawler metacrawler.com|q\n",
    "infospace infospace.com|q\n",
    "search.com search.com|q\n",
    "nate search.nate.com|q\n",
    "zum search.zum.com|query\n",
    "centrum search.centrum.cz|q\n",
    "zoznam search.zoznam.sk =zoznam.sk|s q\n",
    "kvasir kvasir.no|q\n",
    "startsiden startsiden.no|q\n",
    "sapo pesquisa.sapo.pt|q\n",
    "uol busca.uol.com.br|q\n",
    "t-online suche.t-online.de|q\n",
    "web.de suche.web.de|q su\n",
    "gmx suche.gmx.* search.gmx.*|q\n",
    "orange lemoteur.orange.fr search.orange.co.uk|kw q\n",
    "lilo search.lilo.org|q\n",
    "ghostery ghosterysearch.com|q\n",
    "mullvad leta.mullvad.net|q\n",
    "marginalia search.marginalia.nu marginalia-search.com|query\n",
    "stract stract.com|q\n",
    "oscobo oscobo.com|q\n",
    "entireweb entireweb.com|q\n",
    "exalead exalead.com|q\n",
    "hotbot hotbot.com|query q\n",
    "abv search.abv.bg|q\n",
    "walla search.walla.co.il|q\n",
    "toutiao so.toutiao.com|keyword\n",
    "qip.ru search.qip.ru|query",
);

/// Engines whose old links may be windows-1251.
const CP1251: &str = "yandex mail.ru rambler nigma tut.by webalta aport meta.ua";

/// One line of [`ENGINES`].
fn parse(line: &'static str) -> Engine {
    let (head, params) = crate::text::halves(line, b'|');
    let (id, hosts) = crate::text::halves(head, b' ');
    Engine { id, hosts, params }
}

/// Subdomains of engines' domains that are not search (`docs.google.com`,
/// `market.yandex.ru`, `an.yandex.ru` ad network…): plain sites.
const NOT_SEARCH: &str = concat!(
    "360 about accounts admob ads adwords afisha an analytics auto blog business calendar ",
    "careers chat classroom cloud colab console datastudio developers direct disk docs ",
    "drive eda fanyi finance firebase fonts games groups help id jobs keep lookerstudio ",
    "market marketingplatform meet metrika music myaccount pan passport pay photos play ",
    "realty sites sports sso store support tagassistant tagmanager taxi translate travel ",
    "trends tv wallet webmaster yun",
);

/// The engine of a referrer host and path.
pub fn find(host: &Host, path: &str) -> Option<Engine> {
    first(host, path, "")
}

/// The engine an ad tag names (`utm_source=google`, `yandex.ru`…).
pub fn named(name: &str) -> Option<Engine> {
    if name.len() > 64 {
        return None;
    }
    let name = crate::text::trim(name).to_ascii_lowercase();
    first(&Host::new(&name), "/", &name)
}

/// The first engine whose id is `id` (`""` for none) or that serves `host`
/// and `path`. One walk for both: no engine serves another's id as a host
/// (a test holds it), so an id still wins over a host.
fn first(host: &Host, path: &str, id: &str) -> Option<Engine> {
    // A plain loop over the lines: `find` on `split(…).map(parse)` keeps
    // the adaptors' closure instances (more wasm).
    for line in crate::text::split(ENGINES, b'\n') {
        let e = parse(line);
        if e.id == id
            || domain::find(host, path, e.hosts).is_some_and(|sub| {
                let last = crate::text::rsplit_once(sub, b'.').map_or(sub, |(_, last)| last);
                !listed(NOT_SEARCH, last)
            })
        {
            return Some(e);
        }
    }
    None
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
        let engines: Vec<Engine> = crate::text::split(ENGINES, b'\n').map(parse).collect();
        assert!(engines.len() >= 60);
        for (i, e) in engines.iter().enumerate() {
            assert_eq!(e.id, e.id.to_ascii_lowercase());
            assert!(engines[..i].iter().all(|o| o.id != e.id), "{}", e.id);
            for list in [e.hosts, e.params] {
                assert!(list.split(' ').all(|w| !w.is_empty()), "{}", e.id);
            }
        }
        for e in &engines {
            assert!(!e.id.is_empty());
            assert_eq!(named(e.id), Some(*e), "{} as a host", e.id);
        }
        assert!(CP1251
            .split(' ')
            .all(|id| engines.iter().any(|e| e.id == id)));
    }
}
