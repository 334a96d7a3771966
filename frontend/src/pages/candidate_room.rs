//! The candidate's room: only what the interviewer has revealed, appearing in
//! place and announced to screen readers; the countdown; quick checks; the
//! answer area (sent as the candidate types, kept on the device until the
//! server has it). When the interviewer ends the interview the answer turns
//! read-only and the timer stops; when the link is unknown, withdrawn or
//! expired the page says which.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use mockroom_api::{CandidateView, RoomView};

use crate::api;
use crate::room_parts::{AnswerStart, Handle, LiveAnswer, RevealedStages, RoomClosed};
use crate::room_socket::{open_room, probe_with, remaining_text, ticking_clock, Connection, RoomSignals};

#[component]
pub fn CandidateRoom() -> impl IntoView {
    let params = use_params_map();
    let token = params.with_untracked(|p| p.get("token")).unwrap_or_default();
    let signals = RoomSignals::new();
    let probe = {
        let token = token.clone();
        probe_with(move || {
            let token = token.clone();
            async move { api::candidate_room(&token).await }
        })
    };
    let handle: Handle = StoredValue::new_local(open_room(format!("/api/v1/rooms/{token}/ws"), signals, Some(probe)));
    let now = ticking_clock();
    let view = Signal::derive(move || match signals.view.get() {
        Some(RoomView::Candidate(v)) => Some(v),
        _ => None,
    });
    let closed = Memo::new(move |_| match signals.connection.get() {
        Connection::Closed(why) => Some(why),
        _ => None,
    });
    // Rebuild the body only when the room first loads.
    let loaded = Memo::new(move |_| view.with(Option::is_some));

    move || {
        if let Some(why) = closed.get() {
            return view! { <RoomClosed why=why/> }.into_any();
        }
        view! {
            <section class="card room candidate-room">
                <ConnectionBadge connection=signals.connection/>
                {move || signals.error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                {move || if loaded.get() {
                    view! { <CandidateBody view=view now=now signals=signals handle=handle/> }.into_any()
                } else {
                    view! { <p class="muted" data-testid="joining">"Joining the interview…"</p> }.into_any()
                }}
            </section>
        }
        .into_any()
    }
}

#[component]
fn CandidateBody(
    view: Signal<Option<CandidateView>>,
    now: RwSignal<f64>,
    signals: RoomSignals,
    handle: Handle,
) -> impl IntoView {
    let name = view
        .with_untracked(|v| v.as_ref().map(|v| v.candidate_name.clone()))
        .unwrap_or_default();
    let current = Memo::new(move |_| view.with(|v| v.as_ref().map_or(0, |v| v.current_question)));
    let finished = Memo::new(move |_| view.with(|v| v.as_ref().is_some_and(|v| v.finished)));
    let title = Memo::new(move |_| {
        view.with(|v| {
            v.as_ref()
                .and_then(|v| v.questions.get(current.get()))
                .and_then(|q| q.title.clone())
        })
    });
    view! {
        <header class="room-header">
            <h1>{format!("Interview: {name}")}</h1>
            <p class="timer" aria-label="Time left" data-testid="timer">
                {move || view.with(|v| v.as_ref().map(|v| remaining_text(&v.timer, now.get(), signals.clock_offset_ms.get())))}
                {move || match (finished.get(), view.with(|v| v.as_ref().is_some_and(|v| v.timer.running))) {
                    (true, _) => Some(view! { <span class="muted">" · stopped"</span> }),
                    (false, false) => Some(view! { <span class="muted">" (paused)"</span> }),
                    (false, true) => None,
                }}
            </p>
            <p class="muted">{move || view.with(|v| v.as_ref().map(|v| format!("Question {} of {}", v.current_question + 1, v.question_count)))}</p>
        </header>
        <Show when=move || finished.get()>
            <p class="notice" role="status" data-testid="interview-ended">
                "The interview has ended: your answers are final and the timer has stopped. Thank you! You can close this page."
            </p>
        </Show>
        // Re-created only when the question changes, so typing is never interrupted.
        {move || {
            let index = current.get();
            let stored = Signal::derive(move || {
                view.with(|v| v.as_ref().and_then(|v| v.questions.get(index)).map(|q| q.answer.clone())).unwrap_or_default()
            });
            let start = AnswerStart::new(Signal::derive(move || !finished.get()));
            view! {
                <article>
                    <h2>{move || title.get().unwrap_or_else(|| "Waiting for the interviewer to begin…".into())}</h2>
                    <RevealedStages view=view question=index handle=handle start=start/>
                </article>
                <div class="answer">
                    <LiveAnswer question=index stored=stored open=Signal::derive(move || !finished.get()) start=start
                        label="Your answer (saved as you type, visible to your interviewers)"
                        signals=signals handle=handle/>
                </div>
            }
        }}
    }
}

/// "Connected" / "Reconnecting…", announced when it changes.
#[component]
pub fn ConnectionBadge(connection: RwSignal<Connection>) -> impl IntoView {
    view! {
        <p class="connection" role="status" data-testid="connection">
            {move || match connection.get() {
                Connection::Connecting => "Connecting…",
                Connection::Open => "Connected",
                Connection::Reconnecting => "Reconnecting…",
                Connection::Closed(_) => "Not connected",
            }}
        </p>
    }
}
