//! Scoring a question on its rubric, the recommendation, submitting (with a
//! confirmation when some dimension is still unscored), and private notes.
//! Built once per question: new frames update the chosen levels in place.

use leptos::prelude::*;
use mockroom_api::{ClientMessage, InterviewerView, Recommendation, RoomRole};

use crate::components::{ConfirmDialog, DebouncedTextArea, When};
use crate::reactive::Derived;
use crate::room_parts::{Handle, RubricLevels};

/// `Question 2 · Communication` for every dimension of every question that
/// has no score of mine yet (question titles are long sentences: the number
/// matches the question tabs).
fn unscored(v: &InterviewerView) -> Vec<String> {
    v.questions
        .iter()
        .flat_map(|q| {
            q.rubric
                .dimensions
                .iter()
                .enumerate()
                .filter(|(d, _)| !q.my_scores.iter().any(|s| s.dimension == *d))
                .map(move |(_, dim)| format!("Question {} · {}", q.index + 1, dim.name))
        })
        .collect()
}

#[component]
pub fn Scoring(view: Signal<Option<InterviewerView>>, index: usize, handle: Handle) -> impl IntoView {
    let role = view.with_untracked(|v| v.as_ref().map(|v| v.role));
    if !matches!(role, Some(RoomRole::Interviewer | RoomRole::Panelist)) {
        return view! { <section class="card"><p class="muted">"Observers do not score."</p></section> }.into_any();
    }
    let question = Derived::new(move || view.with(|v| v.as_ref().and_then(|v| v.questions.get(index).cloned())));
    let dimensions = Derived::new(move || {
        question
            .with(|q| q.as_ref().map(|q| q.rubric.dimensions.clone()))
            .unwrap_or_default()
    });
    let submitted = Derived::new(move || view.with(|v| v.as_ref().is_some_and(|v| v.submitted)));
    let recommendation = Derived::new(move || view.with(|v| v.as_ref().and_then(|v| v.my_recommendation)));
    let missing = Derived::new(move || view.with(|v| v.as_ref().map(unscored).unwrap_or_default()));
    // Other interviewers' scores (once I have submitted), by dimension name.
    let others = Derived::new(move || {
        question.with(|q| {
            q.as_ref()
                .map(|q| {
                    q.other_scores
                        .iter()
                        .map(|s| {
                            let dim = q
                                .rubric
                                .dimensions
                                .get(s.dimension)
                                .map(|d| d.name.clone())
                                .unwrap_or_default();
                            format!("{}: {dim}, level {}", s.interviewer, s.level)
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let send = move |m: ClientMessage| handle.with_value(|h| h.send(&m));
    let ask = RwSignal::new(false);
    let submit = move |_| {
        if missing.with(Vec::is_empty) {
            send(ClientMessage::Submit);
        } else {
            ask.set(true);
        }
    };
    let option = move |value: &'static str, label: &'static str, r: Option<Recommendation>| {
        view! { <option value=value prop:selected=move || recommendation.get() == r>{label}</option> }
    };
    view! {
        <section class="card scoring" data-testid="rubric">
            <h2>"Rubric"</h2>
            {move || dimensions.get().into_iter().enumerate().map(|(d, dim)| {
                let mine = Signal::derive(move || {
                    question.with(|q| q.as_ref().and_then(|q| q.my_scores.iter().find(|s| s.dimension == d).map(|s| s.level)))
                });
                view! {
                    <RubricLevels dim=dim chosen=mine handle=handle
                        pick=move |level| ClientMessage::Score { question: index, dimension: d, level }/>
                }
            }).collect_view()}
            <When when=move || !others.with(Vec::is_empty)>
                <h3>"Other interviewers"</h3>
                <ul>{move || others.get().into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
            </When>
            <div class="inline">
                <div class="field">
                    <label for="recommendation">"Recommendation"</label>
                    <select id="recommendation" on:change=move |ev| {
                        if let Some(value) = Recommendation::parse(&event_target_value(&ev)) {
                            send(ClientMessage::Recommend { value });
                        }
                    }>
                        {option("", "Choose…", None)}
                        {option("strong_no", "Strong no", Some(Recommendation::StrongNo))}
                        {option("no", "No", Some(Recommendation::No))}
                        {option("yes", "Yes", Some(Recommendation::Yes))}
                        {option("strong_yes", "Strong yes", Some(Recommendation::StrongYes))}
                    </select>
                </div>
                <button type="button" data-testid="submit-scores" disabled=move || submitted.get() on:click=submit>
                    {move || if submitted.get() { "Scores submitted" } else { "Submit my scores" }}
                </button>
            </div>
            <ConfirmDialog open=ask id="confirm-submit" title="Submit with dimensions left unscored?"
                confirm="Submit anyway" on_confirm=move || send(ClientMessage::Submit)>
                <p>"You have not scored:"</p>
                <ul data-testid="unscored">{move || missing.get().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                <p>"Submitting shows you the other interviewers' scores, so your judgement of these stays your own only if you score them first. You can still change your scores afterwards."</p>
            </ConfirmDialog>
        </section>
    }
    .into_any()
}

/// Private notes, saved as the interviewer types.
#[component]
pub fn NoteBox(index: usize, initial: String, handle: Handle) -> impl IntoView {
    let send = move |text: String| handle.with_value(|h| h.send(&ClientMessage::Note { question: index, text }));
    view! {
        <section class="card">
            <DebouncedTextArea id="note" label="Private notes (never shown to the candidate)" rows=5 initial=initial send=send/>
        </section>
    }
}
