//! Links to what the server renders itself (scorecards, CSV and JSON
//! exports). The client router catches every same-origin `<a>` click and
//! would show its "page not found" for these; it lets the browser have the
//! click when the link has `download`, a `target`, or `rel="external"`
//! (leptos_router 0.8, `location::handle_anchor_click`). Both links carry
//! `rel="external"` so that a later change of `download` or `target` cannot
//! bring the router back in.

use leptos::prelude::*;

/// A file the server sends as an attachment: the browser saves it.
#[component]
pub fn DownloadLink(
    #[prop(into)] href: String,
    /// The suggested file name (the server's `Content-Disposition` wins).
    #[prop(into)]
    filename: String,
    #[prop(optional)] testid: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <a href=href download=filename rel="external" data-testid=(!testid.is_empty()).then_some(testid)>{children()}</a>
    }
}

/// A printable page the server renders (a scorecard), opened in a new tab.
#[component]
pub fn DocumentLink(
    #[prop(into)] href: String,
    #[prop(optional)] testid: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <a href=href target="_blank" rel="external noopener" data-testid=(!testid.is_empty()).then_some(testid)>{children()}</a>
    }
}
