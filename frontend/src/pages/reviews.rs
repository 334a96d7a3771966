//! "Reviews due": quick checks answered in practice come back on their FSRS
//! schedule. Answer, see the explanation, and the card is rescheduled.

use leptos::prelude::*;
use leptos_router::components::A;
use mockroom_api::{ReviewAnswer, ReviewItem};

use crate::api;
use crate::components::{ErrorMessage, Loaded};
use crate::reactive::{effect, Derived, State};
use crate::remote::{Load, Mutation};
use crate::text::count;

#[component]
pub fn Reviews() -> impl IntoView {
    let queue = Load::new(api::review_queue);
    view! {
        <section class="card">
            <h1>"Reviews due"</h1>
            <p class="muted"><A href="/practice">"Practice"</A>" · "<A href="/practice/history">"History"</A></p>
            <Loaded>
                {move || queue.get().map(|q| q.map(|q| match q.due.first().cloned() {
                    Some(item) => view! {
                        <p data-testid="due-count">{format!("{} due now · {} in your queue", q.due.len(), count(q.total_cards, "card", "cards"))}</p>
                        <ReviewCard item=item next=Callback::new(move |()| queue.refetch())/>
                    }.into_any(),
                    None => view! {
                        <p data-testid="nothing-due">{match (q.total_cards, q.next_due_at) {
                            (0, _) => "Nothing to review yet: quick checks you answer in practice mocks come back here.".to_owned(),
                            (_, Some(at)) => format!("Nothing due. Next review: {} UTC.", crate::text::date_minutes(&at)),
                            _ => "Nothing due.".to_owned(),
                        }}</p>
                    }.into_any(),
                }))}
            </Loaded>
        </section>
    }
}

#[component]
fn ReviewCard(item: ReviewItem, next: Callback<()>) -> impl IntoView {
    let chosen = State::new(None::<usize>);
    let check_answer = Mutation::new(|req: ReviewAnswer| async move { api::answer_review(&req).await });
    let outcome = Derived::uncompared(move || check_answer.value().and_then(Result::ok));
    let error = State::new(None::<String>);
    effect(move || {
        if let Some(Err(e)) = check_answer.value() {
            error.set(Some(e.message));
        }
    });
    let (question_id, check) = (item.question_id, item.check);
    let answer = move |_| {
        let Some(option) = chosen.get_untracked() else { return };
        check_answer.dispatch(ReviewAnswer {
            question_id,
            check,
            option: option as i64,
        });
    };
    let group = format!("review-{question_id}-{check}");
    view! {
        <article class="review-card" data-testid="review-card">
            <h2>{item.question_title.clone()}</h2>
            <p class="muted">{item.pack_title.clone()}</p>
            <div class="markdown" inner_html=item.prompt_html.clone()></div>
            <ErrorMessage error=error/>
            <fieldset class="quick-check" disabled=move || outcome.with(Option::is_some)>
                <legend>"Your answer"</legend>
                {item.options.iter().enumerate().map(|(i, o)| {
                    let id = format!("{group}-{i}");
                    view! {
                        <div class="option">
                            <input type="radio" id=id.clone() name=group.clone() on:change=move |_| chosen.set(Some(i))/>
                            <label for=id>{o.clone()}{move || outcome.with(|out| match out {
                                Some(out) if out.correct_option == i as i64 => " ✓ correct",
                                Some(out) if !out.correct && chosen.get() == Some(i) => " ✗ your answer",
                                _ => "",
                            })}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            {move || match outcome.get() {
                None => view! { <button type="button" data-testid="check-review" disabled=move || chosen.with(Option::is_none) || check_answer.pending() on:click=answer>"Check"</button> }.into_any(),
                Some(o) => view! {
                    <p role="status" data-testid="review-outcome">{
                        // The noun agrees with the number as written.
                        let days = crate::text::fixed(o.interval_days, 0);
                        let unit = if days == "1" { "day" } else { "days" };
                        format!("{} Next review in {days} {unit}.", if o.correct { "Correct." } else { "Not quite." })
                    }</p>
                    <div class="markdown explanation" inner_html=o.explanation_html.clone()></div>
                    <button type="button" data-testid="next-review" on:click=move |_| next.run(())>"Next"</button>
                }.into_any(),
            }}
        </article>
    }
}
