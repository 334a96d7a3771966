//! Agreement figures: alpha and ICC cards with intervals and sample sizes,
//! and pairwise kappa.

use leptos::prelude::*;
use mockroom_api::{CalibrationReport, Statistic};

use crate::text::{count, fixed};

#[component]
pub(super) fn StatCard(name: &'static str, help: &'static str, s: Statistic) -> impl IntoView {
    view! {
        <div class="stat" data-testid="stat">
            <h3>{name}</h3>
            {match s.value {
                Some(v) => view! {
                    <p class="figure">{fixed(v, 3)}</p>
                    <p class="muted">{match (s.ci_low, s.ci_high) {
                        (Some(l), Some(h)) => format!("95% CI {} to {}", fixed(l, 3), fixed(h, 3)),
                        _ => "no interval (too few distinct resamples)".into(),
                    }}</p>
                    <p class="muted">{format!("{}, {}", count(s.items, "item", "items"), count(s.ratings, "score", "scores"))}</p>
                }.into_any(),
                None => view! { <p class="not-enough">{s.not_enough_data.unwrap_or_else(|| "not enough data".into())}</p> }.into_any(),
            }}
            <p class="muted small">{help}</p>
        </div>
    }
}

#[component]
pub(super) fn AgreementSection(r: CalibrationReport) -> impl IntoView {
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
                            <td>{p.kappa.value.map_or_else(|| p.kappa.not_enough_data.clone().unwrap_or_default(), |v| fixed(v, 3))}</td>
                            <td>{match (p.kappa.ci_low, p.kappa.ci_high) { (Some(l), Some(h)) => format!("{} to {}", fixed(l, 2), fixed(h, 2)), _ => "—".into() }}</td>
                            <td>{p.kappa.items}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}
