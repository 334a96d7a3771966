//! Pieces of the room screens that the live candidate room, the timed-mock
//! page and the console share.

mod answer;
mod closed;
mod connection;
mod quick_check;

use leptos::prelude::*;
use mockroom_api::{CandidateView, ClientMessage, RoomStage, RubricDimension};

use crate::reactive::Derived;

pub use self::answer::{AnswerStart, LiveAnswer};
pub use self::closed::RoomClosed;
pub use self::connection::ConnectionBadge;
use self::quick_check::StageQuickCheck;
use crate::components::{keyed, InlineMarkdown, When};
use crate::room_socket::RoomHandle;

pub type Handle = StoredValue<RoomHandle, LocalStorage>;

/// Revealed stages in the order of the guide, whatever the order they
/// were revealed in: the stage with the next higher index, again and again
/// (a question has a handful of stages; a sort would be one more of the
/// standard library's sorts compiled into the candidate's room).
fn in_guide_order(stages: &[RoomStage]) -> Vec<RoomStage> {
    let mut ordered = Vec::with_capacity(stages.len());
    let mut after = None;
    while let Some(next) = stages
        .iter()
        .filter(|s| after.is_none_or(|a| s.index > a))
        .min_by_key(|s| s.index)
    {
        after = Some(next.index);
        ordered.push(next.clone());
    }
    ordered
}

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
    let stages = Derived::new(move || {
        view.with(|v| {
            let stages = v
                .as_ref()
                .and_then(|v| v.questions.get(question))
                .map_or(&[][..], |q| &q.stages[..]);
            in_guide_order(stages)
        })
    });
    view! {
        <div aria-live="polite" data-testid="revealed-stages">
            {keyed(move || stages.get(), |s| (s.index as u128, 0), move |s| view! {
                <section class=format!("stage stage-{}", s.kind) data-stage=s.index>
                    <h3>{s.title.clone()}</h3>
                    <div class="markdown" inner_html=s.html.clone()></div>
                    {(s.kind == "quick_check").then(|| view! {
                        <StageQuickCheck view=view question=question stage=s.index handle=handle/>
                    })}
                    {start.zip(s.code.clone()).map(|(start, code)| view! {
                        <When when=move || start.open.get()>
                            <button type="button" class="secondary start-from-code" data-testid="start-from-code"
                                on:click={
                                    let code = code.clone();
                                    move |_| start.ask(&code)
                                }>
                                "Start my answer from this code"
                            </button>
                        </When>
                    })}
                </section>
            }.into_any())}
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

#[cfg(test)]
mod tests {
    use super::*;

    fn stage(index: usize) -> RoomStage {
        RoomStage {
            index,
            kind: "text".into(),
            title: format!("stage {index}"),
            html: String::new(),
            code: None,
        }
    }

    #[test]
    fn stages_come_in_guide_order_whatever_the_order_of_reveals() {
        let indices = |stages: Vec<RoomStage>| stages.iter().map(|s| s.index).collect::<Vec<_>>();
        assert_eq!(indices(in_guide_order(&[stage(4), stage(0), stage(2)])), [0, 2, 4]);
        assert_eq!(indices(in_guide_order(&[stage(1), stage(0)])), [0, 1]);
        assert!(in_guide_order(&[]).is_empty());
        assert_eq!(indices(in_guide_order(&[stage(usize::MAX), stage(3)])), [3, usize::MAX]);
    }
}
