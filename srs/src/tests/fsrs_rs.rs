//! fsrs-rs `src/model.rs` (FSRS-6 defaults, decay 0.1542) and `src/inference.rs`.

use super::*;

// open-spaced-repetition/fsrs-rs, src/model.rs, test_power_forgetting_curve
// (tolerance 1e-5 absolute there).
#[test]
fn fsrs_rs_power_forgetting_curve() {
    let params = Parameters::default();
    let t = [0.0, 1.0, 2.0, 3.0, 4.0, 5.0];
    let s = [1.0, 2.0, 3.0, 4.0, 4.0, 2.0];
    let r: Vec<f64> = t.iter().zip(s).map(|(&t, s)| params.retrievability(s, t)).collect();
    assert_all_close(&r, &[1.0, 0.9403443, 0.9253786, 0.9185229, 0.9, 0.8261359], 1e-5);
}

// open-spaced-repetition/fsrs-rs, src/model.rs, test_init_stability and
// test_init_difficulty: S0 = w[G-1], D0 = w4 - e^(w5 (G-1)) + 1 (the model
// test checks the raw formula; the step clamps D0 into [1, 10], so Easy,
// whose raw value is negative, becomes 1.0 as in py-fsrs).
#[test]
fn fsrs_rs_initial_state() {
    let params = Parameters::default();
    let w = DEFAULT_WEIGHTS;
    for (i, rating) in Rating::ALL.into_iter().enumerate() {
        let state = params.initial_state(rating);
        assert_eq!(state.stability, w[i]);
        let raw = w[4] - (w[5] * i as f64).exp() + 1.0;
        assert_close(model().init_difficulty_raw(rating.grade()), raw, 1e-12);
        assert_eq!(state.difficulty, raw.clamp(1.0, 10.0));
    }
    assert_eq!(params.initial_state(Rating::Again).difficulty, 6.4133);
    assert_eq!(params.initial_state(Rating::Easy).difficulty, 1.0);
}

// open-spaced-repetition/fsrs-rs, src/model.rs, test_forward: two reviews,
// first at delta_t 0 (initial state), then delta_t [1,1,1,1,2,2] with the same
// rating again. fsrs-rs computes in f32; for Easy (S 8.3 -> 18.01) the
// `e^((1-R) w10) - 1` term with R near 1 loses ~1e-5 relative precision in
// f32, so we compare to 1e-4 (the tolerance fsrs-rs uses for memory states).
#[test]
fn fsrs_rs_forward() {
    let params = Parameters::default();
    let ratings = [1u8, 2, 3, 4, 1, 2];
    let deltas = [1u32, 1, 1, 1, 2, 2];
    let expected_s = [0.10088589, 3.2494123, 7.3153, 18.014914, 0.112798266, 4.4694576];
    let expected_d = [8.806304, 6.7404594, 2.1112142, 1.0, 8.806304, 6.7404594];
    for i in 0..6 {
        let rating = Rating::from_u8(ratings[i]).unwrap();
        let first = params.next_state(None, 0, rating);
        let second = params.next_state(Some(first), deltas[i], rating);
        assert_memory(second, expected_s[i], expected_d[i], 1e-4);
    }
}

// open-spaced-repetition/fsrs-rs, src/model.rs, test_next_difficulty: D = 5,
// ratings 1..=4; before and after mean reversion.
#[test]
fn fsrs_rs_next_difficulty() {
    let m = model();
    let damped: Vec<f64> = Rating::ALL.iter().map(|&r| m.next_difficulty(5.0, r)).collect();
    assert_all_close(&damped, &[8.354889, 6.6774445, 5.0, 3.3225555], 1e-5);
    let reverted: Vec<f64> = damped.iter().map(|&d| m.mean_reversion(d)).collect();
    assert_all_close(&reverted, &[8.341763, 6.6659956, 4.990228, 3.3144615], 1e-5);
}

// open-spaced-repetition/fsrs-rs, src/model.rs, test_next_stability:
// S = 5, D = [1,2,3,4], R = [0.9,0.8,0.7,0.6], ratings 1..=4.
#[test]
fn fsrs_rs_next_stability() {
    let m = model();
    let d = [1.0, 2.0, 3.0, 4.0];
    let r = [0.9, 0.8, 0.7, 0.6];
    let recall: Vec<f64> = (0..4)
        .map(|i| m.stability_after_success(5.0, d[i], r[i], Rating::ALL[i]))
        .collect();
    assert_all_close(&recall, &[25.602541, 28.226582, 58.656002, 127.226685], 1e-4);
    let forget: Vec<f64> = (0..4).map(|i| m.stability_after_failure(5.0, d[i], r[i])).collect();
    assert_all_close(&forget, &[1.0525396, 1.1894329, 1.3680838, 1.584989], 1e-5);
    let short_term: Vec<f64> = Rating::ALL
        .iter()
        .map(|&rating| m.stability_short_term(5.0, rating))
        .collect();
    assert_all_close(&short_term, &[1.596818, 2.7470093, 5.0, 8.12961], 1e-5);
}

// ---------------------------------------------------------------------------
// fsrs-rs src/inference.rs
// ---------------------------------------------------------------------------

/// fsrs-rs `assert_memory_state`: ratings [1,3,3,3,3,3] at intervals
/// [0,0,1,3,8,21], folded through `next_states`.
fn fold_next_states(params: &Parameters, ratings: &[u8], intervals: &[u32]) -> MemoryState {
    let mut memory = None;
    for (&rating, &interval) in ratings.iter().zip(intervals) {
        let states = params.next_states(memory, interval);
        memory = Some(states.get(Rating::from_u8(rating).unwrap()).memory);
    }
    memory.unwrap()
}

// open-spaced-repetition/fsrs-rs, src/inference.rs, test_memory_state
// (FSRS-6 DEFAULT_PARAMETERS; tolerance 1e-4 there).
#[test]
fn fsrs_rs_memory_state_default_parameters() {
    let ratings = [1, 3, 3, 3, 3, 3];
    let intervals = [0, 0, 1, 3, 8, 21];
    let mut params = Parameters::default();
    assert_memory(
        fold_next_states(&params, &ratings, &intervals),
        53.62691,
        6.3574867,
        1e-4,
    );
    // "freeze short term": w17 = w18 = w19 = 0.
    params.weights[17] = 0.0;
    params.weights[18] = 0.0;
    params.weights[19] = 0.0;
    assert_memory(
        fold_next_states(&params, &ratings, &intervals),
        53.335106,
        6.3574867,
        1e-4,
    );
}

// open-spaced-repetition/fsrs-rs, src/inference.rs, test_next_interval:
// FSRS::default(), stability 1, desired retention 0.1..=1.0,
// `next_interval(..).round().max(1.0)`.
//
// fsrs-rs computes in f32. At retention 0.1 the interval is ~3.1e6 days and
// f32 rounding alone moves it by days: the same formula in f32 gives
// 3116765.8 -> 3116766, in f64 3116768.9 -> 3116769. The first two entries
// are therefore compared with a 1e-6 relative tolerance; the others must
// match exactly.
#[test]
fn fsrs_rs_next_interval() {
    let expected = [3116766.0, 34793.0, 2508.0, 387.0, 90.0, 27.0, 9.0, 3.0, 1.0, 1.0];
    for (i, &want) in expected.iter().enumerate() {
        let params = Parameters {
            desired_retention: (i + 1) as f64 / 10.0,
            ..Parameters::default()
        };
        let got = params.next_interval(1.0).round().max(1.0);
        if i < 2 {
            assert_close(got, want, 0.0);
        } else {
            assert_eq!(got, want, "desired retention {}", (i + 1) as f64 / 10.0);
        }
    }
}

// open-spaced-repetition/fsrs-rs, src/inference.rs, test_memo_state
// (FSRS-5 test PARAMETERS: 19 weights, decay 0.5).
#[test]
fn fsrs_rs_memo_state_fsrs5_parameters() {
    let params = Parameters::from_fsrs5_weights(FSRS_RS_TEST_PARAMETERS);
    // memory_state of [1@0, 3@1, 3@3, 3@8, 3@21]
    let state = fold_next_states(&params, &[1, 3, 3, 3, 3], &[0, 1, 3, 8, 21]);
    assert_memory(state, 31.722992, 7.382128, 1e-4);

    let state = params
        .next_states(
            Some(MemoryState {
                stability: 20.925528,
                difficulty: 7.005062,
            }),
            21,
        )
        .good
        .memory;
    assert_memory(state, 40.87456, 6.9913807, 1e-4);
}

// open-spaced-repetition/fsrs-rs, src/inference.rs, test_next_states
// (FSRS-5 test PARAMETERS). With decay 0.5 and retention 0.9 the interval
// equals the stability.
#[test]
fn fsrs_rs_next_states_fsrs5_parameters() {
    let params = Parameters::from_fsrs5_weights(FSRS_RS_TEST_PARAMETERS);
    let state = fold_next_states(&params, &[1, 3, 3, 3], &[0, 1, 3, 8]);
    let next = params.next_states(Some(state), 21);
    let expected = [
        (next.again, 2.9691455, 8.000659),
        (next.hard, 17.091452, 7.6913934),
        (next.good, 31.722992, 7.382128),
        (next.easy, 71.7502, 7.0728626),
    ];
    for (item, s, d) in expected {
        assert_memory(item.memory, s, d, 1e-4);
        assert_close(item.interval, s, 1e-4);
    }
    // `fsrs.next_interval(Some(121.01552), 0.9, 1) == 121.01551`
    assert_close(params.next_interval(121.01552), 121.01551, 1e-4);
}
