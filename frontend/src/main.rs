//! Mockroom's browser app, whole: the router, the navigation bar and every
//! page, split into areas at the lazy routes (`routes.rs`).

mod routes;

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::{FlatRoutes, Route, Router, A};
use leptos_router::{path, PossibleRouteMatch};

use crate::routes::*;
use mockroom_frontend::components::{navigator, ErrorMessage, When};
use mockroom_frontend::reactive::State;
use mockroom_frontend::session::{use_session, Session};
use mockroom_frontend::{api, pages};

/// Room for wasm-split-cli to lay out the read-only data. It moves each
/// piece of `.rodata` into the module that uses it, aligning each module's
/// share, and if the alignment padding makes the segment longer than the
/// linker's it gives up and leaves all of it in the main module (100 KB of
/// strings and tables every page then downloads first; it happened once, by
/// 24 bytes). Nothing uses these bytes, so the tool places them nowhere and
/// the padding fits in their place. `scripts/build-frontend.sh` fails if the
/// tool gives up all the same.
#[used]
static SPLIT_DATA_SLACK: [u8; 4096] = [0x5a; 4096];

/// The address this page was loaded at, before any navigation inside it.
static LOADED_AT: std::sync::OnceLock<String> = std::sync::OnceLock::new();

fn main() {
    console_error_panic_hook::set_once();
    let _ = LOADED_AT.set(window().location().pathname().unwrap_or_default());
    leptos::mount::mount_to_body(App);
}

/// A candidate's link (`/join/…`, `/mock/…`) reached by navigating inside the
/// application. The server serves these links a page of their own, the
/// candidate's room or assigned mock alone (`src/bin/`), which is what every
/// candidate gets; the application keeps no second copy of either, so it
/// loads the link from the server. Loaded from the server and still here,
/// the build has no candidates' pages: say so rather than reload forever.
#[component]
fn CandidateLink() -> impl IntoView {
    // The router's path, not the window's: the window's address changes
    // only once the new page has rendered, after this.
    let path = leptos_router::hooks::use_location().pathname.get_untracked();
    if LOADED_AT.get() != Some(&path) {
        // Replacing the entry the router pushed: Back leaves the link.
        let _ = window().location().replace(&path);
        return view! { <p class="muted" role="status">"Opening the candidate's page…"</p> }.into_any();
    }
    view! {
        <section class="card">
            <h1>"Candidate's page missing"</h1>
            <p>"This build of Mockroom has no candidates' pages; build the frontend with scripts/build-frontend.sh."</p>
        </section>
    }
    .into_any()
}

/// A route's path behind one type. The router's code for a route is generic
/// over the type of its path, a tuple of one segment type per segment
/// (`/teams/:team_id/library` is `(StaticSegment, ParamSegment,
/// StaticSegment)`), and the routes below came in seven shapes, each
/// compiling that code again into the main module that every page loads
/// first (measured: 1.8 KiB gzip less with one type). Behind a trait object the
/// segments match as before, through the one implementation the router
/// provides for `Arc<dyn PossibleRouteMatch>`.
type AnyPath = Arc<dyn PossibleRouteMatch + Send + Sync>;

fn any_path(path: impl PossibleRouteMatch + Send + Sync + 'static) -> AnyPath {
    Arc::new(path)
}

#[component]
fn App() -> impl IntoView {
    Session::provide();
    view! {
        <Router>
            <a class="skip-link" href="#main">"Skip to content"</a>
            <Nav/>
            <main id="main" tabindex="-1">
                // Flat, not nested: no route has an outlet, and the nested
                // router's machinery was 12 KiB gzip of the main module that
                // every page loads first (measured: shell 124.7 -> 112.4 KiB).
                <FlatRoutes fallback=pages::NotFound>
                    <Route path=any_path(path!("/")) view=Area(Page::Home)/>
                    <Route path=any_path(path!("/login")) view=Area(Page::Login)/>
                    <Route path=any_path(path!("/register")) view=Area(Page::Register)/>
                    // Candidates' links: their own page, from the server.
                    <Route path=any_path(path!("/join/:token")) view=Area(Page::CandidateLink)/>
                    <Route path=any_path(path!("/mock/:token")) view=Area(Page::CandidateLink)/>
                    // Everything else is for signed-in people: opened signed out,
                    // it goes to sign-in and back.
                    <Route path=any_path(path!("/teams/:team_id")) view=Area(Page::Team)/>
                    <Route path=any_path(path!("/teams/:team_id/library")) view=Area(Page::Library)/>
                    <Route path=any_path(path!("/teams/:team_id/library/:question_id")) view=Area(Page::Question)/>
                    <Route path=any_path(path!("/teams/:team_id/sessions")) view=Area(Page::Sessions)/>
                    <Route path=any_path(path!("/teams/:team_id/calibration")) view=Area(Page::Calibration)/>
                    <Route path=any_path(path!("/teams/:team_id/sessions/:session_id")) view=Area(Page::Console)/>
                    <Route path=any_path(path!("/teams/:team_id/sessions/:session_id/replay")) view=Area(Page::Replay)/>
                    <Route path=any_path(path!("/practice")) view=Area(Page::Practice)/>
                    <Route path=any_path(path!("/practice/history")) view=Area(Page::History)/>
                    <Route path=any_path(path!("/practice/reviews")) view=Area(Page::Reviews)/>
                    <Route path=any_path(path!("/practice/:mock_id")) view=Area(Page::PracticeMock)/>
                </FlatRoutes>
            </main>
        </Router>
    }
}

#[component]
fn Nav() -> impl IntoView {
    let session = use_session();
    let error = State::new(None::<String>);
    let navigate = navigator();
    let logout = move |_| {
        leptos::task::spawn_local(async move {
            match api::logout().await {
                Ok(()) => {
                    session.set(None);
                    navigate("/login");
                }
                Err(e) => error.set(Some(e.message)),
            }
        });
    };
    view! {
        <header class="topbar">
            <nav aria-label="Main">
                <A href="/" attr:class="brand">"Mockroom"</A>
                <When when=move || session.me.with(Option::is_some)>
                    <A href="/">"Home"</A>
                    {move || session.me.get().and_then(|me| me.memberships.first().cloned()).map(|m| {
                        let team = format!("/teams/{}", m.team.id);
                        let library = format!("/teams/{}/library", m.team.id);
                        let sessions = format!("/teams/{}/sessions", m.team.id);
                        let interviewer = m.role != mockroom_api::Role::Candidate;
                        let admin = matches!(m.role, mockroom_api::Role::Owner | mockroom_api::Role::Admin);
                        let calibration = format!("/teams/{}/calibration", m.team.id);
                        view! {
                            <A href=team>"Team"</A>
                            {interviewer.then(|| view! { <A href=library>"Library"</A><A href=sessions>"Sessions"</A> })}
                            {admin.then(|| view! { <A href=calibration>"Calibration"</A> })}
                            <A href="/practice">"Practice"</A>
                            <A href="/practice/history">"History"</A>
                            <A href="/practice/reviews">"Reviews"</A>
                        }
                    })}
                </When>
            </nav>
            <div class="account">
                {move || match session.me.get() {
                    Some(me) => view! {
                        <span class="who" data-testid="signed-in-as">{me.user.display_name.clone()}</span>
                        <button type="button" class="secondary" on:click=logout>"Log out"</button>
                    }.into_any(),
                    None => view! {
                        <A href="/login">"Log in"</A>
                        <A href="/register">"Register"</A>
                    }.into_any(),
                }}
            </div>
        </header>
        <ErrorMessage error=error/>
    }
}
