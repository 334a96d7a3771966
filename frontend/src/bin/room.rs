//! The candidate's live room on its own: what a candidate's link
//! (`/join/<token>`) is served. A candidate arrives from that link and
//! leaves when the interview ends, so the room needs none of the
//! application's router, navigation or other pages; leaving them out makes
//! the first download a fraction of the whole application's (the
//! application's own `/join/…` route shows the same room to someone who
//! follows a link inside it).

use leptos::prelude::*;
use mockroom_frontend::pages::CandidateRoom;

fn main() {
    console_error_panic_hook::set_once();
    let path = window().location().pathname().unwrap_or_default();
    let token = token_of(&path).to_owned();
    leptos::mount::mount_to_body(move || {
        view! {
            <a class="skip-link" href="#main">"Skip to content"</a>
            <header class="topbar">
                <nav aria-label="Main">
                    <a href="/" class="brand">"Mockroom"</a>
                </nav>
            </header>
            <main id="main" tabindex="-1">
                <CandidateRoom token=token/>
            </main>
        }
    });
}

/// The link's token: the path's segment after `/join/` (a trailing slash
/// allowed, as the application's router allows it).
fn token_of(path: &str) -> &str {
    path.strip_prefix("/join/").unwrap_or("").trim_end_matches('/')
}
