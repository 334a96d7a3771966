//! Pages for signed-in people. Opened while signed out (a link from an
//! e-mail, a bookmark, an expired session), they send the visitor to the
//! sign-in page with the link in `?next=`, and sign-in brings them back.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

use crate::api::encode_component;
use crate::reactive::{effect, Derived};
use crate::session::use_session;

/// Where to go after signing in, if `next` is a path of this app: it must be
/// a same-origin relative path, so that a crafted sign-in link cannot send
/// anyone to another site (`//evil.example`, `/\evil.example` and URLs with
/// control characters, which browsers read as other hosts, are refused).
pub fn safe_next(next: &str) -> Option<&str> {
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && !next.chars().any(char::is_control)
        // The API and the sign-in pages themselves are no place to come back to.
        && !next.starts_with("/api/")
        && !next.starts_with("/login")
        && !next.starts_with("/register");
    ok.then_some(next)
}

/// `/login?next=…` for the page at `path` (with its query).
pub fn sign_in_path(path: &str) -> String {
    match safe_next(path) {
        Some(p) if p != "/" => format!("/login?next={}", encode_component(p)),
        _ => "/login".to_owned(),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Gate {
    Loading,
    SignedOut,
    SignedIn,
}

/// Shows `page` to signed-in people only; sends anyone else to sign in and
/// back. The page is built once per sign-in (not again when `/me` is
/// refreshed), so its sockets and timers are not restarted. Not generic over
/// the page: one copy of this component serves every route in the bundle.
#[component]
pub fn RequireSignIn(page: fn() -> AnyView) -> impl IntoView {
    let session = use_session();
    let location = use_location();
    let navigate = use_navigate();
    let gate = Derived::new(move || match (session.loaded.get(), session.me.with(Option::is_some)) {
        (false, _) => Gate::Loading,
        (true, false) => Gate::SignedOut,
        (true, true) => Gate::SignedIn,
    });
    effect(move || {
        if gate.get() != Gate::SignedOut {
            return;
        }
        let search = location.search.get_untracked();
        let search = search.trim_start_matches('?');
        let here = if search.is_empty() {
            location.pathname.get_untracked()
        } else {
            format!("{}?{search}", location.pathname.get_untracked())
        };
        navigate(
            &sign_in_path(&here),
            NavigateOptions {
                replace: true,
                ..Default::default()
            },
        );
    });
    move || match gate.get() {
        Gate::Loading => view! { <p class="muted">"Loading…"</p> }.into_any(),
        Gate::SignedOut => view! { <p class="muted" role="status">"Sign in to open this page…"</p> }.into_any(),
        Gate::SignedIn => untrack(page),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_of_this_app_come_back() {
        assert_eq!(safe_next("/teams/1/sessions?x=1"), Some("/teams/1/sessions?x=1"));
        assert_eq!(safe_next("/practice"), Some("/practice"));
        for bad in [
            "https://evil.example/",
            "//evil.example/x",
            "/\\evil.example",
            "/\t/evil.example",
            "javascript:alert(1)",
            "teams/1",
            "",
            "/api/v1/me",
            "/login?next=/x",
        ] {
            assert_eq!(safe_next(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn sign_in_links_carry_the_page() {
        assert_eq!(sign_in_path("/teams/a/library"), "/login?next=%2Fteams%2Fa%2Flibrary");
        assert_eq!(sign_in_path("/"), "/login");
        assert_eq!(sign_in_path("//evil.example"), "/login");
    }
}
