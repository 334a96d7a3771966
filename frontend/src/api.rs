//! Typed client of the Mockroom API. Error responses are decoded into
//! [`ApiError`] so pages can show the server's own message.

use std::cell::RefCell;

use mockroom_api::*;
use serde::Serialize;
use uuid::Uuid;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub status: u16,
    pub code: String,
    pub message: String,
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// So that pages can hand API errors to an `ErrorBoundary`.
impl std::error::Error for ApiError {}

impl ApiError {
    fn network(err: impl std::fmt::Display) -> Self {
        ApiError {
            status: 0,
            code: "network".into(),
            message: format!("cannot reach the server: {err}"),
        }
    }

    /// A failure of the browser's `fetch` (offline, refused, aborted).
    fn fetch(err: JsValue) -> Self {
        let why = err
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .or_else(|| err.as_string())
            .unwrap_or_else(|| "the request failed".into());
        ApiError::network(why)
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

thread_local! {
    /// CSRF token of the current session, sent on every mutation.
    static CSRF: RefCell<Option<String>> = const { RefCell::new(None) };
}

pub fn set_csrf(token: Option<String>) {
    CSRF.with(|c| *c.borrow_mut() = token);
}

/// A request to send: its method and address.
struct Request {
    method: &'static str,
    url: String,
}

impl Request {
    fn get(url: &str) -> Request {
        Request::new("GET", url)
    }
    fn post(url: &str) -> Request {
        Request::new("POST", url)
    }
    fn patch(url: &str) -> Request {
        Request::new("PATCH", url)
    }
    fn delete(url: &str) -> Request {
        Request::new("DELETE", url)
    }
    fn new(method: &'static str, url: &str) -> Request {
        Request {
            method,
            url: url.to_owned(),
        }
    }
}

/// Sends a request through the browser's `fetch` (with a JSON body if there
/// is one, and the session's CSRF token) and reads the answer's status and
/// text. The one place that awaits the network: it is compiled once, where a
/// generic `send::<T>` would be compiled again for every answer type the app
/// reads (which weighed several KiB of WASM each). `fetch` is called through
/// web-sys directly: gloo-net's client carried stream support the app never
/// uses, in every page and in the candidate's room.
async fn exchange(request: Request, json: Option<String>) -> ApiResult<(u16, String)> {
    let headers = web_sys::Headers::new().map_err(ApiError::fetch)?;
    if let Some(token) = CSRF.with(|c| c.borrow().clone()) {
        headers.set(CSRF_HEADER, &token).map_err(ApiError::fetch)?;
    }
    let init = web_sys::RequestInit::new();
    init.set_method(request.method);
    if let Some(body) = json {
        headers
            .set("content-type", "application/json")
            .map_err(ApiError::fetch)?;
        init.set_body(&JsValue::from_str(&body));
    }
    init.set_headers(&headers);
    let window = web_sys::window().ok_or_else(|| ApiError::network("no window"))?;
    let sent = window.fetch_with_str_and_init(&request.url, &init);
    let response: web_sys::Response = JsFuture::from(sent)
        .await
        .and_then(JsCast::dyn_into)
        .map_err(ApiError::fetch)?;
    let text = JsFuture::from(response.text().map_err(ApiError::fetch)?)
        .await
        .map_err(ApiError::fetch)?;
    Ok((response.status(), text.as_string().unwrap_or_default()))
}

/// A successful answer as `T`; otherwise the server's error. Read from a
/// JSON value by `#[derive(FromJson)]` (`mockroom_api::from_json`), not by
/// serde's derived decoders: those, a visitor and field matcher per type and
/// per list of it, were about a tenth of the application's WASM.
fn parse<T: FromJson>((status, text): (u16, String)) -> ApiResult<T> {
    if !(200..300).contains(&status) {
        return Err(error_of(status, &text));
    }
    let value = if text.is_empty() {
        Some(serde_json::Value::Null)
    } else {
        serde_json::from_str::<serde_json::Value>(&text).ok()
    };
    value.as_ref().and_then(T::from_json).ok_or_else(|| ApiError {
        status,
        code: "decode".into(),
        message: "unexpected answer from the server".into(),
    })
}

/// The server's error (`ErrorBody`), read from a JSON value rather than by
/// its derived decoder: in the candidate's room, which decodes nothing else
/// with serde, that decoder alone brought in serde_json's machinery for type
/// errors (with a float formatter and its tables).
fn error_of(status: u16, text: &str) -> ApiError {
    let body = serde_json::from_str::<serde_json::Value>(text).ok();
    let detail = |key: &str| body.as_ref()?.get("error")?.get(key)?.as_str().map(str::to_owned);
    match (detail("code"), detail("message")) {
        (Some(code), Some(message)) => ApiError { status, code, message },
        _ => ApiError {
            status,
            code: "http".into(),
            message: format!("the server answered {status}"),
        },
    }
}

/// A token or id taken from the page's address, as one segment of an API
/// path: `/join/a/b` asks for the link `a/b`, which does not exist, rather
/// than for another endpoint.
fn segment(token: &str) -> String {
    js_sys::encode_uri_component(token).into()
}

fn url(path: &str) -> String {
    format!("{API_PREFIX}{path}")
}

// Addresses the browser opens itself (WebSockets, documents and downloads).

/// A candidate's live room, by the token of their link.
pub fn room_socket(token: &str) -> String {
    url(&format!("/rooms/{}/ws", segment(token)))
}

/// A practice mock of the signed-in candidate.
pub fn practice_socket(mock: &str) -> String {
    url(&format!("/practice/mocks/{}/ws", segment(mock)))
}

/// The console's room; `role` is empty or a query such as `?role=observer`.
pub fn console_socket(team: &str, session: &str, role: &str) -> String {
    url(&format!("{}/ws{role}", session_path(team, session)))
}

/// `/teams/{team}/sessions/{session}` for ids taken from the address: each
/// goes in as one encoded segment, so that a crafted link (`..%2F..` in an
/// id) cannot point the console's requests, mutations included, at another
/// endpoint of the API.
fn session_path(team: &str, session: &str) -> String {
    format!("/teams/{}/sessions/{}", segment(team), segment(session))
}

/// The printable scorecard; `.csv` after it is the CSV export.
pub fn scorecard(team: impl std::fmt::Display, session: impl std::fmt::Display) -> String {
    url(&format!(
        "{}/scorecard",
        session_path(&team.to_string(), &session.to_string())
    ))
}

async fn get<T: FromJson>(path: &str) -> ApiResult<T> {
    parse(exchange(Request::get(&url(path)), None).await?)
}

/// `GET path` succeeds; its answer unread.
async fn opens(path: &str) -> ApiResult<()> {
    match exchange(Request::get(&url(path)), None).await? {
        (200..=299, _) => Ok(()),
        (status, text) => Err(error_of(status, &text)),
    }
}

async fn send_json<B: Serialize, T: FromJson>(request: Request, body: &B) -> ApiResult<T> {
    let body = serde_json::to_string(body).map_err(ApiError::network)?;
    parse(exchange(request, Some(body)).await?)
}

async fn send_empty<T: FromJson>(request: Request) -> ApiResult<T> {
    parse(exchange(request, None).await?)
}

pub async fn me() -> ApiResult<Me> {
    get("/me").await
}

pub async fn registration_info() -> ApiResult<RegistrationInfo> {
    get("/auth/registration").await
}

pub async fn register(req: &RegisterRequest) -> ApiResult<Me> {
    send_json(Request::post(&url("/auth/register")), req).await
}

pub async fn login(req: &LoginRequest) -> ApiResult<Me> {
    send_json(Request::post(&url("/auth/login")), req).await
}

pub async fn logout() -> ApiResult<()> {
    send_empty(Request::post(&url("/auth/logout"))).await
}

pub async fn team(id: Uuid) -> ApiResult<Team> {
    get(&format!("/teams/{id}")).await
}

pub async fn update_team(id: Uuid, req: &UpdateTeamRequest) -> ApiResult<Team> {
    send_json(Request::patch(&url(&format!("/teams/{id}"))), req).await
}

pub async fn members(team: Uuid) -> ApiResult<Vec<Member>> {
    get(&format!("/teams/{team}/members")).await
}

pub async fn change_role(team: Uuid, user: Uuid, role: Role) -> ApiResult<Member> {
    send_json(
        Request::patch(&url(&format!("/teams/{team}/members/{user}"))),
        &ChangeRoleRequest { role },
    )
    .await
}

pub async fn remove_member(team: Uuid, user: Uuid) -> ApiResult<()> {
    send_empty(Request::delete(&url(&format!("/teams/{team}/members/{user}")))).await
}

pub async fn invites(team: Uuid) -> ApiResult<Vec<Invite>> {
    get(&format!("/teams/{team}/invites")).await
}

pub async fn create_invite(team: Uuid, req: &CreateInviteRequest) -> ApiResult<CreatedInvite> {
    send_json(Request::post(&url(&format!("/teams/{team}/invites"))), req).await
}

pub async fn revoke_invite(team: Uuid, invite: Uuid) -> ApiResult<()> {
    send_empty(Request::delete(&url(&format!("/teams/{team}/invites/{invite}")))).await
}

pub async fn packs(team: Uuid) -> ApiResult<Vec<PackSummary>> {
    get(&format!("/teams/{team}/packs")).await
}

pub async fn questions(team: Uuid, filter: &QuestionFilter) -> ApiResult<QuestionList> {
    let mut query = Vec::new();
    let mut add = |key: &str, value: Option<String>| {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            query.push(format!("{key}={}", encode_component(&v)));
        }
    };
    add("kind", filter.kind.clone());
    add("category", filter.category.clone());
    add("pack", filter.pack.map(|p| p.to_string()));
    add("q", filter.q.clone());
    let suffix = if query.is_empty() {
        String::new()
    } else {
        format!("?{}", query.join("&"))
    };
    get(&format!("/teams/{team}/questions{suffix}")).await
}

pub async fn question(team: Uuid, id: Uuid) -> ApiResult<QuestionPreview> {
    get(&format!("/teams/{team}/questions/{id}")).await
}

/// Uploads a guide. A guide with errors comes back as `Err` with its
/// diagnostics in the second element.
pub async fn import_pack(
    team: Uuid,
    req: &ImportPackRequest,
) -> Result<ImportPackResponse, (ApiError, Vec<ContentDiagnostic>)> {
    let body = serde_json::to_string(req).map_err(|e| (ApiError::network(e), Vec::new()))?;
    let (status, text) = exchange(Request::post(&url(&format!("/teams/{team}/packs"))), Some(body))
        .await
        .map_err(|e| (e, Vec::new()))?;
    if status == 422 {
        // A guide that does not parse: the message and the lines it concerns.
        let body = serde_json::from_str::<serde_json::Value>(&text).ok();
        return Err(match body.as_ref().and_then(ContentErrorBody::from_json) {
            Some(body) => (
                ApiError {
                    status,
                    code: body.error.code,
                    message: body.error.message,
                },
                body.diagnostics,
            ),
            None => (
                ApiError {
                    status,
                    code: "http".into(),
                    message: "the guide was refused".into(),
                },
                Vec::new(),
            ),
        });
    }
    parse((status, text)).map_err(|e| (e, Vec::new()))
}

/// Percent-encodes a query value.
pub fn encode_component(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

pub async fn sessions(team: Uuid) -> ApiResult<Vec<SessionSummary>> {
    get(&format!("/teams/{team}/sessions")).await
}

pub async fn create_session(team: Uuid, req: &CreateSessionRequest) -> ApiResult<CreatedSession> {
    send_json(Request::post(&url(&format!("/teams/{team}/sessions"))), req).await
}

pub async fn timeline(team: Uuid, session: Uuid) -> ApiResult<Vec<TimelineEntry>> {
    get(&format!("/teams/{team}/sessions/{session}/timeline")).await
}

pub async fn replay(team: Uuid, session: Uuid, seq: i64) -> ApiResult<InterviewerView> {
    get(&format!("/teams/{team}/sessions/{session}/replay?seq={seq}")).await
}

pub async fn session(team: &str, session: &str) -> ApiResult<SessionDetail> {
    get(&session_path(team, session)).await
}

/// Whether a candidate's room opens (`GET /rooms/{token}`): says at once
/// whether a link is unknown, withdrawn or expired, for the room's probe.
/// The answer's view is not read, so that its decoder is not compiled
/// into the room only for this.
pub async fn candidate_room_opens(token: &str) -> ApiResult<()> {
    opens(&format!("/rooms/{}", segment(token))).await
}

/// Whether a practice mock opens, for its probe (see [`candidate_room_opens`]).
pub async fn practice_mock_opens(id: &str) -> ApiResult<()> {
    opens(&format!("/practice/mocks/{}", segment(id))).await
}

pub async fn new_candidate_link(team: &str, session: &str) -> ApiResult<CandidateLink> {
    send_empty(Request::post(&url(&format!(
        "{}/candidate-link",
        session_path(team, session)
    ))))
    .await
}

pub async fn revoke_candidate_links(team: &str, session: &str) -> ApiResult<()> {
    send_empty(Request::delete(&url(&format!(
        "{}/candidate-link",
        session_path(team, session)
    ))))
    .await
}

pub async fn preview_invite(token: &str) -> ApiResult<InvitePreview> {
    get(&format!("/invites/{}", segment(token))).await
}

pub async fn accept_invite(token: &str) -> ApiResult<Membership> {
    send_empty(Request::post(&url(&format!("/invites/{}/accept", segment(token))))).await
}

pub async fn practice_options(team: Uuid) -> ApiResult<PracticeOptions> {
    get(&format!("/practice/options/{team}")).await
}

pub async fn draw(req: &DrawRequest) -> ApiResult<Draw> {
    send_json(Request::post(&url("/practice/draw")), req).await
}

pub async fn create_mock(req: &CreatePracticeRequest) -> ApiResult<PracticeSummary> {
    send_json(Request::post(&url("/practice/mocks")), req).await
}

pub async fn practice_history() -> ApiResult<PracticeHistory> {
    get("/practice/history").await
}

pub async fn review_queue() -> ApiResult<ReviewQueue> {
    get("/reviews").await
}

pub async fn answer_review(req: &ReviewAnswer) -> ApiResult<ReviewOutcome> {
    send_json(Request::post(&url("/reviews/answer")), req).await
}

pub async fn delete_account(req: &DeleteAccountRequest) -> ApiResult<()> {
    send_json(Request::delete(&url("/me")), req).await
}

/// Where the browser downloads one's data (a plain link: the server sends it as an attachment).
pub fn export_url(format: &str) -> String {
    url(&format!("/me/export?format={format}"))
}

/// `?pack=…&from=…` for the calibration filters (empty when none is set).
pub fn calibration_query(q: &CalibrationQuery) -> String {
    let mut query = Vec::new();
    let mut add = |key: &str, value: Option<String>| {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            query.push(format!("{key}={}", encode_component(&v)));
        }
    };
    add("pack", q.pack.map(|p| p.to_string()));
    add("question", q.question.map(|p| p.to_string()));
    add("dimension", q.dimension.clone());
    add("interviewer", q.interviewer.map(|p| p.to_string()));
    add("from", q.from.as_ref().map(crate::text::rfc3339_seconds));
    add("to", q.to.as_ref().map(crate::text::rfc3339_seconds));
    if query.is_empty() {
        String::new()
    } else {
        format!("?{}", query.join("&"))
    }
}

pub async fn calibration(team: Uuid, q: &CalibrationQuery) -> ApiResult<CalibrationReport> {
    get(&format!("/teams/{team}/calibration{}", calibration_query(q))).await
}

/// Where the browser downloads the long-format scores under the filters.
pub fn calibration_csv_url(team: Uuid, q: &CalibrationQuery) -> String {
    url(&format!(
        "/teams/{team}/calibration/ratings.csv{}",
        calibration_query(q)
    ))
}

pub async fn drills(team: Uuid) -> ApiResult<Vec<DrillSummary>> {
    get(&format!("/teams/{team}/calibration/drills")).await
}

pub async fn create_drill(team: Uuid, req: &CreateDrillRequest) -> ApiResult<DrillSummary> {
    send_json(Request::post(&url(&format!("/teams/{team}/calibration/drills"))), req).await
}
