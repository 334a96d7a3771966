//! Starting a practice mock: choose packs, types, categories and how many
//! questions (or leave them open for a random draw), adjust each question's
//! time, and start.

use leptos::prelude::*;
use leptos_router::components::A;
use mockroom_api::{CreatePracticeRequest, DrawRequest, DrawnQuestion, SessionQuestionSpec};
use uuid::Uuid;

use crate::api;
use crate::components::{navigator, ErrorMessage, Loaded};
use crate::reactive::{effect, Derived, State};
use crate::remote::{Load, Mutation};
use crate::session::use_session;
use crate::text;

/// The team whose library the candidate practises from: their first.
fn practice_team() -> impl Fn() -> Option<Uuid> + Copy {
    let session = use_session();
    move || {
        session
            .me
            .with(|me| me.as_ref().and_then(|m| m.memberships.first()).map(|m| m.team.id))
    }
}

/// Toggles `value` in a list signal (a checkbox group).
fn toggle<T: PartialEq + Clone + Send + Sync + 'static>(list: State<Vec<T>>, value: T, on: bool) {
    list.update(|l| {
        l.retain(|x| *x != value);
        if on {
            l.push(value);
        }
    });
}

#[component]
pub fn Practice() -> impl IntoView {
    let session = use_session();
    let first_team = practice_team();
    // Members of several teams choose whose library to practise from.
    let picked_team = State::new(None::<Uuid>);
    let team = move || picked_team.get().or_else(first_team);
    let teams = move || {
        session
            .me
            .with(|me| {
                me.as_ref().map(|m| {
                    m.memberships
                        .iter()
                        .map(|m| (m.team.id, m.team.name.clone()))
                        .collect::<Vec<_>>()
                })
            })
            .unwrap_or_default()
    };
    let options = Load::new(move || {
        let team = team();
        async move {
            match team {
                Some(id) => api::practice_options(id).await.map(Some),
                None => Ok(None),
            }
        }
    });
    let packs = State::new(Vec::<Uuid>::new());
    let kinds = State::new(Vec::<String>::new());
    let categories = State::new(Vec::<String>::new());
    let count = State::new(3u32);
    // The drawn questions with their minutes, which the candidate may adjust.
    let drawn = State::new(Vec::<(DrawnQuestion, f64)>::new());
    let navigate = navigator();

    let draw_questions = Mutation::new(|req: DrawRequest| async move { api::draw(&req).await });
    let matching = Derived::uncompared(move || draw_questions.value().and_then(Result::ok).map(|d| d.matching));
    effect(move || {
        if let Some(Ok(d)) = draw_questions.value() {
            drawn.set(
                d.questions
                    .into_iter()
                    .map(|q| {
                        let minutes = q.time_limit_secs as f64 / 60.0;
                        (q, minutes)
                    })
                    .collect(),
            );
        }
    });
    let draw = move |_| {
        let Some(team_id) = team() else { return };
        draw_questions.dispatch(DrawRequest {
            team_id,
            packs: packs.get_untracked(),
            kinds: kinds.get_untracked(),
            categories: categories.get_untracked(),
            count: count.get_untracked(),
        });
    };

    let create_mock = Mutation::new(|req: CreatePracticeRequest| async move { api::create_mock(&req).await });
    effect(move || {
        if let Some(Ok(mock)) = create_mock.value() {
            navigate(&format!("/practice/{}", mock.id));
        }
    });
    let start = move |_| {
        let Some(team_id) = team() else { return };
        create_mock.dispatch(CreatePracticeRequest {
            team_id,
            questions: drawn
                .get_untracked()
                .iter()
                .map(|(q, minutes)| SessionQuestionSpec {
                    question_id: q.question.id,
                    time_limit_secs: Some((minutes * 60.0).round().clamp(10.0, 14_400.0) as u32),
                })
                .collect(),
        });
    };
    // The latest refusal, of starting first (it is the later step).
    let error = Derived::new(move || {
        let start = create_mock.value().and_then(Result::err);
        start
            .or_else(|| draw_questions.value().and_then(Result::err))
            .map(|e| e.message)
    });

    view! {
        <section class="card">
            <h1>"Practice"</h1>
            <p>"A timed mock with the questions, stages and rubrics interviewers use. Each question's clock starts when you start it; afterwards you reveal the model answers, take the quick checks and score yourself honestly."</p>
            <p class="muted"><A href="/practice/history">"Your history"</A>" · "<A href="/practice/reviews">"Reviews due"</A></p>
            <ErrorMessage error=error/>
            {move || (teams().len() > 1).then(|| view! {
                <div class="field">
                    <label for="practice-team">"Library of"</label>
                    <select id="practice-team" on:change=move |ev| {
                        picked_team.set(Uuid::parse_str(&event_target_value(&ev)).ok());
                        drawn.set(Vec::new());
                        packs.set(Vec::new());
                        kinds.set(Vec::new());
                        categories.set(Vec::new());
                    }>
                        {teams().into_iter().map(|(id, name)| view! { <option value=id.to_string() selected=team() == Some(id)>{name}</option> }).collect_view()}
                    </select>
                </div>
            })}
            <Loaded>{move || options.get().map(|o| o.map(|o| o.map(|o| view! {
                <div class="choices">
                    <fieldset>
                        <legend>"Packs (none ticked: all)"</legend>
                        {o.packs.iter().map(|p| {
                            let id = p.id;
                            view! { <label class="check"><input type="checkbox" on:change=move |ev| toggle(packs, id, event_target_checked(&ev))/>{format!(" {} ({})", p.title, text::count(p.question_count, "question", "questions"))}</label> }
                        }).collect_view()}
                    </fieldset>
                    <fieldset>
                        <legend>"Types"</legend>
                        {o.kinds.iter().map(|k| {
                            let k2 = k.clone();
                            view! { <label class="check"><input type="checkbox" on:change=move |ev| toggle(kinds, k2.clone(), event_target_checked(&ev))/>{format!(" {k}")}</label> }
                        }).collect_view()}
                    </fieldset>
                    <fieldset>
                        <legend>"Categories"</legend>
                        {o.categories.iter().map(|c| {
                            let c2 = c.clone();
                            view! { <label class="check"><input type="checkbox" on:change=move |ev| toggle(categories, c2.clone(), event_target_checked(&ev))/>{format!(" {c}")}</label> }
                        }).collect_view()}
                    </fieldset>
                </div>
            })))}</Loaded>
            <div class="inline">
                <div class="field">
                    <label for="question-count">"Number of questions"</label>
                    <input id="question-count" type="number" min="1" max="20" class="minutes" prop:value=move || count.get().to_string()
                        on:change=move |ev| { if let Ok(n) = event_target_value(&ev).parse::<u32>() { count.set(n.clamp(1, 20)) } }/>
                </div>
                <button type="button" data-testid="draw" on:click=draw>"Draw questions"</button>
            </div>
        </section>
        {move || (!drawn.with(Vec::is_empty)).then(|| view! {
            <section class="card">
                <h2>"Your mock"</h2>
                <p class="muted">{move || matching.get().map(|n| format!("Drawn at random from {}. Adjust the time of each before you start.", text::count(n, "matching question", "matching questions")))}</p>
                <ol data-testid="drawn-questions">
                    {move || drawn.get().into_iter().enumerate().map(|(i, (q, minutes))| {
                        let id = format!("minutes-{i}");
                        view! {
                            <li>
                                {format!("{} · {} · {} ", q.question.title, q.question.kind, q.question.category)}
                                <label for=id.clone()>"minutes "</label>
                                <input id=id type="number" min="0.2" max="240" step="any" class="minutes" prop:value=crate::text::trimmed(minutes, 2)
                                    on:change=move |ev| {
                                        // The browser's reading of a number field (NaN if
                                        // it holds none), not a float parser of our own.
                                        let m = event_target::<web_sys::HtmlInputElement>(&ev).value_as_number();
                                        if m.is_finite() {
                                            drawn.update(|d| if let Some(entry) = d.get_mut(i) { entry.1 = m.clamp(1.0 / 6.0, 240.0) });
                                        }
                                    }/>
                            </li>
                        }
                    }).collect_view()}
                </ol>
                <button type="button" data-testid="start-mock" disabled=move || create_mock.pending() on:click=start>"Start the mock"</button>
            </section>
        })}
    }
}
