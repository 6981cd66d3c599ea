//! Single-page navigations: `history.pushState`/`replaceState` (wrapped by
//! the host, unwrapped on drop) and `popstate`, reported when the path
//! changes.

use alloc::rc::Rc;
use core::cell::Cell;

use js_sys::Function;

use super::{Observed, Sink};
use crate::web::dom;
use crate::web::host::{self, Callback, Listener};

pub struct History {
    undo: Option<Function>,
    _wrapped: Callback,
    _popstate: Listener,
}

impl History {
    pub fn watch(sink: Sink) -> History {
        let last = Cell::new(dom::path());
        let on_nav = move || {
            let now = dom::path();
            if last.replace(now.clone()) != now {
                sink(Observed::Navigated(now));
            }
        };
        let on_nav = Rc::new(on_nav);
        let pop = on_nav.clone();
        let wrapped = Callback::new(move |_| on_nav());
        History {
            undo: host::with(|h| h.history(&wrapped.f)),
            _wrapped: wrapped,
            _popstate: host::listen(&dom::window(), "popstate", move |_| pop()),
        }
    }
}

impl Drop for History {
    fn drop(&mut self) {
        if let Some(undo) = &self.undo {
            dom::any(undo).call();
        }
    }
}
