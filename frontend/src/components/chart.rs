//! Line charts drawn as SVG by the app (no chart service, no script), each
//! with a table view of the same numbers for screen readers and for reading
//! exact values.

use leptos::prelude::*;

use crate::text::fixed;

/// One line: a name and a value (0–100) per x position, `None` where it has none.
#[derive(Clone)]
pub struct Series {
    pub name: String,
    pub values: Vec<Option<f64>>,
}

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 260.0;
const LEFT: f64 = 44.0;
/// Room for half of the last x label (`#10 12-01`, centred on its point).
const RIGHT: f64 = 36.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 40.0;
/// Colour-blind-safe colours (Okabe–Ito), named in the legend and the table.
/// Colours are attributes, not inline styles: the CSP allows no inline style.
const COLOURS: [&str; 8] = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000",
];

/// A coordinate of an SVG chart, to a tenth of a unit (see `text::fixed`).
pub fn coord(v: f64) -> String {
    fixed(v, 1)
}

fn x_of(i: usize, n: usize) -> f64 {
    if n <= 1 {
        LEFT + (WIDTH - LEFT - RIGHT) / 2.0
    } else {
        LEFT + (WIDTH - LEFT - RIGHT) * i as f64 / (n - 1) as f64
    }
}

fn y_of(v: f64) -> f64 {
    TOP + (HEIGHT - TOP - BOTTOM) * (1.0 - v.clamp(0.0, 100.0) / 100.0)
}

/// A percentage line chart over `labels` (the x positions, oldest first).
#[component]
pub fn PercentChart(id: &'static str, title: String, labels: Vec<String>, series: Vec<Series>) -> impl IntoView {
    let n = labels.len();
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let desc = format!(
        "{} line{} over {n} attempt{}, 0 to 100 percent; the table below lists every value.",
        series.len(),
        if series.len() == 1 { "" } else { "s" },
        if n == 1 { "" } else { "s" }
    );
    let grid = [0.0, 25.0, 50.0, 75.0, 100.0];
    let labelled_by = format!("{title_id} {desc_id}");
    view! {
        <figure class="chart" data-testid=id>
            <svg viewBox=format!("0 0 {} {}", coord(WIDTH), coord(HEIGHT)) role="img" aria-labelledby=labelled_by>
                <title id=title_id>{title.clone()}</title>
                <desc id=desc_id>{desc}</desc>
                {grid.iter().map(|g| view! {
                    <line x1=coord(LEFT) x2=coord(WIDTH - RIGHT) y1=coord(y_of(*g)) y2=coord(y_of(*g)) class="grid"/>
                    <text x=coord(LEFT - 6.0) y=coord(y_of(*g) + 4.0) text-anchor="end" class="axis">{format!("{}%", fixed(*g, 0))}</text>
                }).collect_view()}
                {labels.iter().enumerate().map(|(i, l)| view! {
                    <text x=coord(x_of(i, n)) y=coord(HEIGHT - BOTTOM + 18.0) text-anchor="middle" class="axis">{l.clone()}</text>
                }).collect_view()}
                {series.iter().enumerate().map(|(s, line)| {
                    let colour = COLOURS[s % COLOURS.len()];
                    let points: Vec<(f64, f64)> = line.values.iter().enumerate()
                        .filter_map(|(i, v)| v.map(|v| (x_of(i, n), y_of(v))))
                        .collect();
                    let path = points.iter().map(|(x, y)| format!("{},{}", coord(*x), coord(*y))).collect::<Vec<_>>().join(" ");
                    view! {
                        <g class="series" data-series=line.name.clone()>
                            <polyline points=path fill="none" stroke=colour stroke-width="2"/>
                            {points.iter().map(|(x, y)| view! { <circle cx=coord(*x) cy=coord(*y) r="4" fill=colour data-testid="chart-point"/> }).collect_view()}
                        </g>
                    }
                }).collect_view()}
            </svg>
            <figcaption>
                <ul class="legend">
                    {series.iter().enumerate().map(|(s, line)| view! {
                        <li><svg class="swatch" width="12" height="12" aria-hidden="true"><rect width="12" height="12" fill=COLOURS[s % COLOURS.len()]/></svg>" "{line.name.clone()}</li>
                    }).collect_view()}
                </ul>
                <TableView title=title.clone()
                    head=std::iter::once("Series".to_owned()).chain(labels.iter().cloned()).collect()
                    rows=series.iter().map(|line| (
                        line.name.clone(),
                        line.values.iter().map(|v| v.map_or("—".to_owned(), |v| format!("{}%", fixed(v, 0)))).collect(),
                    )).collect()/>
            </figcaption>
        </figure>
    }
}

/// A chart's numbers as a table, folded under the chart: for screen readers
/// and for reading exact values. Each row starts with its label.
#[component]
pub fn TableView(title: String, head: Vec<String>, rows: Vec<(String, Vec<String>)>) -> impl IntoView {
    view! {
        <details>
            <summary>{format!("Table view: {title}")}</summary>
            <table>
                <thead><tr>{head.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr></thead>
                <tbody>
                    {rows.into_iter().map(|(label, cells)| view! {
                        <tr><th scope="row">{label}</th>{cells.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}</tr>
                    }).collect_view()}
                </tbody>
            </table>
        </details>
    }
}
