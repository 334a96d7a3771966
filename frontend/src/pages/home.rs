use leptos::prelude::*;
use leptos_router::components::A;

use super::landing::Landing;
use crate::session::use_session;

#[component]
pub fn Home() -> impl IntoView {
    let session = use_session();
    view! {
        {move || {
            if !session.loaded.get() {
                return view! { <p class="muted">"Loading…"</p> }.into_any();
            }
            match session.me.get() {
                None => view! { <Landing/> }.into_any(),
                Some(me) => view! {
                    <section class="card">
                        <h1>"Welcome, " {me.user.display_name.clone()}</h1>
                        <h2>"Your teams"</h2>
                        {me.memberships.is_empty().then(|| view! {
                            <p class="muted" data-testid="no-team">
                                "You are not a member of any team. A team's owner can send you an invite link."
                            </p>
                        })}
                        <ul class="teams" data-testid="team-list">
                            {me.memberships.into_iter().map(|m| {
                                let href = format!("/teams/{}", m.team.id);
                                view! {
                                    <li>
                                        <A href=href>{m.team.name}</A>
                                        <span class="badge">{m.role.as_str()}</span>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </section>
                }.into_any(),
            }
        }}
    }
}
