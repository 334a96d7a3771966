//! What the candidate's own entry points share (`src/bin/room.rs` for
//! `/join/<token>`, `src/bin/mock.rs` for `/mock/<token>`): a candidate
//! arrives from their link and leaves when they are done, so these pages
//! need none of the application's router, navigation or other pages, and
//! leaving them out makes the first download a fraction of the whole
//! application's. The application has no copy of them: a link followed
//! inside it is loaded from the server, which serves it these pages.

use leptos::prelude::*;

/// Mounts the page of the link under `prefix` (such as `/join/`), given the
/// link's token, under a bar with the product's name.
pub fn mount<V: IntoView + 'static>(prefix: &str, page: impl FnOnce(String) -> V + 'static) {
    let path = window().location().pathname().unwrap_or_default();
    let token = token_of(&path, prefix).to_owned();
    leptos::mount::mount_to_body(move || {
        view! {
            <a class="skip-link" href="#main">"Skip to content"</a>
            <header class="topbar">
                <nav aria-label="Main">
                    <a href="/" class="brand">"Mockroom"</a>
                </nav>
            </header>
            <main id="main" tabindex="-1">{page(token)}</main>
        }
    });
}

/// The link's token: the path's segment after `prefix` (a trailing slash
/// allowed, as the application's router allows it).
fn token_of<'a>(path: &'a str, prefix: &str) -> &'a str {
    path.strip_prefix(prefix).unwrap_or("").trim_end_matches('/')
}
