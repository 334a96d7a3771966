//! Stepping through a session's timeline: every event with its time, and the
//! room as it stood after the chosen one. Events name questions, stages and
//! rubric dimensions by their titles, taken from the room itself.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use mockroom_api::{Actor, InterviewerView, Recommendation, RoomEvent, TimelineEntry};
use uuid::Uuid;

use crate::api;
use crate::components::{answer_languages, Loaded};
use crate::reactive::{effect, Derived, State};
use crate::remote::Load;
use crate::text::{count, letter};

/// The titles a session's events refer to by number. A session's questions,
/// stages and rubrics never change, so any replayed view has them all.
#[derive(Clone, Default)]
struct Names {
    questions: Vec<QuestionNames>,
}

#[derive(Clone, Default)]
struct QuestionNames {
    title: String,
    stages: Vec<String>,
    dimensions: Vec<String>,
}

impl Names {
    fn from_view(v: &InterviewerView) -> Self {
        Names {
            questions: v
                .questions
                .iter()
                .map(|q| QuestionNames {
                    title: q.question.title.clone(),
                    stages: q.stages.iter().map(|s| s.title.clone()).collect(),
                    dimensions: q.rubric.dimensions.iter().map(|d| d.name.clone()).collect(),
                })
                .collect(),
        }
    }

    /// `question 2 (Split-brain in the scheduler)`.
    fn question(&self, q: usize) -> String {
        match self.questions.get(q) {
            Some(n) => format!("question {} ({})", q + 1, n.title),
            None => format!("question {}", q + 1),
        }
    }

    /// `“The Challenge” of question 1 (…)`.
    fn stage(&self, q: usize, s: usize) -> String {
        match self.questions.get(q).and_then(|n| n.stages.get(s)) {
            Some(title) => format!("“{title}” of {}", self.question(q)),
            None => format!("stage {} of {}", s + 1, self.question(q)),
        }
    }

    fn dimension(&self, q: usize, d: usize) -> String {
        self.questions
            .get(q)
            .and_then(|n| n.dimensions.get(d))
            .cloned()
            .unwrap_or_else(|| format!("dimension {}", d + 1))
    }
}

fn describe(e: &TimelineEntry, names: &Names) -> String {
    let who = match &e.actor {
        Actor::Member { name, .. } | Actor::Candidate { name } => name.as_str(),
        Actor::Server => "The server",
    };
    match &e.event {
        RoomEvent::Joined => format!("{who} joined"),
        RoomEvent::Left => format!("{who} left"),
        RoomEvent::QuestionChanged { question } => format!("{who} moved to {}", names.question(*question)),
        RoomEvent::Revealed { question, stage } => format!("{who} revealed {}", names.stage(*question, *stage)),
        RoomEvent::Hidden { question, stage } => format!("{who} hid {}", names.stage(*question, *stage)),
        RoomEvent::TimerStarted { .. } => format!("{who} started the timer"),
        RoomEvent::TimerPaused { .. } => format!("{who} paused the timer"),
        RoomEvent::TimerResumed { .. } => format!("{who} resumed the timer"),
        RoomEvent::TimerExtended { .. } => format!("{who} extended the timer"),
        RoomEvent::Answered { question, .. } => format!("{who} updated their answer to {}", names.question(*question)),
        RoomEvent::AnswerLanguageChosen { question, language } => format!(
            "{who} chose to write their answer to {} in {}",
            names.question(*question),
            answer_languages()
                .find(|(id, _)| id == language)
                .map_or(language.as_str(), |(_, name)| name)
        ),
        RoomEvent::QuickCheckAnswered {
            question,
            check,
            option,
        } => format!(
            "{who} answered quick check {} of {} with {}",
            check + 1,
            names.question(*question),
            letter(*option)
        ),
        RoomEvent::Scored {
            question,
            dimension,
            level,
            ..
        } => format!(
            "{who} scored {} level {level} on {}",
            names.dimension(*question, *dimension),
            names.question(*question)
        ),
        RoomEvent::Noted { question, .. } => format!("{who} wrote a note on {}", names.question(*question)),
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
        RoomEvent::QuestionStarted { question, .. } => format!("{who} started {}", names.question(*question)),
        RoomEvent::AnswerSubmitted { question, late, .. } => format!(
            "{who} submitted the answer to {}{}",
            names.question(*question),
            if *late { " (late)" } else { "" }
        ),
        RoomEvent::SelfScored {
            question,
            dimension,
            level,
            ..
        } => format!(
            "{who} scored themself {} level {level} on {}",
            names.dimension(*question, *dimension),
            names.question(*question)
        ),
        RoomEvent::Finished { .. } => match e.actor {
            Actor::Member { .. } => format!("{who} ended the interview"),
            Actor::Candidate { .. } | Actor::Server => format!("{who} finished the mock"),
        },
        RoomEvent::LinksRevoked { count: n } => match n {
            1 => format!("{who} withdrew the candidate's link"),
            n => format!("{who} withdrew {n} candidate links"),
        },
        RoomEvent::ConnectionsLost => "A server stopped: its connections were lost".to_owned(),
    }
}

fn clock(at: &chrono::DateTime<chrono::Utc>) -> String {
    crate::text::date_seconds(at)
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
    let timeline = Load::new(move || api::timeline(team, session));
    let events = Derived::uncompared(move || timeline.get().and_then(Result::ok).unwrap_or_default());
    // The step shown: the last one once the timeline has loaded.
    let seq = State::new(0i64);
    effect(move || {
        let len = events.with(Vec::len) as i64;
        if seq.get_untracked() == 0 && len > 0 {
            seq.set(len);
        }
    });
    // The room as it stood at that step. Stepping quickly supersedes the
    // load in flight, and the previous state stays in view meanwhile.
    let state = Load::new(move || {
        let at = seq.get();
        async move {
            if at < 1 {
                return Ok(None);
            }
            api::replay(team, session, at).await.map(Some)
        }
    });
    // Questions keep their titles in the timeline's lines (from the first state).
    let names = State::new(Names::default());
    effect(move || {
        if let Some(Ok(Some(v))) = state.get() {
            if names.with_untracked(|n| n.questions.is_empty()) {
                names.set(Names::from_view(&v));
            }
        }
    });
    let max = move || events.with(Vec::len) as i64;
    view! {
        <section class="card">
            <h1>"Replay"</h1>
            <Loaded>{move || timeline.get().map(|t| t.map(|_| ()))}</Loaded>
            <div class="inline">
                <button type="button" class="secondary" on:click=move |_| seq.update(|s| *s = (*s - 1).max(1))>"← Previous"</button>
                <div class="field grow">
                    <label for="replay-step">{move || format!("Event {} of {}", seq.get(), max())}</label>
                    <input id="replay-step" type="range" min="1" max=move || max().to_string() prop:value=move || seq.get().to_string()
                        on:input=move |ev| if let Ok(v) = event_target_value(&ev).parse() { seq.set(v) }/>
                </div>
                <button type="button" class="secondary" on:click=move |_| seq.update(|s| *s = (*s + 1).min(max()))>"Next →"</button>
            </div>
            <p data-testid="replay-event" role="status">{move || events.with(|list| names.with(|n| {
                list.iter().find(|e| e.seq == seq.get()).map(|e| format!("{} · {}", clock(&e.at), describe(e, n)))
            }))}</p>
        </section>
        <Loaded>{move || state.get().map(|v| v.map(|v| v.map(|v| view! {
            <section class="card" data-testid="replay-state">
                {v.questions.into_iter().map(|q| {
                    let scores = q.my_scores.iter().map(|s| {
                        let dim = q.rubric.dimensions.get(s.dimension).map(|d| d.name.clone()).unwrap_or_default();
                        format!("{dim}: level {}", s.level)
                    }).collect::<Vec<_>>();
                    view! {
                        <h2>{format!("{}. {}", q.index + 1, q.question.title)}</h2>
                        <ol class="stages">
                            {q.stages.into_iter().map(|s| view! {
                                <li class:revealed=s.revealed><span>{s.title}</span><span class="badge">{if s.revealed { "revealed" } else { "hidden" }}</span></li>
                            }).collect_view()}
                        </ol>
                        <h3>"Candidate's answer"</h3>
                        <pre class="answer">{if q.answer.is_empty() { "(nothing yet)".to_owned() } else { q.answer }}</pre>
                        <p class="muted">{if scores.is_empty() {
                            "None of your scores yet.".to_owned()
                        } else {
                            format!("Your {} so far: {}.", if scores.len() == 1 { "score" } else { "scores" }, scores.join(", "))
                        }}</p>
                    }
                }).collect_view()}
            </section>
        })))}</Loaded>
        <section class="card">
            <h2>"Timeline"</h2>
            <p class="muted">{move || count(events.with(Vec::len), "event", "events")}</p>
            <ol class="timeline">
                {move || events.with(|list| list.iter().map(|e| {
                    let (s, e) = (e.seq, e.clone());
                    view! {
                        <li class:current=move || seq.get() == s>
                            <button type="button" class="link" on:click=move |_| seq.set(s)>
                                {move || names.with(|n| format!("{} · {}", clock(&e.at).get(11..).unwrap_or(""), describe(&e, n)))}
                            </button>
                        </li>
                    }
                }).collect_view())}
            </ol>
        </section>
    }
}
