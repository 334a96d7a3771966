//! A timed mock, run by the candidate alone: a practice mock
//! (`/practice/:mock_id`, signed in) or one an interviewer assigned
//! (`/mock/:token`, by link). Per question: start (the server fixes the
//! deadline), answer against the countdown, submit (or let the time run
//! out), then reveal the remaining stages one at a time, answer the quick
//! checks, and, in practice, score oneself on the rubric. Finishing the mock
//! asks first. An assigned mock says up front what the candidate will see
//! after handing in (the interviewer's answer-key setting).

use leptos::prelude::*;
use mockroom_api::{CandidateView, ClientMessage, MockProgress, RoomView, SessionMode};

use crate::api;
use crate::components::{ConfirmDialog, When};
use crate::reactive::{Derived, State};
use crate::room_parts::{AnswerStart, ConnectionBadge, Handle, LiveAnswer, RevealedStages, RoomClosed, RubricLevels};
use crate::room_socket::{open_room, probe_with, ticking_clock, Audience, Connection, Probe, RoomSignals};
use crate::text::count;

/// The signed-in candidate's practice mock `id`.
#[component]
pub fn PracticeMock(id: String) -> impl IntoView {
    let probe = {
        let id = id.clone();
        probe_with(move || {
            let id = id.clone();
            async move { api::practice_mock_opens(&id).await }
        })
    };
    view! { <MockRunner path=api::practice_socket(&id) probe=probe/> }
}

/// The mock of the candidate link `token` (the last segment of `/mock/…`).
#[component]
pub fn AssignedMock(token: String) -> impl IntoView {
    let probe = {
        let token = token.clone();
        probe_with(move || {
            let token = token.clone();
            async move { api::candidate_room_opens(&token).await }
        })
    };
    view! { <MockRunner path=api::room_socket(&token) probe=probe/> }
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
    let handle: Handle = StoredValue::new_local(open_room(path, Audience::CANDIDATE, signals, Some(probe)));
    let now = ticking_clock();
    let view = Signal::derive(move || match signals.view.get() {
        Some(RoomView::Candidate(v)) => Some(v),
        _ => None,
    });
    let closed = Derived::new(move || match signals.connection.get() {
        Connection::Closed(why) => Some(why),
        _ => None,
    });
    let loaded = Derived::new(move || view.with(Option::is_some));
    // The question on screen: the candidate's current one unless they picked another.
    let picked = State::new(None::<usize>);
    let shown = Derived::new(move || {
        picked
            .get()
            .or_else(|| view.with(|v| v.as_ref().map(|v| v.current_question)))
    });
    let server_now = Signal::derive(move || now.get() + signals.clock_offset_ms.get());
    // `(question, answer open)`: open while started, not submitted, the mock
    // not finished and nothing past the opening stages revealed.
    let answer_slot = Derived::new(move || {
        let i = shown.get()?;
        view.with(|v| {
            let v = v.as_ref()?;
            let q = v.questions.get(i)?;
            let m = q.mock.as_ref()?;
            let beyond_opening = q
                .stages
                .iter()
                .any(|s| !matches!(s.kind.as_str(), "scenario" | "challenge" | "code_exercise"));
            Some((
                i,
                m.started_ms.is_some() && m.submitted_ms.is_none() && !v.finished && !beyond_opening,
            ))
        })
    });
    // One for the page: only the question on screen shows stages and an answer box.
    let start = AnswerStart::new(Signal::derive(move || answer_slot.get().is_some_and(|(_, open)| open)));

    move || {
        if let Some(why) = closed.get() {
            return view! { <RoomClosed why=why/> }.into_any();
        }
        if !loaded.get() {
            return view! {
                <section class="card room mock">
                    <ConnectionBadge connection=signals.connection/>
                    <p class="muted" data-testid="joining">"Opening the mock…"</p>
                </section>
            }
            .into_any();
        }
        view! {
            <section class="card room mock">
                <ConnectionBadge connection=signals.connection/>
                {move || signals.error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                {move || view.get().map(|v| view! { <MockHeader v=v shown=shown picked=picked server_now=server_now/> })}
            </section>
            // Built again only when another question is shown: the stages and
            // quick checks inside keep their state between frames.
            {move || shown.get().map(|i| view! {
                <MockQuestion index=i view=view server_now=server_now picked=picked handle=handle start=start/>
            })}
            // Re-created only when the question or its open/closed state changes
            // (a memo, so other frames do not touch it): typing is never interrupted.
            {move || answer_slot.get().and_then(|(i, open)| open.then(|| {
                let stored = Signal::derive(move || {
                    view.with(|v| v.as_ref().and_then(|v| v.questions.get(i)).map(|q| q.answer.clone())).unwrap_or_default()
                });
                let stored_language = Signal::derive(move || {
                    view.with(|v| v.as_ref().and_then(|v| v.questions.get(i)).map(|q| q.answer_language.clone())).unwrap_or_default()
                });
                view! {
                    <section class="card answer">
                        <LiveAnswer question=i label="Your answer (saved as you type)" rows=10 stored=stored stored_language=stored_language
                            open=Signal::derive(move || answer_slot.get() == Some((i, true))) signals=signals handle=handle start=start/>
                    </section>
                }
            }))}
            <FinishBar view=view handle=handle/>
        }
        .into_any()
    }
}

/// What the candidate of an assigned mock will see after handing in an answer.
fn answer_key_policy(v: &CandidateView) -> Option<&'static str> {
    (v.mode == SessionMode::Assigned).then_some(if v.show_answer_key {
        "After you hand in an answer, you can reveal the rest of the question: the walkthrough, the model answers and the quick checks with their explanations."
    } else {
        "After you hand in an answer, you can answer the question's quick checks and see whether you were right. The walkthrough and model answers stay with your interviewer."
    })
}

#[component]
fn MockHeader(
    v: CandidateView,
    shown: Derived<Option<usize>>,
    picked: State<Option<usize>>,
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
            <p class="muted">{format!("{} · the clock of each starts when you start it", count(v.question_count, "question", "questions"))}</p>
        </header>
        {answer_key_policy(&v).map(|p| view! { <p class="notice" data-testid="answer-key-policy">{p}</p> })}
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
fn MockQuestion(
    index: usize,
    view: Signal<Option<CandidateView>>,
    server_now: Signal<f64>,
    picked: State<Option<usize>>,
    handle: Handle,
    start: AnswerStart,
) -> impl IntoView {
    let progress = Derived::new(move || {
        view.with(|v| {
            v.as_ref()
                .and_then(|v| v.questions.get(index))
                .and_then(|q| q.mock.clone())
        })
    });
    let started = Derived::new(move || progress.with(|m| m.as_ref().is_some_and(|m| m.started_ms.is_some())));
    let time_limit_ms = progress.with_untracked(|m| m.as_ref().map_or(0, |m| m.time_limit_ms));
    move || {
        if started.get() {
            view! { <RunningQuestion index=index view=view progress=progress server_now=server_now picked=picked handle=handle start=start/> }.into_any()
        } else {
            view! { <StartCard index=index time_limit_ms=time_limit_ms view=view picked=picked handle=handle/> }
                .into_any()
        }
    }
}

#[component]
fn StartCard(
    index: usize,
    time_limit_ms: i64,
    view: Signal<Option<CandidateView>>,
    picked: State<Option<usize>>,
    handle: Handle,
) -> impl IntoView {
    let finished = move || view.with(|v| v.as_ref().is_some_and(|v| v.finished));
    let minutes = time_limit_ms as f64 / 60_000.0;
    view! {
        <section class="card" data-testid="mock-question">
            <h2>{format!("Question {}", index + 1)}</h2>
            <p>{format!("You will have {} for this question. The scenario and the challenge appear when you start; the clock starts then and cannot be paused.", clock_text(time_limit_ms as f64))}</p>
            <p class="muted">{format!("({} minutes)", crate::text::fixed(minutes, 1))}</p>
            <button type="button" data-testid="start-question" disabled=finished
                on:click=move |_| { picked.set(None); handle.with_value(|h| h.send(&ClientMessage::StartQuestion { question: index })) }>
                "Start this question"
            </button>
        </section>
    }
}

#[component]
fn RunningQuestion(
    index: usize,
    view: Signal<Option<CandidateView>>,
    progress: Derived<Option<MockProgress>>,
    server_now: Signal<f64>,
    picked: State<Option<usize>>,
    handle: Handle,
    start: AnswerStart,
) -> impl IntoView {
    let send = move |msg: ClientMessage| handle.with_value(|h| h.send(&msg));
    let live_phase =
        Derived::new(move || progress.with(|m| m.as_ref().map_or(Phase::NotStarted, |m| phase(m, server_now.get()))));
    let closed = Derived::new(move || matches!(live_phase.get(), Phase::OutOfTime | Phase::Submitted));
    let deadline = Derived::new(move || progress.with(|m| m.as_ref().and_then(|m| m.deadline_ms)));
    let submitted = Derived::new(move || live_phase.get() == Phase::Submitted);
    let late = Derived::new(move || progress.with(|m| m.as_ref().is_some_and(|m| m.late)));
    let hidden = Derived::new(move || progress.with(|m| m.as_ref().map_or(0, |m| m.hidden_stages)));
    let finished = Derived::new(move || view.with(|v| v.as_ref().is_some_and(|v| v.finished)));
    // The candidate's current question: the one `reveal_next` acts on.
    let current = Derived::new(move || view.with(|v| v.as_ref().is_some_and(|v| v.current_question == index)));
    let next = Derived::new(move || {
        view.with(|v| {
            v.as_ref()
                .and_then(|v| (index + 1 < v.question_count).then_some(index + 1))
        })
    });
    let title = Derived::new(move || {
        view.with(|v| {
            v.as_ref()
                .and_then(|v| v.questions.get(index))
                .and_then(|q| q.title.clone())
        })
    });
    let answer = Derived::new(move || {
        view.with(|v| {
            v.as_ref()
                .and_then(|v| v.questions.get(index))
                .map(|q| q.answer.clone())
        })
        .unwrap_or_default()
    });
    let practice = view.with_untracked(|v| v.as_ref().is_some_and(|v| v.mode == SessionMode::Practice));
    let rubric = Derived::new(move || progress.with(|m| m.as_ref().and_then(|m| m.rubric.clone())));

    view! {
        <section class="card" data-testid="mock-question">
            <header class="room-header">
                <h2>{move || title.get().unwrap_or_else(|| format!("Question {}", index + 1))}</h2>
                <p class="timer" aria-label="Time left" data-testid="timer">
                    {move || match (live_phase.get(), deadline.get()) {
                        (Phase::Submitted, _) => "submitted".to_owned(),
                        (Phase::OutOfTime, _) => "00:00".to_owned(),
                        (_, Some(d)) => clock_text(d as f64 - server_now.get()),
                        _ => String::new(),
                    }}
                </p>
            </header>
            <When when=move || live_phase.get() == Phase::OutOfTime>
                <p class="notice" role="status" data-testid="time-up">"Time is up. Your answer is kept; anything you add now is marked late. Submit it, or reveal the next stage."</p>
            </When>
            <When when=move || late.get()>
                <p class="muted" data-testid="late">"Part of this answer arrived after the deadline (marked late)."</p>
            </When>
            <RevealedStages view=view question=index handle=handle start=start/>
            <When when=move || submitted.get()>
                <h3>"Your answer"</h3>
                <pre class="answer" data-testid="submitted-answer">{move || { let a = answer.get(); if a.is_empty() { "(empty)".to_owned() } else { a } }}</pre>
            </When>
            <div class="inline">
                <When when=move || !submitted.get() && !finished.get()>
                    <button type="button" data-testid="submit-answer" on:click=move |_| send(ClientMessage::SubmitAnswer { question: index })>
                        "Submit my answer"
                    </button>
                </When>
                <When when=move || current.get() && closed.get() && hidden.get() != 0>
                    <button type="button" class="secondary" data-testid="reveal-next"
                        on:click=move |_| { picked.set(None); send(ClientMessage::RevealNext) }>
                        {move || format!("Reveal the next stage ({} hidden)", hidden.get())}
                    </button>
                </When>
                {move || (closed.get() && !finished.get()).then(|| next.get().map(|n| view! {
                    <button type="button" class="secondary" data-testid="next-question"
                        on:click=move |_| { picked.set(None); send(ClientMessage::StartQuestion { question: n }) }>
                        {format!("Start question {}", n + 1)}
                    </button>
                }))}
            </div>
            {move || practice.then(|| rubric.get().map(|rubric| view! {
                <section class="scoring" data-testid="self-score">
                    <h3>"Score yourself"</h3>
                    <p class="muted">"Compare your answer with the junior and senior answers above, then pick the level that describes it honestly."</p>
                    {rubric.dimensions.iter().enumerate().map(|(d, dim)| {
                        let mine = Signal::derive(move || progress.with(|m| m.as_ref().and_then(|m| m.self_scores.iter().find(|(dd, _)| *dd == d).map(|(_, l)| *l))));
                        view! {
                            <RubricLevels dim=dim.clone() chosen=mine handle=handle
                                pick=move |level| ClientMessage::SelfScore { question: index, dimension: d, level }/>
                        }
                    }).collect_view()}
                </section>
            }))}
        </section>
    }
}

#[component]
fn FinishBar(view: Signal<Option<CandidateView>>, handle: Handle) -> impl IntoView {
    let finished = Derived::new(move || view.with(|v| v.as_ref().is_some_and(|v| v.finished)));
    let practice = view.with_untracked(|v| v.as_ref().is_some_and(|v| v.mode == SessionMode::Practice));
    let started = Derived::new(move || {
        view.with(|v| {
            v.as_ref().is_some_and(|v| {
                v.questions
                    .iter()
                    .any(|q| q.mock.as_ref().is_some_and(|m| m.started_ms.is_some()))
            })
        })
    });
    let unstarted = Derived::new(move || {
        view.with(|v| {
            v.as_ref().map_or(0, |v| {
                v.questions
                    .iter()
                    .filter(|q| q.mock.as_ref().is_some_and(|m| m.started_ms.is_none()))
                    .count()
            })
        })
    });
    let ask = RwSignal::new(false);
    move || {
        if finished.get() {
            return view! {
                <section class="card notice" role="status" data-testid="mock-finished">
                    {if practice {
                        view! { <p>"Mock finished. "<a href="/practice/history">"See it in your history"</a>"."</p> }.into_any()
                    } else {
                        view! { <p>"Mock finished and handed in. Your interviewer will review it. You can close this page."</p> }.into_any()
                    }}
                </section>
            }
            .into_any();
        }
        view! {
            <section class="card">
                <button type="button" class="secondary" data-testid="finish-mock" disabled=move || !started.get()
                    on:click=move |_| ask.set(true)>
                    "Finish the mock"
                </button>
                <span class="muted">" Finishing hands in every answer."</span>
                <ConfirmDialog open=ask id="confirm-finish" title="Finish the mock?" confirm="Finish the mock"
                    on_confirm=move || handle.with_value(|h| h.send(&ClientMessage::Finish))>
                    <p>"Every answer is handed in as it stands and cannot be changed afterwards. "
                        {move || match unstarted.get() {
                            0 => String::new(),
                            1 => "The question you have not started stays unanswered. ".to_owned(),
                            n => format!("The {n} questions you have not started stay unanswered. "),
                        }}
                        {if practice { "The attempt goes to your history." } else { "Your interviewer then reviews it." }}</p>
                </ConfirmDialog>
            </section>
        }
        .into_any()
    }
}
