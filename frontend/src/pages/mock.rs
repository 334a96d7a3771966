//! A timed mock, run by the candidate alone: a practice mock
//! (`/practice/:mock_id`, signed in) or one an interviewer assigned
//! (`/mock/:token`, by link). Per question: start (the server fixes the
//! deadline), answer against the countdown, submit (or let the time run
//! out), then reveal the remaining stages one at a time, answer the quick
//! checks, and, in practice, score oneself on the rubric.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use mockroom_api::{CandidateQuestion, CandidateView, ClientMessage, MockProgress, RoomView, SessionMode};

use super::candidate_room::ConnectionBadge;
use crate::api;
use crate::components::DebouncedTextArea;
use crate::room_parts::{Handle, QuickChecks, RevealedStages, RubricLevels};
use crate::room_socket::{open_room, probe_with, ticking_clock, Connection, Probe, RoomSignals};

#[component]
pub fn PracticeMock() -> impl IntoView {
    let id = use_params_map()
        .with_untracked(|p| p.get("mock_id"))
        .unwrap_or_default();
    let probe = {
        let id = id.clone();
        probe_with(move || {
            let id = id.clone();
            async move { api::practice_mock(&id).await }
        })
    };
    view! { <MockRunner path=format!("/api/v1/practice/mocks/{id}/ws") probe=probe/> }
}

#[component]
pub fn AssignedMock() -> impl IntoView {
    let token = use_params_map().with_untracked(|p| p.get("token")).unwrap_or_default();
    let probe = {
        let token = token.clone();
        probe_with(move || {
            let token = token.clone();
            async move { api::candidate_room(&token).await }
        })
    };
    view! { <MockRunner path=format!("/api/v1/rooms/{token}/ws") probe=probe/> }
}

/// Where a question stands, from the candidate's side of the clock.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    NotStarted,
    Running,
    /// Time is up but nothing was submitted: the answer still takes text, marked late.
    OutOfTime,
    Submitted,
}

fn phase(m: &MockProgress, server_now: f64) -> Phase {
    match (m.started_ms, m.submitted_ms, m.deadline_ms) {
        (None, _, _) => Phase::NotStarted,
        (Some(_), Some(_), _) => Phase::Submitted,
        (Some(_), None, Some(deadline)) if server_now >= deadline as f64 => Phase::OutOfTime,
        _ => Phase::Running,
    }
}

fn clock_text(ms: f64) -> String {
    let secs = (ms.max(0.0) / 1000.0).ceil() as i64;
    format!("{:02}:{:02}", secs / 60, secs % 60)
}

#[component]
fn MockRunner(path: String, probe: Probe) -> impl IntoView {
    let signals = RoomSignals::new();
    let handle: Handle = StoredValue::new_local(open_room(path, signals, Some(probe)));
    let now = ticking_clock();
    let view = Signal::derive(move || match signals.view.get() {
        Some(RoomView::Candidate(v)) => Some(v),
        _ => None,
    });
    // The question on screen: the candidate's current one unless they picked another.
    let picked = RwSignal::new(None::<usize>);
    let shown = Memo::new(move |_| {
        picked
            .get()
            .or_else(|| view.with(|v| v.as_ref().map(|v| v.current_question)))
    });
    let server_now = Signal::derive(move || now.get() + signals.clock_offset_ms.get());
    // `(question, answer open)`: open while started, not submitted, the mock
    // not finished and nothing past the opening stages revealed.
    let answer_slot = Memo::new(move |_| {
        let i = shown.get()?;
        view.with(|v| {
            let v = v.as_ref()?;
            let q = v.questions.get(i)?;
            let m = q.mock.as_ref()?;
            let beyond_opening = q
                .stages
                .iter()
                .any(|s| !matches!(s.kind.as_str(), "scenario" | "challenge"));
            Some((
                i,
                m.started_ms.is_some() && m.submitted_ms.is_none() && !v.finished && !beyond_opening,
            ))
        })
    });

    view! {
        <section class="card room mock">
            <ConnectionBadge connection=signals.connection/>
            {move || signals.error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            {move || match view.get() {
                None => view! {
                    <p class="muted" data-testid="room-closed">{move || match signals.connection.get() {
                        Connection::Closed(why) => why.explain(),
                        _ => "Opening the mock…".to_owned(),
                    }}</p>
                }.into_any(),
                Some(v) => view! { <MockHeader v=v shown=shown picked=picked server_now=server_now/> }.into_any(),
            }}
        </section>
        {move || shown.get().and_then(|i| view.with(|v| v.as_ref().and_then(|v| v.questions.get(i).cloned().map(|q| (q, v.mode, v.finished, v.question_count, v.current_question == i)))))
            .map(|(q, mode, finished, count, current)| view! {
                <QuestionPanel q=q mode=mode finished=finished count=count current=current server_now=server_now picked=picked handle=handle/>
            })}
        // Re-created only when the question or its open/closed state changes
        // (a memo, so other frames do not touch it): typing is never interrupted.
        {move || answer_slot.get().and_then(|(i, open)| open.then(|| {
            let initial = view.with_untracked(|v| v.as_ref().and_then(|v| v.questions.get(i)).map(|q| q.answer.clone())).unwrap_or_default();
            view! { <AnswerBox index=i initial=initial handle=handle/> }
        }))}
        {move || view.get().map(|v| view! { <FinishBar v=v handle=handle/> })}
    }
}

#[component]
fn MockHeader(
    v: CandidateView,
    shown: Memo<Option<usize>>,
    picked: RwSignal<Option<usize>>,
    server_now: Signal<f64>,
) -> impl IntoView {
    let title = if v.mode == SessionMode::Practice {
        "Practice mock"
    } else {
        "Timed mock"
    };
    view! {
        <header class="room-header">
            <h1>{title}</h1>
            <p class="muted">{format!("{} question{} · the clock of each starts when you start it", v.question_count, if v.question_count == 1 { "" } else { "s" })}</p>
        </header>
        <nav class="question-tabs" aria-label="Questions" data-testid="mock-questions">
            {v.questions.iter().map(|q| {
                let index = q.index;
                let m = q.mock.clone();
                let status = move || m.as_ref().map_or("", |m| match phase(m, server_now.get()) {
                    Phase::NotStarted => "not started",
                    Phase::Running => "in progress",
                    Phase::OutOfTime => "time is up",
                    Phase::Submitted if m.late => "submitted late",
                    Phase::Submitted => "submitted",
                });
                let current = shown.get_untracked() == Some(index);
                view! {
                    <button type="button" class:secondary=!current aria-current=current.then_some("step")
                        on:click=move |_| picked.set(Some(index))>
                        {move || format!("Question {} · {}", index + 1, status())}
                    </button>
                }
            }).collect_view()}
        </nav>
    }
}

#[component]
fn QuestionPanel(
    q: CandidateQuestion,
    mode: SessionMode,
    finished: bool,
    count: usize,
    /// The candidate's current question: the one `reveal_next` acts on.
    current: bool,
    server_now: Signal<f64>,
    picked: RwSignal<Option<usize>>,
    handle: Handle,
) -> impl IntoView {
    let Some(m) = q.mock.clone() else {
        return ().into_any();
    };
    let index = q.index;
    let send = move |msg: ClientMessage| handle.with_value(|h| h.send(&msg));
    let deadline = m.deadline_ms;
    let submitted = m.submitted_ms.is_some();
    let started = m.started_ms.is_some();
    let live_phase = {
        let m = m.clone();
        Memo::new(move |_| phase(&m, server_now.get()))
    };
    let closed = Memo::new(move |_| matches!(live_phase.get(), Phase::OutOfTime | Phase::Submitted));
    let minutes = m.time_limit_ms as f64 / 60_000.0;
    let hidden = m.hidden_stages;
    let next = (index + 1 < count).then_some(index + 1);

    if !started {
        return view! {
            <section class="card" data-testid="mock-question">
                <h2>{format!("Question {}", index + 1)}</h2>
                <p>{format!("You will have {} for this question. The scenario and the challenge appear when you start; the clock starts then and cannot be paused.", clock_text(m.time_limit_ms as f64))}</p>
                <p class="muted">{format!("({minutes:.1} minutes)")}</p>
                <button type="button" data-testid="start-question" disabled=finished
                    on:click=move |_| { picked.set(None); send(ClientMessage::StartQuestion { question: index }) }>
                    "Start this question"
                </button>
            </section>
        }
        .into_any();
    }

    view! {
        <section class="card" data-testid="mock-question">
            <header class="room-header">
                <h2>{q.title.clone().unwrap_or_else(|| format!("Question {}", index + 1))}</h2>
                <p class="timer" aria-label="Time left" data-testid="timer">
                    {move || match (live_phase.get(), deadline) {
                        (Phase::Submitted, _) => "submitted".to_owned(),
                        (Phase::OutOfTime, _) => "00:00".to_owned(),
                        (_, Some(d)) => clock_text(d as f64 - server_now.get()),
                        _ => String::new(),
                    }}
                </p>
            </header>
            {move || (live_phase.get() == Phase::OutOfTime).then(|| view! {
                <p class="notice" role="status" data-testid="time-up">"Time is up. Your answer is kept; anything you add now is marked late. Submit it, or reveal the next stage."</p>
            })}
            {m.late.then(|| view! { <p class="muted" data-testid="late">"Part of this answer arrived after the deadline (marked late)."</p> })}
            <RevealedStages q=q.clone()/>
            <QuickChecks q=q.clone() handle=handle/>
            {submitted.then(|| view! {
                <h3>"Your answer"</h3>
                <pre class="answer" data-testid="submitted-answer">{if q.answer.is_empty() { "(empty)".to_owned() } else { q.answer.clone() }}</pre>
            })}
            <div class="inline">
                {(!submitted && !finished).then(|| view! {
                    <button type="button" data-testid="submit-answer" on:click=move |_| send(ClientMessage::SubmitAnswer { question: index })>
                        "Submit my answer"
                    </button>
                })}
                {move || (current && closed.get() && hidden > 0).then(|| view! {
                    <button type="button" class="secondary" data-testid="reveal-next"
                        on:click=move |_| { picked.set(None); send(ClientMessage::RevealNext) }>
                        {format!("Reveal the next stage ({hidden} hidden)")}
                    </button>
                })}
                {move || (closed.get() && !finished).then(|| next.map(|n| view! {
                    <button type="button" class="secondary" data-testid="next-question"
                        on:click=move |_| { picked.set(None); send(ClientMessage::StartQuestion { question: n }) }>
                        {format!("Start question {}", n + 1)}
                    </button>
                }))}
            </div>
            {(mode == SessionMode::Practice).then(|| m.rubric.clone().map(|rubric| view! {
                <section class="scoring" data-testid="self-score">
                    <h3>"Score yourself"</h3>
                    <p class="muted">"Compare your answer with the junior and senior answers above, then pick the level that describes it honestly."</p>
                    {rubric.dimensions.iter().enumerate().map(|(d, dim)| {
                        let mine = m.self_scores.iter().find(|(dd, _)| *dd == d).map(|(_, l)| *l);
                        view! {
                            <RubricLevels dim=dim.clone() chosen=mine handle=handle
                                pick=move |level| ClientMessage::SelfScore { question: index, dimension: d, level }/>
                        }
                    }).collect_view()}
                </section>
            }))}
        </section>
    }
    .into_any()
}

/// The answer area, saved as the candidate types (the server marks text that
/// arrives after the deadline as late).
#[component]
fn AnswerBox(index: usize, initial: String, handle: Handle) -> impl IntoView {
    let send = move |text: String| handle.with_value(|h| h.send(&ClientMessage::Answer { question: index, text }));
    view! {
        <section class="card answer">
            <DebouncedTextArea id="answer" label="Your answer (saved as you type)" rows=10 initial=initial send=send/>
        </section>
    }
}

#[component]
fn FinishBar(v: CandidateView, handle: Handle) -> impl IntoView {
    if v.finished {
        return view! {
            <section class="card notice" role="status" data-testid="mock-finished">
                {if v.mode == SessionMode::Practice {
                    view! { <p>"Mock finished. "<A href="/practice/history">"See it in your history"</A>"."</p> }.into_any()
                } else {
                    view! { <p>"Mock finished and handed in. Your interviewer will review it. You can close this page."</p> }.into_any()
                }}
            </section>
        }
        .into_any();
    }
    let started = v
        .questions
        .iter()
        .any(|q| q.mock.as_ref().is_some_and(|m| m.started_ms.is_some()));
    view! {
        <section class="card">
            <button type="button" class="secondary" data-testid="finish-mock" disabled=!started
                on:click=move |_| handle.with_value(|h| h.send(&ClientMessage::Finish))>
                "Finish the mock"
            </button>
            <span class="muted">" Finishing closes every answer."</span>
        </section>
    }
    .into_any()
}
