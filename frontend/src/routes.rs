//! Route-level code splitting. The pages are grouped into areas, one per
//! kind of visit, and each area is a lazy function: `wasm-split-cli` (see
//! `scripts/build-frontend.sh`) moves its code out of the main WASM module
//! into modules the router fetches when a page of the area is first opened.
//! The main module keeps what every page shares (router, navigation,
//! session, the typed client), so someone opening the practice pages
//! downloads them, not the console, the library or the calibration charts.
//! A candidate's link does not reach this router at all: the server serves it
//! the candidate's page alone (`src/bin/`), so the application carries no copy
//! of the candidate's room or assigned mock (see `CandidateLink` in main.rs).
//!
//! Why areas and not a split per page: code that several split points share
//! goes into a chunk per combination of them, and with sixteen pages that
//! made hundreds of small modules (each with its own imports) and a larger
//! application in all. Six areas are the compromise that keeps every page's
//! first load under issue 12's 250 KiB and the whole application under 500
//! (measured: a seventh area, the replay alone, cost the whole application
//! 13 KiB and the console 7). Which page goes where was measured too: the
//! console alone, since the replay beside it (which decodes the same views)
//! made the console's first load 33 KiB heavier, 282 KiB; the replay with the team's pages; the
//! sessions' set-up with calibration, whose drills are sessions as well.
//!
//! A page must be named only inside its area's function: a reference from
//! anywhere else pulls its code back into the main module.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use leptos_router::ChooseView;
use mockroom_frontend::components::RequireSignIn;
use mockroom_frontend::pages;

/// The route's parameter `name` (empty if it has none).
fn param(name: &str) -> String {
    use_params_map().with_untracked(|p| p.get(name)).unwrap_or_default()
}

fn signed_in(page: fn() -> AnyView) -> AnyView {
    view! { <RequireSignIn page=page/> }.into_any()
}

/// The pages of each area, for its lazy function.
#[derive(Clone, Copy)]
pub enum Page {
    Home,
    Login,
    Register,
    /// A candidate's link (see `CandidateLink` in main.rs): no area.
    CandidateLink,
    PracticeMock,
    Practice,
    History,
    Reviews,
    Team,
    Library,
    Question,
    Sessions,
    Console,
    Replay,
    Calibration,
}

/// A first visit: the landing page and signing in.
#[leptos::lazy]
fn public_area(page: Page) -> AnyView {
    match page {
        Page::Login => pages::Login().into_any(),
        Page::Register => pages::Register().into_any(),
        _ => pages::Home().into_any(),
    }
}

/// A candidate practising a timed mock alone.
#[leptos::lazy]
fn mock_area(_page: Page) -> AnyView {
    signed_in(|| {
        let id = param("mock_id");
        view! { <pages::PracticeMock id=id/> }.into_any()
    })
}

/// A candidate practising: the practice list, history and reviews.
#[leptos::lazy]
fn practice_area(page: Page) -> AnyView {
    match page {
        Page::History => signed_in(|| pages::History().into_any()),
        Page::Reviews => signed_in(|| pages::Reviews().into_any()),
        _ => signed_in(|| pages::Practice().into_any()),
    }
}

/// A team's pages: members, the library, and replays of past interviews.
#[leptos::lazy]
fn team_area(page: Page) -> AnyView {
    match page {
        Page::Library => signed_in(|| pages::Library().into_any()),
        Page::Question => signed_in(|| pages::QuestionPage().into_any()),
        Page::Replay => signed_in(|| pages::Replay().into_any()),
        _ => signed_in(|| pages::TeamPage().into_any()),
    }
}

/// Running an interview: the console alone.
#[leptos::lazy]
fn console_area(_page: Page) -> AnyView {
    signed_in(|| pages::Console().into_any())
}

/// Setting up the team's interviews: sessions for candidates, and
/// calibrating the interviewers (the dashboard and its drills).
#[leptos::lazy]
fn sessions_area(page: Page) -> AnyView {
    match page {
        Page::Sessions => signed_in(|| pages::Sessions().into_any()),
        _ => signed_in(|| pages::Calibration().into_any()),
    }
}

/// The view of every route: its page, from the page's area. One type for
/// all of them rather than a `Lazy<…>` and a `LazyRoute` type per route: the
/// router's code generic over a route's view is then compiled once per shape
/// of path, not once per route (measured: 0.4 KiB less in the main module
/// after wasm-opt and gzip, which had merged most of it), and the table of
/// pages and areas is one `match`.
#[derive(Clone, Copy)]
pub struct Area(pub Page);

impl ChooseView for Area {
    async fn choose(self) -> AnyView {
        let page = self.0;
        match page {
            Page::Home | Page::Login | Page::Register => public_area(page).await,
            Page::CandidateLink => crate::CandidateLink().into_any(),
            Page::PracticeMock => mock_area(page).await,
            Page::Practice | Page::History | Page::Reviews => practice_area(page).await,
            Page::Team | Page::Library | Page::Question | Page::Replay => team_area(page).await,
            Page::Console => console_area(page).await,
            Page::Sessions | Page::Calibration => sessions_area(page).await,
        }
    }

    async fn preload(&self) {}
}
