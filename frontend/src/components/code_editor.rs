//! A code editor (CodeMirror 6, from `frontend/editor`) for answers written
//! as code: line numbers, tab indentation, undo, highlighting for the
//! language picked. The editor is a JS module fetched the first time one is
//! shown (`frontend/js/code_editor.js`), so pages without one never load it.
//! Read-only, it shows the candidate's code to interviewers with the same
//! highlighting.

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::When;
use crate::reactive::effect;

#[wasm_bindgen(module = "/js/code_editor.js")]
extern "C" {
    #[wasm_bindgen(js_name = mountEditor, catch)]
    async fn mount_editor(
        parent: &web_sys::HtmlElement,
        doc: &str,
        language: &str,
        read_only: bool,
        label: &str,
        on_change: &JsValue,
    ) -> Result<JsValue, JsValue>;

    type EditorHandle;

    #[wasm_bindgen(method, js_name = setDoc)]
    fn set_doc(this: &EditorHandle, text: &str);

    #[wasm_bindgen(method, js_name = setLanguage)]
    fn set_language(this: &EditorHandle, id: &str) -> js_sys::Promise;

    #[wasm_bindgen(method)]
    fn destroy(this: &EditorHandle);
}

/// The languages an answer can be written in, `(id, label)`; "plain" is a
/// plain text box. The ids are those of `frontend/editor/src/editor.js` and
/// of the server's check (`mockroom_api::ANSWER_LANGUAGES`).
pub fn answer_languages() -> impl Iterator<Item = (&'static str, &'static str)> {
    mockroom_api::ANSWER_LANGUAGES.iter().copied()
}

#[component]
pub fn CodeEditor(
    /// The text shown; the editor follows it when it changes elsewhere.
    #[prop(into)]
    text: Signal<String>,
    /// A language id of [`answer_languages`].
    #[prop(into)]
    language: Signal<String>,
    /// The accessible name of the editing area.
    label: String,
    #[prop(optional)] read_only: bool,
    /// Every edit the user makes (not the changes that follow `text`).
    #[prop(optional)]
    on_change: Option<Callback<String>>,
    /// The editor could not be loaded (offline, or not in this build).
    #[prop(optional)]
    on_failed: Option<Callback<()>>,
    #[prop(optional)] testid: &'static str,
) -> impl IntoView {
    let slot = NodeRef::<Div>::new();
    let editor = StoredValue::new_local(None::<EditorHandle>);
    // The JS side calls this on every edit; it lives as long as the editor.
    let listener = StoredValue::new_local(None::<Closure<dyn FnMut(String)>>);
    let loading = RwSignal::new(true);

    effect(move || {
        let Some(parent) = slot.get() else { return };
        let on_change_js = on_change.map(|cb| Closure::<dyn FnMut(String)>::new(move |t: String| cb.run(t)));
        let on_change_value = on_change_js
            .as_ref()
            .map(|c| c.as_ref().clone())
            .unwrap_or(JsValue::UNDEFINED);
        listener.set_value(on_change_js);
        let label = label.clone();
        leptos::task::spawn_local(async move {
            let (doc, lang) = (text.get_untracked(), language.get_untracked());
            match mount_editor(&parent, &doc, &lang, read_only, &label, &on_change_value).await {
                Ok(handle) => {
                    let handle: EditorHandle = handle.unchecked_into();
                    // The text or the language may have moved on while it loaded.
                    if let (Some(doc), Some(lang)) = (text.try_get_untracked(), language.try_get_untracked()) {
                        handle.set_doc(&doc);
                        let _ = handle.set_language(&lang);
                    }
                    // Gone meanwhile: the editor goes too.
                    if let Some(Some(orphan)) = editor.try_set_value(Some(handle)) {
                        orphan.destroy();
                    }
                    let _ = loading.try_set(false);
                }
                Err(_) => {
                    let _ = loading.try_set(false);
                    if let Some(failed) = on_failed {
                        failed.run(());
                    }
                }
            }
        });
    });
    effect(move || {
        let doc = text.get();
        editor.with_value(|e| e.as_ref().map(|e| e.set_doc(&doc)));
    });
    effect(move || {
        let lang = language.get();
        editor.with_value(|e| e.as_ref().map(|e| e.set_language(&lang)));
    });
    on_cleanup(move || {
        if let Some(Some(e)) = editor.try_update_value(Option::take) {
            e.destroy();
        }
    });

    view! {
        <div class="code-editor-slot" node_ref=slot data-testid=testid></div>
        <When when=move || loading.get()>
            <p class="muted small" role="status">"Loading the code editor…"</p>
        </When>
    }
}
