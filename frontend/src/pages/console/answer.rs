//! The candidate's side of the current question, for the console's right
//! pane: their live answer and their quick-check results (and, in timed
//! mocks, the time they used).

use leptos::prelude::*;
use mockroom_api::{InterviewerQuestion, InterviewerView, QuickCheckResult};

use super::time_used;
use crate::components::{answer_languages, CodeEditor, When};
use crate::reactive::Derived;
use crate::text::letter;

fn language_name(id: &str) -> &'static str {
    answer_languages()
        .find(|(i, _)| *i == id)
        .map_or("code", |(_, name)| name)
}

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

/// One part of question `index` in the view (its default until the question
/// is there), as a memo of its own: a keystroke in the answer then redraws
/// the answer, not the quick checks.
fn part<T: Clone + Default + PartialEq + Send + Sync + 'static>(
    view: Signal<Option<InterviewerView>>,
    index: usize,
    pick: fn(&InterviewerQuestion) -> T,
) -> Derived<T> {
    Derived::new(move || {
        view.with(|v| v.as_ref().and_then(|v| v.questions.get(index)).map(pick))
            .unwrap_or_default()
    })
}

#[component]
pub fn CandidateAnswer(view: Signal<Option<InterviewerView>>, index: usize) -> impl IntoView {
    let answer = part(view, index, |q| q.answer.clone());
    let language = part(view, index, |q| q.answer_language.clone());
    let checks = part(view, index, |q| q.quick_checks.clone());
    let used = part(view, index, time_used);
    view! {
        <section class="card answer-card" aria-labelledby="answer-heading">
            <h2 id="answer-heading">"Candidate's answer "<span class="live-dot" aria-hidden="true"></span><span class="muted small">"live"</span></h2>
            {move || used.get().map(|t| view! { <p class="muted" data-testid="time-used">{format!("Time: {t}")}</p> })}
            // Code is shown as the candidate sees it: the same editor, read-only,
            // with the language they picked.
            {move || match language.get() {
                l if l.is_empty() || l == "plain" => view! {
                    <pre class="answer" data-testid="candidate-answer" tabindex="0" role="region" aria-label="The candidate's answer as they type it">
                        {move || answer.with(|a| if a.is_empty() { "(nothing yet)".to_owned() } else { a.clone() })}
                    </pre>
                }.into_any(),
                l => view! {
                    <p class="muted small" data-testid="candidate-answer-language">{format!("Written in {}", language_name(&l))}</p>
                    <CodeEditor text=answer language=language label="The candidate's answer as they type it".to_owned()
                        read_only=true testid="candidate-answer"/>
                }.into_any(),
            }}
            <When when=move || !checks.with(Vec::is_empty)>
                <h3>"Quick checks"</h3>
                <ul class="plain quick-check-results" data-testid="quick-check-results">
                    {move || checks.get().iter().map(|c| view! {
                        <li class:right={c.chosen == Some(c.correct)} class:wrong={c.chosen.is_some_and(|x| x != c.correct)}>
                            {format!("Quick check {}: {}", c.check + 1, verdict(c))}
                        </li>
                    }).collect_view()}
                </ul>
            </When>
        </section>
    }
}
