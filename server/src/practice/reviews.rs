//! Quick checks a candidate has answered come back for review on an FSRS
//! schedule (`mockroom-srs`). A wrong answer rates the card Again, a right
//! one Good: a multiple-choice answer says whether it was recalled, not how
//! easily.

use chrono::{DateTime, TimeZone, Utc};
use mockroom_srs::{Card, Parameters, Rating, State};
use uuid::Uuid;

use crate::clock::Clock;
use crate::store::reviews::{ReviewCardRow, ReviewLogEntry};
use crate::store::Store;

fn state_name(state: State) -> &'static str {
    match state {
        State::New => "new",
        State::Learning => "learning",
        State::Review => "review",
        State::Relearning => "relearning",
    }
}

fn parse_state(name: &str) -> State {
    match name {
        "learning" => State::Learning,
        "review" => State::Review,
        "relearning" => State::Relearning,
        _ => State::New,
    }
}

/// A stored time, kept within years 0000-9999: RFC 3339 writes those in
/// four digits, and chrono writes others as `+10000-…`, which the browser's
/// reader (like RFC 3339) refuses, and with it the whole answer.
fn at(secs: i64) -> DateTime<Utc> {
    const EARLIEST: i64 = -62_167_219_200; // 0000-01-01T00:00:00Z
    const LATEST: i64 = 253_402_300_799; // 9999-12-31T23:59:59Z
    Utc.timestamp_opt(secs.clamp(EARLIEST, LATEST), 0)
        .single()
        .unwrap_or_default()
}

fn card_of(row: &ReviewCardRow) -> Card {
    Card {
        state: parse_state(&row.state),
        stability: row.stability,
        difficulty: row.difficulty,
        due: row.due_at.timestamp(),
        last_review: Some(row.last_review_at.timestamp()),
        reps: u32::try_from(row.reps).unwrap_or(u32::MAX),
        lapses: u32::try_from(row.lapses).unwrap_or(u32::MAX),
    }
}

/// Applies one answer to the card of `(question, check)` at `now`: a new
/// card is created on the first answer. Pure, so it is tested without a database.
pub fn schedule(
    existing: Option<&ReviewCardRow>,
    question_id: Uuid,
    check: i64,
    correct: bool,
    now: DateTime<Utc>,
) -> ReviewCardRow {
    let now_secs = now.timestamp();
    let card = existing.map_or_else(|| Card::new(now_secs), card_of);
    let rating = if correct { Rating::Good } else { Rating::Again };
    let (next, _log) = Parameters::default().review(&card, rating, now_secs);
    ReviewCardRow {
        question_id,
        check_index: check,
        state: state_name(next.state).into(),
        stability: next.stability,
        difficulty: next.difficulty,
        due_at: at(next.due),
        last_review_at: now,
        reps: i64::from(next.reps),
        lapses: i64::from(next.lapses),
    }
}

/// Records a candidate's answer to a quick check and reschedules its card.
pub async fn record_answer(
    store: &Store,
    clock: &Clock,
    user_id: Uuid,
    question_id: Uuid,
    check: usize,
    option: usize,
    correct: bool,
) -> anyhow::Result<ReviewCardRow> {
    record_answer_at(store, || clock.now(), user_id, question_id, check, option, correct).await
}

/// [`record_answer`] with its own notion of now (the demo data answers in the past).
pub async fn record_answer_at(
    store: &Store,
    now: impl Fn() -> DateTime<Utc>,
    user_id: Uuid,
    question_id: Uuid,
    check: usize,
    option: usize,
    correct: bool,
) -> anyhow::Result<ReviewCardRow> {
    let check = i64::try_from(check)?;
    // Two answers to the same card at once (a review tab and a practice tab):
    // the second one re-reads the card the first one moved.
    for _ in 0..5 {
        let now = now();
        let existing = store.review_card(user_id, question_id, check).await?;
        let card = schedule(existing.as_ref(), question_id, check, correct, now);
        let log = ReviewLogEntry {
            reviewed_at: now,
            rating: if correct { 3 } else { 1 },
            chosen: i64::try_from(option)?,
            interval_days: (card.due_at - now).num_seconds() as f64 / 86_400.0,
        };
        if store.save_review(user_id, &card, &log).await? {
            return Ok(card);
        }
    }
    anyhow::bail!("the review card kept changing under concurrent answers")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(n: i64) -> DateTime<Utc> {
        at(1_764_000_000 + n * 86_400)
    }

    /// However far off a stored time is, it is written as RFC 3339 that
    /// the browser's reader takes.
    #[test]
    fn stored_times_out_of_range_are_written_in_four_digit_years() {
        for secs in [i64::MAX, i64::MIN, 300_000_000_000, -70_000_000_000] {
            let json = serde_json::to_value(at(secs)).expect("serialise");
            let text = json.as_str().expect("a string");
            assert!(DateTime::parse_from_rfc3339(text).is_ok(), "{secs}: {text}");
        }
        assert_eq!(at(1_764_000_000).timestamp(), 1_764_000_000);
    }

    /// FSRS-6 defaults: a first Good gives S0 = w[2] = 2.3065 days, scheduled
    /// at retention 0.9 as 2 whole days; a first Again gives S0 = w[0] = 0.212,
    /// at least one day.
    #[test]
    fn first_answers_schedule_as_fsrs_does() {
        let q = Uuid::nil();
        let good = schedule(None, q, 0, true, day(0));
        assert_eq!(good.state, "review");
        assert!((good.stability - 2.3065).abs() < 1e-9, "{}", good.stability);
        assert_eq!(good.due_at, day(2));
        let again = schedule(None, q, 0, false, day(0));
        assert_eq!(again.state, "learning");
        assert!((again.stability - 0.212).abs() < 1e-9);
        assert_eq!(again.due_at, day(1));
        assert_eq!((again.reps, again.lapses), (1, 0));
    }

    #[test]
    fn a_right_answer_when_due_pushes_the_card_further_and_a_wrong_one_lapses() {
        let q = Uuid::nil();
        let first = schedule(None, q, 1, true, day(0));
        let second = schedule(Some(&first), q, 1, true, first.due_at);
        assert!(second.due_at - first.due_at > first.due_at - day(0));
        assert!(second.stability > first.stability);
        let lapse = schedule(Some(&second), q, 1, false, second.due_at);
        assert_eq!(lapse.state, "relearning");
        assert_eq!(lapse.lapses, 1);
        assert!(lapse.stability < second.stability);
        assert_eq!(lapse.reps, 3);
    }
}
