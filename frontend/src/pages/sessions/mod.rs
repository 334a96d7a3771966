//! Interview sessions: the list, and setting up a new one.

use leptos::prelude::*;
use leptos_router::components::A;
use mockroom_api::{
    CreateSessionRequest, CreatedSession, QuestionFilter, QuestionSummary, Role, SessionMode, SessionQuestionSpec,
    SessionSummary,
};

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
    let chosen = RwSignal::new(Vec::<(QuestionSummary, u32)>::new());
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
                    chosen.set(Vec::new());
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
            {move || created.get().map(|c| {
                let console = format!("/teams/{}/sessions/{}", c.session.team_id, c.session.id);
                view! {
                    <div class="notice" role="status">
                        <p>{if c.session.mode == SessionMode::Assigned {
                            format!("Timed mock for {} created. Send them this link (shown once); they take it alone, and you review it in the console:", c.session.candidate_name)
                        } else {
                            format!("Session with {} created. Send the candidate this link (shown once):", c.session.candidate_name)
                        }}</p>
                        <p><code data-testid="candidate-link">{c.candidate_link.url.clone()}</code></p>
                        <p><A href=console>"Open the interviewer console"</A></p>
                    </div>
                }
            })}
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
                <fieldset class="inline">
                    <legend>"How it runs"</legend>
                    <label><input type="radio" name="mode" checked=move || mode.get() == SessionMode::Live
                        on:change=move |_| mode.set(SessionMode::Live)/>" Live: you reveal the stages"</label>
                    <label><input type="radio" name="mode" id="mode-assigned" checked=move || mode.get() == SessionMode::Assigned
                        on:change=move |_| mode.set(SessionMode::Assigned)/>" Timed mock: the candidate works alone through the link"</label>
                    <label for="link-days">" · link valid for (days) "</label>
                    <input id="link-days" type="number" min="1" max="30" class="minutes" prop:value=move || link_days.get().to_string()
                        on:change=move |ev| { if let Ok(d) = event_target_value(&ev).parse::<u32>() { link_days.set(d.clamp(1, 30)) } }/>
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
                <ol data-testid="chosen-questions">
                    {move || chosen.get().into_iter().enumerate().map(|(i, (q, minutes))| {
                        let id = format!("minutes-{i}");
                        view! {
                            <li>
                                {q.title.clone()}
                                <label for=id.clone()>" · minutes "</label>
                                <input id=id type="number" min="1" max="240" class="minutes" prop:value=minutes.to_string()
                                    on:change=move |ev| {
                                        if let Ok(m) = event_target_value(&ev).parse::<u32>() {
                                            chosen.update(|c| if let Some(entry) = c.get_mut(i) { entry.1 = m.clamp(1, 240) });
                                        }
                                    }/>
                                <button type="button" class="secondary" on:click=move |_| chosen.update(|c| { c.remove(i); })>"Remove"</button>
                            </li>
                        }
                    }).collect_view()}
                </ol>
                <div class="field">
                    <label for="question-search">"Find questions"</label>
                    <input id="question-search" type="search" prop:value=move || search.get() on:input=move |ev| search.set(event_target_value(&ev))/>
                </div>
                <ul class="question-picker" data-testid="question-picker">
                    {move || questions.get().into_iter().take(30).map(|q| {
                        let pick = q.clone();
                        view! {
                            <li>
                                <button type="button" class="secondary" on:click=move |_| {
                                    let minutes = default_minutes(&pick.kind);
                                    chosen.update(|c| if !c.iter().any(|(x, _)| x.id == pick.id) { c.push((pick.clone(), minutes)) });
                                }>"Add"</button>
                                " "{format!("{} · {} · {}", q.title, q.kind, q.pack_title)}
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <button type="submit" disabled=move || chosen.with(Vec::is_empty)>"Create session"</button>
            </form>
        </section>
    }
}
