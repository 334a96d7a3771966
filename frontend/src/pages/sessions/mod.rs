//! Interview sessions: the list, and setting up a new one. The session just
//! created shows its candidate link at the top with a copy button, and the
//! form empties for the next candidate.

mod chosen;
mod created;

use leptos::prelude::*;
use leptos_router::components::A;
use mockroom_api::{
    CreateSessionRequest, CreatedSession, QuestionFilter, QuestionSummary, Role, SessionMode, SessionQuestionSpec,
    SessionSummary,
};

use self::chosen::{Chosen, ChosenQuestions};
use self::created::CreatedPanel;
use super::library::{role_in, team_param};
use crate::api;
use crate::components::{DocumentLink, ErrorMessage, Field, Latest};

/// Default minutes by the question's type (the server applies the same).
fn default_minutes(kind: &str) -> u32 {
    match kind {
        "Architecture" => 30,
        "Practical" => 25,
        _ => 20,
    }
}

#[component]
pub fn Sessions() -> impl IntoView {
    let team = team_param();
    let role = role_in(team);
    let sessions = RwSignal::new(Vec::<SessionSummary>::new());
    let questions = RwSignal::new(Vec::<QuestionSummary>::new());
    let chosen = RwSignal::new(Vec::<Chosen>::new());
    let search = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let created = RwSignal::new(None::<CreatedSession>);
    let mode = RwSignal::new(SessionMode::Live);
    let link_days = RwSignal::new(7u32);
    // Assigned mocks: may the candidate see the answer key after handing in?
    let show_answer_key = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let reload = RwSignal::new(0u32);

    Effect::new(move |_| {
        reload.track();
        let (Some(id), Some(r)) = (team(), role()) else { return };
        if r == Role::Candidate {
            return;
        }
        leptos::task::spawn_local(async move {
            match api::sessions(id).await {
                Ok(s) => sessions.set(s),
                Err(e) => error.set(Some(e.message)),
            }
        });
    });
    let latest = Latest::new();
    Effect::new(move |_| {
        let q = search.get();
        let (Some(id), Some(r)) = (team(), role()) else { return };
        if r == Role::Candidate {
            return;
        }
        let request = latest.start();
        leptos::task::spawn_local(async move {
            let filter = QuestionFilter {
                q: Some(q),
                ..QuestionFilter::default()
            };
            let result = api::questions(id, &filter).await;
            if !latest.is_current(request) {
                return;
            }
            match result {
                Ok(l) => questions.set(l.questions),
                Err(e) => error.set(Some(e.message)),
            }
        });
    });

    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(id) = team() else { return };
        let req = CreateSessionRequest {
            candidate_name: name.get_untracked(),
            candidate_email: Some(email.get_untracked()).filter(|e| !e.trim().is_empty()),
            questions: chosen
                .get_untracked()
                .into_iter()
                .map(|(q, minutes)| SessionQuestionSpec {
                    question_id: q.id,
                    time_limit_secs: Some(minutes * 60),
                })
                .collect(),
            invite_expires_in_hours: Some(link_days.get_untracked() * 24),
            mode: mode.get_untracked(),
            show_answer_key: mode.get_untracked() == SessionMode::Assigned && show_answer_key.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            match api::create_session(id, &req).await {
                Ok(c) => {
                    created.set(Some(c));
                    // A clean form for the next candidate (the link validity stays:
                    // it is usually a team habit).
                    chosen.set(Vec::new());
                    name.set(String::new());
                    email.set(String::new());
                    search.set(String::new());
                    mode.set(SessionMode::Live);
                    show_answer_key.set(false);
                    error.set(None);
                    reload.update(|n| *n += 1);
                }
                Err(e) => error.set(Some(e.message)),
            }
        });
    };

    view! {
        {move || (role() == Some(Role::Candidate)).then(|| view! {
            <section class="card narrow"><p>"Interview sessions are run by interviewers."</p></section>
        })}
        <section class="card">
            <h1>"Interview sessions"</h1>
            <ErrorMessage error=error/>
            <CreatedPanel created=created/>
            <table data-testid="sessions">
                <thead><tr><th scope="col">"Candidate"</th><th scope="col">"Kind"</th><th scope="col">"Questions"</th><th scope="col">"Created"</th><th scope="col"><span class="visually-hidden">"Links"</span></th></tr></thead>
                <tbody>
                    {move || sessions.get().into_iter().map(|s| {
                        let console = format!("/teams/{}/sessions/{}", s.team_id, s.id);
                        let scorecard = format!("/api/v1/teams/{}/sessions/{}/scorecard", s.team_id, s.id);
                        view! {
                            <tr>
                                <td>{s.candidate_name.clone()}</td>
                                <td>{match (s.mode, s.ended_at.is_some()) {
                                    (SessionMode::Assigned, true) => "timed mock (finished)",
                                    (SessionMode::Assigned, false) => "timed mock",
                                    (SessionMode::Drill, _) => "calibration drill",
                                    (_, true) => "live (ended)",
                                    _ => "live",
                                }}{(s.mode == SessionMode::Assigned && s.show_answer_key).then_some(", answer key shown")}</td>
                                <td>{s.question_count}</td>
                                <td>{s.created_at.to_rfc3339().get(..16).unwrap_or("").replace('T', " ")}</td>
                                <td><A href=console.clone()>"Console"</A>" · "<A href=format!("{console}?role=observer")>"Observe"</A>" · "<A href=format!("{console}/replay")>"Replay"</A>" · "<DocumentLink href=scorecard>"Scorecard"</DocumentLink></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
        <section class="card">
            <h2>"New session"</h2>
            <form on:submit=create>
                <div class="inline">
                    <Field id="candidate-name" label="Candidate's name" value=name/>
                    <Field id="candidate-email" label="Candidate's e-mail (optional)" value=email kind="email" required=false/>
                </div>
                <fieldset class="how-it-runs">
                    <legend>"How it runs"</legend>
                    <label class="choice"><input type="radio" name="mode" prop:checked=move || mode.get() == SessionMode::Live
                        on:change=move |_| mode.set(SessionMode::Live)/><span><strong>"Live"</strong>": you reveal the stages as the interview goes"</span></label>
                    <label class="choice"><input type="radio" name="mode" id="mode-assigned" prop:checked=move || mode.get() == SessionMode::Assigned
                        on:change=move |_| mode.set(SessionMode::Assigned)/><span><strong>"Timed mock"</strong>": the candidate works alone through the link"</span></label>
                    <div class="field">
                        <label for="link-days">"Link valid for (days)"</label>
                        <input id="link-days" type="number" min="1" max="30" class="minutes" prop:value=move || link_days.get().to_string()
                            on:change=move |ev| { if let Ok(d) = event_target_value(&ev).parse::<u32>() { link_days.set(d.clamp(1, 30)) } }/>
                    </div>
                </fieldset>
                <Show when=move || mode.get() == SessionMode::Assigned>
                    <div class="field">
                        <label class="check">
                            <input type="checkbox" id="show-answer-key" prop:checked=move || show_answer_key.get()
                                on:change=move |ev| show_answer_key.set(event_target_checked(&ev))/>
                            " Let the candidate see the answer key after handing in (for training)"
                        </label>
                        <p class="muted small" id="answer-key-help">
                            {move || if show_answer_key.get() {
                                "After handing in an answer, the candidate can reveal the walkthrough, the junior, senior and model answers and the quick-check explanations."
                            } else {
                                "The candidate sees only their own answers and whether each quick check was right; the walkthrough and model answers stay with your team."
                            }}
                        </p>
                    </div>
                </Show>
                <h3>"Questions, in the order they will be asked"</h3>
                <ChosenQuestions chosen=chosen/>
                <div class="field">
                    <label for="question-search">"Find questions"</label>
                    <input id="question-search" type="search" prop:value=move || search.get() on:input=move |ev| search.set(event_target_value(&ev))/>
                </div>
                <ul class="question-picker" data-testid="question-picker">
                    {move || questions.get().into_iter().take(30).map(|q| {
                        let pick = q.clone();
                        let id = q.id;
                        let added = move || chosen.with(|c| c.iter().any(|(x, _)| x.id == id));
                        view! {
                            <li>
                                <button type="button" class="secondary small-button" disabled=added aria-label=format!("Add: {}", q.title)
                                    on:click=move |_| {
                                        let minutes = default_minutes(&pick.kind);
                                        chosen.update(|c| if !c.iter().any(|(x, _)| x.id == pick.id) { c.push((pick.clone(), minutes)) });
                                    }>{move || if added() { "Added" } else { "Add" }}</button>
                                <span class="pick-text">
                                    <span>{q.title.clone()}</span>
                                    <span class="muted small">{format!("{} · {} min · {}", q.kind, default_minutes(&q.kind), q.pack_title)}</span>
                                </span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <button type="submit" disabled=move || chosen.with(Vec::is_empty)>"Create session"</button>
            </form>
        </section>
    }
}
