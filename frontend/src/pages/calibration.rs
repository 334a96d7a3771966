//! The calibration dashboard (owners and admins): agreement with intervals
//! and sample sizes, interviewer leniency, score distributions, quick-check
//! item analysis, and calibration drills. Every chart is SVG drawn here,
//! with a table of its numbers.

use chrono::{NaiveDate, TimeZone, Utc};
use leptos::prelude::*;
use leptos_router::components::A;
use mockroom_api::{
    CalibrationQuery, CalibrationReport, Choice, CreateDrillRequest, Distribution, DrillSummary, ItemRow, LeniencyRow,
    SessionMode, SessionSummary, Statistic,
};
use uuid::Uuid;

use super::chart::TableView;
use super::library::team_param;
use crate::api;
use crate::components::{ErrorMessage, Latest};

fn num(v: Option<f64>) -> String {
    v.map_or("—".into(), |v| format!("{v:.2}"))
}

fn day(value: &str) -> Option<chrono::DateTime<Utc>> {
    let date = NaiveDate::parse_from_str(value, "%Y-%m-%d").ok()?;
    Utc.from_local_datetime(&date.and_hms_opt(0, 0, 0)?).single()
}

#[component]
pub fn Calibration() -> impl IntoView {
    let team = team_param();
    let query = RwSignal::new(CalibrationQuery::default());
    let report = RwSignal::new(None::<CalibrationReport>);
    let error = RwSignal::new(None::<String>);
    let latest = Latest::new();
    Effect::new(move |_| {
        let q = query.get();
        let Some(id) = team() else { return };
        let request = latest.start();
        leptos::task::spawn_local(async move {
            let result = api::calibration(id, &q).await;
            if !latest.is_current(request) {
                return;
            }
            match result {
                Ok(r) => {
                    report.set(Some(r));
                    error.set(None);
                }
                Err(e) => error.set(Some(e.message)),
            }
        });
    });
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
                <p data-testid="sample">{format!("{} scores on {} items (candidate × question × dimension) by {} in {} sessions.",
                    r.sample.ratings, r.sample.items,
                    if r.sample.interviewers == 1 { "1 interviewer".to_owned() } else { format!("{} interviewers", r.sample.interviewers) },
                    r.sample.sessions)}
                    " "<a href=team().map(|t| api::calibration_csv_url(t, &query.get_untracked())).unwrap_or_default() download="calibration-ratings.csv">"Download every score (CSV, long format)"</a></p>
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

#[component]
fn StatCard(name: &'static str, help: &'static str, s: Statistic) -> impl IntoView {
    view! {
        <div class="stat" data-testid="stat">
            <h3>{name}</h3>
            {match s.value {
                Some(v) => view! {
                    <p class="figure">{format!("{v:.3}")}</p>
                    <p class="muted">{match (s.ci_low, s.ci_high) {
                        (Some(l), Some(h)) => format!("95% CI {l:.3} to {h:.3}"),
                        _ => "no interval (too few distinct resamples)".into(),
                    }}</p>
                    <p class="muted">{format!("{} items, {} scores", s.items, s.ratings)}</p>
                }.into_any(),
                None => view! { <p class="not-enough">{s.not_enough_data.unwrap_or_else(|| "not enough data".into())}</p> }.into_any(),
            }}
            <p class="muted small">{help}</p>
        </div>
    }
}

#[component]
fn AgreementSection(r: CalibrationReport) -> impl IntoView {
    let a = r.agreement;
    view! {
        <section class="card" data-testid="agreement">
            <h2>"Agreement"</h2>
            <div class="stats">
                <StatCard name="Krippendorff's alpha (ordinal)" help="1 is perfect agreement, 0 is chance; above 0.8 is reliable, 0.67 to 0.8 tentative." s=a.alpha/>
                <StatCard name="ICC(2,1)" help="How far one interviewer's score can be trusted (two-way random, absolute agreement)." s=a.icc_single/>
                <StatCard name="ICC(2,k)" help="The same for the mean of the panel's scores." s=a.icc_average/>
            </div>
            {a.icc_block.map(|b| view! { <p class="muted">{format!("ICC uses the largest complete block of scores: {b}.")}</p> })}
            <h3>"Pairs of interviewers (quadratic-weighted Cohen's kappa)"</h3>
            <table data-testid="kappa-pairs">
                <thead><tr><th scope="col">"Interviewers"</th><th scope="col">"Kappa"</th><th scope="col">"95% CI"</th><th scope="col">"Items"</th></tr></thead>
                <tbody>
                    {a.kappa_pairs.into_iter().map(|p| view! {
                        <tr>
                            <td>{format!("{} & {}", p.a, p.b)}</td>
                            <td>{p.kappa.value.map_or_else(|| p.kappa.not_enough_data.clone().unwrap_or_default(), |v| format!("{v:.3}"))}</td>
                            <td>{match (p.kappa.ci_low, p.kappa.ci_high) { (Some(l), Some(h)) => format!("{l:.2} to {h:.2}"), _ => "—".into() }}</td>
                            <td>{p.kappa.items}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

const W: f64 = 640.0;
const LABEL: f64 = 170.0;
const ROW: f64 = 28.0;

/// Leniency as a forest plot: each interviewer's mean deviation from the
/// other raters of the same items, with its 95% interval, around zero.
#[component]
fn LeniencySection(rows: Vec<LeniencyRow>) -> impl IntoView {
    let plotted: Vec<&LeniencyRow> = rows.iter().filter(|r| r.mean_deviation.is_some()).collect();
    let span = plotted
        .iter()
        .flat_map(|r| [r.ci_low, r.ci_high, r.mean_deviation])
        .flatten()
        .fold(1.0f64, |m, v| m.max(v.abs()))
        .ceil();
    let x = move |v: f64| LABEL + (W - LABEL - 20.0) * (v + span) / (2.0 * span);
    let height = ROW * plotted.len() as f64 + 40.0;
    view! {
        <section class="card" data-testid="leniency">
            <h2>"Interviewer leniency"</h2>
            <p class="muted">"Mean difference from the other interviewers who scored the same candidate, question and dimension, in rubric levels: right of zero is lenient, left is severe. Hard questions do not make anyone look harsh."</p>
            <figure class="chart">
                <svg viewBox=format!("0 0 {W} {height}") role="img" aria-labelledby="leniency-title">
                    <title id="leniency-title">"Leniency by interviewer with 95% intervals"</title>
                    <line x1=x(0.0) x2=x(0.0) y1="0" y2=height - 24.0 class="zero"/>
                    {[-span, 0.0, span].into_iter().map(|t| view! {
                        <text x=x(t) y=height - 6.0 text-anchor="middle" class="axis">{format!("{t:+.0}")}</text>
                    }).collect_view()}
                    {plotted.iter().enumerate().map(|(i, r)| {
                        let y = 16.0 + ROW * i as f64;
                        let (lo, hi, m) = (r.ci_low.unwrap_or(0.0), r.ci_high.unwrap_or(0.0), r.mean_deviation.unwrap_or(0.0));
                        view! {
                            <g class:outlier=r.outlier data-testid="leniency-row">
                                <text x=LABEL - 8.0 y=y + 4.0 text-anchor="end" class="axis">{format!("{}{}", r.interviewer, if r.outlier { " (outlier)" } else { "" })}</text>
                                <line x1=x(lo) x2=x(hi) y1=y y2=y class="interval"/>
                                <circle cx=x(m) cy=y r="5" class="estimate"/>
                            </g>
                        }
                    }).collect_view()}
                </svg>
                <figcaption>
                    <TableView title="leniency".into()
                        head=["Interviewer", "Mean deviation", "95% CI", "Scores", "Flag"].map(String::from).to_vec()
                        rows=rows.iter().map(|r| (r.interviewer.clone(), vec![
                            r.mean_deviation.map_or_else(|| r.not_enough_data.clone().unwrap_or_default(), |v| format!("{v:+.2}")),
                            format!("{} to {}", num(r.ci_low), num(r.ci_high)),
                            r.ratings.to_string(),
                            if r.outlier { "outlier".into() } else { String::new() },
                        ])).collect()/>
                </figcaption>
            </figure>
        </section>
    }
}

/// Shades of one hue for levels low to high (attributes, not inline styles: the CSP forbids those).
const LEVELS: [&str; 6] = ["#d73027", "#fc8d59", "#fee090", "#91bfdb", "#4575b4", "#313695"];

/// One stacked bar per row: the share of each score.
#[component]
fn DistributionChart(id: &'static str, title: String, d: Distribution) -> impl IntoView {
    let height = ROW * d.rows.len() as f64 + 40.0;
    let steps = d.scores.len().saturating_sub(1).max(1);
    let colour = move |i: usize| LEVELS[(i * (LEVELS.len() - 1) / steps).min(LEVELS.len() - 1)];
    let scores = d.scores.clone();
    view! {
        <figure class="chart" data-testid=id>
            <svg viewBox=format!("0 0 {W} {height}") role="img" aria-labelledby=format!("{id}-title")>
                <title id=format!("{id}-title")>{title.clone()}</title>
                {d.rows.iter().enumerate().map(|(r, row)| {
                    let y = 8.0 + ROW * r as f64;
                    let mut at = LABEL;
                    let bars = row.counts.iter().enumerate().map(|(i, c)| {
                        let w = if row.total == 0 { 0.0 } else { (W - LABEL - 20.0) * *c as f64 / row.total as f64 };
                        let x = at;
                        at += w;
                        view! { <rect x=x y=y width=w height=ROW - 8.0 fill=colour(i)><title>{format!("{}: score {} × {c}", row.label, scores.get(i).copied().unwrap_or_default())}</title></rect> }
                    }).collect_view();
                    view! {
                        <text x=LABEL - 8.0 y=y + 14.0 text-anchor="end" class="axis">{row.label.chars().take(24).collect::<String>()}</text>
                        {bars}
                    }
                }).collect_view()}
                {d.scores.iter().enumerate().map(|(i, s)| view! {
                    <rect x=LABEL + 70.0 * i as f64 y=height - 22.0 width="12" height="12" fill=colour(i)/>
                    <text x=LABEL + 70.0 * i as f64 + 16.0 y=height - 12.0 class="axis">{format!("score {s}")}</text>
                }).collect_view()}
            </svg>
            <figcaption>
                <TableView title=title.clone()
                    head=std::iter::once(String::new()).chain(d.scores.iter().map(|s| format!("Score {s}"))).chain(std::iter::once("Total".to_owned())).collect()
                    rows=d.rows.iter().map(|row| (
                        row.label.clone(),
                        row.counts.iter().map(u64::to_string).chain(std::iter::once(row.total.to_string())).collect(),
                    )).collect()/>
            </figcaption>
        </figure>
    }
}

#[component]
fn ItemSection(items: Vec<ItemRow>) -> impl IntoView {
    let analysed: Vec<&ItemRow> = items.iter().filter(|i| i.difficulty.is_some()).collect();
    let (h, pad) = (300.0, 44.0);
    let x = move |p: f64| pad + (W - 2.0 * pad) * p.clamp(0.0, 1.0);
    let y = move |r: f64| 10.0 + (h - 50.0) * (1.0 - (r.clamp(-1.0, 1.0) + 1.0) / 2.0);
    view! {
        <section class="card" data-testid="items">
            <h2>"Quick-check item analysis"</h2>
            <p class="muted">"Difficulty is the share answering correctly; discrimination is the correlation with the rest of the attempt (point-biserial) and the upper-minus-lower 27% difference. Flags: too easy (above 0.9), too hard (below 0.2), weak discrimination (below 0.1), a distractor nobody picks."</p>
            <figure class="chart">
                <svg viewBox=format!("0 0 {W} {h}") role="img" aria-labelledby="scatter-title">
                    <title id="scatter-title">"Difficulty against discrimination, one point per quick check"</title>
                    <line x1=x(0.0) x2=x(1.0) y1=y(0.0) y2=y(0.0) class="zero"/>
                    <line x1=x(0.0) x2=x(0.0) y1=y(1.0) y2=y(-1.0) class="grid"/>
                    {[0.0, 0.2, 0.5, 0.9, 1.0].into_iter().map(|p| view! { <text x=x(p) y=h - 22.0 text-anchor="middle" class="axis">{format!("{p}")}</text> }).collect_view()}
                    {[-1.0, 0.0, 0.1, 1.0].into_iter().map(|r| view! { <text x=pad - 6.0 y=y(r) + 4.0 text-anchor="end" class="axis">{format!("{r}")}</text> }).collect_view()}
                    <text x=W / 2.0 y=h - 4.0 text-anchor="middle" class="axis">"difficulty (share correct)"</text>
                    {analysed.iter().map(|i| {
                        let (p, r) = (i.difficulty.unwrap_or(0.0), i.point_biserial.unwrap_or(0.0));
                        view! { <circle cx=x(p) cy=y(r) r="5" class="estimate" class:flagged=!i.flags.is_empty() data-testid="item-point">
                            <title>{format!("{} #{}: p {p:.2}, r {r:.2}", i.question, i.check + 1)}</title>
                        </circle> }
                    }).collect_view()}
                </svg>
            </figure>
            <table data-testid="item-table">
                <thead><tr>
                    <th scope="col">"Question"</th><th scope="col">"Check"</th><th scope="col">"Attempts"</th><th scope="col">"Difficulty"</th>
                    <th scope="col">"Point-biserial"</th><th scope="col">"Upper − lower"</th><th scope="col">"Wrong options chosen"</th><th scope="col">"Flags"</th>
                </tr></thead>
                <tbody>
                    {items.iter().map(|i| view! {
                        <tr>
                            <td>{i.question.clone()}</td>
                            <td>{i.check + 1}</td>
                            <td>{i.attempts}</td>
                            {match &i.not_enough_data {
                                Some(why) => view! { <td colspan="5" class="not-enough">{why.clone()}</td> }.into_any(),
                                None => view! {
                                    <td>{num(i.difficulty)}</td>
                                    <td>{num(i.point_biserial)}</td>
                                    <td>{num(i.discrimination)}</td>
                                    <td>{i.options.iter().filter(|o| !o.correct).map(|o| format!("{}: {:.0}%", o.text.chars().take(30).collect::<String>(), 100.0 * o.share)).collect::<Vec<_>>().join("; ")}</td>
                                    <td>{i.flags.iter().map(|f| f.replace('_', " ")).collect::<Vec<_>>().join(", ")}</td>
                                }.into_any(),
                            }}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

/// Drills: ask interviewers to score a finished session again, independently.
#[component]
fn Drills() -> impl IntoView {
    let team = team_param();
    let drills = RwSignal::new(Vec::<DrillSummary>::new());
    let sessions = RwSignal::new(Vec::<SessionSummary>::new());
    let chosen = RwSignal::new(None::<Uuid>);
    let error = RwSignal::new(None::<String>);
    let reload = RwSignal::new(0u32);
    Effect::new(move |_| {
        reload.track();
        let Some(id) = team() else { return };
        leptos::task::spawn_local(async move {
            match (api::drills(id).await, api::sessions(id).await) {
                (Ok(d), Ok(s)) => {
                    drills.set(d);
                    sessions.set(s.into_iter().filter(|s| s.mode != SessionMode::Drill).collect());
                }
                (Err(e), _) | (_, Err(e)) => error.set(Some(e.message)),
            }
        });
    });
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(id), Some(session_id)) = (team(), chosen.get_untracked()) else {
            return;
        };
        leptos::task::spawn_local(async move {
            match api::create_drill(id, &CreateDrillRequest { session_id }).await {
                Ok(_) => reload.update(|n| *n += 1),
                Err(e) => error.set(Some(e.message)),
            }
        });
    };
    view! {
        <section class="card" data-testid="drills">
            <h2>"Calibration drills"</h2>
            <p class="muted">"Pick a finished session: every interviewer of the team can then score its recording (answers, revealed stages, quick-check results) on their own, without seeing anyone else's scores until they submit. Drill scores count in the figures above."</p>
            <ErrorMessage error=error/>
            <form class="inline" on:submit=create>
                <div class="field">
                    <label for="drill-session">"Session"</label>
                    <select id="drill-session" on:change=move |ev| chosen.set(Uuid::parse_str(&event_target_value(&ev)).ok())>
                        <option value="">"Choose…"</option>
                        {move || sessions.get().into_iter().map(|s| view! {
                            <option value=s.id.to_string()>{format!("{} · {}", s.candidate_name, s.created_at.format("%Y-%m-%d"))}</option>
                        }).collect_view()}
                    </select>
                </div>
                <button type="submit" disabled=move || chosen.with(Option::is_none)>"Start a drill"</button>
            </form>
            <table>
                <thead><tr><th scope="col">"Candidate"</th><th scope="col">"Started"</th><th scope="col">"Submitted by"</th><th scope="col"><span class="visually-hidden">"Open"</span></th></tr></thead>
                <tbody>
                    {move || drills.get().into_iter().map(|d| view! {
                        <tr>
                            <td>{d.drill.candidate_name.clone()}</td>
                            <td>{d.drill.created_at.format("%Y-%m-%d %H:%M").to_string()}</td>
                            <td>{if d.submitted.is_empty() { "nobody yet".to_owned() } else { d.submitted.join(", ") }}</td>
                            <td><A href=format!("/teams/{}/sessions/{}?role=panelist", d.drill.team_id, d.drill.id)>"Score it"</A></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}
