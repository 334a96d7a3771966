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
//!
//! Sparse designs, where each attempt (interview session) is presented only
//! some of the items, are analysed by [`analyze_quick_check_sparse`]: every
//! per-item figure uses only the attempts that were presented the item, and
//! the minimum sample applies per item. See that function for how rest
//! scores are made comparable across attempts of different lengths.

use std::cmp::Ordering;

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
    validate_items(items)?;
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

/// One attempt's response to one item of a sparse design.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Response {
    /// The item was not part of this attempt; the attempt does not count for
    /// the item at all.
    NotPresented,
    /// Presented but not answered; scores 0, like a wrong answer.
    Unanswered,
    /// Presented, and this option (canonical index) was chosen.
    Chosen(usize),
}

impl From<Option<usize>> for Response {
    /// The complete-design answer: `None` is [`Response::Unanswered`],
    /// `Some(o)` is [`Response::Chosen`].
    fn from(answer: Option<usize>) -> Self {
        answer.map_or(Response::Unanswered, Response::Chosen)
    }
}

/// Analysis of one item of a sparse quick check.
#[derive(Debug, Clone, PartialEq)]
pub struct SparseItemAnalysis {
    /// Attempts that were presented the item: the sample of the difficulty
    /// and the option shares.
    pub presented: usize,
    /// Attempts that were presented the item and at least one other item:
    /// the sample of the point-biserial and the upper and lower groups.
    pub ranked: usize,
    /// Size of each of the upper and lower groups, ⌊0.27·`ranked`⌉ (at
    /// least one); 0 when the analysis is withheld.
    pub group_size: usize,
    /// The item's statistics, or why they are withheld: fewer than
    /// [`MIN_ATTEMPTS`] attempts were presented the item, or fewer than
    /// [`MIN_ATTEMPTS`] of those were presented another item as well.
    /// Shares in [`ItemAnalysis`] are over the `presented` attempts.
    pub analysis: Result<ItemAnalysis, NotEnoughData>,
}

/// Analysis of a sparse quick check.
#[derive(Debug, Clone, PartialEq)]
pub struct SparseQuickCheckAnalysis {
    /// Number of attempts in the input (each item uses only the attempts
    /// that were presented it).
    pub attempts: usize,
    /// One entry per item, in input order.
    pub items: Vec<SparseItemAnalysis>,
}

/// Analyses a sparse design: `attempts` each hold one [`Response`] per item
/// of `items`, most of them typically [`Response::NotPresented`].
///
/// Per item, only the attempts that were presented the item count:
/// difficulty p = correct / presented (unanswered = wrong), option and
/// unanswered shares are over the presented attempts, and an item presented
/// to fewer than [`MIN_ATTEMPTS`] attempts gets
/// [`NotEnoughData::TooFew`] instead of numbers. Unlike
/// [`analyze_quick_check`], too few attempts overall is not an error: every
/// item reports its own shortfall.
///
/// **Rest score.** The corrected point-biserial correlates the item with
/// the attempt's *rest score*, here the **proportion correct among the other
/// items the attempt was presented** (c − x)/(m − 1), for an attempt
/// presented m items with c correct, x being this item's score. A count
/// would rank an attempt that was presented more items higher merely for
/// being longer; the proportion puts attempts of different lengths on one
/// scale. With complete data every attempt has m equal to the number of
/// items k, so the proportion is the rest count divided by the constant
/// k − 1, a linear transform, and the correlation is identical to that of
/// [`analyze_quick_check`] (tested). Attempts presented no other item have
/// no rest score and are left out of the item's point-biserial and groups.
/// The item's analysis is withheld when fewer than [`MIN_ATTEMPTS`] attempts
/// remain, since the 27 % groups are built from them.
///
/// **Upper and lower groups.** Per item, the ⌊0.27·ranked⌉ (at least one)
/// attempts with the lowest and the highest rest proportion, ties broken by
/// attempt order as in [`analyze_quick_check`]; D = p(upper) − p(lower).
/// Note that [`analyze_quick_check`] groups by *total* score (item
/// included, Kelley's original definition), so on complete data D can
/// differ between the two functions; every other figure agrees.
/// Proportions are compared exactly (as fractions), so equal proportions
/// such as 1/2 and 2/4 tie.
///
/// Flags are as in [`analyze_quick_check`].
pub fn analyze_quick_check_sparse(
    items: &[QuickCheckItem],
    attempts: &[Vec<Response>],
) -> Result<SparseQuickCheckAnalysis, QuickCheckError> {
    validate_sparse(items, attempts)?;
    // (presented, correct) per attempt.
    let counts: Vec<(usize, usize)> = attempts
        .iter()
        .map(|a| {
            a.iter().zip(items).fold((0, 0), |(m, c), (&r, item)| match r {
                Response::NotPresented => (m, c),
                Response::Unanswered => (m + 1, c),
                Response::Chosen(o) => (m + 1, c + usize::from(o == item.correct)),
            })
        })
        .collect();
    let analyses = items
        .iter()
        .enumerate()
        .map(|(i, item)| sparse_item(i, item, attempts, &counts))
        .collect();
    Ok(SparseQuickCheckAnalysis {
        attempts: attempts.len(),
        items: analyses,
    })
}

/// An attempt's score on one item and its rest score as a fraction.
#[derive(Debug, Clone, Copy)]
struct Ranked {
    attempt: usize,
    correct: bool,
    /// Correct answers among the other presented items.
    rest_correct: usize,
    /// Number of other presented items, at least one.
    rest_presented: usize,
}

impl Ranked {
    fn rest(&self) -> f64 {
        self.rest_correct as f64 / self.rest_presented as f64
    }

    /// Exact comparison of rest proportions, as cross-multiplied fractions.
    fn cmp_rest(&self, other: &Ranked) -> Ordering {
        (self.rest_correct * other.rest_presented).cmp(&(other.rest_correct * self.rest_presented))
    }

    /// The group ranking: rest proportion, ties broken by attempt order.
    fn cmp_rank(&self, other: &Ranked) -> Ordering {
        self.cmp_rest(other).then(self.attempt.cmp(&other.attempt))
    }
}

fn sparse_item(
    i: usize,
    item: &QuickCheckItem,
    attempts: &[Vec<Response>],
    counts: &[(usize, usize)],
) -> SparseItemAnalysis {
    let mut picks = vec![0usize; item.options];
    let (mut presented, mut unanswered, mut right) = (0usize, 0usize, 0usize);
    let mut ranked: Vec<Ranked> = Vec::new();
    for (a, attempt) in attempts.iter().enumerate() {
        let correct = match attempt[i] {
            Response::NotPresented => continue,
            Response::Unanswered => {
                unanswered += 1;
                false
            }
            Response::Chosen(o) => {
                picks[o] += 1;
                o == item.correct
            }
        };
        presented += 1;
        right += usize::from(correct);
        let (m, c) = counts[a];
        if m > 1 {
            ranked.push(Ranked {
                attempt: a,
                correct,
                rest_correct: c - usize::from(correct),
                rest_presented: m - 1,
            });
        }
    }
    let withheld = |e: NotEnoughData| SparseItemAnalysis {
        presented,
        ranked: ranked.len(),
        group_size: 0,
        analysis: Err(e),
    };
    if presented < MIN_ATTEMPTS {
        return withheld(NotEnoughData::too_few(
            "attempts presented the item",
            MIN_ATTEMPTS,
            presented,
        ));
    }
    if ranked.len() < MIN_ATTEMPTS {
        return withheld(NotEnoughData::too_few(
            "attempts presented the item and at least one other item",
            MIN_ATTEMPTS,
            ranked.len(),
        ));
    }

    let n = presented as f64;
    let difficulty = right as f64 / n;
    let unused_distractors: Vec<usize> = (0..item.options)
        .filter(|&o| o != item.correct && picks[o] == 0)
        .collect();

    // Constancy is decided exactly: a mean of equal non-integer proportions
    // need not reproduce them bit for bit, which would leave a spurious
    // tiny variance.
    let x_varies = ranked.iter().any(|r| r.correct != ranked[0].correct);
    let rest_varies = ranked.iter().any(|r| r.cmp_rest(&ranked[0]).is_ne());
    let point_biserial = if x_varies && rest_varies {
        let x: Vec<f64> = ranked.iter().map(|r| f64::from(u8::from(r.correct))).collect();
        let rest: Vec<f64> = ranked.iter().map(Ranked::rest).collect();
        pearson(&x, &rest)
    } else {
        None
    };

    let group_size = ((GROUP_SHARE * ranked.len() as f64).round() as usize).max(1);
    ranked.sort_by(Ranked::cmp_rank);
    let group_p = |group: &[Ranked]| group.iter().filter(|r| r.correct).count() as f64 / group.len() as f64;
    let discrimination_index = group_p(&ranked[ranked.len() - group_size..]) - group_p(&ranked[..group_size]);

    let flags = ItemFlags {
        too_easy: difficulty > TOO_EASY_ABOVE,
        too_hard: difficulty < TOO_HARD_BELOW,
        weak_discrimination: point_biserial.is_none_or(|r| r < WEAK_DISCRIMINATION_BELOW),
        unused_distractor: !unused_distractors.is_empty(),
    };
    SparseItemAnalysis {
        presented,
        ranked: ranked.len(),
        group_size,
        analysis: Ok(ItemAnalysis {
            difficulty,
            point_biserial,
            discrimination_index,
            option_shares: picks.iter().map(|&c| c as f64 / n).collect(),
            unanswered_share: unanswered as f64 / n,
            unused_distractors,
            flags,
        }),
    }
}

fn validate_items(items: &[QuickCheckItem]) -> Result<(), InputError> {
    for (index, item) in items.iter().enumerate() {
        if item.options < 2 || item.correct >= item.options {
            return Err(InputError::QuickCheck {
                reason: "an item needs at least two options and a correct index below the option count",
                index,
            });
        }
    }
    Ok(())
}

fn validate_sparse(items: &[QuickCheckItem], attempts: &[Vec<Response>]) -> Result<(), InputError> {
    validate_items(items)?;
    for (index, attempt) in attempts.iter().enumerate() {
        if attempt.len() != items.len() {
            return Err(InputError::QuickCheck {
                reason: "an attempt needs exactly one response (possibly NotPresented) per item",
                index,
            });
        }
        if attempt
            .iter()
            .zip(items)
            .any(|(&r, item)| matches!(r, Response::Chosen(o) if o >= item.options))
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
