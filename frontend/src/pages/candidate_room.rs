//! The candidate's room: only what the interviewer has revealed, appearing in
//! place and announced to screen readers; the countdown; quick checks; the
//! answer area (sent as the candidate types).

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use mockroom_api::{CandidateQuestion, CandidateView, ClientMessage, RoomView};

use crate::api;
use crate::components::DebouncedTextArea;
use crate::room_parts::{QuickChecks, RevealedStages};
use crate::room_socket::{open_room, probe_with, remaining_text, ticking_clock, Connection, RoomHandle, RoomSignals};

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
    let handle = open_room(format!("/api/v1/rooms/{token}/ws"), signals, Some(probe));
    let now = ticking_clock();
    let view = move || match signals.view.get() {
        Some(RoomView::Candidate(v)) => Some(v),
        _ => None,
    };
    // Rebuild the body only when the room first loads or the question changes.
    let loaded = Memo::new(move |_| view().is_some());
    let handle = StoredValue::new_local(handle);

    view! {
        <section class="card room candidate-room">
            <ConnectionBadge connection=signals.connection/>
            {move || signals.error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            {move || match loaded.get().then(|| match signals.view.get_untracked() {
                Some(RoomView::Candidate(v)) => Some(v),
                _ => None,
            }).flatten() {
                None => view! {
                    <p class="muted" data-testid="room-closed">{move || match signals.connection.get() {
                        Connection::Closed(why) => why.explain(),
                        _ => "Joining the interview…".to_owned(),
                    }}</p>
                }.into_any(),
                Some(v) => view! { <CandidateBody v=v view=Signal::derive(view) now=now offset=signals.clock_offset_ms handle=handle/> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn CandidateBody(
    v: CandidateView,
    view: Signal<Option<CandidateView>>,
    now: RwSignal<f64>,
    offset: RwSignal<f64>,
    handle: StoredValue<RoomHandle, LocalStorage>,
) -> impl IntoView {
    let current = Memo::new(move |_| {
        view.with(|v| v.as_ref().map(|v| v.current_question))
            .unwrap_or(v.current_question)
    });
    let question = move || view.with(|v| v.as_ref().and_then(|v| v.questions.get(current.get()).cloned()));
    view! {
        <header class="room-header">
            <h1>{format!("Interview: {}", v.candidate_name)}</h1>
            <p class="timer" aria-label="Time left" data-testid="timer">
                {move || view.with(|v| v.as_ref().map(|v| remaining_text(&v.timer, now.get(), offset.get())))}
                {move || view.with(|v| v.as_ref().is_some_and(|v| !v.timer.running)).then(|| view! { <span class="muted">" (paused)"</span> })}
            </p>
            <p class="muted">{move || view.with(|v| v.as_ref().map(|v| format!("Question {} of {}", v.current_question + 1, v.question_count)))}</p>
        </header>
        {move || view.with(|v| v.as_ref().is_some_and(|v| v.finished)).then(|| view! {
            <p class="notice" role="status" data-testid="interview-ended">"The interview has ended. Thank you! You can close this page."</p>
        })}
        {move || question().map(|q| view! { <CandidateStages q=q handle=handle/> })}
        // Re-created only when the question changes, so typing is never interrupted.
        {move || {
            let index = current.get();
            let initial = view.with_untracked(|v| v.as_ref().and_then(|v| v.questions.get(index)).map(|q| q.answer.clone())).unwrap_or_default();
            view! { <AnswerBox index=index initial=initial handle=handle/> }
        }}
    }
}

#[component]
fn CandidateStages(q: CandidateQuestion, handle: StoredValue<RoomHandle, LocalStorage>) -> impl IntoView {
    view! {
        <article>
            <h2>{q.title.clone().unwrap_or_else(|| "Waiting for the interviewer to begin…".into())}</h2>
            <RevealedStages q=q.clone()/>
            <QuickChecks q=q handle=handle/>
        </article>
    }
}

/// The answer area, saved as the candidate types.
#[component]
fn AnswerBox(index: usize, initial: String, handle: StoredValue<RoomHandle, LocalStorage>) -> impl IntoView {
    let send = move |text: String| handle.with_value(|h| h.send(&ClientMessage::Answer { question: index, text }));
    view! {
        <div class="answer">
            <DebouncedTextArea id="answer" label="Your answer (saved as you type, visible to your interviewers)"
                rows=8 initial=initial send=send/>
        </div>
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
