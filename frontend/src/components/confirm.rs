//! Confirmation before a destructive or final action: a modal `<dialog>`
//! that says what will happen. Escape is "cancel"; focus moves to the
//! harmless choice (Cancel) when it opens (see [`super::modal::modal`]).

use leptos::html;
use leptos::prelude::*;

use super::modal::modal;

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
    let closed = modal(open, dialog, cancel);
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
