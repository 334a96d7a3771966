//! The leniency forest plot and the stacked score distributions, each with
//! its table view.

use leptos::prelude::*;
use mockroom_api::{Distribution, LeniencyRow};

use super::num;
use crate::components::{coord, TableView};
use crate::text::signed;

pub(super) const W: f64 = 640.0;
const LABEL: f64 = 170.0;
const ROW: f64 = 28.0;

/// Leniency as a forest plot: each interviewer's mean deviation from the
/// other raters of the same items, with its 95% interval, around zero.
#[component]
pub(super) fn LeniencySection(rows: Vec<LeniencyRow>) -> impl IntoView {
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
                <svg viewBox=format!("0 0 {} {}", coord(W), coord(height)) role="img" aria-labelledby="leniency-title">
                    <title id="leniency-title">"Leniency by interviewer with 95% intervals"</title>
                    <line x1=coord(x(0.0)) x2=coord(x(0.0)) y1="0" y2=coord(height - 24.0) class="zero"/>
                    {[-span, 0.0, span].into_iter().map(|t| view! {
                        <text x=coord(x(t)) y=coord(height - 6.0) text-anchor="middle" class="axis">{signed(t, 0)}</text>
                    }).collect_view()}
                    {plotted.iter().enumerate().map(|(i, r)| {
                        let y = 16.0 + ROW * i as f64;
                        let (lo, hi, m) = (r.ci_low.unwrap_or(0.0), r.ci_high.unwrap_or(0.0), r.mean_deviation.unwrap_or(0.0));
                        view! {
                            <g class:outlier=r.outlier data-testid="leniency-row">
                                <text x=coord(LABEL - 8.0) y=coord(y + 4.0) text-anchor="end" class="axis">{format!("{}{}", r.interviewer, if r.outlier { " (outlier)" } else { "" })}</text>
                                <line x1=coord(x(lo)) x2=coord(x(hi)) y1=coord(y) y2=coord(y) class="interval"/>
                                <circle cx=coord(x(m)) cy=coord(y) r="5" class="estimate"/>
                            </g>
                        }
                    }).collect_view()}
                </svg>
                <figcaption>
                    <TableView title="leniency".into()
                        head=["Interviewer", "Mean deviation", "95% CI", "Scores", "Flag"].map(String::from).to_vec()
                        rows=rows.iter().map(|r| (r.interviewer.clone(), vec![
                            r.mean_deviation.map_or_else(|| r.not_enough_data.clone().unwrap_or_default(), |v| signed(v, 2)),
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
pub(super) fn DistributionChart(id: &'static str, title: String, d: Distribution) -> impl IntoView {
    let height = ROW * d.rows.len() as f64 + 40.0;
    let steps = d.scores.len().saturating_sub(1).max(1);
    let colour = move |i: usize| LEVELS[(i * (LEVELS.len() - 1) / steps).min(LEVELS.len() - 1)];
    let scores = d.scores.clone();
    view! {
        <figure class="chart" data-testid=id>
            <svg viewBox=format!("0 0 {} {}", coord(W), coord(height)) role="img" aria-labelledby=format!("{id}-title")>
                <title id=format!("{id}-title")>{title.clone()}</title>
                {d.rows.iter().enumerate().map(|(r, row)| {
                    let y = 8.0 + ROW * r as f64;
                    let mut at = LABEL;
                    let bars = row.counts.iter().enumerate().map(|(i, c)| {
                        let w = if row.total == 0 { 0.0 } else { (W - LABEL - 20.0) * *c as f64 / row.total as f64 };
                        let x = at;
                        at += w;
                        view! { <rect x=coord(x) y=coord(y) width=coord(w) height=coord(ROW - 8.0) fill=colour(i)><title>{format!("{}: score {} × {c}", row.label, scores.get(i).copied().unwrap_or_default())}</title></rect> }
                    }).collect_view();
                    view! {
                        <text x=coord(LABEL - 8.0) y=coord(y + 14.0) text-anchor="end" class="axis">{row.label.chars().take(24).collect::<String>()}</text>
                        {bars}
                    }
                }).collect_view()}
                {d.scores.iter().enumerate().map(|(i, s)| view! {
                    <rect x=coord(LABEL + 70.0 * i as f64) y=coord(height - 22.0) width="12" height="12" fill=colour(i)/>
                    <text x=coord(LABEL + 70.0 * i as f64 + 16.0) y=coord(height - 12.0) class="axis">{format!("score {s}")}</text>
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
