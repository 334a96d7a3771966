use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use mockroom_api::RegisterRequest;
use uuid::Uuid;

use crate::api;
use crate::components::{navigator, safe_next, ErrorMessage, Field, When};
use crate::reactive::{effect, Derived};
use crate::remote::{Load, Mutation};
use crate::session::use_session;

/// Registration: the first account of an install, an invite link
/// (`/register?invite=TOKEN`), or a team with open registration. A signed-in
/// user holding an invite link joins that team instead.
#[component]
pub fn Register() -> impl IntoView {
    let session = use_session();
    let query = use_query_map();
    let invite_token = move || query.with(|q| q.get("invite")).filter(|t| !t.is_empty());
    // Where a visitor sent to sign in (and who registered instead) was going.
    let next = move || {
        query
            .with(|q| q.get("next"))
            .and_then(|n| safe_next(&n).map(str::to_owned))
    };

    let info_res = Load::new(api::registration_info);
    let invite_res = Load::new(move || {
        let token = invite_token();
        async move {
            match token {
                Some(token) => api::preview_invite(&token).await.map(Some),
                None => Ok(None),
            }
        }
    });
    let info = Derived::uncompared(move || info_res.get().and_then(Result::ok));
    let invite = Derived::uncompared(move || invite_res.get().and_then(Result::ok).flatten());

    let email = RwSignal::new(String::new());
    let display_name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let team_name = RwSignal::new(String::new());
    let open_team = RwSignal::new(String::new());
    let navigate = navigator();

    let create_account = Mutation::new(|req: RegisterRequest| async move { api::register(&req).await });
    effect(move || {
        if let Some(Ok(me)) = create_account.value() {
            session.set(Some(me));
            navigate(&untrack(next).unwrap_or_else(|| "/".to_owned()));
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let first = info.with_untracked(|i| i.as_ref().is_some_and(|i| i.first_user));
        create_account.dispatch(RegisterRequest {
            email: email.get_untracked(),
            password: password.get_untracked(),
            display_name: display_name.get_untracked(),
            invite_token: invite_token(),
            team_id: Uuid::parse_str(&open_team.get_untracked())
                .ok()
                .filter(|_| invite_token().is_none()),
            team_name: Some(team_name.get_untracked()).filter(|n| first && !n.trim().is_empty()),
        });
    };

    let join_team = Mutation::new(|token: String| async move { api::accept_invite(&token).await });
    effect(move || {
        if let Some(Ok(m)) = join_team.value() {
            session.refresh();
            navigate(&format!("/teams/{}", m.team.id));
        }
    });
    let accept = move |_| {
        if let Some(token) = invite_token() {
            join_team.dispatch(token);
        }
    };

    // What went wrong: the last refusal (hidden while a new attempt is under
    // way), else loading the registration options or the invite.
    let error = Derived::new(move || {
        let refused = if create_account.pending() || join_team.pending() {
            None
        } else {
            create_account
                .value()
                .and_then(Result::err)
                .or_else(|| join_team.value().and_then(Result::err))
        };
        refused
            .or_else(|| info_res.get().and_then(Result::err))
            .or_else(|| invite_res.get().and_then(Result::err))
            .map(|e| e.message)
    });

    let signed_in = move || session.me.with(Option::is_some);
    let first_user = move || info.with(|i| i.as_ref().is_some_and(|i| i.first_user));
    let open_teams = move || info.with(|i| i.as_ref().map(|i| i.open_teams.clone()).unwrap_or_default());
    let can_register = move || first_user() || invite.with(Option::is_some) || !open_teams().is_empty();

    view! {
        <section class="card narrow">
            <h1>"Create your account"</h1>
            {move || invite.get().map(|p| view! {
                <p class="notice">"You are invited to join " <strong>{p.team.name.clone()}</strong>
                    " as " {p.role.as_str()} "."</p>
            })}
            <ErrorMessage error=error/>
            <When when=signed_in>
                <When when=move || invite.with(Option::is_some)
                    fallback=|| view! { <p>"You are signed in already. " <A href="/">"Go to your teams"</A></p> }>
                    <button type="button" on:click=accept>"Join the team"</button>
                </When>
            </When>
            <When when=move || !signed_in() && info.with(Option::is_some)>
                <When when=can_register fallback=|| view! {
                    <p>"Registration is by invitation. Ask a team owner or admin for an invite link."</p>
                }>
                    <form on:submit=submit>
                        <When when=first_user>
                            <p class="notice">"This is a new installation: your account will own its first team."</p>
                            <Field id="team-name" label="Team name" value=team_name required=false/>
                        </When>
                        <When when=move || invite.with(Option::is_none) && !first_user() && !open_teams().is_empty()>
                            <div class="field">
                                <label for="open-team">"Team to join (as candidate)"</label>
                                <select id="open-team" required=true
                                    on:change=move |ev| open_team.set(event_target_value(&ev))>
                                    <option value="">"Choose a team"</option>
                                    {open_teams().into_iter().map(|t| view! {
                                        <option value=t.id.to_string()>{t.name}</option>
                                    }).collect_view()}
                                </select>
                            </div>
                        </When>
                        <Field id="display-name" label="Your name" value=display_name autocomplete="name"/>
                        <Field id="email" label="E-mail" value=email kind="email" autocomplete="username"/>
                        <Field id="password" label="Password (at least 10 characters)" value=password
                            kind="password" autocomplete="new-password"/>
                        <button type="submit" disabled=move || create_account.pending()>"Create account"</button>
                    </form>
                </When>
            </When>
            <p class="muted">"Have an account? " <A href="/login">"Log in"</A></p>
        </section>
    }
}
