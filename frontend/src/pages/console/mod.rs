//! The interviewer's console. On a wide screen (≥ 1100 px) it is split: on
//! the left the question with its stages, reveal controls and the preview of
//! the next stage; on the right, always in view with its own scroll, the
//! timer, the candidate's live answer, the rubric, notes and the
//! recommendation. Narrower, the same parts stack in one column. A navigator
//! shows where the interview stands; keys (`n`, `t`, `?` for the list) work
//! outside text fields; every link has a copy button. Ending the interview
//! and withdrawing the candidate's links ask first; a console the server
//! refuses says why instead of reconnecting.

mod actions;
mod answer;
mod navigator;
mod scoring;
mod shortcuts;
mod stages;
mod timer;

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use mockroom_api::{InterviewerQuestion, InterviewerView, Participant, RoomRole, RoomView, SessionMode};

use self::actions::{LinkActions, LinkNoticeView, RoomActions, ShareLinks};
use self::answer::CandidateAnswer;
use self::navigator::QuestionNavigator;
use self::scoring::{NoteBox, Scoring};
use self::shortcuts::ShortcutsDialog;
use self::stages::QuestionPane;
use self::timer::TimerCard;
use crate::api;
use crate::components::When;
use crate::reactive::{Derived, State};
use crate::room_parts::{ConnectionBadge, Handle, RoomClosed};
use crate::room_socket::{open_room, probe_with, ticking_clock, Audience, Connection, RoomSignals};

#[component]
pub fn Console() -> impl IntoView {
    let params = use_params_map();
    let team = params.with_untracked(|p| p.get("team_id")).unwrap_or_default();
    let session = params.with_untracked(|p| p.get("session_id")).unwrap_or_default();
    // `?role=panelist|observer` joins in that role (default: interviewer for the
    // session's creator, panelist for other members).
    let role = use_query_map()
        .with_untracked(|q| q.get("role"))
        .and_then(|r| RoomRole::parse(&r))
        .filter(|r| *r != RoomRole::Candidate)
        .map(|r| format!("?role={}", r.as_str()))
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
        api::console_socket(&team, &session, &role),
        Audience::INTERVIEWER,
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
    let picked = State::new(None::<usize>);
    let current = Derived::new(move || {
        picked
            .get()
            .or_else(|| view.with(|v| v.as_ref().map(|v| v.current_question)))
    });
    let finished = Derived::new(move || view.with(|v| v.as_ref().is_some_and(|v| v.finished)));
    let mode = Derived::new(move || view.with(|v| v.as_ref().map(|v| v.mode)));
    let live = Derived::new(move || mode.get().is_some_and(|m| !m.without_controls()));
    // Room controls: the interviewer of a live interview that has not ended.
    let controls = Derived::new(move || {
        view.with(|v| {
            v.as_ref()
                .is_some_and(|v| v.role == RoomRole::Interviewer && !v.mode.without_controls() && !v.finished)
        })
    });
    // The candidate's links: the interviewer of a live session, ended or not
    // (withdrawing a link after the end keeps the room closed to it).
    let link_controls = Derived::new(move || {
        view.with(|v| {
            v.as_ref()
                .is_some_and(|v| v.role == RoomRole::Interviewer && !v.mode.without_controls())
        })
    });
    let closed = Derived::new(move || match signals.connection.get() {
        Connection::Closed(why) => Some(why),
        _ => None,
    });
    let help = RwSignal::new(false);
    shortcuts::listen(view, controls, help, handle);

    let sessions = format!("/teams/{team}/sessions");
    let links = LinkActions::new(team.clone(), session.clone(), signals);

    view! {
        {move || closed.get().map(|why| view! { <RoomClosed why=why back=sessions.clone()/> })}
        <When when=move || closed.with(Option::is_none)>
            <div class="console">
                <section class="card room console-head">
                    <div class="head-row">
                        <ConsoleTitle view=view/>
                        <ConnectionBadge connection=signals.connection/>
                        <button type="button" class="secondary small-button" data-testid="show-shortcuts" aria-keyshortcuts="?"
                            on:click=move |_| help.set(true)>"Keyboard shortcuts "<kbd>"?"</kbd></button>
                    </div>
                    <Participants view=view/>
                    {move || signals.error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                    <QuestionNavigator view=view current=current picked=picked handle=handle/>
                    {move || (finished.get() && live.get()).then(|| view! {
                        <p class="notice" role="status" data-testid="interview-ended">
                            "The interview has ended: the candidate's answers are final and the timer has stopped. Scoring stays open."
                        </p>
                    })}
                    <div class="tools">
                        <ShareLinks team=team.clone() session=session.clone()/>
                        <When when=move || link_controls.get()>
                            <RoomActions links=links finished=finished handle=handle/>
                        </When>
                    </div>
                    <LinkNoticeView notice=links.notice()/>
                </section>
                <div class="console-split">
                    <div class="console-main">
                        {move || current.get().map(|index| view! { <QuestionPane view=view index=index controls=controls handle=handle/> })}
                    </div>
                    <aside class="console-side" aria-label="Timer, answer and scoring" data-testid="console-side">
                        <When when=move || live.get()>
                            <TimerCard view=view now=now offset=signals.clock_offset_ms handle=handle/>
                        </When>
                        {move || current.get().map(|index| view! { <CandidateAnswer view=view index=index/> })}
                        {move || current.get().map(|index| view! { <Scoring view=view index=index handle=handle/> })}
                        {move || current.get().map(|q| {
                            let initial = view.with_untracked(|v| v.as_ref().and_then(|v| v.questions.get(q)).map(|q| q.my_note.clone())).unwrap_or_default();
                            view! { <NoteBox index=q initial=initial handle=handle/> }
                        })}
                    </aside>
                </div>
                <ShortcutsDialog open=help/>
            </div>
        </When>
    }
}

/// The console's heading, by the kind of session.
#[component]
fn ConsoleTitle(view: Signal<Option<InterviewerView>>) -> impl IntoView {
    let head = Derived::new(move || view.with(|v| v.as_ref().map(|v| (v.mode, v.finished, v.candidate_name.clone()))));
    move || {
        head.get().map(|(mode, finished, name)| match mode {
            SessionMode::Drill => view! {
                <div class="title">
                    <h1>{format!("Calibration drill: {name}")}</h1>
                    <p data-testid="mock-status">"Score this recorded interview on your own. Other interviewers' scores stay hidden until you submit yours."</p>
                </div>
            }
            .into_any(),
            m if m.is_mock() => view! {
                <div class="title">
                    <h1>{format!("Timed mock: {name}")}</h1>
                    <p data-testid="mock-status">{if finished {
                        "The candidate has finished. Review each question, score it, and submit."
                    } else {
                        "The candidate is working alone; answers appear here as they come in."
                    }}</p>
                </div>
            }
            .into_any(),
            _ => view! { <div class="title"><h1>{format!("Interview with {name}")}</h1></div> }.into_any(),
        })
    }
}

/// Who is in the room, as they named themselves, and who is online.
#[component]
fn Participants(view: Signal<Option<InterviewerView>>) -> impl IntoView {
    let people = Derived::new(move || view.with(|v| v.as_ref().map(|v| v.participants.clone()).unwrap_or_default()));
    view! {
        <ul class="participants" aria-label="Participants" data-testid="participants">
            {move || people.get().into_iter().map(|p: Participant| view! {
                <li class:online=p.connected>{format!("{} ({}) {}", p.name, p.role.as_str(), if p.connected { "online" } else { "offline" })}</li>
            }).collect_view()}
        </ul>
    }
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
