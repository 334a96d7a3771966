//! "Copy" next to a link: the Clipboard API where the page may use it (a
//! secure context: HTTPS or localhost), else the older `execCommand("copy")`
//! on a hidden text area, which works over plain HTTP on a LAN install. The
//! button says "Copied" for two seconds, and a live region says it to screen
//! readers; if neither way works it says so, and the link stays selectable.

use std::time::Duration;

use js_sys::{Function, Promise, Reflect};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::reactive::State;

#[derive(Clone, Copy, PartialEq, Eq)]
enum CopyState {
    Idle,
    Copied,
    Failed,
}

/// Calls `target[name](arg)` if `target` has such a method.
fn call(target: &JsValue, name: &str, arg: Option<&JsValue>) -> Option<JsValue> {
    let f = Reflect::get(target, &name.into()).ok()?.dyn_into::<Function>().ok()?;
    match arg {
        Some(a) => f.call1(target, a).ok(),
        None => f.call0(target).ok(),
    }
}

async fn clipboard_api(text: &str) -> bool {
    // `navigator.clipboard` is undefined outside secure contexts.
    let Ok(clipboard) = Reflect::get(&window().navigator(), &"clipboard".into()) else {
        return false;
    };
    if clipboard.is_undefined() {
        return false;
    }
    match call(&clipboard, "writeText", Some(&text.into())).and_then(|p| p.dyn_into::<Promise>().ok()) {
        Some(promise) => JsFuture::from(promise).await.is_ok(),
        None => false,
    }
}

fn exec_command(text: &str) -> bool {
    let doc = document();
    let Ok(area) = doc.create_element("textarea") else {
        return false;
    };
    let _ = area.set_attribute("readonly", "");
    // A class, not a style attribute: the CSP allows no inline styles.
    let _ = area.set_attribute("class", "copy-buffer");
    let _ = Reflect::set(&area, &"value".into(), &text.into());
    let Some(body) = doc.body() else { return false };
    if body.append_child(&area).is_err() {
        return false;
    }
    call(&area, "select", None);
    let copied = call(&doc, "execCommand", Some(&"copy".into())).is_some_and(|v| v.is_truthy());
    area.remove();
    copied
}

pub async fn copy_text(text: &str) -> bool {
    clipboard_api(text).await || exec_command(text)
}

/// A button that copies `text`; `label` names what it copies ("Copy
/// candidate link"), so that several on one screen stay tellable apart.
#[component]
pub fn CopyButton(
    #[prop(into)] text: Signal<String>,
    label: &'static str,
    #[prop(optional)] testid: &'static str,
) -> impl IntoView {
    let state = State::new(CopyState::Idle);
    let click = move |_| {
        let text = text.get_untracked();
        leptos::task::spawn_local(async move {
            let done = if copy_text(&text).await {
                CopyState::Copied
            } else {
                CopyState::Failed
            };
            state.set(done);
            set_timeout(
                move || {
                    let _ = state.try_set(CopyState::Idle);
                },
                Duration::from_secs(2),
            );
        });
    };
    view! {
        <button type="button" class="secondary copy" class:copied=move || state.get() == CopyState::Copied
            data-testid=(!testid.is_empty()).then_some(testid) on:click=click>
            {move || match state.get() {
                CopyState::Idle => label,
                CopyState::Copied => "Copied",
                CopyState::Failed => "Copy failed: select the link and press Ctrl+C",
            }}
        </button>
        <span class="visually-hidden" role="status">{move || (state.get() == CopyState::Copied).then_some("Copied to the clipboard")}</span>
    }
}
