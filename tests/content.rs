//! js/actuate.js applies the rules' `content` as written in the rules'
//! text (js/sdk.js reads it once the wasm has validated the rules): so a
//! variant that validates holds only the safe keys, and safe links, and
//! the validated content is the text's, unchanged.

use jobwise::rules::parse;

fn rules(href: &str, more: &str) -> Result<jobwise::rules::Rules, Vec<jobwise::rules::Problem>> {
    parse(&format!(
        r#"{{"version":1,"jobs":{{"photo":{{"signals":[{{"terms":["photo"],"weight":1}}]}}}},
        "content":{{"cta":{{"photo":{{"href":"{href}","src":"{href}"{more}}}}}}}}}"#
    ))
}

#[test]
fn only_safe_keys_and_links_validate() {
    for ok in [
        "/lofts",
        "#top",
        "lofts?x=1",
        "https://example.com/",
        "http://x.test",
    ] {
        let r = rules(ok, "").unwrap_or_else(|p| panic!("{ok}: {p:?}"));
        let c = &r.content[0].variants[0];
        assert_eq!(c.href.as_deref(), Some(ok));
        assert_eq!(c.attrs, vec![("src".into(), ok.into())]);
        assert!(
            rules(ok, r#","onclick":"x()""#).is_err(),
            "not on the safe list"
        );
        assert!(rules(ok, r#","href":"/x""#).is_err(), "a duplicate key");
    }
    for bad in [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "java\\tscript:x",
        "data:text/html,x",
        "vbscript:x",
    ] {
        assert!(rules(bad, "").is_err(), "{bad}");
    }
}
