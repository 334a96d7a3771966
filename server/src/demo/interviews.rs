//! The demo team's past live interviews and calibration drills: panels of
//! two or three who score every rubric dimension, mostly agreeing, each
//! with their own habit (see `people::Person::leniency`), so that the
//! calibration dashboard has real agreement, leniency and item figures.

use chrono::{DateTime, Duration, Utc};
use mockroom_api::{ClientMessage, Recommendation, RoomRole, SessionMode};
use uuid::Uuid;

use super::people::{Member, Team};
use super::questions::{self, Asked, Text};
use super::rng::Rng;
use super::script::Script;
use crate::auth::{hash_token, random_token};
use crate::room::content::QuestionContent;
use crate::room::event::{Actor, RoomEvent};
use crate::store::interviews::NewInterview;
use crate::store::Store;

/// The people interviewed (made up).
const CANDIDATES: [&str; 16] = [
    "Alex Morgan",
    "Jordan Patel",
    "Riley Kim",
    "Casey Novak",
    "Morgan Silva",
    "Taylor Brooks",
    "Jamie Okoro",
    "Avery Lindqvist",
    "Quinn Moreau",
    "Drew Hashemi",
    "Robin Tanaka",
    "Skyler Adeyemi",
    "Charlie Weiss",
    "Reese Kowalski",
    "Emerson Dubois",
    "Hayden Costa",
];

/// An interview as written, for the drills that replay it.
pub struct Written {
    pub session: Uuid,
    pub ended: DateTime<Utc>,
    /// Who scored it.
    pub raters: Vec<Uuid>,
    /// The level the performance deserved, per question and dimension.
    pub truth: Vec<Vec<f64>>,
}

/// One live interview every two or three days over the last six weeks.
/// Every one opens with the same Kubernetes question (so its quick check
/// gets an item analysis), then one of three others.
pub async fn interviews(store: &Store, team: &Team, now: DateTime<Utc>, rng: &mut Rng) -> anyhow::Result<Vec<Written>> {
    let core = questions::find(store, team.id, &[&questions::DISK_PRESSURE]).await?;
    let others = questions::find(
        store,
        team.id,
        &[
            &questions::WRAPAROUND,
            &questions::DOUBLE_LEADER,
            &questions::RETRY_STORM,
        ],
    )
    .await?;
    let mut written = Vec::new();
    let n = CANDIDATES.len();
    for (i, candidate) in CANDIDATES.iter().enumerate() {
        // Day 41 before today for the first, 2 for the last, at office hours.
        let days_ago = 41 - i64::try_from(i * 39 / (n - 1)).unwrap_or(0);
        let start = day_start(now) - Duration::days(days_ago) + Duration::minutes(rng.int(9 * 2, 16 * 2) * 30);
        let lead = team.panel[i % team.panel.len()];
        let mut panelists = vec![team.panel[(i + 1) % team.panel.len()]];
        if i % 3 == 0 {
            panelists.push(team.panel[(i + 2) % team.panel.len()]);
        }
        let asked = [core[0], others[i % others.len()]];
        let ability = rng.between(1.4, 3.7);
        written.push(interview(store, team, candidate, start, lead, &panelists, &asked, ability, rng).await?);
    }
    Ok(written)
}

fn day_start(now: DateTime<Utc>) -> DateTime<Utc> {
    now.date_naive().and_hms_opt(0, 0, 0).map_or(now, |t| t.and_utc())
}

/// Levels 1..=`top`, around `truth` shifted by the rater's habit.
fn level_given(rng: &mut Rng, truth: f64, leniency: f64, top: usize) -> u8 {
    let raw = (truth + leniency + rng.noise(1.0)).round();
    let top = u8::try_from(top).unwrap_or(u8::MAX);
    if raw < 1.0 {
        1
    } else if raw >= f64::from(top) {
        top
    } else {
        raw as u8
    }
}

fn recommendation(mean_level: f64) -> Recommendation {
    if mean_level >= 3.3 {
        Recommendation::StrongYes
    } else if mean_level >= 2.5 {
        Recommendation::Yes
    } else if mean_level >= 1.8 {
        Recommendation::No
    } else {
        Recommendation::StrongNo
    }
}

/// The candidate's pick for a quick check: right more often the stronger they are.
pub fn choose(rng: &mut Rng, ability: f64, options: usize, correct: usize) -> usize {
    let p = (0.25 + 0.7 * (ability - 1.0) / 3.0).clamp(0.15, 0.95);
    if options < 2 || rng.chance(p) {
        return correct;
    }
    let wrong = usize::try_from(rng.int(1, i64::try_from(options).unwrap_or(2) - 1)).unwrap_or(1);
    (correct + wrong) % options
}

/// The first sentences of an answer, as it stood while being typed.
pub fn typed_so_far(answer: &str) -> &str {
    answer
        .match_indices(". ")
        .map(|(i, _)| i + 1)
        .find(|i| *i >= answer.len() / 2)
        .map_or(answer, |i| &answer[..i])
}

/// The candidate answers quick check `check` of question `q` if it is
/// shown and still open (before its explanation is revealed).
pub async fn answer_check(
    s: &mut Script<'_>,
    question: &QuestionContent,
    q: usize,
    check: usize,
    candidate: &Actor,
    ability: f64,
    rng: &mut Rng,
) -> anyhow::Result<()> {
    let state = &s.state().questions[q];
    let shown = question.check_stage(check).is_some_and(|i| state.revealed.contains(&i));
    let explained = question
        .explanation_stage(check)
        .is_some_and(|i| state.revealed.contains(&i));
    if !shown || explained || state.quick_checks.contains_key(&check) {
        return Ok(());
    }
    let Some(qc) = question.quick_checks.get(check) else {
        return Ok(());
    };
    let option = choose(rng, ability, qc.options.len(), qc.correct);
    s.wait(rng.int(30, 90));
    s.act(
        candidate,
        ClientMessage::QuickCheck {
            question: q,
            check,
            option,
        },
    )
    .await
}

/// The interviewer reveals question `q` stage by stage; the candidate
/// answers once the challenge is out and takes each quick check before its
/// explanation.
async fn ask(
    s: &mut Script<'_>,
    q: usize,
    text: &Text,
    lead: &Actor,
    candidate: &Actor,
    ability: f64,
    rng: &mut Rng,
) -> anyhow::Result<()> {
    let question = s.content().questions[q].clone();
    let opening = crate::room::mock::opening_stages(&question);
    if q > 0 {
        s.act(lead, ClientMessage::GoTo { question: q }).await?;
        s.wait(rng.int(15, 45));
    }
    s.act(lead, ClientMessage::TimerStart).await?;
    for stage in 0..question.stages.len() {
        if let Some(check) = question.stages[stage].quick_check {
            if question.stages[stage].kind == "quick_check_explanation" {
                answer_check(s, &question, q, check, candidate, ability, rng).await?;
            }
        }
        s.act(lead, ClientMessage::RevealNext).await?;
        s.wait(rng.int(40, 120));
        if opening.last() == Some(&stage) {
            let answer = if ability >= 2.6 { text.strong } else { text.partial };
            s.wait(rng.int(150, 300));
            s.act(
                candidate,
                ClientMessage::Answer {
                    question: q,
                    text: typed_so_far(answer).to_owned(),
                },
            )
            .await?;
            s.wait(rng.int(120, 300));
            s.act(
                candidate,
                ClientMessage::Answer {
                    question: q,
                    text: answer.to_owned(),
                },
            )
            .await?;
        }
    }
    for check in 0..question.quick_checks.len() {
        answer_check(s, &question, q, check, candidate, ability, rng).await?;
    }
    s.act(lead, ClientMessage::TimerPause).await
}

#[allow(clippy::too_many_arguments)]
async fn interview(
    store: &Store,
    team: &Team,
    candidate_name: &str,
    start: DateTime<Utc>,
    lead: Member,
    panelists: &[Member],
    asked: &[Asked],
    ability: f64,
    rng: &mut Rng,
) -> anyhow::Result<Written> {
    let plan: Vec<(Uuid, i64)> = asked.iter().map(|a| (a.id, a.time_limit_secs)).collect();
    let created = start - Duration::days(2);
    let session = store
        .create_interview(NewInterview {
            team_id: team.id,
            created_by: lead.id,
            candidate_name,
            candidate_email: None,
            questions: &plan,
            mode: SessionMode::Live,
            show_answer_key: false,
            owner_id: None,
            // Long expired; nobody knows its token.
            link: Some((&hash_token(&random_token()), created + Duration::days(7))),
            created_at: created,
        })
        .await?;
    let mut s = Script::open(store, team.id, session, start).await?;
    let instance = Some(Uuid::new_v4());
    let lead_actor = lead.actor(RoomRole::Interviewer);
    let raters: Vec<(Member, Actor)> = std::iter::once((lead, lead_actor.clone()))
        .chain(panelists.iter().map(|p| (*p, p.actor(RoomRole::Panelist))))
        .collect();
    let candidate = Actor::Candidate {
        name: candidate_name.to_owned(),
    };
    for (_, actor) in &raters {
        s.record(actor, RoomEvent::Joined { instance }).await?;
        s.wait(rng.int(20, 90));
    }
    s.record(&candidate, RoomEvent::Joined { instance }).await?;
    s.wait(rng.int(60, 180));

    let mut truth = Vec::new();
    let mut given: Vec<Vec<u8>> = vec![Vec::new(); raters.len()];
    for (q, a) in asked.iter().enumerate() {
        ask(&mut s, q, a.text, &lead_actor, &candidate, ability, rng).await?;
        let rubric = s.content().questions[q].rubric.clone();
        let question_truth = ability + rng.noise(0.8);
        let dims: Vec<f64> = rubric
            .dimensions
            .iter()
            .map(|_| question_truth + rng.noise(0.5))
            .collect();
        for (r, (member, actor)) in raters.iter().enumerate() {
            let mut levels = Vec::new();
            for (d, dimension) in rubric.dimensions.iter().enumerate() {
                let level = level_given(rng, dims[d], member.person.leniency, dimension.levels.len());
                s.act(
                    actor,
                    ClientMessage::Score {
                        question: q,
                        dimension: d,
                        level,
                    },
                )
                .await?;
                s.wait(rng.int(10, 40));
                levels.push(level);
            }
            if r == 0 || rng.chance(0.5) {
                let mean = levels.iter().map(|l| f64::from(*l)).sum::<f64>() / levels.len().max(1) as f64;
                let text = questions::note(mean, usize::try_from(rng.int(0, 2)).unwrap_or(0));
                s.act(
                    actor,
                    ClientMessage::Note {
                        question: q,
                        text: text.to_owned(),
                    },
                )
                .await?;
            }
            given[r].extend(levels);
        }
        truth.push(dims);
        s.wait(rng.int(30, 120));
    }
    s.act(&lead_actor, ClientMessage::Finish).await?;
    let ended = s.now();
    s.wait(rng.int(5, 20));
    s.record(&candidate, RoomEvent::Left { instance }).await?;
    for (r, (_, actor)) in raters.iter().enumerate() {
        s.wait(rng.int(60, 400));
        let mean = given[r].iter().map(|l| f64::from(*l)).sum::<f64>() / given[r].len().max(1) as f64;
        s.act(
            actor,
            ClientMessage::Recommend {
                value: recommendation(mean),
            },
        )
        .await?;
        s.act(actor, ClientMessage::Submit).await?;
        s.record(actor, RoomEvent::Left { instance }).await?;
    }
    Ok(Written {
        session,
        ended,
        raters: raters.iter().map(|(m, _)| m.id).collect(),
        truth,
    })
}

/// Two drills: interviewers who were not on the panel score a recorded
/// interview again (and its lead re-scores it); in the second, one of
/// them has yet to submit.
pub async fn drills(store: &Store, team: &Team, written: &[Written], rng: &mut Rng) -> anyhow::Result<usize> {
    let mut made = 0;
    for (k, source) in [2usize, 8].into_iter().enumerate() {
        let Some(source) = written.get(source) else {
            continue;
        };
        let summary = store
            .interview(team.id, source.session)
            .await?
            .ok_or_else(|| anyhow::anyhow!("demo session {} is gone", source.session))?;
        let at = source.ended + Duration::days(3) + Duration::hours(rng.int(1, 6));
        let drill = store.create_drill(&summary, team.panel[0].id, at).await?;
        let mut s = Script::open(store, team.id, drill, at + Duration::hours(2)).await?;
        let raters: Vec<Member> = team
            .panel
            .iter()
            .filter(|m| !source.raters.contains(&m.id))
            .chain(team.panel.iter().find(|m| Some(&m.id) == source.raters.first()))
            .copied()
            .collect();
        let instance = Some(Uuid::new_v4());
        for (i, rater) in raters.iter().enumerate() {
            let actor = rater.actor(RoomRole::Panelist);
            s.record(&actor, RoomEvent::Joined { instance }).await?;
            for (q, dims) in source.truth.iter().enumerate() {
                let rubric = s.content().questions[q].rubric.clone();
                for (d, dimension) in rubric.dimensions.iter().enumerate() {
                    let truth = dims.get(d).copied().unwrap_or(2.5);
                    let level = level_given(rng, truth, rater.person.leniency, dimension.levels.len());
                    s.act(
                        &actor,
                        ClientMessage::Score {
                            question: q,
                            dimension: d,
                            level,
                        },
                    )
                    .await?;
                    s.wait(rng.int(20, 60));
                }
            }
            if k == 0 || i + 1 < raters.len() {
                s.act(&actor, ClientMessage::Submit).await?;
            }
            s.record(&actor, RoomEvent::Left { instance }).await?;
            s.wait(rng.int(3600, 6 * 3600));
        }
        made += 1;
    }
    Ok(made)
}
