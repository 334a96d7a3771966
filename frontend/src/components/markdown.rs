//! Short Markdown lines (rubric anchors, quick-check options) as elements:
//! the spans come from `mockroom_api::inline_markdown`, the same reader the
//! scorecard uses, and each becomes text inside `<strong>`, `<em>` or
//! `<code>`, so nothing in the line can become markup.

use leptos::prelude::*;
use mockroom_api::inline_markdown::{spans, Span};

fn span_view(s: Span) -> AnyView {
    let text = s.text;
    let inner = if s.code {
        view! { <code>{text}</code> }.into_any()
    } else {
        text.into_any()
    };
    let inner = if s.emphasis {
        view! { <em>{inner}</em> }.into_any()
    } else {
        inner
    };
    if s.strong {
        view! { <strong>{inner}</strong> }.into_any()
    } else {
        inner
    }
}

#[component]
pub fn InlineMarkdown(#[prop(into)] text: String) -> impl IntoView {
    spans(&text).into_iter().map(span_view).collect_view()
}
