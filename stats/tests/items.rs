//! Quick-check item analysis against a hand-worked example.
mod common;

use common::close;
use mockroom_stats::items::{analyze_quick_check, QuickCheckError, QuickCheckItem, MIN_ATTEMPTS};
use mockroom_stats::{InputError, NotEnoughData};

fn items() -> Vec<QuickCheckItem> {
    vec![
        QuickCheckItem { options: 4, correct: 0 },
        QuickCheckItem { options: 4, correct: 1 },
        QuickCheckItem { options: 4, correct: 2 },
        QuickCheckItem { options: 2, correct: 0 },
    ]
}

/// Ten attempts; item 4 is answered correctly by everybody.
fn attempts() -> Vec<Vec<Option<usize>>> {
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
fn hand_worked_item_statistics() {
    // Hand computation. Totals (items 1–3, +1 for item 4):
    // attempts 1..=10 → 3,3,2,2,2,1,1,1,0,0 (+1).
    // Groups: round(0.27·10) = 3; ascending by (total, attempt):
    // 9,10,6,7,8,3,4,5,1,2 → lower {9,10,6}, upper {5,1,2}.
    //
    // Item 1: x = 1111110100, p = 0.7; rest = 2,2,1,1,1,0,1,0,0,0 (+1);
    //   Σxr − n·x̄·r̄ = 7 − 5.6 = 1.4, Sxx = 2.1, Srr = 5.6,
    //   r = 1.4/√(2.1·5.6) = 1/√6; upper 3/3, lower 1/3 → D = 2/3;
    //   options 7,2,1,0 of 10; option 3 unused.
    // Item 2: x = 1111001000, p = 0.5; rest = 2,2,1,1,2,1,0,1,0,0;
    //   Σxr − n·x̄·r̄ = 6 − 5 = 1, Sxx = 2.5, Srr = 16 − 10 = 6,
    //   r = 1/√15; upper 2/3, lower 0 → D = 2/3; options 3,5,2,0.
    // Item 3: x = 1100100000, p = 0.3; rest = 2,2,2,2,1,1,1,1,0,0;
    //   Σxr − n·x̄·r̄ = 5 − 3.6 = 1.4, Sxx = 2.1, Srr = 20 − 14.4 = 5.6,
    //   r = 1/√6; upper 3/3, lower 0 → D = 1; options 3,1,3,1,
    //   unanswered 2 of 10.
    // Item 4: p = 1, no variance → point-biserial undefined, D = 0.
    let analysis = analyze_quick_check(&items(), &attempts()).expect("valid");
    assert_eq!((analysis.attempts, analysis.group_size), (10, 3));
    let [i1, i2, i3, i4] = analysis.items.as_slice() else {
        panic!("four items expected");
    };
    close(i1.difficulty, 0.7, 1e-12);
    close(i1.point_biserial.expect("defined"), 1.0 / 6f64.sqrt(), 1e-12);
    close(i1.discrimination_index, 2.0 / 3.0, 1e-12);
    assert_eq!(i1.option_shares, vec![0.7, 0.2, 0.1, 0.0]);
    assert_eq!(i1.unused_distractors, vec![3]);
    assert!(i1.flags.unused_distractor && !i1.flags.too_easy && !i1.flags.weak_discrimination);

    close(i2.difficulty, 0.5, 1e-12);
    close(i2.point_biserial.expect("defined"), 1.0 / 15f64.sqrt(), 1e-12);
    close(i2.discrimination_index, 2.0 / 3.0, 1e-12);
    assert_eq!(i2.option_shares, vec![0.3, 0.5, 0.2, 0.0]);

    close(i3.difficulty, 0.3, 1e-12);
    close(i3.point_biserial.expect("defined"), 1.0 / 6f64.sqrt(), 1e-12);
    close(i3.discrimination_index, 1.0, 1e-12);
    assert_eq!(i3.option_shares, vec![0.3, 0.1, 0.3, 0.1]);
    close(i3.unanswered_share, 0.2, 1e-12);
    assert!(i3.unused_distractors.is_empty() && !i3.flags.unused_distractor);

    close(i4.difficulty, 1.0, 1e-12);
    assert_eq!(i4.point_biserial, None);
    close(i4.discrimination_index, 0.0, 1e-12);
    assert!(i4.flags.too_easy && i4.flags.weak_discrimination && i4.flags.unused_distractor);
}

#[test]
fn too_hard_item_is_flagged() {
    // One correct answer in ten: p = 0.1 < 0.2.
    let items = [QuickCheckItem { options: 3, correct: 2 }];
    let attempts: Vec<Vec<Option<usize>>> = (0..10).map(|a| vec![Some(if a == 0 { 2 } else { a % 2 })]).collect();
    let analysis = analyze_quick_check(&items, &attempts).expect("valid");
    let item = &analysis.items[0];
    close(item.difficulty, 0.1, 1e-12);
    assert!(item.flags.too_hard && !item.flags.too_easy);
    // A single item has a constant rest score: no point-biserial.
    assert_eq!(item.point_biserial, None);
}

#[test]
fn minimum_and_invalid_input() {
    let few = &attempts()[..MIN_ATTEMPTS - 1];
    assert_eq!(
        analyze_quick_check(&items(), few),
        Err(QuickCheckError::NotEnoughData(NotEnoughData::TooFew {
            what: "attempts",
            minimum: MIN_ATTEMPTS,
            found: 9
        }))
    );
    assert!(matches!(
        analyze_quick_check(&items(), &[]),
        Err(QuickCheckError::NotEnoughData(_))
    ));
    let mut bad = attempts();
    bad[4][3] = Some(2);
    assert!(matches!(
        analyze_quick_check(&items(), &bad),
        Err(QuickCheckError::Invalid(InputError::QuickCheck { index: 4, .. }))
    ));
    let mut short = attempts();
    short[2].pop();
    assert!(matches!(
        analyze_quick_check(&items(), &short),
        Err(QuickCheckError::Invalid(InputError::QuickCheck { index: 2, .. }))
    ));
    let broken = [QuickCheckItem { options: 1, correct: 0 }];
    assert!(matches!(
        analyze_quick_check(&broken, &vec![vec![Some(0)]; 10]),
        Err(QuickCheckError::Invalid(_))
    ));
}

#[test]
fn everybody_right_or_nobody_answering() {
    let items = [
        QuickCheckItem { options: 4, correct: 1 },
        QuickCheckItem { options: 4, correct: 2 },
    ];
    let perfect = vec![vec![Some(1), Some(2)]; 12];
    let analysis = analyze_quick_check(&items, &perfect).expect("valid");
    for item in &analysis.items {
        assert_eq!(
            (item.difficulty, item.point_biserial, item.discrimination_index),
            (1.0, None, 0.0)
        );
        assert!(item.flags.too_easy && item.flags.weak_discrimination && item.flags.unused_distractor);
    }
    let silent = vec![vec![None, None]; 12];
    let analysis = analyze_quick_check(&items, &silent).expect("valid");
    for item in &analysis.items {
        assert_eq!(
            (item.difficulty, item.unanswered_share, item.point_biserial),
            (0.0, 1.0, None)
        );
        assert!(item.flags.too_hard && item.option_shares.iter().all(|&s| s == 0.0));
        assert_eq!(item.unused_distractors.len(), 3);
    }
}
