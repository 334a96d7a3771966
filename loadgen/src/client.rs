//! The load generator's side of the API: an owner who sets sessions up, and
//! room sockets that keep their view as the browser does (protocol 2).

use anyhow::Context;
use serde_json::{json, Value};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;

pub type Socket = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

pub struct Owner {
    http: reqwest::Client,
    base: String,
    pub cookie: String,
    csrf: String,
    pub team: String,
}

pub async fn sign_up(base: &str) -> anyhow::Result<Owner> {
    let http = reqwest::Client::new();
    let body = json!({"email": "load@example.org", "password": "load test password", "display_name": "Load", "team_name": "Load"});
    let mut response = http
        .post(format!("{base}/api/v1/auth/register"))
        .json(&body)
        .send()
        .await?;
    if response.status() == reqwest::StatusCode::FORBIDDEN {
        let body = json!({"email": "load@example.org", "password": "load test password"});
        response = http
            .post(format!("{base}/api/v1/auth/login"))
            .json(&body)
            .send()
            .await?;
    }
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("mockroom_session="))
        .and_then(|c| c.split(';').next())
        .context("no session cookie")?
        .to_owned();
    let me: Value = response.json().await?;
    Ok(Owner {
        http,
        base: base.to_owned(),
        cookie,
        csrf: me["csrf_token"].as_str().context("csrf")?.to_owned(),
        team: me["memberships"][0]["team"]["id"].as_str().context("team")?.to_owned(),
    })
}

impl Owner {
    /// `n` one-question sessions: `(id, candidate token)`.
    pub async fn create_sessions(&self, n: usize) -> anyhow::Result<Vec<(String, String)>> {
        let list: Value = self
            .http
            .get(format!("{}/api/v1/teams/{}/questions", self.base, self.team))
            .header("cookie", &self.cookie)
            .send()
            .await?
            .json()
            .await?;
        let question = list["questions"][0]["id"]
            .as_str()
            .context("the server has no questions (bundled packs off?)")?;
        let mut out = Vec::with_capacity(n);
        for i in 0..n {
            let body = json!({"candidate_name": format!("Candidate {i}"), "questions": [{"question_id": question}]});
            let created: Value = self
                .http
                .post(format!("{}/api/v1/teams/{}/sessions", self.base, self.team))
                .header("cookie", &self.cookie)
                .header("x-csrf-token", &self.csrf)
                .json(&body)
                .send()
                .await?
                .json()
                .await?;
            let id = created["session"]["id"].as_str().context("session id")?.to_owned();
            let token = created["candidate_link"]["token"].as_str().context("token")?.to_owned();
            out.push((id, token));
        }
        Ok(out)
    }
}

pub async fn connect(url: String, cookie: Option<&str>) -> anyhow::Result<Socket> {
    let mut request = url.into_client_request()?;
    if let Some(cookie) = cookie {
        request.headers_mut().insert("cookie", cookie.parse()?);
    }
    let (ws, _) = tokio_tungstenite::connect_async(request).await?;
    Ok(ws)
}

pub fn hello() -> Message {
    let version = mockroom_api::ROOM_PROTOCOL_VERSION;
    Message::Text(json!({"type": "hello", "version": version}).to_string().into())
}

/// A participant's copy of their view, kept from `state` and `patch` frames
/// as the browser keeps it.
#[derive(Default)]
pub struct ViewCopy {
    seq: i64,
    view: Option<Value>,
}

impl ViewCopy {
    /// Takes a frame; `true` when the view changed.
    pub fn take(&mut self, frame: &str) -> bool {
        let Ok(message) = serde_json::from_str::<mockroom_api::ServerMessage>(frame) else {
            return false;
        };
        match message {
            mockroom_api::ServerMessage::State { seq, view } => {
                self.seq = seq;
                self.view = serde_json::to_value(view).ok();
                true
            }
            mockroom_api::ServerMessage::Patch { from, seq, ops } => {
                let fits = from == self.seq
                    && self
                        .view
                        .as_mut()
                        .is_some_and(|view| mockroom_api::patch::apply(view, &ops).is_ok());
                if fits {
                    self.seq = seq;
                } else {
                    self.view = None;
                }
                fits
            }
            _ => false,
        }
    }

    /// Number of revealed stages of the first question (candidate view).
    pub fn revealed_stages(&self) -> Option<usize> {
        Some(
            self.view.as_ref()?["questions"][0]["stages"]
                .as_array()
                .map_or(0, Vec::len),
        )
    }

    /// Length of the first question's answer.
    pub fn answer_len(&self) -> Option<usize> {
        Some(self.view.as_ref()?["questions"][0]["answer"].as_str()?.len())
    }
}
