//! Interview sessions: the list, and setting up a new one. The session just
//! created shows its candidate link at the top with a copy button, and the
//! form empties for the next candidate.

mod chosen;
mod created;

use leptos::prelude::*;
use leptos_router::components::A;
use mockroom_api::{CreateSessionRequest, CreatedSession, QuestionFilter, Role, SessionMode, SessionQuestionSpec};
use uuid::Uuid;

use self::chosen::{Chosen, ChosenQuestions};
use self::created::CreatedPanel;
use crate::api;
use crate::components::{DocumentLink, ErrorMessage, Field, When};
use crate::reactive::{effect, Derived, State};
use crate::remote::{Load, Mutation};
use crate::team_route::{interviewer_team, role_in, team_param};

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
    let chosen = State::new(Vec::<Chosen>::new());
    let search = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let created = State::new(None::<CreatedSession>);
    let mode = State::new(SessionMode::Live);
    let link_days = State::new(7u32);
    // Assigned mocks: may the candidate see the answer key after handing in?
    let show_answer_key = RwSignal::new(false);
    let error = State::new(None::<String>);

    // The team's sessions and the questions matching the search, for
    // interviewers (a candidate is told this page is not for them). A new
    // search supersedes the one in flight: its late answer is dropped.
    let interviewer_team = interviewer_team(team);
    let sessions = Load::new(move || {
        let team = interviewer_team();
        async move {
            match team {
                Some(id) => api::sessions(id).await,
                None => Ok(Vec::new()),
            }
        }
    });
    let questions = Load::new(move || {
        let (team, q) = (interviewer_team(), search.get());
        async move {
            let filter = QuestionFilter {
                q: Some(q),
                ..QuestionFilter::default()
            };
            match team {
                Some(id) => api::questions(id, &filter).await.map(|l| l.questions),
                None => Ok(Vec::new()),
            }
        }
    });

    // What went wrong loading the list or the search, shown above each.
    let list_error = Derived::new(move || sessions.get().and_then(Result::err).map(|e| e.message));
    let search_error = Derived::new(move || questions.get().and_then(Result::err).map(|e| e.message));

    let create_session =
        Mutation::new(|(team, req): (Uuid, CreateSessionRequest)| async move { api::create_session(team, &req).await });
    effect(move || match create_session.value() {
        Some(Ok(c)) => {
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
            sessions.refetch();
        }
        Some(Err(e)) => error.set(Some(e.message)),
        None => {}
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
        create_session.dispatch((id, req));
    };

    view! {
        {move || (role() == Some(Role::Candidate)).then(|| view! {
            <section class="card narrow"><p>"Interview sessions are run by interviewers."</p></section>
        })}
        <section class="card">
            <h1>"Interview sessions"</h1>
            <ErrorMessage error=error/>
            <ErrorMessage error=list_error/>
            <CreatedPanel created=created/>
            <table data-testid="sessions">
                <thead><tr><th scope="col">"Candidate"</th><th scope="col">"Kind"</th><th scope="col">"Questions"</th><th scope="col">"Created"</th><th scope="col"><span class="visually-hidden">"Links"</span></th></tr></thead>
                <tbody>
                    {move || sessions.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|s| {
                        let console = format!("/teams/{}/sessions/{}", s.team_id, s.id);
                        let scorecard = api::scorecard(s.team_id, s.id);
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
                                <td>{crate::text::date_minutes(&s.created_at)}</td>
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
                <When when=move || mode.get() == SessionMode::Assigned>
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
                </When>
                <h3>"Questions, in the order they will be asked"</h3>
                <ChosenQuestions chosen=chosen/>
                <div class="field">
                    <label for="question-search">"Find questions"</label>
                    <input id="question-search" type="search" prop:value=move || search.get() on:input=move |ev| search.set(event_target_value(&ev))/>
                </div>
                <ErrorMessage error=search_error/>
                <ul class="question-picker" data-testid="question-picker">
                    {move || questions.get().and_then(Result::ok).unwrap_or_default().into_iter().take(30).map(|q| {
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
                <button type="submit" disabled=move || chosen.with(Vec::is_empty) || create_session.pending()>"Create session"</button>
            </form>
        </section>
    }
}
