//! Calibration drills: start one from a finished session, see who scored it.

use leptos::prelude::*;
use leptos_router::components::A;
use mockroom_api::{CreateDrillRequest, SessionMode};
use uuid::Uuid;

use crate::api;
use crate::components::{ErrorMessage, Loaded};
use crate::reactive::{Derived, State};
use crate::remote::{Load, Mutation};
use crate::team_route::team_param;

/// Drills: ask interviewers to score a finished session again, independently.
#[component]
pub(super) fn Drills() -> impl IntoView {
    let team = team_param();
    let chosen = State::new(None::<Uuid>);
    let create_drill =
        Mutation::new(|(team, req): (Uuid, CreateDrillRequest)| async move { api::create_drill(team, &req).await });
    // The drills and the finished sessions one can start from, reloaded
    // once a drill has been started.
    let data = Load::new(move || {
        create_drill.track_runs();
        let team = team();
        async move {
            let Some(id) = team else {
                return Ok((Vec::new(), Vec::new()));
            };
            let drills = api::drills(id).await?;
            let sessions = api::sessions(id).await?;
            Ok::<_, api::ApiError>((
                drills,
                sessions
                    .into_iter()
                    .filter(|s| s.mode != SessionMode::Drill)
                    .collect::<Vec<_>>(),
            ))
        }
    });
    let error = Derived::new(move || create_drill.value().and_then(Result::err).map(|e| e.message));
    let loaded = move || data.get().and_then(Result::ok);
    let sessions = move || loaded().map(|(_, s)| s).unwrap_or_default();
    let drills = move || loaded().map(|(d, _)| d).unwrap_or_default();
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(id), Some(session_id)) = (team(), chosen.get_untracked()) else {
            return;
        };
        create_drill.dispatch((id, CreateDrillRequest { session_id }));
    };
    view! {
        <section class="card" data-testid="drills">
            <h2>"Calibration drills"</h2>
            <p class="muted">"Pick a finished session: every interviewer of the team can then score its recording (answers, revealed stages, quick-check results) on their own, without seeing anyone else's scores until they submit. Drill scores count in the figures above."</p>
            <ErrorMessage error=error/>
            <Loaded>{move || data.get().map(|d| d.map(|_| ()))}</Loaded>
            <form class="inline" on:submit=create>
                <div class="field">
                    <label for="drill-session">"Session"</label>
                    <select id="drill-session" on:change=move |ev| chosen.set(Uuid::parse_str(&event_target_value(&ev)).ok())>
                        <option value="">"Choose…"</option>
                        {move || sessions().into_iter().map(|s| view! {
                            <option value=s.id.to_string()>{format!("{} · {}", s.candidate_name, crate::text::date(&s.created_at))}</option>
                        }).collect_view()}
                    </select>
                </div>
                <button type="submit" disabled=move || chosen.with(Option::is_none)>"Start a drill"</button>
            </form>
            <table>
                <thead><tr><th scope="col">"Candidate"</th><th scope="col">"Started"</th><th scope="col">"Submitted by"</th><th scope="col"><span class="visually-hidden">"Open"</span></th></tr></thead>
                <tbody>
                    {move || drills().into_iter().map(|d| view! {
                        <tr>
                            <td>{d.drill.candidate_name.clone()}</td>
                            <td>{crate::text::date_minutes(&d.drill.created_at)}</td>
                            <td>{if d.submitted.is_empty() { "nobody yet".to_owned() } else { d.submitted.join(", ") }}</td>
                            <td><A href=format!("/teams/{}/sessions/{}?role=panelist", d.drill.team_id, d.drill.id)>"Score it"</A></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}
