//! The ratings and quick-check answers calibration works on, read from a
//! team's session logs. A score is one interviewer's latest level on one
//! rubric dimension of one question of one performance; drill scores count
//! towards the performance they re-score.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use mockroom_api::{QuestionSummary, RoomRole, SessionMode};

use crate::room::event::{Actor, RoomEvent};
use uuid::Uuid;

use crate::store::calibration::CalibrationEventRow;
use crate::store::{QuestionDetail, Store};

/// Where a score was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    /// By the interviewer running a live session.
    Live,
    /// By a panelist of a live session, or a reviewer of an assigned mock.
    Panel,
    /// In a calibration drill.
    Drill,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Live => "live",
            Source::Panel => "panel",
            Source::Drill => "drill",
        }
    }
}

#[derive(Debug, Clone)]
pub struct QuestionInfo {
    pub summary: QuestionSummary,
    pub dimensions: Vec<(String, usize)>,
    /// Options and correct option of each quick check.
    pub quick_checks: Vec<(Vec<String>, usize)>,
}

#[derive(Debug, Clone)]
pub struct RatingRow {
    /// The performance scored (for drills: the session they replay).
    pub performance: Uuid,
    /// The session where the score was given.
    pub session: Uuid,
    pub candidate: String,
    pub question_id: Uuid,
    pub dimension: usize,
    pub interviewer_id: Uuid,
    pub interviewer: String,
    pub level: u8,
    pub stages_revealed: usize,
    pub at: DateTime<Utc>,
    pub source: Source,
}

#[derive(Debug, Clone)]
pub struct AnswerRow {
    pub session: Uuid,
    pub question_id: Uuid,
    pub check: usize,
    pub option: usize,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default)]
pub struct Dataset {
    pub ratings: Vec<RatingRow>,
    pub answers: Vec<AnswerRow>,
    /// Questions of each session that is not a drill (for item analysis: who was asked what).
    pub asked: Vec<(Uuid, Uuid)>,
    pub questions: HashMap<Uuid, QuestionInfo>,
}

fn info(detail: QuestionDetail) -> anyhow::Result<QuestionInfo> {
    let rubric: mockroom_api::Rubric = serde_json::from_str(&detail.rubric_json)?;
    let quick_checks = detail
        .quick_checks
        .iter()
        .map(|q| {
            let options: Vec<String> = serde_json::from_str(&q.options_json)?;
            Ok((options, usize::try_from(q.correct).unwrap_or(usize::MAX)))
        })
        .collect::<Result<Vec<_>, serde_json::Error>>()?;
    Ok(QuestionInfo {
        summary: detail.summary,
        dimensions: rubric
            .dimensions
            .into_iter()
            .map(|d| (d.name, d.levels.len()))
            .collect(),
        quick_checks,
    })
}

/// Folds the event rows (in session and log order) into ratings and answers.
/// Pure: `questions_of` maps a session to its questions in order.
pub fn fold(rows: &[CalibrationEventRow], questions_of: &HashMap<Uuid, Vec<Uuid>>) -> (Vec<RatingRow>, Vec<AnswerRow>) {
    // Latest level per (session, interviewer, question, dimension), as the room's fold keeps it.
    let mut latest: BTreeMap<(Uuid, Uuid, usize, usize), RatingRow> = BTreeMap::new();
    let mut answers = Vec::new();
    for row in rows {
        let Ok((actor, event)) = crate::room::log::decode_parts(row.seq, &row.actor, &row.payload, row.format) else {
            continue;
        };
        let mode = SessionMode::parse(&row.mode).unwrap_or_default();
        let question_id = |position: usize| questions_of.get(&row.session_id).and_then(|q| q.get(position)).copied();
        match (event, actor) {
            (
                RoomEvent::Scored {
                    question,
                    dimension,
                    level,
                    revealed,
                },
                Actor::Member { user_id, name, role },
            ) => {
                let Some(question_id) = question_id(question) else {
                    continue;
                };
                let source = match (mode, role) {
                    (SessionMode::Drill, _) => Source::Drill,
                    (SessionMode::Live, RoomRole::Interviewer) => Source::Live,
                    _ => Source::Panel,
                };
                latest.insert(
                    (row.session_id, user_id, question, dimension),
                    RatingRow {
                        performance: if mode == SessionMode::Drill {
                            row.source_session_id.unwrap_or(row.session_id)
                        } else {
                            row.session_id
                        },
                        session: row.session_id,
                        candidate: row.candidate_name.clone(),
                        question_id,
                        dimension,
                        interviewer_id: user_id,
                        interviewer: name,
                        level,
                        stages_revealed: revealed.len(),
                        at: row.at,
                        source,
                    },
                );
            }
            (
                RoomEvent::QuickCheckAnswered {
                    question,
                    check,
                    option,
                },
                Actor::Candidate { .. },
            ) if mode != SessionMode::Drill => {
                // A drill copies its source's answers; they are counted once, there.
                let Some(question_id) = question_id(question) else {
                    continue;
                };
                answers.push(AnswerRow {
                    session: row.session_id,
                    question_id,
                    check,
                    option,
                    at: row.at,
                });
            }
            _ => {}
        }
    }
    // The same interviewer scoring the same performance twice (live, then in a
    // drill): the later score stands, as a re-score would in the room.
    let mut by_performance: BTreeMap<(Uuid, Uuid, Uuid, usize), RatingRow> = BTreeMap::new();
    for r in latest.into_values() {
        let key = (r.performance, r.interviewer_id, r.question_id, r.dimension);
        match by_performance.get(&key) {
            Some(existing) if existing.at > r.at => {}
            _ => {
                by_performance.insert(key, r);
            }
        }
    }
    (by_performance.into_values().collect(), answers)
}

/// Everything calibration needs for a team.
pub async fn load(store: &Store, team_id: Uuid) -> anyhow::Result<Dataset> {
    let rows = store.calibration_events(team_id).await?;
    let mut questions_of: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    let mut drills = std::collections::HashSet::new();
    for (session, question, drill) in store.team_session_questions(team_id).await? {
        questions_of.entry(session).or_default().push(question);
        if drill {
            drills.insert(session);
        }
    }
    let (ratings, answers) = fold(&rows, &questions_of);
    let mut questions = HashMap::new();
    for id in questions_of.values().flatten() {
        if questions.contains_key(id) {
            continue;
        }
        if let Some(detail) = store.question_detail(team_id, *id).await? {
            questions.insert(*id, info(detail)?);
        }
    }
    let asked = questions_of
        .iter()
        .filter(|(session, _)| !drills.contains(session))
        .flat_map(|(session, qs)| qs.iter().map(move |q| (*session, *q)))
        .collect();
    Ok(Dataset {
        ratings,
        answers,
        asked,
        questions,
    })
}
