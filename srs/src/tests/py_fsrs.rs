//! py-fsrs v6 `tests/test_basic.py`, via a test-only replica of py-fsrs v6's
//! `Scheduler.review_card` (learning steps 1m/10m, relearning step 10m, fuzz
//! off) built on this crate's formulas; and `Parameters::review` against the
//! replica without steps.

use super::*;

#[derive(Debug, Clone, Copy, PartialEq)]
enum PyState {
    Learning,
    Review,
    Relearning,
}

#[derive(Debug, Clone, Copy)]
struct PyCard {
    state: PyState,
    step: Option<usize>,
    memory: Option<MemoryState>,
    due: i64,
    last_review: Option<i64>,
}

impl PyCard {
    fn new(now: i64) -> Self {
        PyCard {
            state: PyState::Learning,
            step: Some(0),
            memory: None,
            due: now,
            last_review: None,
        }
    }
}

struct PyScheduler {
    model: Model,
    learning_steps: Vec<i64>,
    relearning_steps: Vec<i64>,
}

impl PyScheduler {
    fn new(params: &Parameters) -> Self {
        PyScheduler {
            model: params.model(),
            learning_steps: vec![60, 600],
            relearning_steps: vec![600],
        }
    }

    /// Python `timedelta.days` of `b - a` (floor division).
    fn days(a: i64, b: i64) -> i64 {
        (b - a).div_euclid(SECONDS_PER_DAY)
    }

    fn update_memory(&self, card: &PyCard, rating: Rating, now: i64) -> MemoryState {
        let m = &self.model;
        let Some(memory) = card.memory else {
            return m.initial_state(rating);
        };
        let days = card.last_review.map(|last| Self::days(last, now));
        // `days_since_last_review < 1` → short-term; otherwise the long-term
        // formulas with R from `get_card_retrievability` (whole days).
        let elapsed = match days {
            Some(d) if d >= 1 => d as u32,
            _ => 0,
        };
        m.step(Some(memory), elapsed, rating)
    }

    fn steps_interval(steps: &[i64], step: usize, rating: Rating) -> Option<(usize, i64)> {
        // Returns Some((new_step, seconds)) while still in (re)learning.
        match rating {
            Rating::Again => Some((0, steps[0])),
            Rating::Hard => {
                let secs = if step == 0 && steps.len() == 1 {
                    steps[0] * 3 / 2
                } else if step == 0 && steps.len() >= 2 {
                    (steps[0] + steps[1]) / 2
                } else {
                    steps[step]
                };
                Some((step, secs))
            }
            Rating::Good if step + 1 < steps.len() => Some((step + 1, steps[step + 1])),
            Rating::Good | Rating::Easy => None,
        }
    }

    fn review(&self, card: &PyCard, rating: Rating, now: i64) -> PyCard {
        let mut next = *card;
        let memory = self.update_memory(card, rating, now);
        next.memory = Some(memory);
        let graduate_secs = i64::from(
            self.model
                .next_interval_days(self.model.next_interval(memory.stability)),
        ) * SECONDS_PER_DAY;
        let interval = match card.state {
            PyState::Learning | PyState::Relearning => {
                let steps = if card.state == PyState::Learning {
                    &self.learning_steps
                } else {
                    &self.relearning_steps
                };
                let step = card.step.unwrap();
                let passed = rating != Rating::Again;
                let in_steps = if steps.is_empty() || (step >= steps.len() && passed) {
                    None
                } else {
                    Self::steps_interval(steps, step, rating)
                };
                match in_steps {
                    Some((new_step, secs)) => {
                        next.step = Some(new_step);
                        secs
                    }
                    None => {
                        next.state = PyState::Review;
                        next.step = None;
                        graduate_secs
                    }
                }
            }
            PyState::Review => {
                if rating == Rating::Again && !self.relearning_steps.is_empty() {
                    next.state = PyState::Relearning;
                    next.step = Some(0);
                    self.relearning_steps[0]
                } else {
                    graduate_secs
                }
            }
        };
        next.due = now + interval;
        next.last_review = Some(now);
        next
    }
}

/// 2022-11-29 12:30:00 UTC, the start time of the py-fsrs tests.
const PY_FSRS_T0: i64 = 1_669_725_000;

const PY_FSRS_TEST_RATINGS: [Rating; 13] = [
    Rating::Good,
    Rating::Good,
    Rating::Good,
    Rating::Good,
    Rating::Good,
    Rating::Good,
    Rating::Again,
    Rating::Again,
    Rating::Good,
    Rating::Good,
    Rating::Good,
    Rating::Good,
    Rating::Good,
];

fn py_interval_history(params: &Parameters) -> Vec<i64> {
    let scheduler = PyScheduler::new(params);
    let mut card = PyCard::new(PY_FSRS_T0);
    let mut now = PY_FSRS_T0;
    let mut history = vec![];
    for rating in PY_FSRS_TEST_RATINGS {
        card = scheduler.review(&card, rating, now);
        history.push(PyScheduler::days(card.last_review.unwrap(), card.due));
        now = card.due;
    }
    history
}

// open-spaced-repetition/py-fsrs, tests/test_basic.py, test_review_card and
// test_custom_scheduler_args (Scheduler(enable_fuzzing=False), FSRS-6
// defaults 0.212..0.1542, TEST_RATINGS_1), whole days.
#[test]
fn py_fsrs_review_card_intervals() {
    assert_eq!(
        py_interval_history(&Parameters::default()),
        [0, 2, 11, 46, 163, 498, 0, 0, 2, 4, 7, 12, 21]
    );
}

/// The first FSRS-6 default parameters (decay 0.2), shipped by fsrs-rs and
/// py-fsrs v6.0 before the current 0.212..0.1542 set (fsrs-rs
/// src/inference.rs `DEFAULT_PARAMETERS` with `FSRS6_DEFAULT_DECAY = 0.2`).
fn early_fsrs6_parameters() -> Parameters {
    Parameters::new([
        0.2172, 1.1771, 3.2602, 16.1507, 7.0114, 0.57, 2.0966, 0.0069, 1.5261, 0.112, 1.0178, 1.849, 0.1133, 0.3127,
        2.2934, 0.2191, 3.0004, 0.7536, 0.3332, 0.1437, 0.2,
    ])
}

// open-spaced-repetition/py-fsrs, tests/test_basic.py (earlier v6 revision,
// whose DEFAULT_PARAMETERS were the decay-0.2 set above),
// test_custom_scheduler_args.
#[test]
fn py_fsrs_review_card_intervals_early_fsrs6_parameters() {
    assert_eq!(
        py_interval_history(&early_fsrs6_parameters()),
        [0, 4, 14, 45, 135, 372, 0, 0, 2, 5, 10, 20, 40]
    );
}

/// py-fsrs test_memo_state: Again, Good x5 at cumulative day offsets
/// [0,0,1,3,8,21] through `review_card` (with learning steps), optionally
/// followed by one more Good on the same day.
fn py_memo_state(params: &Parameters, extra_same_day_good: bool) -> MemoryState {
    let scheduler = PyScheduler::new(params);
    let ratings = [
        Rating::Again,
        Rating::Good,
        Rating::Good,
        Rating::Good,
        Rating::Good,
        Rating::Good,
    ];
    let offsets = [0, 0, 1, 3, 8, 21];
    let mut card = PyCard::new(PY_FSRS_T0);
    let mut now = PY_FSRS_T0;
    for (rating, days) in ratings.into_iter().zip(offsets) {
        now += days * SECONDS_PER_DAY;
        card = scheduler.review(&card, rating, now);
    }
    if extra_same_day_good {
        card = scheduler.review(&card, Rating::Good, now);
    }
    card.memory.unwrap()
}

// open-spaced-repetition/py-fsrs, tests/test_basic.py, test_memo_state
// (FSRS-6 defaults; `pytest.approx(.., abs=1e-4)`). Same numbers as fsrs-rs
// test_memory_state, reached through py-fsrs's learning-step state machine.
#[test]
fn py_fsrs_memo_state() {
    let memory = py_memo_state(&Parameters::default(), false);
    assert_memory(memory, 53.62691, 6.3574867, 1e-4);
}

// open-spaced-repetition/py-fsrs, tests/test_basic.py (earlier v6 revision,
// decay-0.2 defaults), test_memo_state with the trailing same-day Good;
// `round(x, 4) == 49.4472 / 6.8271`.
#[test]
fn py_fsrs_memo_state_early_fsrs6_parameters() {
    let memory = py_memo_state(&early_fsrs6_parameters(), true);
    assert_eq!((memory.stability * 1e4).round() / 1e4, 49.4472);
    assert_eq!((memory.difficulty * 1e4).round() / 1e4, 6.8271);
}

// open-spaced-repetition/py-fsrs, tests/test_basic.py,
// test_repeated_correct_reviews: ten Easy reviews a microsecond apart drive
// difficulty to exactly 1.0.
#[test]
fn py_fsrs_repeated_correct_reviews() {
    let scheduler = PyScheduler::new(&Parameters::default());
    let mut card = PyCard::new(PY_FSRS_T0);
    for _ in 0..10 {
        card = scheduler.review(&card, Rating::Easy, PY_FSRS_T0);
    }
    assert_eq!(card.memory.unwrap().difficulty, 1.0);
}

// ---------------------------------------------------------------------------
// Card-level convenience (whole days, no learning steps).
// ---------------------------------------------------------------------------

/// The same ratings through `Parameters::review` must agree with the py-fsrs
/// replica configured without learning/relearning steps (py-fsrs v6
/// `Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)`).
#[test]
fn review_matches_py_fsrs_without_steps() {
    let params = Parameters::default();
    let py = PyScheduler {
        learning_steps: vec![],
        relearning_steps: vec![],
        ..PyScheduler::new(&params)
    };
    let mut card = Card::new(PY_FSRS_T0);
    let mut py_card = PyCard::new(PY_FSRS_T0);
    let mut now = PY_FSRS_T0;
    let mut intervals = vec![];
    for (i, rating) in PY_FSRS_TEST_RATINGS.into_iter().enumerate() {
        let (next, log) = params.review(&card, rating, now);
        py_card = py.review(&py_card, rating, now);
        let py_memory = py_card.memory.unwrap();
        assert_eq!(next.stability, py_memory.stability);
        assert_eq!(next.difficulty, py_memory.difficulty);
        assert_eq!(next.due, py_card.due);
        assert_eq!(next.last_review, Some(now));
        assert_eq!(next.reps, i as u32 + 1);
        assert_eq!(log.rating, rating);
        assert_eq!(log.state, card.state);
        intervals.push(log.scheduled_days);
        card = next;
        now = card.due;
    }
    // Regression pin, computed by this crate (not a reference value): Good x6,
    // Again x2, Good x5; every interval is at least one day.
    assert_eq!(intervals, [2, 11, 46, 163, 497, 1346, 9, 1, 2, 4, 7, 13, 22]);
    assert_eq!(card.lapses, 1);
    assert_eq!(card.state, State::Review);
}
