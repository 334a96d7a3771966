//! Robustness: no panics, no NaN, whatever the input.

use super::*;

fn assert_sane(memory: MemoryState) {
    assert!(
        (STABILITY_MIN..=STABILITY_MAX).contains(&memory.stability),
        "{memory:?}"
    );
    assert!(
        (DIFFICULTY_MIN..=DIFFICULTY_MAX).contains(&memory.difficulty),
        "{memory:?}"
    );
}

#[test]
fn hostile_inputs_never_produce_nan() {
    let specials = [
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        -1.0,
        0.0,
        1e-300,
        1e300,
        0.5,
        5.0,
    ];
    let mut weird = Parameters {
        weights: [f64::NAN; 21],
        desired_retention: f64::NAN,
        maximum_interval: 0,
    };
    weird.weights[3] = f64::INFINITY;
    weird.weights[20] = -5.0;
    let all_params = [
        Parameters::default(),
        weird,
        Parameters {
            weights: [f64::INFINITY; 21],
            desired_retention: -3.0,
            maximum_interval: u32::MAX,
        },
        Parameters {
            weights: [f64::NEG_INFINITY; 21],
            desired_retention: 7.0,
            maximum_interval: 1,
        },
        Parameters {
            desired_retention: 0.0,
            ..Parameters::default()
        },
    ];
    for params in &all_params {
        for w in params.effective_weights() {
            assert!(w.is_finite());
        }
        for &s in &specials {
            let r = params.retrievability(s, s);
            assert!((0.0..=1.0).contains(&r), "R = {r}");
            assert!(!params.next_interval(s).is_nan());
            let days = params.next_interval_days(s);
            assert!(days >= 1 && days <= params.maximum_interval.max(1));
            for &d in &specials {
                for elapsed in [0, 1, 7, 365, u32::MAX] {
                    let memory = Some(MemoryState {
                        stability: s,
                        difficulty: d,
                    });
                    let next = params.next_states(memory, elapsed);
                    for rating in Rating::ALL {
                        let item = next.get(rating);
                        assert_sane(item.memory);
                        assert!(!item.interval.is_nan());
                    }
                }
            }
        }
        for rating in Rating::ALL {
            assert_sane(params.next_state(None, 3, rating));
        }
    }
}

#[test]
fn hostile_cards_and_times() {
    let params = Parameters::default();
    let cards = [
        Card::new(0),
        Card {
            state: State::Review,
            stability: f64::NAN,
            difficulty: 5.0,
            due: i64::MAX,
            last_review: Some(i64::MIN),
            reps: u32::MAX,
            lapses: u32::MAX,
        },
        Card {
            state: State::Relearning,
            stability: -4.0,
            difficulty: 99.0,
            due: i64::MIN,
            last_review: Some(i64::MAX),
            reps: 3,
            lapses: 1,
        },
    ];
    for card in cards {
        for now in [i64::MIN, -1, 0, 1_700_000_000, i64::MAX] {
            for rating in Rating::ALL {
                let (next, log) = params.review(&card, rating, now);
                assert_sane(MemoryState {
                    stability: next.stability,
                    difficulty: next.difficulty,
                });
                assert!(next.due >= now);
                assert!(log.scheduled_days >= 1);
                assert!(log.retrievability.is_none_or(|r| (0.0..=1.0).contains(&r)));
                let r = params.card_retrievability(&card, now);
                assert!((0.0..=1.0).contains(&r));
            }
        }
    }
}

/// Repeated failures never push stability below the floor (py-fsrs
/// tests/test_basic.py, test_stability_lower_bound, asserted here through
/// the whole-day `review`).
#[test]
fn stability_lower_bound() {
    let params = Parameters::default();
    let mut card = Card::new(0);
    for _ in 0..1000 {
        let (next, _) = params.review(&card, Rating::Again, card.due + SECONDS_PER_DAY);
        assert!(next.stability >= STABILITY_MIN);
        card = next;
    }
}
