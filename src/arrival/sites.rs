//! Sites that are not search engines but tell the kind of traffic: social
//! networks and messengers, webmail, AI assistants, ad-click servers. Host
//! patterns of [`super::domain`]; Android app ids (`android-app://…`) too.

use super::domain::{self, Host};
use super::Source;
use crate::text::listed;

const SOCIAL: &str = concat!(
    "facebook.com fb.com fb.me fb.watch m.me messenger.com instagram.com ig.me threads.net ",
    "threads.com x.com twitter.com t.co linkedin.com lnkd.in pinterest.* pin.it reddit.com ",
    "redd.it youtube.com youtu.be tiktok.com douyin.com snapchat.com whatsapp.com wa.me ",
    "wl.co t.me telegram.me telegram.org vk.com vk.ru vk.cc vkontakte.ru ok.ru ",
    "odnoklassniki.ru my.mail.ru dzen.ru zen.yandex.* pikabu.ru tenchat.ru rutube.ru ",
    "livejournal.com quora.com tumblr.com discord.com discord.gg viber.com line.me ",
    "weibo.com weibo.cn weixin.qq.com qzone.qq.com tieba.baidu.com xiaohongshu.com ",
    "bilibili.com kakao.com band.us bsky.app mastodon.social twitch.tv vimeo.com flickr.com ",
    "xing.com nextdoor.com news.ycombinator.com slack.com com.facebook.katana ",
    "com.facebook.lite com.facebook.orca com.instagram.android com.instagram.barcelona ",
    "com.twitter.android com.linkedin.android com.pinterest com.reddit.frontpage ",
    "com.google.android.youtube com.zhiliaoapp.musically com.ss.android.ugc.trill ",
    "com.snapchat.android com.whatsapp org.telegram.messenger org.thunderdog.challegram ",
    "com.vkontakte.android ru.ok.android com.discord com.viber.voip jp.naver.line.android ",
    "com.slack",
);

const WEBMAIL: &str = concat!(
    "mail.google.com inbox.google.com com.google.android.gm outlook.live.com ",
    "outlook.office.com outlook.office365.com outlook.com mail.live.com hotmail.com ",
    "com.microsoft.office.outlook e.mail.ru touch.mail.ru octavius.mail.ru ru.mail.mailapp ",
    "mail.yandex.* ru.yandex.mail mail.yahoo.* com.yahoo.mobile.client.android.mail ",
    "mail.aol.com mail.rambler.ru mail.ukr.net mail.qq.com mail.163.com mail.126.com ",
    "mail.naver.com mail.daum.net email.seznam.cz poczta.onet.pl poczta.wp.pl ",
    "poczta.interia.pl mail.proton.me mail.protonmail.com ch.protonmail.android ",
    "app.tuta.com fastmail.com mail.zoho.* navigator.web.de navigator.gmx.net ",
    "webmail.gmx.net icloud.com/mail",
);

/// Leftmost labels of webmail hosts anywhere (`webmail.provider.net`).
const WEBMAIL_LABELS: &str = "mail webmail email correo poczta posta";

const AI: &str = concat!(
    "chatgpt.com chat.openai.com perplexity.ai perplexity.com claude.ai gemini.google.com ",
    "bard.google.com aistudio.google.com notebooklm.google.com copilot.microsoft.com ",
    "copilot.cloud.microsoft m365.cloud.microsoft bing.com/chat deepseek.com you.com ",
    "meta.ai poe.com chat.mistral.ai grok.com x.com/i/grok phind.com character.ai pi.ai ",
    "huggingface.co/chat chat.qwen.ai chat.z.ai kimi.com kimi.moonshot.cn doubao.com ",
    "yiyan.baidu.com alice.yandex.* giga.chat duck.ai felo.ai com.openai.chatgpt ",
    "ai.perplexity.app.android com.anthropic.claude com.google.android.apps.bard ",
    "com.microsoft.copilot",
);

/// Ad-click servers: a referrer here is a paid click.
const ADS: &str = concat!(
    "googleadservices.com doubleclick.net googlesyndication.com adservice.google.* ",
    "syndicatedsearch.goog google.*/aclk google.*/pagead/ bing.com/aclk duckduckgo.com/y.js ",
    "search.yahoo.*/cbclk baidu.com/baidu.php ad.search.naver.com an.yandex.* yabs.yandex.* ",
    "yandex.*/an/count clickserve.dartsearch.net criteo.com adform.net",
);

/// The kind of traffic a non-search referrer tells; `Referral` when it
/// tells none (no `Option` to test: no site is told a referral).
pub fn kind(host: &Host, path: &str) -> Source {
    if domain::find(host, path, AI).is_some() {
        Source::Ai
    } else if domain::find(host, path, WEBMAIL).is_some()
        || (host.has_subdomain() && listed(WEBMAIL_LABELS, host.first_label()))
    {
        Source::Email
    } else if domain::find(host, path, SOCIAL).is_some() {
        Source::Social
    } else {
        Source::Referral
    }
}

/// True for an ad-click server.
pub fn is_ad_click(host: &Host, path: &str) -> bool {
    domain::find(host, path, ADS).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_kinds() {
        let cases = [
            ("l.facebook.com", "/l.php", Source::Social),
            ("lm.facebook.com", "/", Source::Social),
            ("away.vk.com", "/away.php", Source::Social),
            ("t.co", "/abc", Source::Social),
            ("www.pinterest.co.uk", "/", Source::Social),
            ("zen.yandex.ru", "/", Source::Social),
            ("org.telegram.messenger", "/", Source::Social),
            ("mail.google.com", "/mail/u/0/", Source::Email),
            ("e.mail.ru", "/", Source::Email),
            ("mail.yandex.com.tr", "/", Source::Email),
            ("webmail.example.net", "/", Source::Email),
            ("mail.ru", "/", Source::Referral),
            ("gemini.google.com", "/app", Source::Ai),
            ("www.bing.com", "/chat", Source::Ai),
            ("chatgpt.com", "/", Source::Ai),
            ("x.com", "/i/grok", Source::Ai),
            ("x.com", "/someone", Source::Social),
            ("www.google.com", "/", Source::Referral),
            ("example.com", "/", Source::Referral),
        ];
        for (host, path, want) in cases {
            assert_eq!(kind(&Host::new(host), path), want, "{host}{path}");
        }
    }

    #[test]
    fn tells_ad_clicks() {
        let cases = [
            ("www.googleadservices.com", "/pagead/aclk", true),
            ("ad.doubleclick.net", "/", true),
            ("www.google.com", "/aclk", true),
            ("www.google.com", "/search", false),
            ("yabs.yandex.ru", "/count/abc", true),
            ("yandex.ru", "/an/count/abc", true),
            ("yandex.ru", "/search/", false),
            ("example.com", "/aclk", false),
        ];
        for (host, path, want) in cases {
            assert_eq!(is_ad_click(&Host::new(host), path), want, "{host}{path}");
        }
    }
}
