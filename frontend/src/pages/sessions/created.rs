//! The session just created, at the top of the page where the eye goes
//! after pressing Create: the candidate's link (shown once) with a copy
//! button and the way to the console. It takes the focus, so keyboard and
//! screen-reader users land on it too.

use leptos::html;
use leptos::prelude::*;
use leptos_router::components::A;
use mockroom_api::{CreatedSession, SessionMode};

use crate::components::CopyButton;
use crate::reactive::{effect, State};

#[component]
pub fn CreatedPanel(created: State<Option<CreatedSession>>) -> impl IntoView {
    let panel = NodeRef::<html::Div>::new();
    effect(move || {
        if created.with(Option::is_some) {
            request_animation_frame(move || {
                if let Some(p) = panel.get_untracked() {
                    let _ = p.focus();
                }
            });
        }
    });
    move || {
        created.get().map(|c| {
            let console = format!("/teams/{}/sessions/{}", c.session.team_id, c.session.id);
            let url = c.candidate_link.url.clone();
            let mock = c.session.mode == SessionMode::Assigned;
            view! {
                <div class="created" role="status" tabindex="-1" node_ref=panel data-testid="created-session">
                    <p class="created-title">{if mock {
                        format!("Timed mock for {} created. Send them this link (shown once); they take it alone, and you review it in the console:", c.session.candidate_name)
                    } else {
                        format!("Session with {} created. Send the candidate this link (shown once):", c.session.candidate_name)
                    }}</p>
                    <div class="link-box">
                        <code data-testid="candidate-link">{url.clone()}</code>
                        <CopyButton text=url label="Copy candidate link" testid="copy-candidate-link"/>
                    </div>
                    <p class="created-next">
                        <A href=console>"Open the interviewer console"</A>
                        <button type="button" class="link" on:click=move |_| created.set(None)>"Dismiss"</button>
                    </p>
                </div>
            }
        })
    }
}
