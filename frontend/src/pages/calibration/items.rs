//! Quick-check item analysis: the difficulty/discrimination scatter and the
//! table with flags.

use leptos::prelude::*;
use mockroom_api::ItemRow;

use super::charts::W;
use super::num;
use crate::components::coord;
use crate::text::{fixed, trimmed};

#[component]
pub(super) fn ItemSection(items: Vec<ItemRow>) -> impl IntoView {
    let analysed: Vec<&ItemRow> = items.iter().filter(|i| i.difficulty.is_some()).collect();
    let (h, pad) = (300.0, 44.0);
    let x = move |p: f64| pad + (W - 2.0 * pad) * p.clamp(0.0, 1.0);
    let y = move |r: f64| 10.0 + (h - 50.0) * (1.0 - (r.clamp(-1.0, 1.0) + 1.0) / 2.0);
    view! {
        <section class="card" data-testid="items">
            <h2>"Quick-check item analysis"</h2>
            <p class="muted">"Difficulty is the share answering correctly; discrimination is the correlation with the rest of the attempt (point-biserial) and the upper-minus-lower 27% difference. Flags: too easy (above 0.9), too hard (below 0.2), weak discrimination (below 0.1), a distractor nobody picks."</p>
            <figure class="chart">
                <svg viewBox=format!("0 0 {} {}", coord(W), coord(h)) role="img" aria-labelledby="scatter-title">
                    <title id="scatter-title">"Difficulty against discrimination, one point per quick check"</title>
                    <line x1=coord(x(0.0)) x2=coord(x(1.0)) y1=coord(y(0.0)) y2=coord(y(0.0)) class="zero"/>
                    <line x1=coord(x(0.0)) x2=coord(x(0.0)) y1=coord(y(1.0)) y2=coord(y(-1.0)) class="grid"/>
                    {[0.0, 0.2, 0.5, 0.9, 1.0].into_iter().map(|p| view! { <text x=coord(x(p)) y=coord(h - 22.0) text-anchor="middle" class="axis">{trimmed(p, 1)}</text> }).collect_view()}
                    {[-1.0, 0.0, 0.1, 1.0].into_iter().map(|r| view! { <text x=coord(pad - 6.0) y=coord(y(r) + 4.0) text-anchor="end" class="axis">{trimmed(r, 1)}</text> }).collect_view()}
                    <text x=coord(W / 2.0) y=coord(h - 4.0) text-anchor="middle" class="axis">"difficulty (share correct)"</text>
                    {analysed.iter().map(|i| {
                        let (p, r) = (i.difficulty.unwrap_or(0.0), i.point_biserial.unwrap_or(0.0));
                        view! { <circle cx=coord(x(p)) cy=coord(y(r)) r="5" class="estimate" class:flagged=!i.flags.is_empty() data-testid="item-point">
                            <title>{format!("{} #{}: p {}, r {}", i.question, i.check + 1, fixed(p, 2), fixed(r, 2))}</title>
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
                                    <td>{i.options.iter().filter(|o| !o.correct).map(|o| format!("{}: {}%", o.text.chars().take(30).collect::<String>(), fixed(100.0 * o.share, 0))).collect::<Vec<_>>().join("; ")}</td>
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
