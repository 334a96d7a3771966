//! The card-level convenience: whole days, no learning steps.

use super::*;

#[test]
fn review_first_ratings_use_initial_state() {
    let params = Parameters::default();
    let t0 = 1_700_000_000;
    for rating in Rating::ALL {
        let (card, log) = params.review(&Card::new(t0), rating, t0);
        let init = params.initial_state(rating);
        assert_eq!(card.stability, init.stability);
        assert_eq!(card.difficulty, init.difficulty);
        // S0 = [0.212, 1.2931, 2.3065, 8.2956] → round, at least 1 day.
        let days = [1, 1, 2, 8][usize::from(rating.as_u8()) - 1];
        assert_eq!(log.scheduled_days, days);
        assert_eq!(card.due, t0 + i64::from(days) * SECONDS_PER_DAY);
        assert_eq!(log.elapsed_days, 0);
        assert_eq!(log.retrievability, None);
        assert_eq!(log.state, State::New);
        assert_eq!(card.reps, 1);
        assert_eq!(card.lapses, 0);
        let expected_state = if rating == Rating::Again {
            State::Learning
        } else {
            State::Review
        };
        assert_eq!(card.state, expected_state);
    }
}

#[test]
fn review_state_labels_and_lapses() {
    let params = Parameters::default();
    let t0 = 1_700_000_000;
    let day = SECONDS_PER_DAY;
    let (card, _) = params.review(&Card::new(t0), Rating::Again, t0);
    assert_eq!((card.state, card.lapses), (State::Learning, 0));
    let (card, _) = params.review(&card, Rating::Again, t0 + day);
    assert_eq!((card.state, card.lapses), (State::Learning, 0));
    let (card, _) = params.review(&card, Rating::Good, t0 + 2 * day);
    assert_eq!((card.state, card.lapses), (State::Review, 0));
    let (card, _) = params.review(&card, Rating::Again, t0 + 5 * day);
    assert_eq!((card.state, card.lapses), (State::Relearning, 1));
    let (card, _) = params.review(&card, Rating::Again, t0 + 6 * day);
    assert_eq!((card.state, card.lapses), (State::Relearning, 1));
    let (card, log) = params.review(&card, Rating::Hard, t0 + 7 * day);
    assert_eq!((card.state, card.lapses), (State::Review, 1));
    assert_eq!(log.state, State::Relearning);
    assert_eq!(card.reps, 6);
}

#[test]
fn review_elapsed_days_are_floored_and_same_day_is_short_term() {
    let params = Parameters::default();
    let t0 = 1_700_000_000;
    let (card, _) = params.review(&Card::new(t0), Rating::Good, t0);
    let memory = card.memory_state().unwrap();

    // 23h59m later: 0 elapsed days → short-term update.
    let (same_day, log) = params.review(&card, Rating::Good, t0 + SECONDS_PER_DAY - 60);
    assert_eq!(log.elapsed_days, 0);
    assert_eq!(
        same_day.stability,
        params.next_state(Some(memory), 0, Rating::Good).stability
    );
    assert_eq!(log.retrievability, Some(1.0));

    // 2 days 23 hours later: 2 elapsed days.
    let now = t0 + 3 * SECONDS_PER_DAY - 3600;
    let (later, log) = params.review(&card, Rating::Hard, now);
    assert_eq!(log.elapsed_days, 2);
    assert_eq!(later, {
        let m = params.next_state(Some(memory), 2, Rating::Hard);
        Card {
            state: State::Review,
            stability: m.stability,
            difficulty: m.difficulty,
            due: now + i64::from(params.next_interval_days(m.stability)) * SECONDS_PER_DAY,
            last_review: Some(now),
            reps: 2,
            lapses: 0,
        }
    });
    assert_close(
        log.retrievability.unwrap(),
        params.retrievability(memory.stability, 2.0),
        1e-15,
    );
    assert_close(
        params.card_retrievability(&card, now),
        log.retrievability.unwrap(),
        1e-15,
    );

    // Clock running backwards counts as the same day.
    let (_, log) = params.review(&card, Rating::Good, t0 - 10 * SECONDS_PER_DAY);
    assert_eq!(log.elapsed_days, 0);
}

#[test]
fn interval_days_rounding_and_clamping() {
    let params = Parameters::default();
    // With desired retention 0.9 the interval equals the stability.
    assert_close(params.next_interval(37.3), 37.3, 1e-9);
    assert_eq!(params.next_interval_days(37.4), 37);
    assert_eq!(params.next_interval_days(37.6), 38);
    assert_eq!(params.next_interval_days(0.2), 1);
    assert_eq!(params.next_interval_days(36_500.0), 36_500);
    let capped = Parameters {
        maximum_interval: 100,
        ..Parameters::default()
    };
    assert_eq!(capped.next_interval_days(250.0), 100);
    let zero_max = Parameters {
        maximum_interval: 0,
        ..Parameters::default()
    };
    assert_eq!(zero_max.next_interval_days(250.0), 1);
    // Higher retention → shorter interval.
    let strict = Parameters {
        desired_retention: 0.95,
        ..Parameters::default()
    };
    assert!(strict.next_interval(10.0) < 10.0);
}

#[test]
fn rating_conversions() {
    for (i, rating) in Rating::ALL.into_iter().enumerate() {
        let n = i as u8 + 1;
        assert_eq!(Rating::try_from(n), Ok(rating));
        assert_eq!(u8::from(rating), n);
    }
    assert_eq!(Rating::try_from(0), Err(InvalidRating(0)));
    assert_eq!(Rating::from_u8(5), None);
}
