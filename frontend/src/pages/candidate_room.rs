//! The candidate's room. Before the first reveal, a welcome screen: who
//! invited them and who interviews, how many questions and how long, what to
//! expect, a connection check and a clear "waiting for your interviewer"
//! state. Then only what the interviewer has revealed, appearing in place
//! and announced to screen readers; quick checks; the answer area (sent as
//! the candidate types, kept on the device until the server has it). A bar
//! with the countdown stays at the top of the screen while the candidate
//! scrolls or types, phones included. When the interviewer ends the
//! interview the answer turns read-only and the timer stops; when the link
//! is unknown, withdrawn or expired the page says which.

use leptos::prelude::*;
use mockroom_api::{CandidateView, RoomRole, RoomView};

use crate::api;
use crate::components::When;
use crate::reactive::{Derived, State};
use crate::room_parts::{AnswerStart, ConnectionBadge, Handle, LiveAnswer, RevealedStages, RoomClosed};
use crate::room_socket::{open_room, probe_with, remaining_text, ticking_clock, Audience, Connection, RoomSignals};
use crate::text::count;

/// The room of the candidate link `token` (the last segment of `/join/…`).
#[component]
pub fn CandidateRoom(token: String) -> impl IntoView {
    let signals = RoomSignals::new();
    let probe = {
        let token = token.clone();
        probe_with(move || {
            let token = token.clone();
            async move { api::candidate_room_opens(&token).await }
        })
    };
    let handle: Handle = StoredValue::new_local(open_room(
        api::room_socket(&token),
        Audience::CANDIDATE,
        signals,
        Some(probe),
    ));
    let now = ticking_clock();
    let view = Signal::derive(move || match signals.view.get() {
        Some(RoomView::Candidate(v)) => Some(v),
        _ => None,
    });
    let closed = Derived::new(move || match signals.connection.get() {
        Connection::Closed(why) => Some(why),
        _ => None,
    });
    // Rebuild the body only when the room first loads.
    let loaded = Derived::new(move || view.with(Option::is_some));

    move || {
        if let Some(why) = closed.get() {
            return view! { <RoomClosed why=why/> }.into_any();
        }
        view! {
            <section class="card room candidate-room">
                {move || if loaded.get() {
                    view! { <CandidateBody view=view now=now signals=signals handle=handle/> }.into_any()
                } else {
                    view! {
                        <ConnectionBadge connection=signals.connection/>
                        <p class="muted" data-testid="joining">"Joining the interview…"</p>
                    }.into_any()
                }}
            </section>
        }
        .into_any()
    }
}

#[component]
fn CandidateBody(
    view: Signal<Option<CandidateView>>,
    now: State<f64>,
    signals: RoomSignals,
    handle: Handle,
) -> impl IntoView {
    let (name, team) = view
        .with_untracked(|v| v.as_ref().map(|v| (v.candidate_name.clone(), v.team_name.clone())))
        .unwrap_or_default();
    let current = Derived::new(move || view.with(|v| v.as_ref().map_or(0, |v| v.current_question)));
    let finished = Derived::new(move || view.with(|v| v.as_ref().is_some_and(|v| v.finished)));
    let title = Derived::new(move || {
        view.with(|v| {
            v.as_ref()
                .and_then(|v| v.questions.get(current.get()))
                .and_then(|q| q.title.clone())
        })
    });
    // The welcome screen, until the interviewer first reveals something (a
    // stage hidden again later does not bring it back).
    let welcome = Memo::new(move |before: Option<&bool>| {
        before != Some(&false)
            && view.with(|v| {
                v.as_ref()
                    .is_some_and(|v| !v.finished && v.questions.iter().all(|q| q.stages.is_empty()))
            })
    });
    let heading = if team.is_empty() {
        format!("Interview: {name}")
    } else {
        format!("Interview with {team}")
    };
    view! {
        <header class="room-header candidate-bar">
            <div class="bar-title">
                <h1>{heading}</h1>
                <p class="muted">{move || view.with(|v| v.as_ref().map(|v| format!("Question {} of {}", v.current_question + 1, v.question_count)))}</p>
            </div>
            <p class="timer" aria-label="Time left" data-testid="timer">
                {move || view.with(|v| v.as_ref().map(|v| remaining_text(&v.timer, now.get(), signals.clock_offset_ms.get())))}
                {move || match (finished.get(), view.with(|v| v.as_ref().map(|v| (v.timer.running, v.timer.remaining_ms < v.timer.limit_ms)))) {
                    (true, _) => Some(view! { <span class="muted">" · stopped"</span> }),
                    (false, Some((false, true))) => Some(view! { <span class="muted">" (paused)"</span> }),
                    (false, Some((false, false))) => Some(view! { <span class="muted">" (not started)"</span> }),
                    (false, _) => None,
                }}
            </p>
            <ConnectionBadge connection=signals.connection/>
        </header>
        {move || signals.error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        <When when=move || finished.get()>
            <p class="notice" role="status" data-testid="interview-ended">
                "The interview has ended: your answers are final and the timer has stopped. Thank you! You can close this page."
            </p>
        </When>
        {move || if welcome.get() {
            view! { <Welcome view=view connection=signals.connection name=name.clone()/> }.into_any()
        } else {
            view! { <Questions view=view current=current finished=finished title=title signals=signals handle=handle/> }.into_any()
        }}
    }
}

/// What the candidate reads before the interview starts.
#[component]
fn Welcome(view: Signal<Option<CandidateView>>, connection: State<Connection>, name: String) -> impl IntoView {
    let facts = view.with_untracked(|v| {
        v.as_ref().map(|v| {
            (
                v.team_name.clone(),
                v.interviewers.clone(),
                v.question_count,
                (v.planned_ms + 59_999) / 60_000,
            )
        })
    });
    let (team, interviewers, questions, minutes) = facts.unwrap_or_default();
    // The interviewer who runs the room, online now?
    let host_here = Derived::new(move || {
        view.with(|v| {
            v.as_ref().is_some_and(|v| {
                v.participants
                    .iter()
                    .any(|p| p.role == RoomRole::Interviewer && p.connected)
            })
        })
    });
    let host = interviewers
        .first()
        .cloned()
        .unwrap_or_else(|| "Your interviewer".into());
    let invited = if team.is_empty() {
        "You are invited to a live technical interview.".to_owned()
    } else {
        format!("{team} invited you to a live technical interview.")
    };
    let online = move || connection.get() == Connection::Open;
    view! {
        <section class="welcome" data-testid="welcome" aria-labelledby="welcome-title">
            <h2 id="welcome-title">{format!("Welcome, {name}")}</h2>
            <p class="lead">{invited}</p>
            <p class="waiting" role="status" data-testid="waiting">
                <span class="pulse" aria-hidden="true"></span>
                <span>
                    <strong>"Waiting for the interviewer to begin…"</strong>" "
                    <span class="muted">{move || if host_here.get() {
                        "The first question appears here as soon as they start."
                    } else {
                        "You can keep this page open; it updates by itself."
                    }}</span>
                </span>
            </p>
            <dl class="facts">
                {(!interviewers.is_empty()).then(|| view! {
                    <div><dt>{if interviewers.len() == 1 { "Interviewer" } else { "Interviewers" }}</dt><dd data-testid="interviewers">{interviewers.join(", ")}</dd></div>
                })}
                <div><dt>"Questions"</dt><dd>{count(questions, "question", "questions")}</dd></div>
                {(minutes > 0).then(|| view! { <div><dt>"Planned time"</dt><dd>{format!("about {minutes} minutes")}</dd></div> })}
            </dl>
            <div class="welcome-grid">
                <div>
                    <h3>"What to expect"</h3>
                    <ul class="expect">
                        <li>"Your interviewer reveals each question in stages. They appear on this page one at a time: there is nothing to read ahead."</li>
                        <li>"Type your answer in the box under the question. It is saved as you type and your interviewers see it as you write; if your connection drops, it is kept on this device and sent when you are back."</li>
                        <li>"The timer at the top shows the time for the current question. Your interviewer starts it and may give you more."</li>
                        <li>"Some stages are quick checks with lettered options: choose one, then lock it in."</li>
                        <li>"Think aloud: your interviewers are interested in how you reason, not only in the final answer."</li>
                    </ul>
                </div>
                <div class="checks">
                    <h3>"Before you start"</h3>
                    <p class="check-row" class:ok=online data-testid="connection-check">
                        <span class="dot" aria-hidden="true"></span>
                        {move || if online() { "Your connection works: you are in the interview room." } else { "Reconnecting to the interview room…" }}
                    </p>
                    <p class="check-row" class:ok=move || host_here.get() data-testid="interviewer-check">
                        <span class="dot" aria-hidden="true"></span>
                        {move || if host_here.get() { format!("{host} is here.") } else { format!("{host} has not joined yet.") }}
                    </p>
                </div>
            </div>
        </section>
    }
}

/// The current question's revealed stages and the answer box.
#[component]
fn Questions(
    view: Signal<Option<CandidateView>>,
    current: Derived<usize>,
    finished: Derived<bool>,
    title: Derived<Option<String>>,
    signals: RoomSignals,
    handle: Handle,
) -> impl IntoView {
    // Re-created only when the question changes, so typing is never interrupted.
    move || {
        let index = current.get();
        let stored = Signal::derive(move || {
            view.with(|v| {
                v.as_ref()
                    .and_then(|v| v.questions.get(index))
                    .map(|q| q.answer.clone())
            })
            .unwrap_or_default()
        });
        let stored_language = Signal::derive(move || {
            view.with(|v| {
                v.as_ref()
                    .and_then(|v| v.questions.get(index))
                    .map(|q| q.answer_language.clone())
            })
            .unwrap_or_default()
        });
        let start = AnswerStart::new(Signal::derive(move || !finished.get()));
        view! {
            <article class="question-body">
                <h2>{move || title.get().unwrap_or_else(|| "Waiting for the interviewer to begin…".into())}</h2>
                <RevealedStages view=view question=index handle=handle start=start/>
            </article>
            <div class="answer">
                <LiveAnswer question=index stored=stored stored_language=stored_language open=Signal::derive(move || !finished.get()) start=start
                    label="Your answer (saved as you type, visible to your interviewers)"
                    signals=signals handle=handle/>
            </div>
        }
    }
}
