//! A quick check as the candidate answers it: options lettered A, B, C… (the
//! guide's own letters, which explanations refer to), a choice that stays on
//! this page until the candidate locks it in with the button, then the
//! verdict. Choosing is a native radio group, so arrow keys only move the
//! choice; Tab leaves the group for the lock-in button (Enter or Space).

use leptos::prelude::*;
use mockroom_api::{CandidateQuickCheck, CandidateView, ClientMessage};

use super::Handle;
use crate::components::{InlineMarkdown, When};
use crate::reactive::{effect, Derived, State};
use crate::text::letter;

/// The quick check asked by stage `stage` of `question`, with whether the
/// session has ended. Candidate views do not name a stage's quick check, but
/// both lists follow the guide's order (each check's stage comes before the
/// next one's), so the n-th revealed quick-check stage asks the n-th
/// revealed quick check.
fn check_of_stage(view: &CandidateView, question: usize, stage: usize) -> Option<CandidateQuickCheck> {
    // Counted rather than sorted: the lists are short, and a sort of each
    // type is a few KiB of WASM in the candidate's room.
    let q = view.questions.get(question)?;
    let check_stages = || q.stages.iter().filter(|s| s.kind == "quick_check");
    check_stages().find(|s| s.index == stage)?;
    let position = check_stages().filter(|s| s.index < stage).count();
    let rank = |c: &CandidateQuickCheck| q.quick_checks.iter().filter(|o| o.check < c.check).count();
    q.quick_checks.iter().find(|c| rank(c) == position).cloned()
}

/// The quick check of a revealed quick-check stage (nothing if the view
/// holds none for it).
#[component]
pub fn StageQuickCheck(
    view: Signal<Option<CandidateView>>,
    question: usize,
    stage: usize,
    handle: Handle,
) -> impl IntoView {
    let state = Derived::new(move || {
        view.with(|v| {
            let v = v.as_ref()?;
            check_of_stage(v, question, stage).map(|c| (c, v.finished))
        })
    });
    // Built again only if the check itself changes, not on every answer or vote.
    let shape = Derived::new(move || state.with(|s| s.as_ref().map(|(c, _)| (c.check, c.options.clone()))));
    move || {
        shape.get().map(|(check, options)| {
            view! { <QuickCheckForm question=question check=check options=options state=state handle=handle/> }
        })
    }
}

#[component]
fn QuickCheckForm(
    question: usize,
    check: usize,
    options: Vec<String>,
    state: Derived<Option<(CandidateQuickCheck, bool)>>,
    handle: Handle,
) -> impl IntoView {
    let chosen = move || state.with(|s| s.as_ref().and_then(|(c, _)| c.chosen));
    let can_answer = move || state.with(|s| s.as_ref().is_some_and(|(c, finished)| c.open && !finished));
    let verdict = move || state.with(|s| s.as_ref().map(|(c, _)| (c.correct, c.right)));
    // The choice on this page; the server's once it has one.
    let selected = State::new(chosen());
    let sending = RwSignal::new(false);
    let problem = State::new(None::<&'static str>);
    effect(move || {
        if let Some(c) = chosen() {
            selected.set(Some(c));
            sending.set(false);
        }
    });
    let lock_in = move |_| {
        let Some(option) = selected.get_untracked() else {
            return;
        };
        let message = ClientMessage::QuickCheck {
            question,
            check,
            option,
        };
        if handle.with_value(|h| h.try_send(&message)) {
            sending.set(true);
            problem.set(None);
        } else {
            problem.set(Some(
                "Not sent: the connection is down. Lock it in again once the page says Connected.",
            ));
        }
    };
    let group = format!("check-{question}-{check}");
    let count = options.len();
    let mark = move |i: usize| {
        let (correct, right) = verdict().unwrap_or((None, None));
        let mine = chosen() == Some(i);
        match (correct, right) {
            (Some(c), _) if c == i && mine => "✓ your answer, correct",
            (Some(c), _) if c == i => "✓ correct",
            (Some(_), _) if mine => "✗ your answer",
            (None, Some(true)) if mine => "✓ your answer: right",
            (None, Some(false)) if mine => "✗ your answer: not right",
            (None, None) if mine => "your answer (locked in)",
            _ => "",
        }
    };
    let status = move || {
        let name = |i: usize| letter(i);
        match (chosen(), verdict().unwrap_or((None, None))) {
            (Some(c), (Some(right), _)) if right == c => format!("You locked in {}: correct.", name(c)),
            (Some(c), (Some(right), _)) => {
                format!("You locked in {}: not right. The answer is {}.", name(c), name(right))
            }
            (Some(c), (None, Some(true))) => format!("You locked in {}: right.", name(c)),
            (Some(c), (None, Some(false))) => format!("You locked in {}: not right.", name(c)),
            (Some(c), (None, None)) => format!("You locked in {}.", name(c)),
            (None, _) if !can_answer() => "Closed: this quick check was not answered.".to_owned(),
            (None, _) if sending.get() => "Locking in…".to_owned(),
            (None, _) => match selected.get() {
                Some(s) => format!("{} selected, not locked in yet.", name(s)),
                None => format!("Choose one of {} options, then lock it in.", count),
            },
        }
    };
    view! {
        <fieldset class="quick-check" data-testid="quick-check" data-check=check disabled=move || !can_answer()>
            <legend>{format!("Quick check {}", check + 1)}</legend>
            {options.into_iter().enumerate().map(|(i, o)| {
                let id = format!("{group}-{i}");
                view! {
                    <div class="option" class:mine=move || chosen() == Some(i)>
                        <input type="radio" id=id.clone() name=group.clone() value=i.to_string()
                            prop:checked=move || selected.get() == Some(i)
                            on:change=move |_| selected.set(Some(i))/>
                        <label for=id>
                            <span class="letter">{format!("{}.", letter(i))}</span>" "
                            <InlineMarkdown text=o/>
                        </label>
                        <span class="verdict">{move || mark(i)}</span>
                    </div>
                }
            }).collect_view()}
            <div class="inline">
                <When when=can_answer>
                    <button type="button" data-testid="lock-in"
                        disabled=move || selected.with(Option::is_none) || sending.get()
                        on:click=lock_in>"Lock in my answer"</button>
                </When>
                <p class="check-status" role="status" data-testid="quick-check-status">{status}</p>
            </div>
            {move || problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
        </fieldset>
    }
}
