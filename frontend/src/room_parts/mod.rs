//! Pieces of the room screens that the live candidate room, the timed-mock
//! page and the console share.

mod answer;
mod closed;
mod connection;
mod quick_check;

use leptos::prelude::*;
use mockroom_api::{CandidateView, ClientMessage, RubricDimension};

pub use self::answer::{AnswerStart, LiveAnswer};
pub use self::closed::RoomClosed;
pub use self::connection::ConnectionBadge;
use self::quick_check::StageQuickCheck;
use crate::components::InlineMarkdown;
use crate::room_socket::RoomHandle;

pub type Handle = StoredValue<RoomHandle, LocalStorage>;

/// The revealed stages of a question in guide order, each quick check's
/// options right under its question (so its explanation, the next stage,
/// comes after them), announced to screen readers as they appear. Keyed by
/// stage: a new frame (an answer saved, someone joining) leaves the stages
/// on screen, and a choice or the keyboard focus in a quick check, alone.
#[component]
pub fn RevealedStages(
    view: Signal<Option<CandidateView>>,
    question: usize,
    handle: Handle,
    /// Where a code exercise's "start my answer from this code" goes, if
    /// this screen has an answer box for the question.
    #[prop(optional)]
    start: Option<AnswerStart>,
) -> impl IntoView {
    let stages = Memo::new(move |_| {
        view.with(|v| {
            // In the order of the guide: their indices sorted, then the
            // stages looked up (a sort of the stages themselves would be
            // one more sort compiled into the candidate's room).
            let stages = v
                .as_ref()
                .and_then(|v| v.questions.get(question))
                .map_or(&[][..], |q| &q.stages[..]);
            let mut order: Vec<usize> = stages.iter().map(|s| s.index).collect();
            order.sort_unstable();
            order
                .iter()
                .filter_map(|i| stages.iter().find(|s| s.index == *i))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    view! {
        <div aria-live="polite" data-testid="revealed-stages">
            <For each=move || stages.get() key=|s| s.index let:s>
                <section class=format!("stage stage-{}", s.kind) data-stage=s.index>
                    <h3>{s.title.clone()}</h3>
                    <div class="markdown" inner_html=s.html.clone()></div>
                    {(s.kind == "quick_check").then(|| view! {
                        <StageQuickCheck view=view question=question stage=s.index handle=handle/>
                    })}
                    {start.zip(s.code.clone()).map(|(start, code)| view! {
                        <Show when=move || start.open.get()>
                            <button type="button" class="secondary start-from-code" data-testid="start-from-code"
                                on:click={
                                    let code = code.clone();
                                    move |_| start.ask(&code)
                                }>
                                "Start my answer from this code"
                            </button>
                        </Show>
                    })}
                </section>
            </For>
        </div>
    }
}

/// One rubric dimension as a row of anchored levels to pick from; `pick`
/// builds the message for a level (an interviewer's score or a self-score).
/// The chosen level is a signal, so choosing one updates the buttons in
/// place and keeps the keyboard focus where it was.
#[component]
pub fn RubricLevels<F>(dim: RubricDimension, chosen: Signal<Option<u8>>, pick: F, handle: Handle) -> impl IntoView
where
    F: Fn(u8) -> ClientMessage + Copy + Send + Sync + 'static,
{
    view! {
        <fieldset>
            <legend>{dim.name.clone()}</legend>
            <div class="levels">
                {dim.levels.iter().enumerate().map(|(i, anchor)| {
                    let level = (i + 1) as u8;
                    let on = move || chosen.get() == Some(level);
                    view! {
                        <button type="button" class="level" class:secondary=move || !on() aria-pressed=move || on().to_string()
                            on:click=move |_| handle.with_value(|h| h.send(&pick(level)))>
                            <strong>{level}</strong>" "<span><InlineMarkdown text=anchor.clone()/></span>
                        </button>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
}
