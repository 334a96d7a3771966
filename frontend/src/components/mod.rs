//! Small pieces shared by pages.

mod chart;
mod code_editor;
mod confirm;
mod copy;
mod keyed;
mod links;
mod markdown;
mod modal;
mod sign_in;
mod when;

use leptos::prelude::*;

pub use chart::{coord, PercentChart, Series, TableView};
pub use code_editor::{answer_languages, CodeEditor};
pub use confirm::ConfirmDialog;
pub use copy::CopyButton;
pub use keyed::{keyed, RowKey};
pub use links::{DocumentLink, DownloadLink};
pub use markdown::InlineMarkdown;
pub use modal::modal;
pub use sign_in::{safe_next, RequireSignIn};
pub use when::When;

/// Data loaded by a page: a "Loading…" line until the first answer, then
/// the children, or what went wrong (announced) if loading failed. Later
/// loads keep the current content in place (`Transition`).
#[component]
pub fn Loaded(children: ChildrenFn) -> impl IntoView {
    view! {
        <Transition fallback=|| view! { <p class="muted" role="status">"Loading…"</p> }>
            <ErrorBoundary fallback=|errors| view! {
                <p class="error" role="alert">
                    {move || errors.with(|e| e.iter().map(|(_, e)| e.to_string()).collect::<Vec<_>>().join(" "))}
                </p>
            }>
                {children()}
            </ErrorBoundary>
        </Transition>
    }
}

/// Shows an error message, announced to screen readers.
#[component]
pub fn ErrorMessage(#[prop(into)] error: Signal<Option<String>>) -> impl IntoView {
    view! {
        <When when=move || error.with(Option::is_some)>
            <p class="error" role="alert">{move || error.get().unwrap_or_default()}</p>
        </When>
    }
}

/// A labelled text input bound to a signal.
#[component]
pub fn Field(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "")] autocomplete: &'static str,
    #[prop(default = true)] required: bool,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input
                id=id
                name=id
                type=kind
                autocomplete=autocomplete
                required=required
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </div>
    }
}

/// A copyable "go to this path" function, usable from event handlers nested in
/// reactive children (which must be `Fn` and so cannot own the router's navigate closure).
pub fn navigator() -> impl Fn(&str) + Copy + 'static {
    let navigate = StoredValue::new_local(leptos_router::hooks::use_navigate());
    move |path: &str| navigate.with_value(|go| go(path, Default::default()))
}

/// A text area whose content is sent with `send` at most every 800 ms while
/// typing, once more when it loses focus, and once more when it goes away
/// (leaving the page): live-room text (notes) is stored as events, so every
/// keystroke would flood the log, and the last words must not be lost.
#[component]
pub fn DebouncedTextArea<F>(
    id: &'static str,
    label: &'static str,
    #[prop(default = 6)] rows: u32,
    initial: String,
    send: F,
) -> impl IntoView
where
    F: Fn(String) + Copy + 'static,
{
    let text = RwSignal::new(initial);
    let timer = StoredValue::new_local(None::<TimeoutHandle>);
    let flush = move || {
        let Some(Some(handle)) = timer.try_update_value(Option::take) else {
            return;
        };
        handle.clear();
        if let Some(t) = text.try_get_untracked() {
            send(t);
        }
    };
    // Runs before the room's socket closes (children are cleaned up first).
    on_cleanup({
        let flush = send_wrapper::SendWrapper::new(flush);
        move || (flush.take())()
    });
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <textarea id=id rows=rows prop:value=move || text.get()
                on:input=move |ev| {
                    text.set(event_target_value(&ev));
                    if timer.with_value(Option::is_none) {
                        let handle = set_timeout_with_handle(flush, std::time::Duration::from_millis(800)).ok();
                        timer.set_value(handle);
                    }
                }
                on:blur=move |_| flush()></textarea>
        </div>
    }
}
