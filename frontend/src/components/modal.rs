//! What every modal `<dialog>` of the app does: opened and closed by a
//! signal, focus on a chosen button when it opens (the harmless one), and
//! back to whatever had it when it closes, however it closes (Escape,
//! a button, the signal). The browser's modal dialog makes the rest of the
//! page inert.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::reactive::effect;

/// Wires `dialog` to `open`; returns what its `on:close` must call.
pub fn modal(open: RwSignal<bool>, dialog: NodeRef<html::Dialog>, focus: NodeRef<html::Button>) -> impl Fn() + Copy {
    // What had focus before the dialog opened, to give it back.
    let opener = StoredValue::new_local(None::<web_sys::HtmlElement>);
    effect(move || {
        let wanted = open.get();
        let Some(d) = dialog.get() else { return };
        if wanted && !d.open() {
            let active = document()
                .active_element()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            opener.set_value(active);
            if d.show_modal().is_ok() {
                if let Some(b) = focus.get() {
                    let _ = b.focus();
                }
            }
        } else if !wanted && d.open() {
            // Fires `close`, which gives the focus back.
            d.close();
        }
    });
    move || {
        open.set(false);
        if let Some(el) = opener.try_update_value(Option::take).flatten() {
            let _ = el.focus();
        }
    }
}
