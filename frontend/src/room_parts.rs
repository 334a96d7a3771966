//! Pieces of the room screens that the live candidate room, the timed-mock
//! page and the console share.

use leptos::prelude::*;
use mockroom_api::{CandidateQuestion, ClientMessage, RubricDimension};

use crate::room_socket::RoomHandle;

pub type Handle = StoredValue<RoomHandle, LocalStorage>;

/// The revealed stages of a question, announced to screen readers as they appear.
#[component]
pub fn RevealedStages(q: CandidateQuestion) -> impl IntoView {
    view! {
        <div aria-live="polite" data-testid="revealed-stages">
            {q.stages.iter().map(|s| view! {
                <section class=format!("stage stage-{}", s.kind) data-stage=s.index>
                    <h3>{s.title.clone()}</h3>
                    <div class="markdown" inner_html=s.html.clone()></div>
                </section>
            }).collect_view()}
        </div>
    }
}

/// The candidate's quick checks: options to lock in, then the verdict once
/// the server grades it.
#[component]
pub fn QuickChecks(q: CandidateQuestion, handle: Handle) -> impl IntoView {
    let index = q.index;
    q.quick_checks
        .into_iter()
        .map(|qc| {
            let check = qc.check;
            let group = format!("check-{index}-{check}");
            view! {
                <fieldset class="quick-check" data-testid="quick-check" disabled=!qc.open>
                    <legend>{format!("Quick check {}", check + 1)}</legend>
                    {qc.options.iter().enumerate().map(|(i, o)| {
                        let id = format!("{group}-{i}");
                        let mark = match (qc.correct, qc.chosen) {
                            (Some(c), _) if c == i => " ✓ correct",
                            (Some(_), Some(ch)) if ch == i => " ✗ your answer",
                            (None, Some(ch)) if ch == i => " (your answer)",
                            _ => "",
                        };
                        view! {
                            <div class="option">
                                <input type="radio" id=id.clone() name=group.clone() checked=qc.chosen == Some(i)
                                    on:change=move |_| handle.with_value(|h| h.send(&ClientMessage::QuickCheck { question: index, check, option: i }))/>
                                <label for=id>{o.clone()}{mark}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
            }
        })
        .collect_view()
}

/// One rubric dimension as a row of anchored levels to pick from; `pick`
/// builds the message for a level (an interviewer's score or a self-score).
#[component]
pub fn RubricLevels<F>(dim: RubricDimension, chosen: Option<u8>, pick: F, handle: Handle) -> impl IntoView
where
    F: Fn(u8) -> ClientMessage + Copy + Send + Sync + 'static,
{
    view! {
        <fieldset>
            <legend>{dim.name.clone()}</legend>
            <div class="levels">
                {dim.levels.iter().enumerate().map(|(i, anchor)| {
                    let level = (i + 1) as u8;
                    let on = chosen == Some(level);
                    view! {
                        <button type="button" class="level" class:secondary=!on aria-pressed=on.to_string()
                            on:click=move |_| handle.with_value(|h| h.send(&pick(level)))>
                            <strong>{level}</strong>" "<span>{anchor.clone()}</span>
                        </button>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
}
