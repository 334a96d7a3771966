//! The console's left pane: the question with every stage (what the
//! candidate sees and the answer key the interviewer keeps), the reveal
//! controls and the preview of the next stage. Built from a memo of the
//! stages alone, so the candidate's typing never re-renders it, and keyed by
//! stage and state, so an interviewer's open or closed stages stay as they
//! were when something else is revealed.

use leptos::prelude::*;
use mockroom_api::{ClientMessage, InterviewerStage, QuestionSummary};

use crate::components::{keyed, When};
use crate::reactive::Derived;
use crate::room_parts::Handle;

#[derive(Clone, PartialEq)]
struct Question {
    summary: QuestionSummary,
    stages: Vec<InterviewerStage>,
    next: Option<usize>,
}

#[component]
pub fn QuestionPane(
    view: Signal<Option<mockroom_api::InterviewerView>>,
    index: usize,
    /// The interviewer of a running live interview: reveal and hide.
    controls: Derived<bool>,
    handle: Handle,
) -> impl IntoView {
    let question = Derived::new(move || {
        view.with(|v| {
            v.as_ref().and_then(|v| v.questions.get(index)).map(|q| Question {
                summary: q.question.clone(),
                stages: q.stages.clone(),
                next: q.next_stage,
            })
        })
    });
    let send = move |m: ClientMessage| handle.with_value(|h| h.send(&m));
    let next =
        Derived::new(move || question.with(|q| q.as_ref().and_then(|q| q.next.and_then(|n| q.stages.get(n).cloned()))));
    let stages = move || {
        question.with(|q| {
            q.as_ref()
                .map(|q| {
                    q.stages
                        .iter()
                        .map(|s| (s.clone(), q.next == Some(s.index)))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    view! {
        <section class="card question-pane" aria-labelledby="question-title">
            {move || question.with(|q| q.as_ref().map(|q| view! {
                <p class="muted small kicker">{format!("{} · {} · {}", q.summary.kind, q.summary.category, q.summary.pack_title)}</p>
                <h2 id="question-title">{q.summary.title.clone()}</h2>
            }))}
            <When when=move || controls.get()>
                {move || match next.get() {
                    Some(stage) => view! {
                        <div class="next-stage">
                            <button type="button" data-testid="reveal-next" aria-keyshortcuts="n" on:click=move |_| send(ClientMessage::RevealNext)>
                                {format!("Reveal next: {}", stage.title)}
                            </button>
                            <details open>
                                <summary>"Preview of the next stage"</summary>
                                // Scrolls on its own: focusable, so the keyboard can scroll it too.
                                <div class="markdown" tabindex="0" role="region" aria-label="Preview of the next stage" inner_html=stage.html.clone()></div>
                            </details>
                        </div>
                    }.into_any(),
                    None => view! { <p class="muted next-stage done">"Every stage of this question is revealed."</p> }.into_any(),
                }}
            </When>
            <h3 class="stages-heading">"Stages"<span class="muted small">" · open one to read it; revealed stages are what the candidate sees"</span></h3>
            <ol class="stages" data-testid="stages">
                {keyed(stages, |(s, next)| (s.index as u128, u32::from(s.revealed) | u32::from(*next) << 1),
                    move |(s, next): (InterviewerStage, bool)| {
                        let (stage, revealed) = (s.index, s.revealed);
                        let action = format!("{} {}", if revealed { "Hide" } else { "Reveal" }, s.title);
                        view! {
                            <li class:revealed=revealed class:next=next>
                                <details open=revealed>
                                    <summary>
                                        <span class="stage-title">{s.title.clone()}</span>
                                        <span class="badge">{if revealed { "revealed" } else if next { "next" } else { "hidden" }}</span>
                                    </summary>
                                    <div class="markdown" inner_html=s.html.clone()></div>
                                </details>
                                <When when=move || controls.get()>
                                    <button type="button" class="secondary small-button" aria-label=action.clone()
                                        on:click=move |_| send(if revealed {
                                            ClientMessage::Hide { question: index, stage }
                                        } else {
                                            ClientMessage::Reveal { question: index, stage }
                                        })>{if revealed { "Hide" } else { "Reveal" }}</button>
                                </When>
                            </li>
                        }
                        .into_any()
                    })}
            </ol>
        </section>
    }
}
