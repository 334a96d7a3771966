//! The question library: packs, filters, search, and guide upload.

use leptos::prelude::*;
use leptos_router::components::A;
use mockroom_api::{QuestionFilter, Role};
use uuid::Uuid;

use super::upload::Upload;
use crate::api;
use crate::components::{keyed, ErrorMessage};
use crate::reactive::Derived;
use crate::remote::Load;
use crate::session::use_session;
use crate::team_route::{interviewer_team, role_in, team_param};
use crate::text::count;

#[component]
pub fn Library() -> impl IntoView {
    let team = team_param();
    let role = role_in(team);
    let session = use_session();
    let kind = RwSignal::new(String::new());
    let category = RwSignal::new(String::new());
    let pack = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());

    // Interviewers' data only. A changed filter supersedes the request in
    // flight (a resource keeps only its latest load).
    let interviewer_team = interviewer_team(team);
    let packs_res = Load::new(move || {
        let team = interviewer_team();
        async move {
            match team {
                Some(id) => api::packs(id).await,
                None => Ok(Vec::new()),
            }
        }
    });
    let questions = Load::new(move || {
        let filter = QuestionFilter {
            kind: Some(kind.get()),
            category: Some(category.get()),
            pack: Uuid::parse_str(&pack.get()).ok(),
            q: Some(text.get()),
        };
        let team = interviewer_team();
        async move {
            match team {
                Some(id) => api::questions(id, &filter).await.map(Some),
                None => Ok(None),
            }
        }
    });
    let packs = Derived::uncompared(move || packs_res.get().and_then(Result::ok).unwrap_or_default());
    let list = Derived::uncompared(move || questions.get().and_then(Result::ok).flatten());
    let error = Derived::new(move || {
        let failed = |r: Option<Result<_, api::ApiError>>| r.and_then(Result::err).map(|e| e.message);
        failed(packs_res.get().map(|r| r.map(|_| ()))).or_else(|| failed(questions.get().map(|r| r.map(|_| ()))))
    });
    // After an import: both lists again.
    let imported = Callback::new(move |()| {
        packs_res.refetch();
        questions.refetch();
    });

    let options = |values: Vec<String>, current: RwSignal<String>| {
        values
            .into_iter()
            .map(|v| {
                let selected = current.get_untracked() == v;
                view! { <option value=v.clone() selected=selected>{v.clone()}</option> }
            })
            .collect_view()
    };

    view! {
        {move || match (session.loaded.get(), role()) {
            (false, _) => view! { <p class="muted">"Loading…"</p> }.into_any(),
            (true, None) => view! { <section class="card narrow"><h1>"Team not found"</h1></section> }.into_any(),
            (true, Some(Role::Candidate)) => view! {
                <section class="card narrow"><h1>"Library"</h1><p>"The question library is for interviewers."</p></section>
            }.into_any(),
            (true, Some(my_role)) => view! {
                <section class="card">
                    <h1>"Question library"</h1>
                    <ErrorMessage error=error/>
                    <ul class="packs" data-testid="packs">
                        {keyed(move || packs.get(), |p| (p.version_id.as_u128(), 0), move |p| view! {
                            <li>
                                <strong>{p.title.clone()}</strong>
                                <span class="muted">{format!(" {} · version {}", count(p.question_count, "question", "questions"), &p.content_hash[..12.min(p.content_hash.len())])}</span>
                                {p.bundled.then(|| view! { <span class="badge">"bundled"</span> })}
                            </li>
                        }.into_any())}
                    </ul>
                </section>
                <section class="card">
                    <h2>"Questions"</h2>
                    <form class="inline filters" on:submit=|ev: leptos::ev::SubmitEvent| ev.prevent_default()>
                        <div class="field">
                            <label for="filter-text">"Search"</label>
                            <input id="filter-text" type="search" placeholder="words in any stage"
                                prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))/>
                        </div>
                        <div class="field">
                            <label for="filter-kind">"Type"</label>
                            <select id="filter-kind" on:change=move |ev| kind.set(event_target_value(&ev))>
                                <option value="">"All types"</option>
                                {move || options(list.with(|l| l.as_ref().map(|l| l.kinds.clone()).unwrap_or_default()), kind)}
                            </select>
                        </div>
                        <div class="field">
                            <label for="filter-category">"Category"</label>
                            <select id="filter-category" on:change=move |ev| category.set(event_target_value(&ev))>
                                <option value="">"All categories"</option>
                                {move || options(list.with(|l| l.as_ref().map(|l| l.categories.clone()).unwrap_or_default()), category)}
                            </select>
                        </div>
                        <div class="field">
                            <label for="filter-pack">"Pack"</label>
                            <select id="filter-pack" on:change=move |ev| pack.set(event_target_value(&ev))>
                                <option value="">"All packs"</option>
                                {move || packs.get().into_iter().map(|p| view! {
                                    <option value=p.id.to_string()>{p.title}</option>
                                }).collect_view()}
                            </select>
                        </div>
                    </form>
                    <p class="muted" role="status">{move || list.with(|l| l.as_ref().map(|l| count(l.questions.len(), "question", "questions")))}</p>
                    <table data-testid="questions">
                        <thead><tr><th scope="col">"Question"</th><th scope="col">"Type"</th><th scope="col">"Category"</th><th scope="col">"Pack"</th></tr></thead>
                        <tbody>
                            {keyed(move || list.get().map(|l| l.questions).unwrap_or_default(), |q| (q.id.as_u128(), 0), move |q| view! {
                                {
                                    let href = format!("/teams/{}/library/{}", team().unwrap_or_default(), q.id);
                                    view! {
                                        <tr>
                                            <td><A href=href>{q.title.clone()}</A></td>
                                            <td>{q.kind.clone()}</td>
                                            <td>{q.category.clone()}</td>
                                            <td>{q.pack_title.clone()}</td>
                                        </tr>
                                    }
                                }
                            }.into_any())}
                        </tbody>
                    </table>
                </section>
                {my_role.can_manage_members().then(|| view! { <Upload team=team imported=imported/> })}
            }.into_any(),
        }}
    }
}
