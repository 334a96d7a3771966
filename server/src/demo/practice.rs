//! The demo candidate's own practice: timed mocks over six weeks in three
//! categories, getting better with time (self-scores and quick checks), and
//! the review cards those quick checks left, some answered on their due
//! dates and some due now.

use chrono::{DateTime, Duration, Utc};
use mockroom_api::{ClientMessage, SessionMode};

use super::interviews::{answer_check, typed_so_far};
use super::people::Team;
use super::questions::{self, Asked};
use super::rng::Rng;
use super::script::Script;
use crate::practice::reviews::record_answer_at;
use crate::room::event::Actor;
use crate::store::interviews::NewInterview;
use crate::store::Store;

/// Days before today of each mock, oldest first.
const DAYS_AGO: [i64; 10] = [40, 37, 33, 29, 25, 20, 15, 10, 6, 2];

/// What was made: mocks and review cards.
pub struct Practised {
    pub mocks: usize,
    pub cards: i64,
}

pub async fn practise(store: &Store, team: &Team, now: DateTime<Utc>, rng: &mut Rng) -> anyhow::Result<Practised> {
    // Two questions in each of three categories.
    let pool = questions::find(
        store,
        team.id,
        &[
            &questions::DISK_PRESSURE,
            &questions::IMAGE_PULL,
            &questions::OUTBOX_BLOAT,
            &questions::WRAPAROUND,
            &questions::RETRY_STORM,
            &questions::GOROUTINE_LEAK,
        ],
    )
    .await?;
    let me = team.candidate;
    let actor = Actor::Candidate {
        name: me.person.name.to_owned(),
    };
    for (i, days_ago) in DAYS_AGO.iter().enumerate() {
        let start = now - Duration::days(*days_ago) - Duration::hours(rng.int(2, 10));
        // Cards that came due before this mock are reviewed first, in order.
        review_until(store, team, start, 1.8 + 1.6 * i as f64 / 9.0, rng).await?;
        let first = (i % 3) * 2 + (i / 3) % 2;
        let second = ((i + 1) % 3) * 2 + (i / 2) % 2;
        let asked = [pool[first], pool[second]];
        // Better with every mock, with good and bad days.
        let ability = 1.5 + 2.0 * i as f64 / 9.0 + rng.noise(0.6);
        // One question of the fourth mock runs out of time.
        let timed_out = (i == 3).then_some(1);
        mock(store, team, &actor, start, &asked, ability, timed_out, rng).await?;
    }
    // Leave the last two weeks' cards for the reviews page.
    review_until(store, team, now - Duration::days(12), 3.2, rng).await?;
    Ok(Practised {
        mocks: DAYS_AGO.len(),
        cards: store.count_review_cards(me.id).await?,
    })
}

#[allow(clippy::too_many_arguments)]
async fn mock(
    store: &Store,
    team: &Team,
    actor: &Actor,
    start: DateTime<Utc>,
    asked: &[Asked],
    ability: f64,
    timed_out: Option<usize>,
    rng: &mut Rng,
) -> anyhow::Result<()> {
    let me = team.candidate;
    let plan: Vec<(uuid::Uuid, i64)> = asked.iter().map(|a| (a.id, a.time_limit_secs)).collect();
    let session = store
        .create_interview(NewInterview {
            team_id: team.id,
            created_by: me.id,
            candidate_name: me.person.name,
            candidate_email: None,
            questions: &plan,
            mode: SessionMode::Practice,
            show_answer_key: true,
            owner_id: Some(me.id),
            link: None,
            created_at: start,
        })
        .await?;
    let mut s = Script::open(store, team.id, session, start + Duration::seconds(20)).await?;
    for (q, a) in asked.iter().enumerate() {
        let question = s.content().questions[q].clone();
        s.act(actor, ClientMessage::StartQuestion { question: q }).await?;
        let limit = a.time_limit_secs;
        let answer = if ability >= 2.6 { a.text.strong } else { a.text.partial };
        s.wait(limit * rng.int(25, 40) / 100);
        s.act(
            actor,
            ClientMessage::Answer {
                question: q,
                text: typed_so_far(answer).to_owned(),
            },
        )
        .await?;
        if timed_out == Some(q) {
            // Still typing when the time ran out: the page closes the answer.
            s.wait(limit);
        } else {
            s.wait(limit * rng.int(20, 50) / 100);
            s.act(
                actor,
                ClientMessage::Answer {
                    question: q,
                    text: answer.to_owned(),
                },
            )
            .await?;
            s.act(actor, ClientMessage::SubmitAnswer { question: q }).await?;
        }
        // The rest of the question, read stage by stage; quick checks on the way.
        let hidden = question.stages.len() - s.state().questions[q].revealed.len();
        for _ in 0..hidden {
            let next = (0..question.stages.len()).find(|i| !s.state().questions[q].revealed.contains(i));
            if let Some(check) = next
                .and_then(|i| question.stages.get(i))
                .filter(|st| st.kind == "quick_check_explanation")
                .and_then(|st| st.quick_check)
            {
                answer_check(&mut s, &question, q, check, actor, ability, rng).await?;
            }
            s.act(actor, ClientMessage::RevealNext).await?;
            s.wait(rng.int(20, 70));
        }
        for check in 0..question.quick_checks.len() {
            answer_check(&mut s, &question, q, check, actor, ability, rng).await?;
        }
        for (d, dimension) in question.rubric.dimensions.iter().enumerate() {
            let top = i64::try_from(dimension.levels.len()).unwrap_or(4);
            let level = ((ability + rng.noise(0.9)).round() as i64).clamp(1, top);
            let level = u8::try_from(level).unwrap_or(1);
            s.act(
                actor,
                ClientMessage::SelfScore {
                    question: q,
                    dimension: d,
                    level,
                },
            )
            .await?;
            s.wait(rng.int(5, 20));
        }
        s.wait(rng.int(30, 120));
    }
    s.act(actor, ClientMessage::Finish).await
}

/// Answers, in due order, every card that came due before `until`, a few
/// hours after it did (right with probability growing with `skill`).
async fn review_until(
    store: &Store,
    team: &Team,
    until: DateTime<Utc>,
    skill: f64,
    rng: &mut Rng,
) -> anyhow::Result<()> {
    let me = team.candidate.id;
    // A bound, not a loop count: each answer moves its card past `until` or later.
    for _ in 0..500 {
        let Some(due) = store.due_reviews(me, until, 1).await?.into_iter().next() else {
            return Ok(());
        };
        let card = due.card;
        let at = card.due_at.max(card.last_review_at) + Duration::hours(rng.int(1, 20));
        if at >= until {
            return Ok(());
        }
        let Some((correct, options_json, _)) = store.quick_check_key(card.question_id, card.check_index).await? else {
            return Ok(());
        };
        let options: Vec<String> = serde_json::from_str(&options_json)?;
        let correct = usize::try_from(correct).unwrap_or(0);
        let option = super::interviews::choose(rng, skill, options.len(), correct);
        let check = usize::try_from(card.check_index).unwrap_or(0);
        record_answer_at(store, || at, me, card.question_id, check, option, option == correct).await?;
    }
    Ok(())
}
