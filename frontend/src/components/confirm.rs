//! Confirmation before a destructive or final action: a modal `<dialog>`
//! that says what will happen. The browser's modal dialog makes the rest of
//! the page inert and turns Escape into "cancel"; focus moves to the
//! harmless choice (Cancel) when it opens, and back to whatever opened it
//! when it closes, however it closes.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn ConfirmDialog(
    /// Opens and closes the dialog; the page sets it to ask.
    open: RwSignal<bool>,
    /// A page-unique prefix for the heading's and the text's ids.
    id: &'static str,
    #[prop(into)] title: String,
    /// The button that goes ahead, named for the action ("End the interview").
    confirm: &'static str,
    /// A callback rather than a generic: one copy of the dialog in the bundle.
    #[prop(into)]
    on_confirm: Callback<()>,
    /// What will happen, in the words of the person affected.
    children: Children,
) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    let cancel = NodeRef::<html::Button>::new();
    // What had focus before the dialog opened, to give it back.
    let opener = StoredValue::new_local(None::<web_sys::HtmlElement>);

    Effect::new(move |_| {
        let wanted = open.get();
        let Some(d) = dialog.get() else { return };
        if wanted && !d.open() {
            let active = document()
                .active_element()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            opener.set_value(active);
            if d.show_modal().is_ok() {
                if let Some(c) = cancel.get() {
                    let _ = c.focus();
                }
            }
        } else if !wanted && d.open() {
            // Fires `close`, which gives the focus back.
            d.close();
        }
    });
    let closed = move || {
        open.set(false);
        if let Some(el) = opener.try_update_value(Option::take).flatten() {
            let _ = el.focus();
        }
    };
    let heading = format!("{id}-title");
    let text = format!("{id}-text");
    let (labelled_by, described_by) = (heading.clone(), text.clone());
    view! {
        <dialog node_ref=dialog class="confirm" role="alertdialog" aria-modal="true"
            aria-labelledby=labelled_by aria-describedby=described_by data-testid=id
            on:close=move |_| closed()>
            <h2 id=heading>{title}</h2>
            <div id=text>{children()}</div>
            <div class="inline actions">
                <button type="button" class="secondary" node_ref=cancel on:click=move |_| open.set(false)>"Cancel"</button>
                <button type="button" class="danger" data-testid="confirm"
                    on:click=move |_| {
                        open.set(false);
                        on_confirm.run(());
                    }>{confirm}</button>
            </div>
        </dialog>
    }
}
