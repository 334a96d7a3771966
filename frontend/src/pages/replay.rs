//! Stepping through a session's timeline: every event with its time, and the
//! room as it stood after the chosen one.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use mockroom_api::{Actor, InterviewerView, Recommendation, RoomEvent, TimelineEntry};
use uuid::Uuid;

use crate::api;
use crate::components::ErrorMessage;

fn describe(e: &TimelineEntry) -> String {
    let who = match &e.actor {
        Actor::Member { name, .. } | Actor::Candidate { name } => name.as_str(),
        Actor::Server => "The server",
    };
    match &e.event {
        RoomEvent::Joined => format!("{who} joined"),
        RoomEvent::Left => format!("{who} left"),
        RoomEvent::QuestionChanged { question } => format!("{who} moved to question {}", question + 1),
        RoomEvent::Revealed { question, stage } => {
            format!("{who} revealed stage {} of question {}", stage + 1, question + 1)
        }
        RoomEvent::Hidden { question, stage } => format!("{who} hid stage {} of question {}", stage + 1, question + 1),
        RoomEvent::TimerStarted { .. } => format!("{who} started the timer"),
        RoomEvent::TimerPaused { .. } => format!("{who} paused the timer"),
        RoomEvent::TimerResumed { .. } => format!("{who} resumed the timer"),
        RoomEvent::TimerExtended { .. } => format!("{who} extended the timer"),
        RoomEvent::Answered { .. } => format!("{who} updated their answer"),
        RoomEvent::QuickCheckAnswered { check, .. } => format!("{who} answered quick check {}", check + 1),
        RoomEvent::Scored { level, dimension, .. } => {
            format!("{who} scored level {level} on dimension {}", dimension + 1)
        }
        RoomEvent::Noted { .. } => format!("{who} wrote a note"),
        RoomEvent::Recommended { value } => format!(
            "{who} recommended {}",
            match value {
                Recommendation::StrongNo => "strong no",
                Recommendation::No => "no",
                Recommendation::Yes => "yes",
                Recommendation::StrongYes => "strong yes",
            }
        ),
        RoomEvent::Submitted => format!("{who} submitted their scores"),
        RoomEvent::QuestionStarted { question, .. } => format!("{who} started question {}", question + 1),
        RoomEvent::AnswerSubmitted { question, late, .. } => format!(
            "{who} submitted the answer to question {}{}",
            question + 1,
            if *late { " (late)" } else { "" }
        ),
        RoomEvent::SelfScored { level, dimension, .. } => {
            format!("{who} scored themself {level} on dimension {}", dimension + 1)
        }
        RoomEvent::Finished { .. } => match e.actor {
            Actor::Member { .. } => format!("{who} ended the interview"),
            Actor::Candidate { .. } | Actor::Server => format!("{who} finished the mock"),
        },
        RoomEvent::LinksRevoked { count } => match count {
            1 => format!("{who} withdrew the candidate's link"),
            n => format!("{who} withdrew {n} candidate links"),
        },
        RoomEvent::ConnectionsLost => "A server stopped: its connections were lost".to_owned(),
    }
}

/// `2026-11-25 10:31:12` (UTC) without chrono's formatting machinery.
fn clock(at: &chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339().get(..19).unwrap_or("").replace('T', " ")
}

#[component]
pub fn Replay() -> impl IntoView {
    let params = use_params_map();
    let team = params
        .with_untracked(|p| p.get("team_id"))
        .and_then(|id| Uuid::parse_str(&id).ok())
        .unwrap_or_default();
    let session = params
        .with_untracked(|p| p.get("session_id"))
        .and_then(|id| Uuid::parse_str(&id).ok())
        .unwrap_or_default();
    let events = RwSignal::new(Vec::<TimelineEntry>::new());
    let seq = RwSignal::new(0i64);
    let state = RwSignal::new(None::<InterviewerView>);
    let error = RwSignal::new(None::<String>);
    leptos::task::spawn_local(async move {
        match api::timeline(team, session).await {
            Ok(list) => {
                seq.set(list.len() as i64);
                events.set(list);
            }
            Err(e) => error.set(Some(e.message)),
        }
    });
    Effect::new(move |_| {
        let at = seq.get();
        if at < 1 {
            return;
        }
        leptos::task::spawn_local(async move {
            match api::replay(team, session, at).await {
                Ok(v) => state.set(Some(v)),
                Err(e) => error.set(Some(e.message)),
            }
        });
    });
    let max = move || events.with(Vec::len) as i64;
    view! {
        <section class="card">
            <h1>"Replay"</h1>
            <ErrorMessage error=error/>
            <div class="inline">
                <button type="button" class="secondary" on:click=move |_| seq.update(|s| *s = (*s - 1).max(1))>"← Previous"</button>
                <div class="field grow">
                    <label for="replay-step">{move || format!("Event {} of {}", seq.get(), max())}</label>
                    <input id="replay-step" type="range" min="1" max=move || max().to_string() prop:value=move || seq.get().to_string()
                        on:input=move |ev| if let Ok(v) = event_target_value(&ev).parse() { seq.set(v) }/>
                </div>
                <button type="button" class="secondary" on:click=move |_| seq.update(|s| *s = (*s + 1).min(max()))>"Next →"</button>
            </div>
            <p data-testid="replay-event" role="status">{move || events.with(|list| {
                list.iter().find(|e| e.seq == seq.get()).map(|e| format!("{} · {}", clock(&e.at), describe(e)))
            })}</p>
        </section>
        {move || state.get().map(|v| view! {
            <section class="card" data-testid="replay-state">
                {v.questions.into_iter().map(|q| view! {
                    <h2>{format!("{}. {}", q.index + 1, q.question.title)}</h2>
                    <ol class="stages">
                        {q.stages.into_iter().map(|s| view! {
                            <li class:revealed=s.revealed><span>{s.title}</span><span class="badge">{if s.revealed { "revealed" } else { "hidden" }}</span></li>
                        }).collect_view()}
                    </ol>
                    <h3>"Candidate's answer"</h3>
                    <pre class="answer">{if q.answer.is_empty() { "(nothing yet)".to_owned() } else { q.answer }}</pre>
                    <p class="muted">{format!("{} of your scores so far", q.my_scores.len())}</p>
                }).collect_view()}
            </section>
        })}
        <section class="card">
            <h2>"Timeline"</h2>
            <ol class="timeline">
                {move || events.get().into_iter().map(|e| {
                    let s = e.seq;
                    view! {
                        <li class:current=move || seq.get() == s>
                            <button type="button" class="link" on:click=move |_| seq.set(s)>
                                {format!("{} · {}", clock(&e.at).get(11..).unwrap_or(""), describe(&e))}
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}
