//! The interviewer's console: reveal controls with a preview of the next
//! stage, the timer, the candidate's live answer, rubric scoring, notes and
//! the recommendation. Keyboard: `n` reveals the next stage, `t` starts or
//! pauses the timer (outside text fields).

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use mockroom_api::{
    ClientMessage, InterviewerQuestion, InterviewerView, Recommendation, RoomRole, RoomView, SessionMode,
};
use wasm_bindgen::JsCast;

use super::candidate_room::ConnectionBadge;
use crate::api;
use crate::components::DebouncedTextArea;
use crate::room_parts::RubricLevels;
use crate::room_socket::{open_room, probe_with, remaining_text, ticking_clock, Connection, RoomHandle, RoomSignals};

type Handle = StoredValue<RoomHandle, LocalStorage>;

#[component]
pub fn Console() -> impl IntoView {
    let params = use_params_map();
    let team = params.with_untracked(|p| p.get("team_id")).unwrap_or_default();
    let session = params.with_untracked(|p| p.get("session_id")).unwrap_or_default();
    // `?role=panelist|observer` joins in that role (default: interviewer for the
    // session's creator, panelist for other members).
    let role = use_query_map()
        .with_untracked(|q| q.get("role"))
        .filter(|r| matches!(r.as_str(), "interviewer" | "panelist" | "observer"))
        .map(|r| format!("?role={r}"))
        .unwrap_or_default();
    let signals = RoomSignals::new();
    let probe = {
        let (team, session) = (team.clone(), session.clone());
        probe_with(move || {
            let (team, session) = (team.clone(), session.clone());
            async move { api::session(&team, &session).await }
        })
    };
    let handle = StoredValue::new_local(open_room(
        format!("/api/v1/teams/{team}/sessions/{session}/ws{role}"),
        signals,
        Some(probe),
    ));
    let now = ticking_clock();
    let view = Signal::derive(move || match signals.view.get() {
        Some(RoomView::Interviewer(v)) => Some(v),
        _ => None,
    });
    // In a timed mock the candidate moves through the questions; the reviewer
    // picks which one to look at without moving anyone.
    let picked = RwSignal::new(None::<usize>);
    let current = Memo::new(move |_| {
        picked
            .get()
            .or_else(|| view.with(|v| v.as_ref().map(|v| v.current_question)))
    });
    let controls = Memo::new(move |_| {
        view.with(|v| {
            v.as_ref()
                .is_some_and(|v| v.role == RoomRole::Interviewer && !v.mode.without_controls())
        })
    });

    // Keyboard shortcuts, ignored while typing.
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        let typing = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
        if typing || ev.ctrl_key() || ev.meta_key() || ev.alt_key() || !controls.get_untracked() {
            return;
        }
        match ev.key().as_str() {
            "n" => handle.with_value(|h| h.send(&ClientMessage::RevealNext)),
            "t" => {
                let running = view.with_untracked(|v| v.as_ref().is_some_and(|v| v.timer.running));
                let started =
                    view.with_untracked(|v| v.as_ref().is_some_and(|v| v.timer.remaining_ms < v.timer.limit_ms));
                let msg = match (running, started) {
                    (true, _) => ClientMessage::TimerPause,
                    (false, true) => ClientMessage::TimerResume,
                    (false, false) => ClientMessage::TimerStart,
                };
                handle.with_value(|h| h.send(&msg));
            }
            _ => {}
        }
    });
    on_cleanup(move || keys.remove());

    let replay = format!("/teams/{team}/sessions/{session}/replay");
    let link = RwSignal::new(None::<String>);
    let (link_team, link_session) = (team.clone(), session.clone());
    let new_link = move |_| {
        let (t, s) = (link_team.clone(), link_session.clone());
        leptos::task::spawn_local(async move {
            match api::new_candidate_link(&t, &s).await {
                Ok(l) => link.set(Some(format!("New candidate link (shown once): {}", l.url))),
                Err(e) => signals.error.set(Some(e.message)),
            }
        });
    };
    let (revoke_team, revoke_session) = (team.clone(), session.clone());
    let revoke = move |_| {
        let (t, s) = (revoke_team.clone(), revoke_session.clone());
        leptos::task::spawn_local(async move {
            match api::revoke_candidate_links(&t, &s).await {
                Ok(()) => link.set(Some("Every candidate link of this session is revoked.".into())),
                Err(e) => signals.error.set(Some(e.message)),
            }
        });
    };
    let scorecard = format!("/api/v1/teams/{team}/sessions/{session}/scorecard");
    let csv = format!("{scorecard}.csv");
    view! {
        <section class="card room console">
            <ConnectionBadge connection=signals.connection/>
            {move || match signals.connection.get() {
                Connection::Closed(why) => Some(view! { <p class="error" role="alert" data-testid="room-closed">{why.explain()}</p> }),
                _ => None,
            }}
            {move || signals.error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            {move || view.get().map(|v| view! { <ConsoleHeader v=v now=now offset=signals.clock_offset_ms handle=handle/> })}
            {move || view.get().map(|v| view! { <QuestionTabs v=v current=current picked=picked handle=handle/> })}
            <p class="muted">
                <a href=scorecard target="_blank" rel="noopener">"Scorecard"</a>" · "<a href=csv>"CSV"</a>" · "<a href=replay>"Replay"</a>
                " · Keys: "<kbd>"n"</kbd>" reveal next, "<kbd>"t"</kbd>" timer"
            </p>
            {move || view.with(|v| v.as_ref().is_some_and(|v| v.finished && !v.mode.without_controls())).then(|| view! {
                <p class="notice" role="status" data-testid="interview-ended">"The interview has ended: the candidate's answers are final. Scoring stays open."</p>
            })}
            <Show when=move || controls.get()>
                <div class="inline">
                    <button type="button" data-testid="end-interview" disabled=move || view.with(|v| v.as_ref().is_some_and(|v| v.finished))
                        on:click=move |_| handle.with_value(|h| h.send(&ClientMessage::Finish))>"End the interview"</button>
                    <button type="button" class="secondary" on:click=new_link.clone()>"New candidate link"</button>
                    <button type="button" class="secondary" on:click=revoke.clone()>"Revoke candidate links"</button>
                </div>
            </Show>
            {move || link.get().map(|l| view! { <p class="notice" role="status">{l}</p> })}
        </section>
        {move || current.get().and_then(|q| view.with(|v| v.as_ref().and_then(|v| v.questions.get(q).cloned().map(|question| (question, v.role))))).map(|(question, role)| view! {
            <Stages q=question role=role controls=controls.get() handle=handle/>
        })}
        {move || view.get().zip(current.get()).map(|(v, index)| view! { <Scoring v=v index=index handle=handle/> })}
        {move || current.get().map(|q| {
            let initial = view.with_untracked(|v| v.as_ref().and_then(|v| v.questions.get(q)).map(|q| q.my_note.clone())).unwrap_or_default();
            view! { <NoteBox index=q initial=initial handle=handle/> }
        })}
    }
}

#[component]
fn ConsoleHeader(v: InterviewerView, now: RwSignal<f64>, offset: RwSignal<f64>, handle: Handle) -> impl IntoView {
    if v.mode == SessionMode::Drill {
        return view! {
            <header class="room-header">
                <h1>{format!("Calibration drill: {}", v.candidate_name)}</h1>
                <p data-testid="mock-status">"Score this recorded interview on your own. Other interviewers' scores stay hidden until you submit yours."</p>
            </header>
        }
        .into_any();
    }
    if v.mode.is_mock() {
        return view! {
            <header class="room-header">
                <h1>{format!("Timed mock: {}", v.candidate_name)}</h1>
                <p data-testid="mock-status">{if v.finished {
                    "The candidate has finished. Review each question, score it, and submit."
                } else {
                    "The candidate is working alone; answers appear here as they come in."
                }}</p>
            </header>
        }
        .into_any();
    }
    let controls = v.role == RoomRole::Interviewer;
    let timer = v.timer.clone();
    let running = v.timer.running;
    let started = v.timer.remaining_ms < v.timer.limit_ms;
    let send = move |m: ClientMessage| handle.with_value(|h| h.send(&m));
    view! {
        <header class="room-header">
            <h1>{format!("Interview with {}", v.candidate_name)}</h1>
            <p class="timer" data-testid="timer">{move || remaining_text(&timer, now.get(), offset.get())}
                {(!running).then(|| view! { <span class="muted">" (paused)"</span> })}</p>
            {controls.then(|| view! {
                <div class="inline">
                    {if running {
                        view! { <button type="button" class="secondary" on:click=move |_| send(ClientMessage::TimerPause)>"Pause timer"</button> }.into_any()
                    } else if started {
                        view! { <button type="button" class="secondary" on:click=move |_| send(ClientMessage::TimerResume)>"Resume timer"</button> }.into_any()
                    } else {
                        view! { <button type="button" class="secondary" on:click=move |_| send(ClientMessage::TimerStart)>"Start timer"</button> }.into_any()
                    }}
                    <button type="button" class="secondary" on:click=move |_| send(ClientMessage::TimerExtend { seconds: 300 })>"+5 min"</button>
                </div>
            })}
            <ul class="participants" aria-label="Participants">
                {v.participants.into_iter().map(|p| view! {
                    <li class:online=p.connected>{format!("{} ({}) {}", p.name, role_label(p.role), if p.connected { "online" } else { "offline" }).to_lowercase()}</li>
                }).collect_view()}
            </ul>
        </header>
    }
    .into_any()
}

/// "4:05 used (late)" for a timed-mock question.
fn time_used(q: &InterviewerQuestion) -> Option<String> {
    let ms = q.time_used_ms?;
    let secs = ms.max(0) / 1000;
    Some(format!(
        "{}:{:02} used{}",
        secs / 60,
        secs % 60,
        if q.late { " (late)" } else { "" }
    ))
}

fn role_label(role: RoomRole) -> &'static str {
    match role {
        RoomRole::Interviewer => "interviewer",
        RoomRole::Panelist => "panelist",
        RoomRole::Observer => "observer",
        RoomRole::Candidate => "candidate",
    }
}

#[component]
fn QuestionTabs(
    v: InterviewerView,
    current: Memo<Option<usize>>,
    picked: RwSignal<Option<usize>>,
    handle: Handle,
) -> impl IntoView {
    let mock = v.mode.without_controls();
    let controls = v.role == RoomRole::Interviewer || mock;
    view! {
        <nav class="question-tabs" aria-label="Questions">
            {v.questions.iter().map(|q| {
                let index = q.index;
                let revealed = q.stages.iter().filter(|s| s.revealed).count();
                let mut label = format!("{}. {} ({}/{})", index + 1, q.question.title, revealed, q.stages.len());
                if let Some(used) = time_used(q) {
                    label.push_str(&format!(" · {used}"));
                }
                let is_current = current.get_untracked() == Some(index);
                view! {
                    <button type="button" class:secondary=!is_current aria-current=is_current.then_some("step") disabled=!controls
                        on:click=move |_| if mock {
                            picked.set(Some(index));
                        } else {
                            handle.with_value(|h| h.send(&ClientMessage::GoTo { question: index }));
                        }>{label}</button>
                }
            }).collect_view()}
        </nav>
    }
}

#[component]
fn Stages(q: InterviewerQuestion, role: RoomRole, controls: bool, handle: Handle) -> impl IntoView {
    let controls = controls && role == RoomRole::Interviewer;
    let index = q.index;
    let next = q.next_stage.and_then(|n| q.stages.get(n).cloned());
    view! {
        <section class="card">
            <h2>{q.question.title.clone()}</h2>
            {controls.then(|| match next.clone() {
                Some(stage) => view! {
                    <div class="next-stage">
                        <button type="button" data-testid="reveal-next" on:click=move |_| handle.with_value(|h| h.send(&ClientMessage::RevealNext))>
                            {format!("Reveal next: {}", stage.title)}
                        </button>
                        <details>
                            <summary>"Preview of the next stage"</summary>
                            <div class="markdown" inner_html=stage.html.clone()></div>
                        </details>
                    </div>
                }.into_any(),
                None => view! { <p class="muted">"Every stage of this question is revealed."</p> }.into_any(),
            })}
            <ol class="stages" data-testid="stages">
                {q.stages.iter().map(|s| {
                    let stage = s.index;
                    let revealed = s.revealed;
                    view! {
                        <li class:revealed=revealed>
                            <span>{s.title.clone()}</span>
                            <span class="badge">{if revealed { "revealed" } else { "hidden" }}</span>
                            {controls.then(|| view! {
                                <button type="button" class="secondary" on:click=move |_| handle.with_value(|h| h.send(&if revealed {
                                    ClientMessage::Hide { question: index, stage }
                                } else {
                                    ClientMessage::Reveal { question: index, stage }
                                }))>{if revealed { "Hide" } else { "Reveal" }}</button>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ol>
            {time_used(&q).map(|t| view! { <p class="muted" data-testid="time-used">{format!("Time: {t}")}</p> })}
            <h3>"Candidate's answer (live)"</h3>
            <pre class="answer" data-testid="candidate-answer">{if q.answer.is_empty() { "(nothing yet)".to_owned() } else { q.answer.clone() }}</pre>
            {(!q.quick_checks.is_empty()).then(|| view! {
                <h3>"Quick checks"</h3>
                <ul data-testid="quick-check-results">
                    {q.quick_checks.iter().map(|c| {
                        let verdict = match c.chosen {
                            None => "not answered".to_owned(),
                            Some(ch) if ch == c.correct => format!("answered {}: correct", c.options.get(ch).cloned().unwrap_or_default()),
                            Some(ch) => format!("answered {}: wrong (correct: {})", c.options.get(ch).cloned().unwrap_or_default(), c.options.get(c.correct).cloned().unwrap_or_default()),
                        };
                        view! { <li>{format!("Quick check {}: {verdict}", c.check + 1)}</li> }
                    }).collect_view()}
                </ul>
            })}
        </section>
    }
}

#[component]
fn Scoring(v: InterviewerView, index: usize, handle: Handle) -> impl IntoView {
    if !matches!(v.role, RoomRole::Interviewer | RoomRole::Panelist) {
        return view! { <section class="card"><p class="muted">"Observers do not score."</p></section> }.into_any();
    }
    let Some(q) = v.questions.get(index).cloned() else {
        return ().into_any();
    };
    let index = q.index;
    let submitted = v.submitted;
    let recommendation = v.my_recommendation;
    view! {
        <section class="card scoring" data-testid="rubric">
            <h2>"Rubric"</h2>
            {q.rubric.dimensions.iter().enumerate().map(|(d, dim)| {
                let mine = q.my_scores.iter().find(|s| s.dimension == d).map(|s| s.level);
                view! {
                    <RubricLevels dim=dim.clone() chosen=mine handle=handle
                        pick=move |level| ClientMessage::Score { question: index, dimension: d, level }/>
                }
            }).collect_view()}
            {(!q.other_scores.is_empty()).then(|| view! {
                <h3>"Other interviewers"</h3>
                <ul>{q.other_scores.iter().map(|s| view! { <li>{format!("{}: level {} on dimension {}", s.interviewer, s.level, s.dimension + 1)}</li> }).collect_view()}</ul>
            })}
            <div class="inline">
                <div class="field">
                    <label for="recommendation">"Recommendation"</label>
                    <select id="recommendation" on:change=move |ev| {
                        let value = match event_target_value(&ev).as_str() {
                            "strong_no" => Some(Recommendation::StrongNo),
                            "no" => Some(Recommendation::No),
                            "yes" => Some(Recommendation::Yes),
                            "strong_yes" => Some(Recommendation::StrongYes),
                            _ => None,
                        };
                        if let Some(value) = value {
                            handle.with_value(|h| h.send(&ClientMessage::Recommend { value }));
                        }
                    }>
                        <option value="" selected=recommendation.is_none()>"Choose…"</option>
                        <option value="strong_no" selected=recommendation == Some(Recommendation::StrongNo)>"Strong no"</option>
                        <option value="no" selected=recommendation == Some(Recommendation::No)>"No"</option>
                        <option value="yes" selected=recommendation == Some(Recommendation::Yes)>"Yes"</option>
                        <option value="strong_yes" selected=recommendation == Some(Recommendation::StrongYes)>"Strong yes"</option>
                    </select>
                </div>
                <button type="button" disabled=submitted on:click=move |_| handle.with_value(|h| h.send(&ClientMessage::Submit))>
                    {if submitted { "Scores submitted" } else { "Submit my scores" }}
                </button>
            </div>
        </section>
    }
    .into_any()
}

/// Private notes, saved as the interviewer types.
#[component]
fn NoteBox(index: usize, initial: String, handle: Handle) -> impl IntoView {
    let send = move |text: String| handle.with_value(|h| h.send(&ClientMessage::Note { question: index, text }));
    view! {
        <section class="card">
            <DebouncedTextArea id="note" label="Private notes (never shown to the candidate)" rows=5 initial=initial send=send/>
        </section>
    }
}
