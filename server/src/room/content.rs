//! The questions of a session as the room needs them: loaded once per room,
//! with each question's stages shared by every room that asks it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use mockroom_api::{QuestionSummary, Rubric, SessionMode, SessionSummary, StageCode};
use uuid::Uuid;

use crate::store::Store;

#[derive(Debug, Clone)]
pub struct StageContent {
    pub kind: String,
    pub title: String,
    pub html: String,
    /// Quick-check stages and their explanations: which quick check.
    pub quick_check: Option<usize>,
    /// Code exercises: the code an answer may start from.
    pub code: Option<StageCode>,
}

#[derive(Debug, Clone)]
pub struct QuickCheckContent {
    pub options: Vec<String>,
    pub correct: usize,
}

/// A question in a session. The stage texts are shared (`Arc`) between all
/// rooms that use the same question, so a thousand rooms on one question hold
/// its HTML once.
#[derive(Debug, Clone)]
pub struct QuestionContent {
    pub summary: QuestionSummary,
    pub time_limit_ms: i64,
    pub stages: Arc<Vec<StageContent>>,
    pub quick_checks: Arc<Vec<QuickCheckContent>>,
    pub rubric: Arc<Rubric>,
}

impl QuestionContent {
    /// Index of the explanation stage of quick check `check`.
    pub fn explanation_stage(&self, check: usize) -> Option<usize> {
        self.stages
            .iter()
            .position(|s| s.kind == "quick_check_explanation" && s.quick_check == Some(check))
    }

    pub fn check_stage(&self, check: usize) -> Option<usize> {
        self.stages
            .iter()
            .position(|s| s.kind == "quick_check" && s.quick_check == Some(check))
    }

    /// How many leading stages state the question: the scenario and the
    /// challenge, and a code exercise right after them (the code the
    /// candidate starts from). A code exercise further on sits in the
    /// walkthrough, where its code is usually the fix.
    pub fn statement_len(&self) -> usize {
        self.stages
            .iter()
            .take_while(|s| matches!(s.kind.as_str(), "scenario" | "challenge" | "code_exercise"))
            .count()
    }

    /// Whether stage `i` asks rather than answers: part of the statement,
    /// or a quick check's question.
    pub fn asks(&self, i: usize) -> bool {
        i < self.statement_len() || self.stages.get(i).is_some_and(|s| s.kind == "quick_check")
    }
}

#[derive(Debug, Clone)]
pub struct SessionContent {
    pub mode: SessionMode,
    /// Practice mocks: the candidate whose mock it is (their quick-check
    /// answers feed their review queue).
    pub practice_owner: Option<Uuid>,
    /// Assigned mocks: the answer key opens after handing in (see [`Self::answer_key_open`]).
    pub show_answer_key: bool,
    pub candidate_name: String,
    /// The team's name and the display name of the member who set the
    /// session up: the candidate's welcome screen says who they will meet.
    pub team_name: String,
    pub interviewer_name: Option<String>,
    pub questions: Vec<QuestionContent>,
}

impl SessionContent {
    /// May the candidate learn the answer key (walkthrough sections,
    /// junior/senior and model answers, quick-check explanations and correct
    /// options)? Live rooms: the interviewer decides by revealing. Practice:
    /// always, that is its purpose. Assigned mocks: only if the team chose so.
    pub fn answer_key_open(&self) -> bool {
        self.mode != SessionMode::Assigned || self.show_answer_key
    }

    /// Whether stage `stage` of `question` may ever reach the candidate of
    /// this session: without the answer key, only what asks (see
    /// [`QuestionContent::asks`]).
    pub fn candidate_may_see(&self, question: &QuestionContent, stage: usize) -> bool {
        self.answer_key_open() || question.asks(stage)
    }
}

/// The shared, immutable part of a question: what every room asking it reads.
#[derive(Clone)]
struct SharedQuestion {
    stages: Arc<Vec<StageContent>>,
    quick_checks: Arc<Vec<QuickCheckContent>>,
    rubric: Arc<Rubric>,
}

/// Question content by question id, held while some room uses it.
#[derive(Default)]
pub struct ContentCache {
    questions: Mutex<HashMap<Uuid, SharedQuestion>>,
}

impl ContentCache {
    /// The content of `session` (of its team), questions in order.
    pub async fn load(&self, store: &Store, session: SessionSummary) -> anyhow::Result<SessionContent> {
        let (team_id, session_id) = (session.team_id, session.id);
        let mut questions = Vec::new();
        for (question_id, limit_secs) in store.interview_questions(session_id).await? {
            let gone = || anyhow::anyhow!("question {question_id} of session {session_id} is gone");
            let cached = {
                let mut cache = self.questions.lock().unwrap_or_else(|p| p.into_inner());
                // Forget questions that only the cache still holds.
                cache.retain(|_, q| Arc::strong_count(&q.stages) > 1);
                cache.get(&question_id).cloned()
            };
            // Another room already holds the stages: only the summary is read.
            let (summary, shared) = match cached {
                Some(shared) => (
                    store.question_summary(team_id, question_id).await?.ok_or_else(gone)?,
                    shared,
                ),
                None => {
                    let detail = store.question_detail(team_id, question_id).await?.ok_or_else(gone)?;
                    let quick_checks = detail
                        .quick_checks
                        .iter()
                        .map(|q| {
                            Ok(QuickCheckContent {
                                options: serde_json::from_str(&q.options_json)?,
                                correct: usize::try_from(q.correct).unwrap_or(0),
                            })
                        })
                        .collect::<Result<Vec<_>, serde_json::Error>>()?;
                    let stages = detail
                        .stages
                        .into_iter()
                        .map(|s| StageContent {
                            kind: s.kind,
                            title: s.title,
                            html: s.html,
                            quick_check: s.quick_check.and_then(|i| usize::try_from(i).ok()),
                            code: s.code.map(|code| StageCode {
                                language: s.code_language.unwrap_or_default(),
                                code,
                            }),
                        })
                        .collect();
                    let shared = SharedQuestion {
                        stages: Arc::new(stages),
                        quick_checks: Arc::new(quick_checks),
                        rubric: Arc::new(serde_json::from_str(&detail.rubric_json)?),
                    };
                    let mut cache = self.questions.lock().unwrap_or_else(|p| p.into_inner());
                    cache.insert(question_id, shared.clone());
                    (detail.summary, shared)
                }
            };
            questions.push(QuestionContent {
                summary,
                time_limit_ms: limit_secs * 1000,
                stages: shared.stages,
                quick_checks: shared.quick_checks,
                rubric: shared.rubric,
            });
        }
        let team_name = store.team(team_id).await?.map(|t| t.name).unwrap_or_default();
        // A practice mock's creator is its own candidate: nobody interviews.
        let interviewer_name = match session.created_by {
            Some(id) if session.mode != SessionMode::Practice => store.user_by_id(id).await?.map(|u| u.display_name),
            _ => None,
        };
        Ok(SessionContent {
            mode: session.mode,
            show_answer_key: session.show_answer_key,
            practice_owner: store.practice_owner(session_id).await?,
            candidate_name: session.candidate_name,
            team_name,
            interviewer_name,
            questions,
        })
    }
}
