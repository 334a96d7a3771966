//! Calibration drills: start one from a finished session, see who scored it.

use leptos::prelude::*;
use leptos_router::components::A;
use mockroom_api::{CreateDrillRequest, DrillSummary, SessionMode, SessionSummary};
use uuid::Uuid;

use crate::api;
use crate::components::ErrorMessage;
use crate::pages::library::team_param;

/// Drills: ask interviewers to score a finished session again, independently.
#[component]
pub(super) fn Drills() -> impl IntoView {
    let team = team_param();
    let drills = RwSignal::new(Vec::<DrillSummary>::new());
    let sessions = RwSignal::new(Vec::<SessionSummary>::new());
    let chosen = RwSignal::new(None::<Uuid>);
    let error = RwSignal::new(None::<String>);
    let reload = RwSignal::new(0u32);
    Effect::new(move |_| {
        reload.track();
        let Some(id) = team() else { return };
        leptos::task::spawn_local(async move {
            match (api::drills(id).await, api::sessions(id).await) {
                (Ok(d), Ok(s)) => {
                    drills.set(d);
                    sessions.set(s.into_iter().filter(|s| s.mode != SessionMode::Drill).collect());
                }
                (Err(e), _) | (_, Err(e)) => error.set(Some(e.message)),
            }
        });
    });
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(id), Some(session_id)) = (team(), chosen.get_untracked()) else {
            return;
        };
        leptos::task::spawn_local(async move {
            match api::create_drill(id, &CreateDrillRequest { session_id }).await {
                Ok(_) => reload.update(|n| *n += 1),
                Err(e) => error.set(Some(e.message)),
            }
        });
    };
    view! {
        <section class="card" data-testid="drills">
            <h2>"Calibration drills"</h2>
            <p class="muted">"Pick a finished session: every interviewer of the team can then score its recording (answers, revealed stages, quick-check results) on their own, without seeing anyone else's scores until they submit. Drill scores count in the figures above."</p>
            <ErrorMessage error=error/>
            <form class="inline" on:submit=create>
                <div class="field">
                    <label for="drill-session">"Session"</label>
                    <select id="drill-session" on:change=move |ev| chosen.set(Uuid::parse_str(&event_target_value(&ev)).ok())>
                        <option value="">"Choose…"</option>
                        {move || sessions.get().into_iter().map(|s| view! {
                            <option value=s.id.to_string()>{format!("{} · {}", s.candidate_name, s.created_at.format("%Y-%m-%d"))}</option>
                        }).collect_view()}
                    </select>
                </div>
                <button type="submit" disabled=move || chosen.with(Option::is_none)>"Start a drill"</button>
            </form>
            <table>
                <thead><tr><th scope="col">"Candidate"</th><th scope="col">"Started"</th><th scope="col">"Submitted by"</th><th scope="col"><span class="visually-hidden">"Open"</span></th></tr></thead>
                <tbody>
                    {move || drills.get().into_iter().map(|d| view! {
                        <tr>
                            <td>{d.drill.candidate_name.clone()}</td>
                            <td>{d.drill.created_at.format("%Y-%m-%d %H:%M").to_string()}</td>
                            <td>{if d.submitted.is_empty() { "nobody yet".to_owned() } else { d.submitted.join(", ") }}</td>
                            <td><A href=format!("/teams/{}/sessions/{}?role=panelist", d.drill.team_id, d.drill.id)>"Score it"</A></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}
