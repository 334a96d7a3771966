//! Live interview rooms: session set-up over REST, and the WebSocket protocol
//! (`/api/v1/sessions/{id}/ws`). Messages are JSON objects tagged by `type`;
//! the first client message is `hello` with [`ROOM_PROTOCOL_VERSION`].
//!
//! The server is authoritative: it stores each action as an event before
//! acknowledging it, then sends every participant a fresh view computed for
//! their role. A candidate's view holds only revealed stages.

use crate::from_json::FromJson;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::content::{QuestionSummary, Rubric, StageCode};

/// Version 2 sends the whole view once (`state`) and then `patch`es.
pub const ROOM_PROTOCOL_VERSION: u32 = 2;

/// The languages an answer can be written in, `(id, label)`: "plain" is
/// prose in a text box, the others get the code editor's highlighting
/// (`frontend/editor/src/editor.js` knows the same ids).
pub const ANSWER_LANGUAGES: &[(&str, &str)] = &[
    ("plain", "Plain text"),
    ("javascript", "JavaScript"),
    ("typescript", "TypeScript"),
    ("python", "Python"),
    ("rust", "Rust"),
    ("go", "Go"),
    ("java", "Java"),
    ("cpp", "C / C++"),
    ("sql", "SQL"),
    ("yaml", "YAML"),
    ("shell", "Shell"),
];

/// The answer language for a guide's code fence label (`tsx`, `bash`,
/// `py`…), if it is one an answer can be written in: a code exercise's
/// "start my answer from this code" switches the answer to it.
pub fn answer_language_of(fence: &str) -> Option<&'static str> {
    let id = match fence.trim().to_ascii_lowercase().as_str() {
        "javascript" | "js" | "jsx" | "mjs" | "cjs" | "node" => "javascript",
        "typescript" | "ts" | "tsx" | "mts" => "typescript",
        "python" | "py" | "python3" => "python",
        "rust" | "rs" => "rust",
        "go" | "golang" => "go",
        "java" => "java",
        "c" | "h" | "cpp" | "c++" | "cc" | "cxx" | "hpp" => "cpp",
        "sql" | "postgresql" | "psql" | "mysql" | "sqlite" => "sql",
        "yaml" | "yml" => "yaml",
        "shell" | "sh" | "bash" | "zsh" | "console" => "shell",
        _ => return None,
    };
    Some(id)
}

/// WebSocket close codes the server uses, with a short reason in the close
/// frame. Pages show a sentence for each; only [`close::RESTART`] and
/// abnormal closes (no close frame) are reconnected.
pub mod close {
    /// The client spoke a protocol version this server does not.
    pub const VERSION: u16 = 4000;
    /// The interviewer withdrew the candidate's link.
    pub const LINK_REVOKED: u16 = 4001;
    /// The candidate's link expired while they were connected.
    pub const LINK_EXPIRED: u16 = 4002;
    /// The participant may no longer be in this room (removed from the team).
    pub const ACCESS_REFUSED: u16 = 4003;
    /// Too many messages or bytes from this connection (RFC 6455 policy violation).
    pub const POLICY: u16 = 1008;
    /// A message above the size limit (RFC 6455 "message too big").
    pub const TOO_BIG: u16 = 1009;
    /// The server is restarting or draining: reconnect (possibly elsewhere).
    pub const RESTART: u16 = 1012;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RoomRole {
    /// Runs the room: reveals, timer, questions.
    Interviewer,
    /// Another interviewer of the team: scores and notes, no controls.
    Panelist,
    /// Watches; neither scores nor controls.
    Observer,
    Candidate,
}

impl RoomRole {
    /// As the API writes it (serde's name).
    pub fn as_str(self) -> &'static str {
        match self {
            RoomRole::Interviewer => "interviewer",
            RoomRole::Panelist => "panelist",
            RoomRole::Observer => "observer",
            RoomRole::Candidate => "candidate",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "interviewer" => Some(RoomRole::Interviewer),
            "panelist" => Some(RoomRole::Panelist),
            "observer" => Some(RoomRole::Observer),
            "candidate" => Some(RoomRole::Candidate),
            _ => None,
        }
    }
}

/// How a session runs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SessionMode {
    /// An interviewer runs the room and reveals stages.
    #[default]
    Live,
    /// A timed mock an interviewer assigned by link: the candidate works
    /// alone and sees stages past the challenge only after submitting.
    Assigned,
    /// A candidate's own timed mock, private to them.
    Practice,
    /// A calibration drill: interviewers score a finished session again,
    /// independently, from its recording.
    Drill,
}

impl SessionMode {
    pub fn as_str(self) -> &'static str {
        match self {
            SessionMode::Live => "live",
            SessionMode::Assigned => "assigned",
            SessionMode::Practice => "practice",
            SessionMode::Drill => "drill",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "live" => Some(SessionMode::Live),
            "assigned" => Some(SessionMode::Assigned),
            "practice" => Some(SessionMode::Practice),
            "drill" => Some(SessionMode::Drill),
            _ => None,
        }
    }

    /// The candidate drives: starts questions, submits, reveals after submitting.
    pub fn is_mock(self) -> bool {
        matches!(self, SessionMode::Assigned | SessionMode::Practice)
    }

    /// Nobody runs the room: no reveals, no timer (mocks and drills).
    pub fn without_controls(self) -> bool {
        !matches!(self, SessionMode::Live)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Recommendation {
    StrongNo,
    No,
    Yes,
    StrongYes,
}

impl Recommendation {
    /// As the API writes it (serde's name).
    pub fn as_str(self) -> &'static str {
        match self {
            Recommendation::StrongNo => "strong_no",
            Recommendation::No => "no",
            Recommendation::Yes => "yes",
            Recommendation::StrongYes => "strong_yes",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "strong_no" => Some(Recommendation::StrongNo),
            "no" => Some(Recommendation::No),
            "yes" => Some(Recommendation::Yes),
            "strong_yes" => Some(Recommendation::StrongYes),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SessionQuestionSpec {
    pub question_id: Uuid,
    /// Default by question type (Debugging 20 min, Architecture 30, Practical 25, others 20).
    #[serde(default)]
    pub time_limit_secs: Option<u32>,
}

#[derive(Debug, Clone, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateSessionRequest {
    pub candidate_name: String,
    #[serde(default)]
    pub candidate_email: Option<String>,
    /// In the order they will be asked.
    pub questions: Vec<SessionQuestionSpec>,
    /// Lifetime of the candidate's link; default 7 days, at most 30.
    #[serde(default)]
    pub invite_expires_in_hours: Option<u32>,
    /// `live` (default) or `assigned`: a timed mock the candidate takes alone
    /// through the link. (`practice` sessions are made under `/practice`.)
    #[serde(default)]
    pub mode: SessionMode,
    /// Assigned mocks: once an answer is handed in, may the candidate reveal
    /// the walkthrough, the junior/senior and model answers and the quick-check
    /// explanations (teams using assigned mocks as training)? Default `false`:
    /// the candidate sees only their own answers and whether each quick check
    /// was right. Live sessions ignore it; practice mocks always show everything.
    #[serde(default)]
    pub show_answer_key: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionSummary {
    pub id: Uuid,
    pub team_id: Uuid,
    /// The interviewer who set it up (and by default runs the room).
    pub created_by: Option<Uuid>,
    pub candidate_name: String,
    pub candidate_email: Option<String>,
    pub created_at: DateTime<Utc>,
    pub ended_at: Option<DateTime<Utc>>,
    pub question_count: i64,
    pub mode: SessionMode,
    /// Assigned mocks: the candidate may reveal the answer key after handing in.
    pub show_answer_key: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionQuestion {
    pub question: QuestionSummary,
    pub time_limit_secs: i64,
    pub rubric: Rubric,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionDetail {
    pub session: SessionSummary,
    pub questions: Vec<SessionQuestion>,
}

/// How a team member joins a room (`?role=` on the WebSocket URL).
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct JoinAs {
    /// interviewer, panelist or observer; default: interviewer for the
    /// session's creator, panelist for everyone else.
    #[serde(default)]
    pub role: Option<RoomRole>,
}

/// A candidate link. The token is shown once; only its hash is stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CandidateLink {
    pub token: String,
    pub url: String,
    pub expires_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedSession {
    pub session: SessionSummary,
    pub candidate_link: CandidateLink,
}

/// What a participant sends over the room's WebSocket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, FromJson)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum ClientMessage {
    /// First message: the protocol version the client speaks.
    Hello {
        version: u32,
    },
    /// Interviewer: reveal the next hidden stage of the current question.
    RevealNext,
    Reveal {
        question: usize,
        stage: usize,
    },
    Hide {
        question: usize,
        stage: usize,
    },
    GoTo {
        question: usize,
    },
    TimerStart,
    TimerPause,
    TimerResume,
    TimerExtend {
        seconds: u32,
    },
    /// Candidate: the free-text answer to a question (sent as it is typed).
    Answer {
        question: usize,
        text: String,
    },
    /// Candidate: the language the answer is written in, one of
    /// [`ANSWER_LANGUAGES`] ("plain" for prose); it picks the highlighting
    /// both sides see.
    AnswerLanguage {
        question: usize,
        language: String,
    },
    /// Candidate: locks in an option of a revealed quick check.
    QuickCheck {
        question: usize,
        check: usize,
        option: usize,
    },
    /// Interviewer or panelist: a level (1-based) on a rubric dimension.
    Score {
        question: usize,
        dimension: usize,
        level: u8,
    },
    Note {
        question: usize,
        text: String,
    },
    Recommend {
        value: Recommendation,
    },
    Submit,
    /// Candidate in a timed mock: start question `question` (fixes its deadline).
    StartQuestion {
        question: usize,
    },
    /// Candidate in a timed mock: hand in the answer (late if past the deadline).
    SubmitAnswer {
        question: usize,
    },
    /// Candidate in a practice mock: their own level on a rubric dimension.
    SelfScore {
        question: usize,
        dimension: usize,
        level: u8,
    },
    /// Candidate in a timed mock: done with the whole mock.
    Finish,
    Ping,
    /// The client's copy went astray (a patch did not fit, or a gap in
    /// `seq`): send the whole view again.
    Resync,
}

/// What the server sends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerMessage {
    /// The participant's whole view as of event `seq`: sent first, and
    /// again when the client asks to `resync`.
    State {
        seq: i64,
        view: RoomView,
    },
    /// What changed in the participant's view since the view of event `from`
    /// (the one they hold) up to event `seq` (also sent when only time moved
    /// on: then `from == seq`). A client whose copy is not at `from` asks to
    /// `resync`.
    Patch {
        from: i64,
        seq: i64,
        ops: Vec<crate::patch::PatchOp>,
    },
    Error {
        code: String,
        message: String,
    },
    Pong,
}

/// Tagged by `audience` (not `role`: an interviewer's view has a `role`
/// field of its own, and the two keys would collide).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, FromJson)]
#[serde(tag = "audience", rename_all = "snake_case")]
pub enum RoomView {
    Candidate(CandidateView),
    Interviewer(InterviewerView),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, FromJson)]
pub struct TimerView {
    pub question: usize,
    pub limit_ms: i64,
    pub running: bool,
    /// While running: when time is up (ms since the epoch, UTC).
    pub deadline_ms: Option<i64>,
    /// While paused or not started: time left.
    pub remaining_ms: i64,
    /// The server's clock when this view was made, to correct client skew.
    pub server_now_ms: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, FromJson)]
pub struct Participant {
    pub name: String,
    pub role: RoomRole,
    pub connected: bool,
}

/// A stage as shown in a room.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, FromJson)]
pub struct RoomStage {
    pub index: usize,
    pub kind: String,
    pub title: String,
    pub html: String,
    /// Code exercises: the code an answer may start from (also in `html`,
    /// highlighted). Absent for every other stage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<StageCode>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, FromJson)]
pub struct CandidateQuickCheck {
    pub check: usize,
    pub options: Vec<String>,
    pub chosen: Option<usize>,
    /// The correct option, once the candidate may know it: live rooms once
    /// answered and the explanation is revealed; practice mocks (and assigned
    /// mocks that show the answer key) once answered. Never otherwise.
    pub correct: Option<usize>,
    /// Whether the candidate's choice was right, once graded (mocks grade at
    /// once, even when the correct option itself stays hidden).
    pub right: Option<bool>,
    /// Answering closes once answered or once the explanation is out.
    pub open: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, FromJson)]
pub struct CandidateQuestion {
    pub index: usize,
    /// Shown once the question's first stage is revealed.
    pub title: Option<String>,
    pub stages: Vec<RoomStage>,
    pub quick_checks: Vec<CandidateQuickCheck>,
    pub answer: String,
    /// An id of [`ANSWER_LANGUAGES`]; empty until the candidate picks one
    /// (plain text).
    #[serde(default)]
    pub answer_language: String,
    /// Timed mocks: how the question stands for the candidate.
    pub mock: Option<MockProgress>,
}

/// A question of a timed mock as its candidate sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, FromJson)]
pub struct MockProgress {
    pub time_limit_ms: i64,
    /// Fixed by the server when the question starts.
    pub started_ms: Option<i64>,
    pub deadline_ms: Option<i64>,
    /// When the answer was handed in (ms since the epoch).
    pub submitted_ms: Option<i64>,
    /// Some of the answer arrived after the deadline (it is kept).
    pub late: bool,
    /// The answer is closed (submitted or out of time): stages may be revealed.
    pub closed: bool,
    /// Stages still hidden (their text is not sent).
    pub hidden_stages: usize,
    /// Practice mocks, once closed: the rubric to score oneself on.
    pub rubric: Option<Rubric>,
    /// `(dimension, level)` of the candidate's own scores.
    pub self_scores: Vec<(usize, u8)>,
}

/// Everything a candidate's connection ever carries: revealed stages only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, FromJson)]
pub struct CandidateView {
    pub mode: SessionMode,
    /// The session is over: the candidate finished the mock, or the
    /// interviewer ended the live interview. The candidate's work is final.
    pub finished: bool,
    /// Assigned mocks: whether the answer key opens after handing in.
    pub show_answer_key: bool,
    pub candidate_name: String,
    /// The team that runs the interview, for the welcome screen.
    #[serde(default)]
    pub team_name: String,
    /// Who interviews, by the names they gave: the session's interviewer,
    /// then anyone else scoring in the room. Names only.
    #[serde(default)]
    pub interviewers: Vec<String>,
    /// The questions' planned time together (their time limits), so the
    /// candidate knows how long it will take before anything is revealed.
    #[serde(default)]
    pub planned_ms: i64,
    pub current_question: usize,
    pub question_count: usize,
    pub questions: Vec<CandidateQuestion>,
    pub timer: TimerView,
    pub participants: Vec<Participant>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, FromJson)]
pub struct InterviewerStage {
    pub index: usize,
    pub kind: String,
    pub title: String,
    pub html: String,
    pub revealed: bool,
    pub quick_check: Option<usize>,
    /// Code exercises: the code the candidate may start their answer from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<StageCode>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, FromJson)]
pub struct QuickCheckResult {
    pub check: usize,
    pub options: Vec<String>,
    pub correct: usize,
    pub chosen: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, FromJson)]
pub struct RubricScore {
    pub interviewer: String,
    pub dimension: usize,
    pub level: u8,
    /// Stages revealed when the score was given.
    pub revealed: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, FromJson)]
pub struct InterviewerQuestion {
    pub index: usize,
    pub question: QuestionSummary,
    pub stages: Vec<InterviewerStage>,
    /// The next hidden stage, for the console's preview.
    pub next_stage: Option<usize>,
    pub quick_checks: Vec<QuickCheckResult>,
    pub answer: String,
    /// The language the candidate writes the answer in (see [`CandidateQuestion`]).
    #[serde(default)]
    pub answer_language: String,
    pub rubric: Rubric,
    pub my_scores: Vec<RubricScore>,
    /// Other interviewers' scores: empty until this interviewer has submitted.
    pub other_scores: Vec<RubricScore>,
    pub my_note: String,
    /// Timed mocks: time the candidate used on it (start to submit, or to the
    /// deadline if they never submitted), and whether any answer came late.
    pub time_used_ms: Option<i64>,
    pub late: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, FromJson)]
pub struct InterviewerView {
    pub mode: SessionMode,
    /// The session is over (mock finished, or live interview ended).
    pub finished: bool,
    pub role: RoomRole,
    pub candidate_name: String,
    pub current_question: usize,
    pub questions: Vec<InterviewerQuestion>,
    pub timer: TimerView,
    pub participants: Vec<Participant>,
    pub my_recommendation: Option<Recommendation>,
    pub submitted: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fence_labels_map_to_listed_answer_languages_only() {
        for (fence, id) in [
            ("tsx", "typescript"),
            ("JS", "javascript"),
            ("bash", "shell"),
            ("py", "python"),
            ("c++", "cpp"),
        ] {
            assert_eq!(answer_language_of(fence), Some(id), "{fence}");
        }
        for fence in ["", "text", "diff", "dockerfile", "plain"] {
            assert_eq!(answer_language_of(fence), None, "{fence}");
        }
        // Every listed language (prose aside) is its own fence label.
        for (l, _) in ANSWER_LANGUAGES.iter().filter(|(l, _)| *l != "plain") {
            assert_eq!(answer_language_of(l), Some(*l));
        }
    }

    /// `as_str` and `parse` agree with serde on every variant: each type's
    /// variants in a chain whose match fails to compile when a variant is
    /// added, until it is put in the chain (and so in the test).
    #[test]
    fn names_are_serdes() {
        let roles = std::iter::successors(Some(RoomRole::Interviewer), |r| match r {
            RoomRole::Interviewer => Some(RoomRole::Panelist),
            RoomRole::Panelist => Some(RoomRole::Observer),
            RoomRole::Observer => Some(RoomRole::Candidate),
            RoomRole::Candidate => None,
        });
        for role in roles {
            assert_eq!(serde_json::to_value(role).expect("serialise"), role.as_str());
            assert_eq!(RoomRole::parse(role.as_str()), Some(role));
        }
        let recommendations = std::iter::successors(Some(Recommendation::StrongNo), |r| match r {
            Recommendation::StrongNo => Some(Recommendation::No),
            Recommendation::No => Some(Recommendation::Yes),
            Recommendation::Yes => Some(Recommendation::StrongYes),
            Recommendation::StrongYes => None,
        });
        for r in recommendations {
            assert_eq!(serde_json::to_value(r).expect("serialise"), r.as_str());
            assert_eq!(Recommendation::parse(r.as_str()), Some(r));
        }
        assert_eq!(RoomRole::parse("Interviewer"), None);
        assert_eq!(Recommendation::parse("strong no"), None);
    }

    /// Both views must survive a JSON round trip: the browser decodes them.
    #[test]
    fn views_round_trip() {
        let timer = TimerView {
            question: 0,
            limit_ms: 1,
            running: false,
            deadline_ms: None,
            remaining_ms: 1,
            server_now_ms: 2,
        };
        let interviewer = RoomView::Interviewer(InterviewerView {
            mode: SessionMode::Assigned,
            finished: false,
            role: RoomRole::Panelist,
            candidate_name: "C".into(),
            current_question: 0,
            questions: vec![],
            timer: timer.clone(),
            participants: vec![],
            my_recommendation: Some(Recommendation::Yes),
            submitted: false,
        });
        let candidate = RoomView::Candidate(CandidateView {
            mode: SessionMode::Practice,
            finished: true,
            show_answer_key: false,
            candidate_name: "C".into(),
            team_name: "T".into(),
            interviewers: vec!["I".into()],
            planned_ms: 60_000,
            current_question: 0,
            question_count: 1,
            questions: vec![],
            timer,
            participants: vec![],
        });
        for view in [interviewer, candidate] {
            let message = ServerMessage::State { seq: 3, view };
            let json = serde_json::to_string(&message).expect("serialise");
            let back: ServerMessage = serde_json::from_str(&json).expect(&json);
            assert_eq!(back, message);
        }
    }
}
