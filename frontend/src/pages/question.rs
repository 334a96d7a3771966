//! An interviewer's preview of a question: every stage in reveal order.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

use crate::api;
use crate::components::{ErrorMessage, InlineMarkdown};
use crate::reactive::Derived;
use crate::remote::Load;
use crate::team_route::{role_in, team_param};

#[component]
pub fn QuestionPage() -> impl IntoView {
    let team = team_param();
    let role = role_in(team);
    let params = use_params_map();
    let question_id = move || {
        params
            .with(|p| p.get("question_id"))
            .and_then(|id| Uuid::parse_str(&id).ok())
    };
    // Loaded once the team, the question and the reader's role are known.
    let loaded = Load::new(move || {
        let key = (team(), question_id(), role());
        async move {
            match key {
                (Some(team), Some(id), Some(_)) => api::question(team, id).await.map(Some),
                _ => Ok(None),
            }
        }
    });
    let preview = Derived::uncompared(move || loaded.get().and_then(Result::ok).flatten());
    let error = Derived::new(move || loaded.get().and_then(Result::err).map(|e| e.message));
    let back = move || format!("/teams/{}/library", team().unwrap_or_default());
    view! {
        <p><A href=back>"← Library"</A></p>
        <ErrorMessage error=error/>
        {move || preview.get().map(|p| view! {
            <article class="card question" data-testid="question-preview">
                <p class="muted">{format!("{} · {} · {} · question {}", p.question.pack_title, p.question.kind, p.question.category, p.question.number)}</p>
                <h1>{p.question.title.clone()}</h1>
                {p.stages.into_iter().map(|s| view! {
                    <section class=format!("stage stage-{}", s.kind)>
                        <h2>{s.title.clone()}</h2>
                        <div class="markdown" inner_html=s.html.clone()></div>
                        {s.quick_check.map(|qc| view! {
                            <ol class="options" type="A">
                                {qc.options.into_iter().enumerate().map(|(i, o)| {
                                    let correct = i as i64 == qc.correct;
                                    view! {
                                        <li class:correct=correct>
                                            <InlineMarkdown text=o/>
                                            {correct.then(|| view! { <span class="badge">"correct"</span> })}
                                        </li>
                                    }
                                }).collect_view()}
                            </ol>
                        })}
                    </section>
                }).collect_view()}
                <section class="stage">
                    <h2>{if p.rubric.derived { "Rubric (derived from the answers)" } else { "Rubric" }}</h2>
                    {p.rubric.dimensions.into_iter().map(|d| view! {
                        <h3>{d.name.clone()}</h3>
                        <ol class="rubric">
                            {d.levels.into_iter().map(|l| view! { <li><InlineMarkdown text=l/></li> }).collect_view()}
                        </ol>
                    }).collect_view()}
                </section>
            </article>
        })}
    }
}
