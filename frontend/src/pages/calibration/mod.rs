//! The calibration dashboard (owners and admins): agreement with intervals
//! and sample sizes, interviewer leniency, score distributions, quick-check
//! item analysis, and calibration drills. Every chart is SVG drawn here,
//! with a table of its numbers.
//!
//! Sections, one file each: `agreement`, `charts` (leniency and score
//! distributions), `items`, `drills`.

mod agreement;
mod charts;
mod drills;
mod items;

use chrono::{TimeZone, Utc};
use leptos::prelude::*;
use mockroom_api::{CalibrationQuery, CalibrationReport, Choice};
use uuid::Uuid;

use self::agreement::AgreementSection;
use self::charts::{DistributionChart, LeniencySection};
use self::drills::Drills;
use self::items::ItemSection;
use crate::api;
use crate::components::{DownloadLink, ErrorMessage};
use crate::reactive::{effect, Derived, State};
use crate::remote::Load;
use crate::team_route::team_param;
use crate::text::count;

/// Two decimals, or a dash.
pub(super) fn num(v: Option<f64>) -> String {
    v.map_or("—".into(), |v| crate::text::fixed(v, 2))
}

fn day(value: &str) -> Option<chrono::DateTime<Utc>> {
    let date = crate::text::parse_date(value)?;
    Utc.from_local_datetime(&date.and_hms_opt(0, 0, 0)?).single()
}

#[component]
pub fn Calibration() -> impl IntoView {
    let team = team_param();
    let query = State::new(CalibrationQuery::default());
    // A changed filter supersedes the report in flight.
    let loaded = Load::new(move || {
        let (team, q) = (team(), query.get());
        async move {
            match team {
                Some(id) => api::calibration(id, &q).await.map(Some),
                None => Ok(None),
            }
        }
    });
    // A failed load keeps the last report on screen (with the filters that
    // led to it), and says what went wrong above it.
    let report = State::new(None::<CalibrationReport>);
    effect(move || {
        if let Some(Ok(Some(r))) = loaded.get() {
            report.set(Some(r));
        }
    });
    let error = Derived::new(move || loaded.get().and_then(Result::err).map(|e| e.message));
    view! {
        <section class="card">
            <h1>"Calibration"</h1>
            <p class="muted">"Do your interviewers score the same performance the same way? Figures come from every score given in live sessions, panels, assigned-mock reviews and calibration drills."</p>
            <ErrorMessage error=error/>
            {move || report.get().map(|r| {
                let f = r.filters.clone();
                view! {
                    <form class="filters inline" aria-label="Filters" on:submit=|ev| ev.prevent_default()>
                        <ChoiceFilter id="filter-pack" label="Pack" choices=f.packs.clone()
                            current=query.with_untracked(|q| q.pack) set=move |id| query.update(|q| q.pack = id)/>
                        <ChoiceFilter id="filter-question" label="Question" choices=f.questions.clone()
                            current=query.with_untracked(|q| q.question) set=move |id| query.update(|q| q.question = id)/>
                        <div class="field">
                            <label for="filter-dimension">"Rubric dimension"</label>
                            <select id="filter-dimension" on:change=move |ev| {
                                let v = event_target_value(&ev);
                                query.update(|q| q.dimension = (!v.is_empty()).then_some(v));
                            }>
                                <option value="">"All"</option>
                                {f.dimensions.iter().map(|d| view! { <option value=d.clone() selected=query.with_untracked(|q| q.dimension.clone()) == Some(d.clone())>{d.clone()}</option> }).collect_view()}
                            </select>
                        </div>
                        <ChoiceFilter id="filter-interviewer" label="Interviewer" choices=f.interviewers.clone()
                            current=query.with_untracked(|q| q.interviewer) set=move |id| query.update(|q| q.interviewer = id)/>
                        <div class="field">
                            <label for="filter-from">"From"</label>
                            <input id="filter-from" type="date" on:change=move |ev| { let v = day(&event_target_value(&ev)); query.update(|q| q.from = v); }/>
                        </div>
                        <div class="field">
                            <label for="filter-to">"Before"</label>
                            <input id="filter-to" type="date" on:change=move |ev| { let v = day(&event_target_value(&ev)); query.update(|q| q.to = v); }/>
                        </div>
                    </form>
                }
            })}
            {move || report.get().map(|r| view! {
                <p data-testid="sample">{format!("{} on {} (candidate × question × dimension) by {} in {}.",
                    count(r.sample.ratings, "score", "scores"), count(r.sample.items, "item", "items"),
                    count(r.sample.interviewers, "interviewer", "interviewers"),
                    count(r.sample.sessions, "session", "sessions"))}
                    " "<DownloadLink href=team().map(|t| api::calibration_csv_url(t, &query.get_untracked())).unwrap_or_default()
                        filename="calibration-ratings.csv" testid="ratings-csv">"Download every score (CSV, long format)"</DownloadLink></p>
            })}
        </section>
        {move || report.get().map(|r| view! {
            <AgreementSection r=r.clone()/>
            <LeniencySection rows=r.leniency.clone()/>
            <section class="card">
                <h2>"Score distributions"</h2>
                <DistributionChart id="by-interviewer" title="Scores by interviewer".into() d=r.by_interviewer.clone()/>
                <DistributionChart id="by-question" title="Scores by question".into() d=r.by_question.clone()/>
            </section>
            <ItemSection items=r.items.clone()/>
            <section class="card">
                <h2>"Minimum samples"</h2>
                <ul>{r.minimums.iter().map(|m| view! { <li>{m.clone()}</li> }).collect_view()}</ul>
            </section>
        })}
        <Drills/>
    }
}

/// A filter over an id: "All" or one of `choices`.
#[component]
fn ChoiceFilter<F>(
    id: &'static str,
    label: &'static str,
    choices: Vec<Choice>,
    current: Option<Uuid>,
    set: F,
) -> impl IntoView
where
    F: Fn(Option<Uuid>) + Copy + 'static,
{
    let current = current.map(|c| c.to_string());
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id on:change=move |ev| set(Uuid::parse_str(&event_target_value(&ev)).ok())>
                <option value="">"All"</option>
                {choices.into_iter().map(|c| {
                    let selected = current.as_deref() == Some(c.id.as_str());
                    view! { <option value=c.id selected=selected>{c.label}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}
