//! The question navigator: where the interview stands ("Question 2 of 3 ·
//! 5/9 stages revealed") and a button per question with its own progress.
//! The interviewer of a live room moves everyone to a question; in mocks,
//! drills and ended interviews a button only changes what this console shows.

use leptos::prelude::*;
use mockroom_api::{ClientMessage, InterviewerView, RoomRole};

use super::time_used;
use crate::reactive::{Derived, State};
use crate::room_parts::Handle;

#[derive(Clone, PartialEq)]
struct Entry {
    index: usize,
    title: String,
    revealed: usize,
    stages: usize,
    used: Option<String>,
}

#[derive(Clone, PartialEq)]
struct Nav {
    entries: Vec<Entry>,
    /// Buttons only change this console's view (nobody is moved).
    local: bool,
    enabled: bool,
}

#[component]
pub fn QuestionNavigator(
    view: Signal<Option<InterviewerView>>,
    current: Derived<Option<usize>>,
    picked: State<Option<usize>>,
    handle: Handle,
) -> impl IntoView {
    let nav = Derived::new(move || {
        view.with(|v| {
            v.as_ref().map(|v| {
                let local = v.mode.without_controls() || v.finished;
                Nav {
                    entries: v
                        .questions
                        .iter()
                        .map(|q| Entry {
                            index: q.index,
                            title: q.question.title.clone(),
                            revealed: q.stages.iter().filter(|s| s.revealed).count(),
                            stages: q.stages.len(),
                            used: time_used(q),
                        })
                        .collect(),
                    local,
                    enabled: local || v.role == RoomRole::Interviewer,
                }
            })
        })
    });
    let progress = move || {
        let here = current.get()?;
        nav.with(|n| {
            let n = n.as_ref()?;
            let e = n.entries.get(here)?;
            Some(format!(
                "Question {} of {} · {}/{} stages revealed",
                here + 1,
                n.entries.len(),
                e.revealed,
                e.stages
            ))
        })
    };
    view! {
        <nav class="question-nav" aria-label="Questions">
            <p class="progress" data-testid="progress">{progress}</p>
            <ol class="question-tabs">
                {move || nav.get().map(|n| n.entries.into_iter().map(|e| {
                    let index = e.index;
                    let is_current = current.get() == Some(index);
                    let share = (e.revealed * 100).checked_div(e.stages).unwrap_or(0);
                    let mut label = format!("{}. {} ({} of {} revealed)", index + 1, e.title, e.revealed, e.stages);
                    if let Some(used) = &e.used {
                        label.push_str(&format!(" · {used}"));
                    }
                    let local = n.local;
                    view! {
                        <li>
                            <button type="button" class="question-tab" class:current=is_current aria-current=is_current.then_some("step")
                                disabled=!n.enabled title=label.clone() aria-label=label
                                on:click=move |_| if local {
                                    picked.set(Some(index));
                                } else {
                                    handle.with_value(|h| h.send(&ClientMessage::GoTo { question: index }));
                                }>
                                <span class="q-number">{index + 1}</span>
                                <span class="q-title">{e.title.clone()}</span>
                                <span class="q-count">{format!("{}/{}", e.revealed, e.stages)}{e.used.clone().map(|u| format!(" · {u}"))}</span>
                                <progress class="bar" aria-hidden="true" max="100" value=share.to_string()></progress>
                            </button>
                        </li>
                    }
                }).collect_view())}
            </ol>
        </nav>
    }
}
