//! The console's view of one question: reveal controls with a preview of the
//! next stage, every stage with its state, the candidate's live answer and
//! the quick-check results.

use leptos::prelude::*;
use mockroom_api::{ClientMessage, InterviewerQuestion, QuickCheckResult, RoomRole};

use super::time_used;
use crate::room_parts::Handle;
use crate::text::letter;

/// "B (Roll back the deploy)".
fn option_name(c: &QuickCheckResult, i: usize) -> String {
    format!("{} ({})", letter(i), c.options.get(i).cloned().unwrap_or_default())
}

fn verdict(c: &QuickCheckResult) -> String {
    match c.chosen {
        None => "not answered".to_owned(),
        Some(ch) if ch == c.correct => format!("answered {}: correct", option_name(c, ch)),
        Some(ch) => format!(
            "answered {}: wrong (correct: {})",
            option_name(c, ch),
            option_name(c, c.correct)
        ),
    }
}

#[component]
pub fn Stages(q: InterviewerQuestion, role: RoomRole, controls: bool, handle: Handle) -> impl IntoView {
    let controls = controls && role == RoomRole::Interviewer;
    let index = q.index;
    let next = q.next_stage.and_then(|n| q.stages.get(n).cloned());
    view! {
        <section class="card">
            <h2>{q.question.title.clone()}</h2>
            {controls.then(|| match next.clone() {
                Some(stage) => view! {
                    <div class="next-stage">
                        <button type="button" data-testid="reveal-next" on:click=move |_| handle.with_value(|h| h.send(&ClientMessage::RevealNext))>
                            {format!("Reveal next: {}", stage.title)}
                        </button>
                        <details>
                            <summary>"Preview of the next stage"</summary>
                            <div class="markdown" inner_html=stage.html.clone()></div>
                        </details>
                    </div>
                }.into_any(),
                None => view! { <p class="muted">"Every stage of this question is revealed."</p> }.into_any(),
            })}
            <ol class="stages" data-testid="stages">
                {q.stages.iter().map(|s| {
                    let stage = s.index;
                    let revealed = s.revealed;
                    view! {
                        <li class:revealed=revealed>
                            <span>{s.title.clone()}</span>
                            <span class="badge">{if revealed { "revealed" } else { "hidden" }}</span>
                            {controls.then(|| view! {
                                <button type="button" class="secondary" on:click=move |_| handle.with_value(|h| h.send(&if revealed {
                                    ClientMessage::Hide { question: index, stage }
                                } else {
                                    ClientMessage::Reveal { question: index, stage }
                                }))>{if revealed { "Hide" } else { "Reveal" }}</button>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ol>
            {time_used(&q).map(|t| view! { <p class="muted" data-testid="time-used">{format!("Time: {t}")}</p> })}
            <h3>"Candidate's answer (live)"</h3>
            <pre class="answer" data-testid="candidate-answer">{if q.answer.is_empty() { "(nothing yet)".to_owned() } else { q.answer.clone() }}</pre>
            {(!q.quick_checks.is_empty()).then(|| view! {
                <h3>"Quick checks"</h3>
                <ul data-testid="quick-check-results">
                    {q.quick_checks.iter().map(|c| view! {
                        <li>{format!("Quick check {}: {}", c.check + 1, verdict(c))}</li>
                    }).collect_view()}
                </ul>
            })}
        </section>
    }
}
