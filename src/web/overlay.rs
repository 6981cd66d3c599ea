//! The `?jobwise-debug` overlay: the decision and its reasons as plain
//! text in its own shadow root, so the page's CSS can't touch it and no
//! data is ever parsed as HTML.

use web_sys::Element;

use crate::web::dom;

const STYLE: &str =
    "position:fixed;z-index:2147483647;right:8px;bottom:8px;max-width:min(520px,90vw);\
max-height:60vh;overflow:auto;margin:0;padding:8px 10px;font:12px/1.45 ui-monospace,monospace;\
background:#111;color:#eee;border-radius:6px;white-space:pre-wrap;opacity:.93";

pub struct Overlay {
    host: Element,
    text: Element,
}

impl Overlay {
    /// Adds the overlay at the end of the body.
    pub fn new() -> Option<Overlay> {
        let doc = dom::document();
        let host = doc.create_element("jobwise-debug").ok()?;
        let shadow = host
            .attach_shadow(&dom::options(r#"{"mode":"open"}"#))
            .ok()?;
        let text = doc.create_element("pre").ok()?;
        text.set_attribute("style", STYLE).ok()?;
        shadow.append_child(&text).ok()?;
        let parent: Element = doc
            .body()
            .map(Into::into)
            .or_else(|| doc.document_element())?;
        parent.append_child(&host).ok()?;
        Some(Overlay { host, text })
    }

    pub fn show(&self, text: &str) {
        self.text.set_text_content(Some(text));
    }
}

impl Drop for Overlay {
    fn drop(&mut self) {
        self.host.remove();
    }
}
