use leptos::prelude::*;
use leptos_router::components::A;
use mockroom_api::LoginRequest;

use crate::api;
use crate::components::{navigator, ErrorMessage, Field};
use crate::session::use_session;

#[component]
pub fn Login() -> impl IntoView {
    let session = use_session();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let navigate = navigator();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        error.set(None);
        let req = LoginRequest {
            email: email.get_untracked(),
            password: password.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            match api::login(&req).await {
                Ok(me) => {
                    session.set(Some(me));
                    navigate("/");
                }
                Err(e) => error.set(Some(e.message)),
            }
            busy.set(false);
        });
    };

    view! {
        <section class="card narrow">
            <h1>"Log in"</h1>
            <form on:submit=submit>
                <Field id="email" label="E-mail" value=email kind="email" autocomplete="username"/>
                <Field id="password" label="Password" value=password kind="password" autocomplete="current-password"/>
                <ErrorMessage error=error/>
                <button type="submit" disabled=move || busy.get()>"Log in"</button>
            </form>
            <p class="muted">"No account yet? " <A href="/register">"Register"</A></p>
        </section>
    }
}
