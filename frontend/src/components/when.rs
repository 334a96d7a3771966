//! `When`: Leptos's `<Show>`, compiled once.

use leptos::prelude::*;

/// The children while `when` holds, else the fallback (nothing by default),
/// redrawn only when `when` flips, as `<Show>` does. `<Show>` is generic over
/// its condition and its children's view, and was compiled once per use (33
/// of them, 22 KB of WASM before compression); here both are erased (a
/// signal, children as a boxed function), so this is compiled once.
#[component]
pub fn When(
    #[prop(into)] when: Signal<bool>,
    children: ChildrenFn,
    #[prop(optional, into)] fallback: ViewFn,
) -> impl IntoView {
    let shown = Memo::new(move |_| when.get());
    move || if shown.get() { children() } else { fallback.run() }
}
