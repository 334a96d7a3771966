//! The interviewer's console: reveal controls with a preview of the next
//! stage, the timer, the candidate's live answer, rubric scoring, notes and
//! the recommendation. Keyboard: `n` reveals the next stage, `t` starts or
//! pauses the timer (outside text fields). Ending the interview and
//! withdrawing the candidate's links ask first; a console the server refuses
//! says why instead of reconnecting.

mod scoring;
mod stages;

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use mockroom_api::{ClientMessage, InterviewerQuestion, InterviewerView, RoomRole, RoomView, SessionMode};
use wasm_bindgen::JsCast;

use self::scoring::{NoteBox, Scoring};
use self::stages::Stages;
use super::candidate_room::ConnectionBadge;
use crate::api;
use crate::components::{ConfirmDialog, DocumentLink, DownloadLink};
use crate::room_parts::{Handle, RoomClosed};
use crate::room_socket::{open_room, probe_with, remaining_text, ticking_clock, Connection, RoomSignals};

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
    let handle: Handle = StoredValue::new_local(open_room(
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
    let finished = Memo::new(move |_| view.with(|v| v.as_ref().is_some_and(|v| v.finished)));
    // Room controls: the interviewer of a live interview that has not ended.
    let controls = Memo::new(move |_| {
        view.with(|v| {
            v.as_ref()
                .is_some_and(|v| v.role == RoomRole::Interviewer && !v.mode.without_controls() && !v.finished)
        })
    });
    // The candidate's links: the interviewer of a live session, ended or not
    // (withdrawing a link after the end keeps the room closed to it).
    let link_controls = Memo::new(move |_| {
        view.with(|v| {
            v.as_ref()
                .is_some_and(|v| v.role == RoomRole::Interviewer && !v.mode.without_controls())
        })
    });
    let closed = Memo::new(move |_| match signals.connection.get() {
        Connection::Closed(why) => Some(why),
        _ => None,
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

    let sessions = format!("/teams/{team}/sessions");
    let replay = format!("/teams/{team}/sessions/{session}/replay");
    let scorecard = format!("/api/v1/teams/{team}/sessions/{session}/scorecard");
    let csv = format!("{scorecard}.csv");
    let csv_name = format!("scorecard-{session}.csv");
    let links = LinkActions::new(team, session, signals);

    view! {
        {move || closed.get().map(|why| view! { <RoomClosed why=why back=sessions.clone()/> })}
        <Show when=move || closed.with(Option::is_none)>
            <section class="card room console">
                <ConnectionBadge connection=signals.connection/>
                {move || signals.error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                {move || view.get().map(|v| view! { <ConsoleHeader v=v finished=finished.get() now=now offset=signals.clock_offset_ms handle=handle/> })}
                {move || view.get().map(|v| view! { <QuestionTabs v=v current=current picked=picked handle=handle/> })}
                <p class="muted">
                    <DocumentLink href=scorecard.clone() testid="scorecard-link">"Scorecard"</DocumentLink>" · "
                    <DownloadLink href=csv.clone() filename=csv_name.clone() testid="csv-link">"CSV"</DownloadLink>" · "
                    <a href=replay.clone()>"Replay"</a>
                    " · Keys: "<kbd>"n"</kbd>" reveal next, "<kbd>"t"</kbd>" timer"
                </p>
                {move || view.with(|v| v.as_ref().is_some_and(|v| v.finished && !v.mode.without_controls())).then(|| view! {
                    <p class="notice" role="status" data-testid="interview-ended">
                        "The interview has ended: the candidate's answers are final and the timer has stopped. Scoring stays open."
                    </p>
                })}
                <Show when=move || link_controls.get()>
                    <RoomActions links=links finished=finished handle=handle/>
                </Show>
                {move || links.notice.get().map(|l| view! { <p class="notice" role="status" data-testid="link-notice">{l}</p> })}
            </section>
            {move || current.get().and_then(|q| view.with(|v| v.as_ref().and_then(|v| v.questions.get(q).cloned().map(|question| (question, v.role))))).map(|(question, role)| view! {
                <Stages q=question role=role controls=controls.get() handle=handle/>
            })}
            {move || current.get().map(|index| view! { <Scoring view=view index=index handle=handle/> })}
            {move || current.get().map(|q| {
                let initial = view.with_untracked(|v| v.as_ref().and_then(|v| v.questions.get(q)).map(|q| q.my_note.clone())).unwrap_or_default();
                view! { <NoteBox index=q initial=initial handle=handle/> }
            })}
        </Show>
    }
}

/// Making and withdrawing candidate links over HTTP; the outcome is shown in `notice`.
#[derive(Clone, Copy)]
struct LinkActions {
    team: StoredValue<String>,
    session: StoredValue<String>,
    notice: RwSignal<Option<String>>,
    signals: RoomSignals,
}

impl LinkActions {
    fn new(team: String, session: String, signals: RoomSignals) -> Self {
        LinkActions {
            team: StoredValue::new(team),
            session: StoredValue::new(session),
            notice: RwSignal::new(None),
            signals,
        }
    }

    fn create(self) {
        let (t, s) = (self.team.get_value(), self.session.get_value());
        leptos::task::spawn_local(async move {
            match api::new_candidate_link(&t, &s).await {
                Ok(l) => self
                    .notice
                    .set(Some(format!("New candidate link (shown once): {}", l.url))),
                Err(e) => self.signals.error.set(Some(e.message)),
            }
        });
    }

    fn revoke(self) {
        let (t, s) = (self.team.get_value(), self.session.get_value());
        leptos::task::spawn_local(async move {
            match api::revoke_candidate_links(&t, &s).await {
                Ok(()) => self.notice.set(Some(
                    "Every candidate link of this session is withdrawn; a candidate in the room was disconnected."
                        .into(),
                )),
                Err(e) => self.signals.error.set(Some(e.message)),
            }
        });
    }
}

/// Ending the interview and the candidate's links: the final and
/// destructive ones ask first, saying what will happen.
#[component]
fn RoomActions(links: LinkActions, finished: Memo<bool>, handle: Handle) -> impl IntoView {
    let ask_end = RwSignal::new(false);
    let ask_revoke = RwSignal::new(false);
    view! {
        <div class="inline">
            <Show when=move || !finished.get()>
                <button type="button" data-testid="end-interview" on:click=move |_| ask_end.set(true)>"End the interview"</button>
                <button type="button" class="secondary" on:click=move |_| links.create()>"New candidate link"</button>
            </Show>
            <button type="button" class="secondary" data-testid="revoke-links" on:click=move |_| ask_revoke.set(true)>"Revoke candidate links"</button>
        </div>
        <ConfirmDialog open=ask_end id="confirm-end" title="End the interview?" confirm="End the interview"
            on_confirm=move || handle.with_value(|h| h.send(&ClientMessage::Finish))>
            <p>"The candidate's answers and quick checks become final and their timer stops; their page says the interview has ended. "
               "Scoring, notes and recommendations stay open. This cannot be undone."</p>
        </ConfirmDialog>
        <ConfirmDialog open=ask_revoke id="confirm-revoke" title="Withdraw the candidate's links?" confirm="Revoke the links"
            on_confirm=move || links.revoke()>
            <p>"Every candidate link of this session stops working at once. A candidate in the room is disconnected and told that the link was withdrawn. "
               "You can make a new link afterwards."</p>
        </ConfirmDialog>
    }
}

#[component]
fn ConsoleHeader(
    v: InterviewerView,
    finished: bool,
    now: RwSignal<f64>,
    offset: RwSignal<f64>,
    handle: Handle,
) -> impl IntoView {
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
    let controls = v.role == RoomRole::Interviewer && !finished;
    let timer = v.timer.clone();
    let running = v.timer.running;
    let started = v.timer.remaining_ms < v.timer.limit_ms;
    let send = move |m: ClientMessage| handle.with_value(|h| h.send(&m));
    view! {
        <header class="room-header">
            <h1>{format!("Interview with {}", v.candidate_name)}</h1>
            <p class="timer" data-testid="timer">{move || remaining_text(&timer, now.get(), offset.get())}
                {match (finished, running) {
                    (true, _) => Some(view! { <span class="muted">" · stopped"</span> }),
                    (false, false) => Some(view! { <span class="muted">" (paused)"</span> }),
                    (false, true) => None,
                }}</p>
            {controls.then(|| view! {
                <div class="inline">
                    {if running {
                        view! { <button type="button" class="secondary" on:click=move |_| send(ClientMessage::TimerPause)>"Pause timer"</button> }.into_any()
                    } else if started {
                        view! { <button type="button" class="secondary" on:click=move |_| send(ClientMessage::TimerResume)>"Resume timer"</button> }.into_any()
                    } else {
                        view! { <button type="button" class="secondary" data-testid="start-timer" on:click=move |_| send(ClientMessage::TimerStart)>"Start timer"</button> }.into_any()
                    }}
                    <button type="button" class="secondary" on:click=move |_| send(ClientMessage::TimerExtend { seconds: 300 })>"+5 min"</button>
                </div>
            })}
            <ul class="participants" aria-label="Participants" data-testid="participants">
                {v.participants.into_iter().map(|p| view! {
                    <li class:online=p.connected>{format!("{} ({}) {}", p.name, role_label(p.role), if p.connected { "online" } else { "offline" })}</li>
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
    // Looking at another question without moving anyone: in mocks and drills
    // (nobody runs the room) and once an interview has ended (scoring goes on).
    let local = v.mode.without_controls() || v.finished;
    let enabled = local || v.role == RoomRole::Interviewer;
    view! {
        <nav class="question-tabs" aria-label="Questions">
            {v.questions.iter().map(|q| {
                let index = q.index;
                let revealed = q.stages.iter().filter(|s| s.revealed).count();
                let mut label = format!("{}. {} ({} of {} revealed)", index + 1, q.question.title, revealed, q.stages.len());
                if let Some(used) = time_used(q) {
                    label.push_str(&format!(" · {used}"));
                }
                let is_current = current.get_untracked() == Some(index);
                view! {
                    <button type="button" class:secondary=!is_current aria-current=is_current.then_some("step") disabled=!enabled
                        on:click=move |_| if local {
                            picked.set(Some(index));
                        } else {
                            handle.with_value(|h| h.send(&ClientMessage::GoTo { question: index }));
                        }>{label}</button>
                }
            }).collect_view()}
        </nav>
    }
}
