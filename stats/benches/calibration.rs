//! Wall-clock benchmark: every calibration statistic on ~100,000 sparse
//! ratings (500 candidates × 10 questions × 4 rubric dimensions, each
//! candidate scored by a panel of 4–6 of 20 interviewers), plus item analysis
//! of a synthetic sparse quick-check bank (2000 attempts, each presented
//! about 10 of 50 items). Run with `cargo bench -p mockroom-stats`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use mockroom_stats::distribution::by_rater;
use mockroom_stats::items::{analyze_quick_check_sparse, QuickCheckItem, Response};
use mockroom_stats::rng::Rng;
use mockroom_stats::{all_pairs_kappa, icc, leniency, ordinal_alpha, BootstrapConfig, LeniencyConfig, Rating, Ratings};

const CANDIDATES: u32 = 500;
const QUESTIONS: u32 = 10;
const DIMENSIONS: u32 = 4;
const RATERS: u32 = 20;

/// Roughly normal noise: sum of four uniforms, centred, sd ≈ `scale`.
fn noise(rng: &mut Rng, scale: f64) -> f64 {
    let s: f64 = (0..4).map(|_| rng.next_f64()).sum();
    (s - 2.0) * scale * 3f64.sqrt()
}

fn ratings(rng: &mut Rng) -> Vec<Rating> {
    let leniency: Vec<f64> = (0..RATERS)
        .map(|r| if r == 3 { 0.8 } else { noise(rng, 0.2) })
        .collect();
    let difficulty: Vec<f64> = (0..QUESTIONS).map(|_| noise(rng, 0.4)).collect();
    let mut out = Vec::with_capacity(110_000);
    for candidate in 0..CANDIDATES {
        let ability = noise(rng, 0.7);
        let panel_size = 4 + rng.below(3) as usize;
        let mut panel: Vec<u32> = Vec::new();
        while panel.len() < panel_size {
            let r = rng.below(u64::from(RATERS)) as u32;
            if !panel.contains(&r) {
                panel.push(r);
            }
        }
        for question in 0..QUESTIONS {
            for dimension in 0..DIMENSIONS {
                let item = (candidate * QUESTIONS + question) * DIMENSIONS + dimension;
                for &rater in &panel {
                    if rng.below(100) == 0 {
                        continue; // 1 % of scores never submitted
                    }
                    let latent = 2.5 + ability - difficulty[question as usize] + leniency[rater as usize];
                    let score = (latent + noise(rng, 0.5)).round().clamp(1.0, 4.0) as i32;
                    out.push(Rating { item, rater, score });
                }
            }
        }
    }
    out
}

const QC_ITEMS: usize = 50;
const QC_ATTEMPTS: usize = 2000;

/// A bank of 50 items; each attempt is presented every item with
/// probability 1/5 (about 10 items), 5 % of presented items go unanswered.
fn quick_check(rng: &mut Rng) -> (Vec<QuickCheckItem>, Vec<Vec<Response>>) {
    let items: Vec<QuickCheckItem> = (0..QC_ITEMS)
        .map(|i| QuickCheckItem {
            options: 4,
            correct: i % 4,
        })
        .collect();
    let attempts = (0..QC_ATTEMPTS)
        .map(|_| {
            let ability = noise(rng, 1.0);
            items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    if rng.below(5) != 0 {
                        return Response::NotPresented;
                    }
                    if rng.below(20) == 0 {
                        return Response::Unanswered;
                    }
                    let p = 1.0 / (1.0 + (-(ability + 1.0 - i as f64 * 0.04)).exp());
                    if rng.next_f64() < p {
                        Response::Chosen(item.correct)
                    } else {
                        // Option 3 is a weak distractor.
                        let wrong = (item.correct + 1 + rng.below(if i % 5 == 0 { 2 } else { 3 }) as usize) % 4;
                        Response::Chosen(wrong)
                    }
                })
                .collect()
        })
        .collect();
    (items, attempts)
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed())
}

fn main() {
    let mut rng = Rng::new(2024);
    let raw = ratings(&mut rng);
    let (qc_items, qc_attempts) = quick_check(&mut rng);
    let config = BootstrapConfig::default();

    let (data, t_index) = timed(|| Ratings::new(&raw));
    let Ok(data) = data else {
        eprintln!("generated data has duplicates");
        return;
    };
    let (kappas, t_kappa) = timed(|| all_pairs_kappa(&data, &config));
    let (alpha, t_alpha) = timed(|| ordinal_alpha(&data, &config));
    let (icc, t_icc) = timed(|| icc(&data, &config));
    let (len, t_len) = timed(|| leniency(&data, &LeniencyConfig::default()));
    let (qc, t_items) = timed(|| analyze_quick_check_sparse(&qc_items, &qc_attempts));
    let (hist, t_hist) = timed(|| by_rater(&data));
    let total = t_index + t_kappa + t_alpha + t_icc + t_len + t_items + t_hist;

    let estimated = kappas.iter().filter(|p| p.outcome.is_ok()).count();
    println!(
        "calibration stats for {} ratings on {} items by {} raters ({} resamples per interval):",
        data.len(),
        data.item_ids().len(),
        data.rater_ids().len(),
        config.resamples
    );
    println!("  index ratings        {:>8.1} ms", t_index.as_secs_f64() * 1e3);
    println!(
        "  kappa, {:>3} pairs     {:>8.1} ms  ({estimated} with enough overlap)",
        kappas.len(),
        t_kappa.as_secs_f64() * 1e3
    );
    println!(
        "  ordinal alpha        {:>8.1} ms  {:?}",
        t_alpha.as_secs_f64() * 1e3,
        alpha
            .as_ref()
            .map(|a| (a.value, a.ci.as_ref().map(|c| (c.lower, c.upper))))
    );
    println!(
        "  ICC(2,1) & ICC(2,k)  {:>8.1} ms  {:?}",
        t_icc.as_secs_f64() * 1e3,
        icc.as_ref()
            .map(|i| (i.single.value, i.average.value, i.raters.len(), i.items.len()))
    );
    let flagged: Vec<u32> = len
        .iter()
        .filter(|r| r.outcome.as_ref().is_ok_and(|l| l.outlier))
        .map(|r| r.rater)
        .collect();
    println!(
        "  leniency, {} raters   {:>8.1} ms  (flagged: {flagged:?})",
        len.len(),
        t_len.as_secs_f64() * 1e3
    );
    let presented: usize = qc_attempts
        .iter()
        .flatten()
        .filter(|r| **r != Response::NotPresented)
        .count();
    println!(
        "  quick-check items    {:>8.1} ms  ({} attempts × {} items, sparse: {:.1} presented per attempt, {} items analysed)",
        t_items.as_secs_f64() * 1e3,
        qc_attempts.len(),
        qc.as_ref().map_or(0, |a| a.items.len()),
        presented as f64 / qc_attempts.len() as f64,
        qc.as_ref()
            .map_or(0, |a| a.items.iter().filter(|i| i.analysis.is_ok()).count())
    );
    println!("  histograms           {:>8.1} ms", t_hist.as_secs_f64() * 1e3);
    println!(
        "calibration stats for {} ratings: total {:.3} s",
        data.len(),
        total.as_secs_f64()
    );
    let _ = black_box((kappas, alpha, icc, len, qc, hist));
}
