//! The rules of a timed mock (assigned by an interviewer, or a candidate's
//! own practice): the candidate drives. Starting a question shows its
//! statement (scenario, challenge, starting code) and fixes its deadline;
//! nothing past the statement can be revealed until the answer is submitted
//! or the time is up; answers after the deadline are kept and marked late.

use mockroom_api::{ClientMessage, RoomRole, SessionMode};

use super::content::{QuestionContent, SessionContent};
use super::event::{Actor, RoomEvent};
use super::state::{
    check_answer_language, check_answer_length, check_level, refuse, QuestionState, Refusal, RoomState,
};

/// The stages a started question shows at once: its statement (scenario,
/// challenge and a code exercise right after them), or its first stage for
/// a question with none of these.
pub fn opening_stages(question: &QuestionContent) -> Vec<usize> {
    match question.statement_len() {
        0 if !question.stages.is_empty() => vec![0],
        n => (0..n).collect(),
    }
}

/// Whether the candidate may still change the answer to `question`: started,
/// not handed in, and no stage beyond its statement out yet.
fn answer_open(question: &QuestionContent, state: &QuestionState) -> Result<(), Refusal> {
    if state.started_ms.is_none() {
        return Err(refuse("not_started", "start the question first"));
    }
    if state.submitted_ms.is_some() {
        return Err(refuse("locked", "this answer was submitted"));
    }
    let opening = opening_stages(question);
    if state.revealed.iter().any(|i| !opening.contains(i)) {
        // The model answers are out: the answer cannot change any more.
        return Err(refuse("locked", "the answer is closed once later stages are revealed"));
    }
    Ok(())
}

impl RoomState {
    pub(super) fn decide_mock(
        &self,
        content: &SessionContent,
        actor: &Actor,
        message: &ClientMessage,
        now_ms: i64,
    ) -> Result<Option<RoomEvent>, Refusal> {
        let candidate = actor.role() == RoomRole::Candidate;
        let question = |q: usize| self.question(content, q);
        let as_candidate = |what: &str| {
            if candidate {
                Ok(())
            } else {
                Err(refuse(
                    "forbidden",
                    format!("in a timed mock only the candidate does {what}"),
                ))
            }
        };
        let not_finished = || {
            if self.finished {
                Err(refuse("finished", "this mock is finished"))
            } else {
                Ok(())
            }
        };
        let event = match message {
            ClientMessage::StartQuestion { question: q } => {
                as_candidate("that")?;
                not_finished()?;
                let (c, s) = question(*q)?;
                if s.started_ms.is_some() {
                    // A reload or a second tab: the deadline stays as it was.
                    return Ok(None);
                }
                if let Some(open) = (0..*q).find(|&i| self.questions.get(i).is_some_and(|p| !p.closed(now_ms))) {
                    return Err(refuse(
                        "out_of_order",
                        format!("finish question {} first (submit it or let its time run out)", open + 1),
                    ));
                }
                RoomEvent::QuestionStarted {
                    question: *q,
                    started_ms: now_ms,
                    deadline_ms: now_ms + c.time_limit_ms,
                    revealed: opening_stages(c),
                }
            }
            ClientMessage::Answer { question: q, text } => {
                as_candidate("answering")?;
                not_finished()?;
                check_answer_length(text)?;
                let (c, s) = question(*q)?;
                answer_open(c, s)?;
                if *text == s.answer {
                    return Ok(None);
                }
                RoomEvent::Answered {
                    question: *q,
                    text: text.clone(),
                    late: s.deadline_ms().is_some_and(|d| now_ms >= d),
                }
            }
            ClientMessage::AnswerLanguage { question: q, language } => {
                as_candidate("answering")?;
                not_finished()?;
                check_answer_language(language)?;
                let (c, s) = question(*q)?;
                answer_open(c, s)?;
                if *language == s.answer_language {
                    return Ok(None);
                }
                RoomEvent::AnswerLanguageChosen {
                    question: *q,
                    language: language.clone(),
                }
            }
            ClientMessage::SubmitAnswer { question: q } => {
                as_candidate("that")?;
                not_finished()?;
                let (_, s) = question(*q)?;
                if s.started_ms.is_none() {
                    return Err(refuse("not_started", "start the question first"));
                }
                if s.submitted_ms.is_some() {
                    return Ok(None);
                }
                RoomEvent::AnswerSubmitted {
                    question: *q,
                    at_ms: now_ms,
                    late: s.deadline_ms().is_some_and(|d| now_ms >= d),
                }
            }
            ClientMessage::RevealNext => {
                as_candidate("revealing")?;
                let q = self.current;
                let (c, s) = question(q)?;
                if s.started_ms.is_none() || !s.closed(now_ms) {
                    return Err(refuse(
                        "answer_first",
                        "submit your answer (or let the time run out) before revealing more",
                    ));
                }
                // Without the answer key only the quick checks' questions remain to reveal.
                let stage = (0..c.stages.len())
                    .find(|&i| !s.revealed.contains(&i) && content.candidate_may_see(c, i))
                    .ok_or_else(|| refuse("nothing_to_reveal", "nothing more of this question can be revealed"))?;
                RoomEvent::Revealed { question: q, stage }
            }
            ClientMessage::SelfScore {
                question: q,
                dimension,
                level,
            } => {
                as_candidate("self-scoring")?;
                if content.mode != SessionMode::Practice {
                    return Err(refuse("forbidden", "your interviewer scores this mock"));
                }
                let (c, s) = question(*q)?;
                if s.started_ms.is_none() || !s.closed(now_ms) {
                    return Err(refuse("answer_first", "score yourself once the answer is in"));
                }
                check_level(c, *dimension, *level)?;
                RoomEvent::SelfScored {
                    question: *q,
                    dimension: *dimension,
                    level: *level,
                    revealed: s.revealed.iter().copied().collect(),
                }
            }
            ClientMessage::Finish => {
                as_candidate("that")?;
                if self.finished {
                    return Ok(None);
                }
                RoomEvent::Finished { at_ms: now_ms }
            }
            ClientMessage::QuickCheck { question: q, .. } => {
                as_candidate("quick checks")?;
                if question(*q)?.1.started_ms.is_none() {
                    return Err(refuse("not_started", "start the question first"));
                }
                return self.decide_live(content, actor, message, now_ms);
            }
            // Scoring, notes and recommendations work as in a live room
            // (interviewers reviewing an assigned mock).
            ClientMessage::Hello { .. }
            | ClientMessage::Ping
            | ClientMessage::Resync
            | ClientMessage::Score { .. }
            | ClientMessage::Note { .. }
            | ClientMessage::Recommend { .. }
            | ClientMessage::Submit => {
                if content.mode == SessionMode::Practice && !candidate {
                    return Err(refuse("forbidden", "practice mocks are private"));
                }
                return self.decide_live(content, actor, message, now_ms);
            }
            ClientMessage::Reveal { .. }
            | ClientMessage::Hide { .. }
            | ClientMessage::GoTo { .. }
            | ClientMessage::TimerStart
            | ClientMessage::TimerPause
            | ClientMessage::TimerResume
            | ClientMessage::TimerExtend { .. } => {
                return Err(refuse(
                    "forbidden",
                    "the candidate runs a timed mock at their own pace: no room controls",
                ));
            }
        };
        Ok(Some(event))
    }
}
