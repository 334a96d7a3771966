//! The browser reads every answer of the API, and every view its sockets
//! hold, with `mockroom_api::FromJson` (derived from the same `#[serde]`
//! attributes) instead of serde's decoders, which weigh a tenth of its WASM.
//! The tests hold the two to each other: in the API suite, each successful
//! answer of an endpoint the browser reads (the table below, as
//! `frontend/src/api.rs` types them), and in every suite with a room client
//! (API, browser, instances), each view it holds, must read the same by
//! both, or the test fails.

#![allow(dead_code)]

use mockroom_api::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

type Check = fn(&Value) -> Result<(), String>;

/// `T` read by serde and by `FromJson` from `value`: the same, or why not.
pub fn agrees<T: DeserializeOwned + Serialize + FromJson>(value: &Value) -> Result<(), String> {
    let by_serde: T = serde_json::from_value(value.clone())
        .map_err(|e| format!("serde refuses it as {}: {e}", std::any::type_name::<T>()))?;
    let by_hand = T::from_json(value)
        .ok_or_else(|| format!("FromJson refuses what serde reads as {}", std::any::type_name::<T>()))?;
    let (a, b) = (serde_json::to_value(by_hand), serde_json::to_value(by_serde));
    match (a, b) {
        (Ok(a), Ok(b)) if a == b => Ok(()),
        (a, b) => Err(format!("FromJson read {a:?}, serde {b:?}")),
    }
}

/// The endpoints the browser reads an answer from, and what it reads it as.
const READERS: &[(&str, &str, Check)] = &[
    ("GET", "/api/v1/me", agrees::<Me>),
    ("DELETE", "/api/v1/me", agrees::<()>),
    ("GET", "/api/v1/auth/registration", agrees::<RegistrationInfo>),
    ("POST", "/api/v1/auth/register", agrees::<Me>),
    ("POST", "/api/v1/auth/login", agrees::<Me>),
    ("POST", "/api/v1/auth/logout", agrees::<()>),
    ("GET", "/api/v1/teams/{team}", agrees::<Team>),
    ("PATCH", "/api/v1/teams/{team}", agrees::<Team>),
    ("GET", "/api/v1/teams/{team}/members", agrees::<Vec<Member>>),
    ("PATCH", "/api/v1/teams/{team}/members/{user}", agrees::<Member>),
    ("DELETE", "/api/v1/teams/{team}/members/{user}", agrees::<()>),
    ("GET", "/api/v1/teams/{team}/invites", agrees::<Vec<Invite>>),
    ("POST", "/api/v1/teams/{team}/invites", agrees::<CreatedInvite>),
    ("DELETE", "/api/v1/teams/{team}/invites/{invite}", agrees::<()>),
    ("GET", "/api/v1/teams/{team}/packs", agrees::<Vec<PackSummary>>),
    ("POST", "/api/v1/teams/{team}/packs", agrees::<ImportPackResponse>),
    ("GET", "/api/v1/teams/{team}/questions", agrees::<QuestionList>),
    ("GET", "/api/v1/teams/{team}/questions/{id}", agrees::<QuestionPreview>),
    ("GET", "/api/v1/teams/{team}/sessions", agrees::<Vec<SessionSummary>>),
    ("POST", "/api/v1/teams/{team}/sessions", agrees::<CreatedSession>),
    (
        "GET",
        "/api/v1/teams/{team}/sessions/{session}",
        agrees::<SessionDetail>,
    ),
    (
        "GET",
        "/api/v1/teams/{team}/sessions/{session}/timeline",
        agrees::<Vec<TimelineEntry>>,
    ),
    (
        "GET",
        "/api/v1/teams/{team}/sessions/{session}/replay",
        agrees::<InterviewerView>,
    ),
    (
        "POST",
        "/api/v1/teams/{team}/sessions/{session}/candidate-link",
        agrees::<CandidateLink>,
    ),
    (
        "DELETE",
        "/api/v1/teams/{team}/sessions/{session}/candidate-link",
        agrees::<()>,
    ),
    ("GET", "/api/v1/invites/{token}", agrees::<InvitePreview>),
    ("POST", "/api/v1/invites/{token}/accept", agrees::<Membership>),
    ("GET", "/api/v1/practice/options/{team}", agrees::<PracticeOptions>),
    ("POST", "/api/v1/practice/draw", agrees::<Draw>),
    ("POST", "/api/v1/practice/mocks", agrees::<PracticeSummary>),
    ("GET", "/api/v1/practice/history", agrees::<PracticeHistory>),
    ("GET", "/api/v1/reviews", agrees::<ReviewQueue>),
    ("POST", "/api/v1/reviews/answer", agrees::<ReviewOutcome>),
    ("GET", "/api/v1/teams/{team}/calibration", agrees::<CalibrationReport>),
    (
        "GET",
        "/api/v1/teams/{team}/calibration/drills",
        agrees::<Vec<DrillSummary>>,
    ),
    (
        "POST",
        "/api/v1/teams/{team}/calibration/drills",
        agrees::<DrillSummary>,
    ),
];

/// Whether `path` (no query) fits `template` (`{name}` matches one segment).
fn fits(template: &str, path: &str) -> bool {
    let (t, p): (Vec<_>, Vec<_>) = (template.split('/').collect(), path.split('/').collect());
    t.len() == p.len()
        && t.iter()
            .zip(&p)
            .all(|(t, p)| (t.starts_with('{') && !p.is_empty()) || t == p)
}

/// Checks a successful answer the browser would read; panics with the
/// endpoint and the body if the two readers disagree.
pub fn check_answer(method: &str, path: &str, status: u16, body: &Value) {
    if !(200..300).contains(&status) {
        return;
    }
    let path = path.split('?').next().unwrap_or(path);
    if let Some((_, template, check)) = READERS.iter().find(|(m, t, _)| *m == method && fits(t, path)) {
        if let Err(why) = check(body) {
            panic!("{method} {path} (as {template}): {why}\n{body}");
        }
    }
}

/// Checks the answer of a refused guide (422), which the upload page reads.
pub fn check_refused_guide(body: &Value) {
    if let Err(why) = agrees::<ContentErrorBody>(body) {
        panic!("a refused guide's answer: {why}\n{body}");
    }
}

/// Checks a view a room client holds, as the browser's socket reads it.
pub fn check_view(view: &Value) {
    if let Err(why) = agrees::<RoomView>(view) {
        panic!("a room view: {why}\n{view}");
    }
}
