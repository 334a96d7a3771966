//! The rules of a live room: the interviewer drives (reveals, timer,
//! questions); the candidate answers; interviewers and panelists score.

use mockroom_api::{ClientMessage, RoomRole};

use super::content::SessionContent;
use super::event::{Actor, RoomEvent};
use super::state::{check_answer_language, check_answer_length, check_level, refuse, Refusal, RoomState, Timer};

impl RoomState {
    /// The rules of a live room: the interviewer drives.
    pub(super) fn decide_live(
        &self,
        content: &SessionContent,
        actor: &Actor,
        message: &ClientMessage,
        now_ms: i64,
    ) -> Result<Option<RoomEvent>, Refusal> {
        let role = actor.role();
        let controls = role == RoomRole::Interviewer;
        let scores = matches!(role, RoomRole::Interviewer | RoomRole::Panelist);
        let question = |q: usize| self.question(content, q);
        // Once the interview has ended it is over for everyone: the candidate's
        // work is final and the room (reveals, timer) is closed; scoring goes on.
        let after_the_end = matches!(
            message,
            ClientMessage::Hello { .. }
                | ClientMessage::Ping
                | ClientMessage::Resync
                | ClientMessage::Score { .. }
                | ClientMessage::Note { .. }
                | ClientMessage::Recommend { .. }
                | ClientMessage::Submit
                | ClientMessage::Finish
        );
        if self.finished && !after_the_end {
            return Err(refuse("finished", "the interview has ended"));
        }
        let need = |ok: bool, what: &str| {
            if ok {
                Ok(())
            } else {
                Err(refuse("forbidden", format!("{what} is not allowed for your role")))
            }
        };
        let event = match message {
            ClientMessage::Hello { .. } | ClientMessage::Ping | ClientMessage::Resync => return Ok(None),
            ClientMessage::RevealNext => {
                need(controls, "revealing")?;
                let (c, s) = question(self.current)?;
                let next = (0..c.stages.len()).find(|i| !s.revealed.contains(i));
                let stage =
                    next.ok_or_else(|| refuse("nothing_to_reveal", "every stage of this question is revealed"))?;
                RoomEvent::Revealed {
                    question: self.current,
                    stage,
                }
            }
            ClientMessage::Reveal { question: q, stage } => {
                need(controls, "revealing")?;
                let (c, s) = question(*q)?;
                if *stage >= c.stages.len() {
                    return Err(refuse("bad_stage", "no such stage"));
                }
                if s.revealed.contains(stage) {
                    return Ok(None);
                }
                RoomEvent::Revealed {
                    question: *q,
                    stage: *stage,
                }
            }
            ClientMessage::Hide { question: q, stage } => {
                need(controls, "hiding")?;
                let (_, s) = question(*q)?;
                if !s.revealed.contains(stage) {
                    return Ok(None);
                }
                RoomEvent::Hidden {
                    question: *q,
                    stage: *stage,
                }
            }
            ClientMessage::GoTo { question: q } => {
                need(controls, "changing the question")?;
                question(*q)?;
                RoomEvent::QuestionChanged { question: *q }
            }
            ClientMessage::TimerStart | ClientMessage::TimerResume => {
                need(controls, "the timer")?;
                let (_, s) = question(self.current)?;
                match s.timer {
                    Timer::Running { .. } => return Ok(None),
                    Timer::Stopped { remaining_ms } => {
                        let deadline_ms = now_ms + remaining_ms;
                        if matches!(message, ClientMessage::TimerStart) {
                            RoomEvent::TimerStarted {
                                question: self.current,
                                deadline_ms,
                            }
                        } else {
                            RoomEvent::TimerResumed {
                                question: self.current,
                                deadline_ms,
                            }
                        }
                    }
                }
            }
            ClientMessage::TimerPause => {
                need(controls, "the timer")?;
                let (_, s) = question(self.current)?;
                match s.timer {
                    Timer::Stopped { .. } => return Ok(None),
                    Timer::Running { deadline_ms } => RoomEvent::TimerPaused {
                        question: self.current,
                        remaining_ms: (deadline_ms - now_ms).max(0),
                    },
                }
            }
            ClientMessage::TimerExtend { seconds } => {
                need(controls, "the timer")?;
                if *seconds == 0 || *seconds > 3600 {
                    return Err(refuse("bad_extension", "extend by 1 to 3600 seconds"));
                }
                let by = i64::from(*seconds) * 1000;
                let (_, s) = question(self.current)?;
                match s.timer {
                    Timer::Running { deadline_ms } => {
                        // A deadline already passed extends from now, not from the past.
                        let deadline_ms = deadline_ms.max(now_ms) + by;
                        RoomEvent::TimerExtended {
                            question: self.current,
                            deadline_ms: Some(deadline_ms),
                            remaining_ms: deadline_ms - now_ms,
                        }
                    }
                    Timer::Stopped { remaining_ms } => RoomEvent::TimerExtended {
                        question: self.current,
                        deadline_ms: None,
                        remaining_ms: remaining_ms + by,
                    },
                }
            }
            ClientMessage::Answer { question: q, text } => {
                need(role == RoomRole::Candidate, "answering")?;
                question(*q)?;
                check_answer_length(text)?;
                RoomEvent::Answered {
                    question: *q,
                    text: text.clone(),
                    late: false,
                }
            }
            ClientMessage::AnswerLanguage { question: q, language } => {
                need(role == RoomRole::Candidate, "answering")?;
                let (_, s) = question(*q)?;
                check_answer_language(language)?;
                if *language == s.answer_language {
                    return Ok(None);
                }
                RoomEvent::AnswerLanguageChosen {
                    question: *q,
                    language: language.clone(),
                }
            }
            ClientMessage::QuickCheck {
                question: q,
                check,
                option,
            } => {
                need(role == RoomRole::Candidate, "answering quick checks")?;
                let (c, s) = question(*q)?;
                let qc = c
                    .quick_checks
                    .get(*check)
                    .ok_or_else(|| refuse("bad_check", "no such quick check"))?;
                let shown = c.check_stage(*check).is_some_and(|i| s.revealed.contains(&i));
                let explained = c.explanation_stage(*check).is_some_and(|i| s.revealed.contains(&i));
                if !shown {
                    return Err(refuse("bad_check", "no such quick check"));
                }
                if s.quick_checks.contains_key(check) || explained {
                    return Err(refuse("locked", "this quick check is closed"));
                }
                if *option >= qc.options.len() {
                    return Err(refuse("bad_option", "no such option"));
                }
                RoomEvent::QuickCheckAnswered {
                    question: *q,
                    check: *check,
                    option: *option,
                }
            }
            ClientMessage::Score {
                question: q,
                dimension,
                level,
            } => {
                need(scores, "scoring")?;
                let (c, s) = question(*q)?;
                check_level(c, *dimension, *level)?;
                RoomEvent::Scored {
                    question: *q,
                    dimension: *dimension,
                    level: *level,
                    revealed: s.revealed.iter().copied().collect(),
                }
            }
            ClientMessage::Note { question: q, text } => {
                need(scores, "notes")?;
                question(*q)?;
                if text.len() > 64 * 1024 {
                    return Err(refuse("too_long", "notes are limited to 64 KiB"));
                }
                RoomEvent::Noted {
                    question: *q,
                    text: text.clone(),
                }
            }
            ClientMessage::Recommend { value } => {
                need(scores, "recommendations")?;
                RoomEvent::Recommended { value: *value }
            }
            ClientMessage::Submit => {
                need(scores, "submitting scores")?;
                RoomEvent::Submitted
            }
            ClientMessage::Finish => {
                need(controls, "ending the interview")?;
                if self.finished {
                    return Ok(None);
                }
                RoomEvent::Finished { at_ms: now_ms }
            }
            ClientMessage::StartQuestion { .. }
            | ClientMessage::SubmitAnswer { .. }
            | ClientMessage::SelfScore { .. } => {
                return Err(refuse("not_a_mock", "only timed mocks take this message"));
            }
        };
        Ok(Some(event))
    }
}
