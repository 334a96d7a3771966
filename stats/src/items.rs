//! Classical item analysis of multiple-choice quick checks.
//!
//! Per item: difficulty p (share correct), corrected point-biserial
//! discrimination (correlation of the item with the rest of the attempt,
//! so the item does not correlate with itself; Henrysson 1963,
//! Psychometrika 28(2)), the upper–lower 27 % discrimination index D
//! (Kelley 1939, J. Educational Psychology 30(1)), the share of attempts
//! choosing each option, and review flags. These are the standard
//! classical-test-theory screens (e.g. Crocker & Algina 1986, Introduction
//! to Classical and Modern Test Theory, ch. 14).
//!
//! Conventions: an unanswered item scores 0 (timed quick checks: running out
//! of time is part of the attempt). Option indices are in the item's
//! canonical order; undo any per-attempt shuffling before calling. Upper and
//! lower groups are the ⌊0.27·N⌉ attempts (at least one) with the highest
//! and lowest total scores, ties broken by attempt order, so ties at the
//! group boundary are split deterministically.

use crate::outcome::NotEnoughData;
use crate::ratings::InputError;

/// Minimum number of attempts. Ten is a low floor (the 27 % groups then
/// hold three attempts each); values from so few attempts are screens, not
/// measurements.
pub const MIN_ATTEMPTS: usize = 10;
/// Flag an item as too easy above this difficulty p.
pub const TOO_EASY_ABOVE: f64 = 0.9;
/// Flag an item as too hard below this difficulty p.
pub const TOO_HARD_BELOW: f64 = 0.2;
/// Flag weak discrimination below this corrected point-biserial.
pub const WEAK_DISCRIMINATION_BELOW: f64 = 0.1;
/// Share of attempts in each of the upper and lower groups (Kelley 1939).
pub const GROUP_SHARE: f64 = 0.27;

/// One multiple-choice item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuickCheckItem {
    /// Number of options, at least 2.
    pub options: usize,
    /// Index of the correct option, below `options`.
    pub correct: usize,
}

/// Review flags of one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ItemFlags {
    /// p > [`TOO_EASY_ABOVE`].
    pub too_easy: bool,
    /// p < [`TOO_HARD_BELOW`].
    pub too_hard: bool,
    /// Corrected point-biserial < [`WEAK_DISCRIMINATION_BELOW`], or
    /// undefined because everybody (or nobody) got the item right, which
    /// means it discriminates nobody.
    pub weak_discrimination: bool,
    /// At least one wrong option was chosen by nobody.
    pub unused_distractor: bool,
}

/// Analysis of one item.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemAnalysis {
    /// Difficulty p: share of attempts answering correctly.
    pub difficulty: f64,
    /// Corrected item–total (item vs rest of the attempt) point-biserial;
    /// `None` when the item or the rest score does not vary.
    pub point_biserial: Option<f64>,
    /// D = p(upper 27 %) − p(lower 27 %), grouping by total score.
    pub discrimination_index: f64,
    /// Share of attempts choosing each option (correct one included).
    pub option_shares: Vec<f64>,
    /// Share of attempts leaving the item unanswered.
    pub unanswered_share: f64,
    /// Wrong options nobody chose (non-functioning distractors).
    pub unused_distractors: Vec<usize>,
    /// Review flags.
    pub flags: ItemFlags,
}

/// Analysis of a quick check.
#[derive(Debug, Clone, PartialEq)]
pub struct QuickCheckAnalysis {
    /// Number of attempts analysed.
    pub attempts: usize,
    /// Size of each of the upper and lower groups.
    pub group_size: usize,
    /// One entry per item, in input order.
    pub items: Vec<ItemAnalysis>,
}

/// Why a quick check could not be analysed.
#[derive(Debug, Clone, PartialEq)]
pub enum QuickCheckError {
    /// Inconsistent input.
    Invalid(InputError),
    /// Below [`MIN_ATTEMPTS`].
    NotEnoughData(NotEnoughData),
}

impl From<InputError> for QuickCheckError {
    fn from(e: InputError) -> Self {
        QuickCheckError::Invalid(e)
    }
}

/// Analyses `attempts`, each holding one answer per item of `items` (the
/// chosen option index, or `None` if unanswered).
pub fn analyze_quick_check(
    items: &[QuickCheckItem],
    attempts: &[Vec<Option<usize>>],
) -> Result<QuickCheckAnalysis, QuickCheckError> {
    validate(items, attempts)?;
    if attempts.len() < MIN_ATTEMPTS {
        return Err(QuickCheckError::NotEnoughData(NotEnoughData::too_few(
            "attempts",
            MIN_ATTEMPTS,
            attempts.len(),
        )));
    }
    let correct = |a: &[Option<usize>], i: usize| a[i] == Some(items[i].correct);
    let totals: Vec<usize> = attempts
        .iter()
        .map(|a| (0..items.len()).filter(|&i| correct(a, i)).count())
        .collect();
    let n = attempts.len();
    let group_size = ((GROUP_SHARE * n as f64).round() as usize).max(1);
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&a| (totals[a], a));
    let (lower, upper) = (&order[..group_size], &order[n - group_size..]);

    let analyses = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let scored: Vec<f64> = attempts.iter().map(|a| f64::from(u8::from(correct(a, i)))).collect();
            let rest: Vec<f64> = totals.iter().zip(&scored).map(|(&t, &x)| t as f64 - x).collect();
            let difficulty = scored.iter().sum::<f64>() / n as f64;
            let group_p = |group: &[usize]| group.iter().map(|&a| scored[a]).sum::<f64>() / group.len() as f64;
            let mut picks = vec![0usize; item.options];
            let mut unanswered = 0usize;
            for a in attempts {
                match a[i] {
                    Some(o) => picks[o] += 1,
                    None => unanswered += 1,
                }
            }
            let unused_distractors: Vec<usize> = (0..item.options)
                .filter(|&o| o != item.correct && picks[o] == 0)
                .collect();
            let point_biserial = pearson(&scored, &rest);
            let flags = ItemFlags {
                too_easy: difficulty > TOO_EASY_ABOVE,
                too_hard: difficulty < TOO_HARD_BELOW,
                weak_discrimination: point_biserial.is_none_or(|r| r < WEAK_DISCRIMINATION_BELOW),
                unused_distractor: !unused_distractors.is_empty(),
            };
            ItemAnalysis {
                difficulty,
                point_biserial,
                discrimination_index: group_p(upper) - group_p(lower),
                option_shares: picks.iter().map(|&c| c as f64 / n as f64).collect(),
                unanswered_share: unanswered as f64 / n as f64,
                unused_distractors,
                flags,
            }
        })
        .collect();
    Ok(QuickCheckAnalysis {
        attempts: n,
        group_size,
        items: analyses,
    })
}

fn validate(items: &[QuickCheckItem], attempts: &[Vec<Option<usize>>]) -> Result<(), InputError> {
    for (index, item) in items.iter().enumerate() {
        if item.options < 2 || item.correct >= item.options {
            return Err(InputError::QuickCheck {
                reason: "an item needs at least two options and a correct index below the option count",
                index,
            });
        }
    }
    for (index, attempt) in attempts.iter().enumerate() {
        if attempt.len() != items.len() {
            return Err(InputError::QuickCheck {
                reason: "an attempt needs exactly one answer (or None) per item",
                index,
            });
        }
        if attempt
            .iter()
            .zip(items)
            .any(|(a, item)| a.is_some_and(|o| o >= item.options))
        {
            return Err(InputError::QuickCheck {
                reason: "a chosen option index is not below the item's option count",
                index,
            });
        }
    }
    Ok(())
}

/// Pearson correlation; `None` when either variable is constant.
fn pearson(x: &[f64], y: &[f64]) -> Option<f64> {
    let n = x.len() as f64;
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx) * (a - mx);
        syy += (b - my) * (b - my);
    }
    let r = sxy / (sxx * syy).sqrt();
    (sxx > 0.0 && syy > 0.0 && r.is_finite()).then_some(r)
}
