//! Sparse quick-check item analysis: agreement with the complete-design
//! function, a hand-worked sparse example, per-item minimums and finiteness.
mod common;

use common::close;
use mockroom_stats::items::{
    analyze_quick_check, analyze_quick_check_sparse, ItemAnalysis, QuickCheckError, QuickCheckItem, Response,
    SparseItemAnalysis, MIN_ATTEMPTS,
};
use mockroom_stats::rng::Rng;
use mockroom_stats::{InputError, NotEnoughData};

use Response::{Chosen, NotPresented as N, Unanswered as U};

fn to_sparse(attempts: &[Vec<Option<usize>>]) -> Vec<Vec<Response>> {
    attempts
        .iter()
        .map(|a| a.iter().map(|&r| Response::from(r)).collect())
        .collect()
}

fn ok(item: &SparseItemAnalysis) -> &ItemAnalysis {
    item.analysis.as_ref().expect("enough data")
}

/// Kelley's D with groups ranked by rest count (item excluded), ties by
/// attempt order: the complete-data special case of the sparse grouping.
fn rest_grouped_d(items: &[QuickCheckItem], attempts: &[Vec<Option<usize>>], i: usize) -> f64 {
    let x = |a: &[Option<usize>], j: usize| usize::from(a[j] == Some(items[j].correct));
    let rest: Vec<usize> = attempts
        .iter()
        .map(|a| (0..items.len()).filter(|&j| j != i).map(|j| x(a, j)).sum())
        .collect();
    let n = attempts.len();
    let g = ((0.27 * n as f64).round() as usize).max(1);
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&a| (rest[a], a));
    let p = |group: &[usize]| group.iter().map(|&a| x(&attempts[a], i)).sum::<usize>() as f64 / g as f64;
    p(&order[n - g..]) - p(&order[..g])
}

/// Asserts the sparse analysis of complete data matches the complete-design
/// function in every field of every item, except D, which the sparse
/// function groups by rest score (checked against [`rest_grouped_d`]).
fn assert_matches_complete(items: &[QuickCheckItem], attempts: &[Vec<Option<usize>>]) {
    let old = analyze_quick_check(items, attempts).expect("valid");
    let new = analyze_quick_check_sparse(items, &to_sparse(attempts)).expect("valid");
    assert_eq!(new.attempts, old.attempts);
    assert_eq!(new.items.len(), old.items.len());
    for (i, (s, o)) in new.items.iter().zip(&old.items).enumerate() {
        assert_eq!(
            (s.presented, s.ranked, s.group_size),
            (old.attempts, old.attempts, old.group_size)
        );
        let s = ok(s);
        assert_eq!(s.difficulty, o.difficulty, "item {i}");
        assert_eq!(s.option_shares, o.option_shares, "item {i}");
        assert_eq!(s.unanswered_share, o.unanswered_share, "item {i}");
        assert_eq!(s.unused_distractors, o.unused_distractors, "item {i}");
        match (s.point_biserial, o.point_biserial) {
            (Some(a), Some(b)) => close(a, b, 1e-12),
            (a, b) => assert_eq!(a, b, "item {i}"),
        }
        assert_eq!(s.flags, o.flags, "item {i}");
        close(s.discrimination_index, rest_grouped_d(items, attempts, i), 1e-12);
    }
}

/// The complete-design example of tests/items.rs.
fn complete_items() -> Vec<QuickCheckItem> {
    vec![
        QuickCheckItem { options: 4, correct: 0 },
        QuickCheckItem { options: 4, correct: 1 },
        QuickCheckItem { options: 4, correct: 2 },
        QuickCheckItem { options: 2, correct: 0 },
    ]
}

fn complete_attempts() -> Vec<Vec<Option<usize>>> {
    let s = Some;
    vec![
        vec![s(0), s(1), s(2), s(0)],
        vec![s(0), s(1), s(2), s(0)],
        vec![s(0), s(1), s(0), s(0)],
        vec![s(0), s(1), None, s(0)],
        vec![s(0), s(0), s(2), s(0)],
        vec![s(0), s(2), s(1), s(0)],
        vec![s(1), s(1), s(0), s(0)],
        vec![s(0), s(0), s(3), s(0)],
        vec![s(2), s(0), None, s(0)],
        vec![s(1), s(2), s(0), s(0)],
    ]
}

#[test]
fn complete_data_gives_the_complete_design_figures() {
    assert_matches_complete(&complete_items(), &complete_attempts());
    let everybody_right = vec![vec![Some(1), Some(2)]; 12];
    let two = [
        QuickCheckItem { options: 4, correct: 1 },
        QuickCheckItem { options: 4, correct: 2 },
    ];
    assert_matches_complete(&two, &everybody_right);
    assert_matches_complete(&two, &vec![vec![None, None]; 12]);

    // Random complete designs of several shapes.
    let mut rng = Rng::new(7);
    for trial in 0..40 {
        let k = 2 + trial % 7;
        let n = MIN_ATTEMPTS + trial * 3;
        let items: Vec<QuickCheckItem> = (0..k)
            .map(|i| QuickCheckItem {
                options: 2 + i % 3,
                correct: i % 2,
            })
            .collect();
        let attempts: Vec<Vec<Option<usize>>> = (0..n)
            .map(|_| {
                let ability = rng.next_f64();
                items
                    .iter()
                    .map(|item| match rng.below(10) {
                        0 => None,
                        _ if rng.next_f64() < ability => Some(item.correct),
                        _ => Some(rng.below(item.options as u64) as usize),
                    })
                    .collect()
            })
            .collect();
        assert_matches_complete(&items, &attempts);
    }
}

#[test]
fn complete_data_d_differs_only_by_grouping_on_rest_instead_of_total() {
    // Item 1 of the complete example: the complete-design function groups by
    // total score, lower {9,10,6}, upper {5,1,2} → D = 3/3 − 1/3 = 2/3.
    // By rest score (items 2–4) the attempts 1..=10 have 3,3,2,2,2,1,2,1,1,1;
    // ascending by (rest, attempt): 6,8,9,10,3,4,5,7,1,2 → lower {6,8,9}
    // (item 1 right, right, wrong: 2/3), upper {7,1,2} (wrong, right,
    // right: 2/3) → D = 0.
    let old = analyze_quick_check(&complete_items(), &complete_attempts()).expect("valid");
    let new = analyze_quick_check_sparse(&complete_items(), &to_sparse(&complete_attempts())).expect("valid");
    close(old.items[0].discrimination_index, 2.0 / 3.0, 1e-12);
    close(ok(&new.items[0]).discrimination_index, 0.0, 1e-12);
}

#[test]
fn hand_worked_sparse_example() {
    let items = [
        QuickCheckItem { options: 4, correct: 0 },
        QuickCheckItem { options: 3, correct: 1 },
        QuickCheckItem { options: 2, correct: 0 },
        QuickCheckItem { options: 4, correct: 3 },
    ];
    let c = Chosen;
    // Columns: items 0..=3; item 3 is never presented.
    let attempts = vec![
        vec![c(0), c(1), c(0), N], // a0:  m=3, c=3
        vec![c(0), c(1), N, N],    // a1:  m=2, c=2
        vec![c(0), c(2), c(0), N], // a2:  m=3, c=2
        vec![c(0), N, c(1), N],    // a3:  m=2, c=1
        vec![c(1), c(1), c(0), N], // a4:  m=3, c=2
        vec![c(0), U, N, N],       // a5:  m=2, c=1
        vec![c(2), c(0), c(1), N], // a6:  m=3, c=0
        vec![U, c(1), N, N],       // a7:  m=2, c=1
        vec![c(0), N, N, N],       // a8:  m=1, c=1 (only one item)
        vec![c(1), N, c(1), N],    // a9:  m=2, c=0
        vec![c(0), c(1), c(0), N], // a10: m=3, c=3
        vec![N, c(0), c(0), N],    // a11: m=2, c=1
        vec![c(3), N, c(0), N],    // a12: m=2, c=1
    ];
    // Item 0 is presented to a0–a10 and a12: 12 attempts.
    //   Correct (option 0): a0 a1 a2 a3 a5 a8 a10 → p = 7/12.
    //   Options 0,1,2,3 chosen 7,2 (a4 a9),1 (a6),1 (a12); a7 unanswered
    //   → shares 7/12, 2/12, 1/12, 1/12, unanswered 1/12; no unused option.
    // a8 was presented nothing else: no rest score, so 11 ranked attempts.
    //   Rest proportion (c − x)/(m − 1):
    //     a0 2/2=1, a1 1/1=1, a2 1/2, a3 0/1=0, a4 2/2=1, a5 0/1=0,
    //     a6 0/2=0, a7 1/1=1, a9 0/1=0, a10 2/2=1, a12 1/1=1.
    //   x over the ranked: a0 a1 a2 a3 a5 a10 right, a4 a6 a7 a9 a12 wrong.
    //   n = 11, Σx = 6, Σr = 6.5, Σxr = 1+1+0.5+0+0+1 = 3.5, Σr² = 6.25.
    //   Sxr = 3.5 − 6·6.5/11 = −1/22; Sxx = 6 − 36/11 = 30/11;
    //   Srr = 6.25 − 6.5²/11 = 53/22.
    //   r = (−1/22)/√(30/11 · 53/22) = −1/√3180 ≈ −0.0177 → weak.
    //   Groups: round(0.27·11) = 3. Ascending by (rest, attempt):
    //   a3 a5 a6 a9 | a2 | a0 a1 a4 a7 a10 a12.
    //   Lower {a3,a5,a6}: right, right, wrong → 2/3.
    //   Upper {a7,a10,a12}: wrong, right, wrong → 1/3. D = −1/3.
    // Item 1 is presented to a0 a1 a2 a4 a5 a6 a7 a10 a11: 9 < 10.
    // Item 2 is presented to a0 a2 a3 a4 a6 a9 a10 a11 a12: 9 < 10.
    // Item 3 is presented to nobody.
    let analysis = analyze_quick_check_sparse(&items, &attempts).expect("valid");
    assert_eq!(analysis.attempts, 13);
    let [i0, i1, i2, i3] = analysis.items.as_slice() else {
        panic!("four items expected");
    };
    assert_eq!((i0.presented, i0.ranked, i0.group_size), (12, 11, 3));
    let a = ok(i0);
    close(a.difficulty, 7.0 / 12.0, 1e-12);
    let shares = [7.0 / 12.0, 2.0 / 12.0, 1.0 / 12.0, 1.0 / 12.0];
    for (s, e) in a.option_shares.iter().zip(shares) {
        close(*s, e, 1e-12);
    }
    close(a.unanswered_share, 1.0 / 12.0, 1e-12);
    close(a.point_biserial.expect("defined"), -1.0 / 3180f64.sqrt(), 1e-12);
    close(a.discrimination_index, -1.0 / 3.0, 1e-12);
    assert!(a.unused_distractors.is_empty());
    assert!(a.flags.weak_discrimination && !a.flags.too_easy && !a.flags.too_hard && !a.flags.unused_distractor);

    for (item, presented, ranked) in [(i1, 9, 9), (i2, 9, 9), (i3, 0, 0)] {
        assert_eq!((item.presented, item.ranked, item.group_size), (presented, ranked, 0));
        assert_eq!(
            item.analysis,
            Err(NotEnoughData::TooFew {
                what: "attempts presented the item",
                minimum: MIN_ATTEMPTS,
                found: presented,
            })
        );
    }
}

#[test]
fn attempts_with_a_single_presented_item() {
    // Item 0 is presented to 12 attempts; 3 of them were presented nothing
    // else, so only 9 have a rest score: the item is withheld although
    // enough attempts saw it.
    let items = [
        QuickCheckItem { options: 2, correct: 0 },
        QuickCheckItem { options: 2, correct: 0 },
    ];
    let mut attempts: Vec<Vec<Response>> = (0..9).map(|a| vec![Chosen(a % 2), Chosen(a / 4 % 2)]).collect();
    attempts.extend((0..3).map(|_| vec![Chosen(0), N]));
    let analysis = analyze_quick_check_sparse(&items, &attempts).expect("valid");
    let item = &analysis.items[0];
    assert_eq!((item.presented, item.ranked, item.group_size), (12, 9, 0));
    assert_eq!(
        item.analysis,
        Err(NotEnoughData::TooFew {
            what: "attempts presented the item and at least one other item",
            minimum: MIN_ATTEMPTS,
            found: 9,
        })
    );

    // With a tenth two-item attempt the item is analysed: difficulty over all
    // 13 presented attempts, point-biserial and groups over the 10 ranked.
    attempts.push(vec![Chosen(1), Chosen(0)]);
    let analysis = analyze_quick_check_sparse(&items, &attempts).expect("valid");
    let item = &analysis.items[0];
    assert_eq!((item.presented, item.ranked, item.group_size), (13, 10, 3));
    // Correct on item 0: a0 a2 a4 a6 a8 and the three single-item attempts.
    close(ok(item).difficulty, 8.0 / 13.0, 1e-12);
    // Item 1 was presented to the 10 two-item attempts only, all ranked.
    assert_eq!((analysis.items[1].presented, analysis.items[1].ranked), (10, 10));

    // Nobody was presented two items: nothing to rank, nothing reported.
    let lone: Vec<Vec<Response>> = (0..20)
        .map(|a| {
            if a % 2 == 0 {
                vec![Chosen(0), N]
            } else {
                vec![N, Chosen(1)]
            }
        })
        .collect();
    let analysis = analyze_quick_check_sparse(&items, &lone).expect("valid");
    for item in &analysis.items {
        assert_eq!((item.presented, item.ranked), (10, 0));
        assert!(matches!(item.analysis, Err(NotEnoughData::TooFew { found: 0, .. })));
    }
}

#[test]
fn equal_rest_proportions_of_different_lengths_tie_exactly() {
    // Item 0 varies, but every attempt's rest proportion is 1/3 (1 of 3 or
    // 2 of 6 other items): the rest score does not vary, so no
    // point-biserial, and D compares two groups picked by attempt order.
    let items: Vec<QuickCheckItem> = (0..7).map(|_| QuickCheckItem { options: 2, correct: 0 }).collect();
    let attempts: Vec<Vec<Response>> = (0..12)
        .map(|a| {
            let first = Chosen(a % 2);
            if a % 3 == 0 {
                vec![first, Chosen(0), Chosen(0), Chosen(1), Chosen(1), Chosen(1), Chosen(1)]
            } else {
                vec![first, Chosen(0), Chosen(1), Chosen(1), N, N, N]
            }
        })
        .collect();
    let analysis = analyze_quick_check_sparse(&items, &attempts).expect("valid");
    let item = ok(&analysis.items[0]);
    assert_eq!(item.point_biserial, None);
    assert!(item.flags.weak_discrimination);
    // Groups of 3 by attempt order: lower {0,1,2} right, wrong, right;
    // upper {9,10,11} wrong, right, wrong → D = 1/3 − 2/3.
    close(item.discrimination_index, -1.0 / 3.0, 1e-12);
}

#[test]
fn no_overall_minimum_and_invalid_input() {
    let items = [QuickCheckItem { options: 3, correct: 0 }];
    // Too few attempts overall is reported per item, not as an error.
    let analysis = analyze_quick_check_sparse(&items, &[]).expect("valid");
    assert_eq!(analysis.attempts, 0);
    assert!(matches!(
        analysis.items[0].analysis,
        Err(NotEnoughData::TooFew { found: 0, .. })
    ));
    assert!(analyze_quick_check_sparse(&[], &vec![vec![]; 3])
        .expect("valid")
        .items
        .is_empty());

    assert!(matches!(
        analyze_quick_check_sparse(&items, &[vec![U], vec![Chosen(3)]]),
        Err(QuickCheckError::Invalid(InputError::QuickCheck { index: 1, .. }))
    ));
    assert!(matches!(
        analyze_quick_check_sparse(&items, &[vec![N], vec![N, N]]),
        Err(QuickCheckError::Invalid(InputError::QuickCheck { index: 1, .. }))
    ));
    let broken = [QuickCheckItem { options: 2, correct: 2 }];
    assert!(matches!(
        analyze_quick_check_sparse(&broken, &[]),
        Err(QuickCheckError::Invalid(InputError::QuickCheck { index: 0, .. }))
    ));
}

#[test]
fn never_nan_or_infinite() {
    let mut rng = Rng::new(11);
    for trial in 0..200 {
        let k = 1 + trial % 9;
        let n = trial % 60;
        let items: Vec<QuickCheckItem> = (0..k)
            .map(|i| QuickCheckItem {
                options: 2 + i % 4,
                correct: i % 2,
            })
            .collect();
        // Presentation rates from "almost nothing" to "everything";
        // some trials answer everything right or leave everything open.
        let shown = 1 + rng.below(10);
        let mode = trial % 5;
        let attempts: Vec<Vec<Response>> = (0..n)
            .map(|_| {
                items
                    .iter()
                    .map(|item| {
                        if rng.below(10) >= shown {
                            N
                        } else {
                            match mode {
                                0 => Chosen(item.correct),
                                1 => U,
                                _ if rng.below(8) == 0 => U,
                                _ => Chosen(rng.below(item.options as u64) as usize),
                            }
                        }
                    })
                    .collect()
            })
            .collect();
        let analysis = analyze_quick_check_sparse(&items, &attempts).expect("valid");
        for item in &analysis.items {
            assert!(item.ranked <= item.presented && item.presented <= n);
            let Ok(a) = &item.analysis else { continue };
            assert!(item.presented >= MIN_ATTEMPTS && item.ranked >= MIN_ATTEMPTS);
            let mut values = vec![a.difficulty, a.discrimination_index, a.unanswered_share];
            values.extend(a.point_biserial);
            values.extend(&a.option_shares);
            for v in values {
                assert!(v.is_finite(), "trial {trial}: {v}");
            }
            assert!((0.0..=1.0).contains(&a.difficulty) && (-1.0..=1.0).contains(&a.discrimination_index));
            assert!(a
                .point_biserial
                .is_none_or(|r| (-1.0 - 1e-12..=1.0 + 1e-12).contains(&r)));
            let total: f64 = a.option_shares.iter().sum::<f64>() + a.unanswered_share;
            close(total, 1.0, 1e-12);
        }
    }
}
