//! Sign-in. `?next=/a/path` (set by pages for signed-in people) is where
//! the visitor goes afterwards, if it is a path of this app.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use mockroom_api::LoginRequest;

use crate::api::{self, encode_component};
use crate::components::{navigator, safe_next, ErrorMessage, Field};
use crate::reactive::{effect, Derived};
use crate::remote::Mutation;
use crate::session::use_session;

#[component]
pub fn Login() -> impl IntoView {
    let session = use_session();
    let query = use_query_map();
    let next = move || {
        query
            .with(|q| q.get("next"))
            .and_then(|n| safe_next(&n).map(str::to_owned))
    };
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let navigate = navigator();

    let log_in = Mutation::new(|req: LoginRequest| async move { api::login(&req).await });
    effect(move || {
        if let Some(Ok(me)) = log_in.value() {
            session.set(Some(me));
            navigate(&untrack(next).unwrap_or_else(|| "/".to_owned()));
        }
    });
    // A refusal stays until the next attempt is under way.
    let error = Derived::new(move || {
        if log_in.pending() {
            return None;
        }
        log_in.value().and_then(Result::err).map(|e| e.message)
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        log_in.dispatch(LoginRequest {
            email: email.get_untracked(),
            password: password.get_untracked(),
        });
    };
    let register = move || match next() {
        Some(n) => format!("/register?next={}", encode_component(&n)),
        None => "/register".to_owned(),
    };

    view! {
        <section class="card narrow">
            <h1>"Log in"</h1>
            {move || next().map(|_| view! {
                <p class="notice" data-testid="sign-in-to-continue">"Sign in to open the page you followed a link to."</p>
            })}
            <form on:submit=submit>
                <Field id="email" label="E-mail" value=email kind="email" autocomplete="username"/>
                <Field id="password" label="Password" value=password kind="password" autocomplete="current-password"/>
                <ErrorMessage error=error/>
                <button type="submit" disabled=move || log_in.pending()>"Log in"</button>
            </form>
            <p class="muted">"No account yet? " <A href=register>"Register"</A></p>
        </section>
    }
}
