//! Seeds a team with scored sessions over the real API (HTTP and the room
//! WebSocket), as interviewers would, for the dashboard tests.

use serde_json::{json, Value};

use crate::harness::Browser;
use crate::room_client::RoomClient;

pub const PASSWORD: &str = "correct horse battery";

/// A signed-in API client: cookie jar plus CSRF token.
pub struct Person {
    http: reqwest::Client,
    base: String,
    csrf: String,
    session: String,
}

impl Person {
    pub async fn register(base: &str, body: Value) -> Person {
        let http = reqwest::Client::builder().cookie_store(true).build().expect("client");
        let response = http
            .post(format!("{base}/api/v1/auth/register"))
            .json(&body)
            .send()
            .await
            .expect("register");
        let session = response
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|c| c.to_str().ok())
            .find_map(|c| c.strip_prefix("mockroom_session="))
            .and_then(|c| c.split(';').next())
            .expect("session cookie")
            .to_owned();
        let me: Value = response.json().await.expect("me");
        Person {
            http,
            base: base.to_owned(),
            csrf: me["csrf_token"].as_str().expect("csrf").to_owned(),
            session,
        }
    }

    pub async fn post(&self, path: &str, body: Value) -> Value {
        let response = self
            .http
            .post(format!("{}{path}", self.base))
            .header("x-csrf-token", &self.csrf)
            .json(&body)
            .send()
            .await
            .expect("post");
        assert!(response.status().is_success(), "POST {path}: {}", response.status());
        response.json().await.expect("json")
    }

    pub async fn get(&self, path: &str) -> Value {
        self.http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("get")
            .json()
            .await
            .expect("json")
    }

    async fn socket(&self, team: &str, session: &str, role: &str) -> RoomClient {
        let url = format!(
            "{}/api/v1/teams/{team}/sessions/{session}/ws?role={role}",
            self.base.replacen("http://", "ws://", 1)
        );
        RoomClient::connect(url, Some(self.session.clone()))
            .await
            .expect("socket")
    }

    /// Ends a live session, as its interviewer.
    async fn end(&self, team: &str, session: &str) {
        let mut ws = self.socket(team, session, "interviewer").await;
        ws.send(json!({"type": "finish"})).await;
        ws.until(|_| {}, |v| v["view"]["finished"] == true).await;
    }

    /// Scores every dimension of question 0 of a session, over the room socket.
    async fn score(&self, team: &str, session: &str, role: &str, levels: &[u8]) {
        let mut ws = self.socket(team, session, role).await;
        for (d, level) in levels.iter().enumerate() {
            ws.send(json!({"type": "score", "question": 0, "dimension": d, "level": level}))
                .await;
        }
        // Wait until the last score is stored and echoed back.
        let n = levels.len();
        ws.until(
            |_| {},
            |v| v["view"]["questions"][0]["my_scores"].as_array().map(Vec::len) == Some(n),
        )
        .await;
    }
}

/// A team whose owner (`owner@example.org`) ran 5 sessions on one question,
/// each scored on every dimension by three interviewers; "Lenny Lenient"
/// always scores one level higher than the other two. Returns the team id.
pub async fn scored_team(base: &str) -> String {
    let owner = Person::register(
        base,
        json!({"email": "owner@example.org", "password": PASSWORD, "display_name": "Olga Owner", "team_name": "Acme"}),
    )
    .await;
    let me = owner.get("/api/v1/me").await;
    let team = me["memberships"][0]["team"]["id"].as_str().expect("team").to_owned();
    let mut raters = Vec::new();
    for (email, name) in [
        ("ivy@example.org", "Ivy"),
        ("pat@example.org", "Pat"),
        ("lenny@example.org", "Lenny Lenient"),
    ] {
        let invite = owner
            .post(&format!("/api/v1/teams/{team}/invites"), json!({"role": "interviewer"}))
            .await;
        raters.push(
            Person::register(
                base,
                json!({"email": email, "password": PASSWORD, "display_name": name, "invite_token": invite["token"]}),
            )
            .await,
        );
    }
    let list = owner
        .get(&format!("/api/v1/teams/{team}/questions?kind=Debugging"))
        .await;
    let question = list["questions"][0]["id"].as_str().expect("question").to_owned();
    let preview = owner.get(&format!("/api/v1/teams/{team}/questions/{question}")).await;
    let dims = preview["rubric"]["dimensions"].as_array().expect("rubric").len();
    for s in 0..(10usize.div_ceil(dims) + 1) {
        let created = owner
            .post(
                &format!("/api/v1/teams/{team}/sessions"),
                json!({"candidate_name": format!("Candidate {}", s + 1), "questions": [{"question_id": question}]}),
            )
            .await;
        let id = created["session"]["id"].as_str().expect("id").to_owned();
        let shared: Vec<u8> = (0..dims).map(|d| ((s * 7 + d * 3) % 3 + 1) as u8).collect();
        let lenient: Vec<u8> = shared.iter().map(|l| l + 1).collect();
        raters[0].score(&team, &id, "interviewer", &shared).await;
        raters[1].score(&team, &id, "panelist", &shared).await;
        raters[2].score(&team, &id, "panelist", &lenient).await;
        owner.end(&team, &id).await;
    }
    team
}

/// A live session ready to run: its team, id and the candidate's link token.
pub struct LiveRoom {
    pub team: String,
    pub session: String,
    pub token: String,
}

impl LiveRoom {
    pub fn console(&self) -> String {
        format!("/teams/{}/sessions/{}", self.team, self.session)
    }

    pub fn join(&self) -> String {
        format!("/join/{}", self.token)
    }
}

/// Fills the sign-in form the browser shows and sends it.
pub async fn sign_in(b: &Browser, email: &str) {
    b.fill("#email", email).await;
    b.fill("#password", PASSWORD).await;
    b.click("form button[type=submit]").await;
}

/// Ivy on the console of `room` (signed in on the way), connected.
pub async fn open_console(a: &Browser, room: &LiveRoom) {
    let console = room.console();
    a.goto(&console).await;
    sign_in(a, "ivy@example.org").await;
    a.wait_url(&console).await;
    a.wait_text("[data-testid=connection]", "Connected").await;
}

/// The candidate of `room` in a browser session of their own, connected.
pub async fn join(a: &Browser, room: &LiveRoom) -> Browser {
    let c = a.another_session().await;
    c.goto(&room.join()).await;
    c.wait_text("[data-testid=connection]", "Connected").await;
    c
}

/// A team owned by "Ivy Interviewer" (`ivy@example.org`) with a second
/// interviewer, "Pat Panelist" (`pat@example.org`), and a live session for
/// "Cara Candidate" on the bundled singleton-scheduler question (which has
/// a quick check).
pub async fn live_room(base: &str) -> LiveRoom {
    live_room_on(base, "singleton%20scheduler").await
}

/// A live session on the bundled question that `query` finds first.
pub async fn live_room_on(base: &str, query: &str) -> LiveRoom {
    let (owner, team, question) = team_and_question(base, query).await;
    session(&owner, &team, &question, "live").await
}

/// A live room (as [`live_room`]) and, on the same question, a timed mock
/// assigned to the same candidate: the link token of the mock.
pub async fn live_room_and_mock(base: &str) -> (LiveRoom, String) {
    let (owner, team, question) = team_and_question(base, "singleton%20scheduler").await;
    let room = session(&owner, &team, &question, "live").await;
    let mock = session(&owner, &team, &question, "assigned").await;
    (room, mock.token)
}

/// Ivy's team (with Pat) and the bundled question that `query` finds first.
async fn team_and_question(base: &str, query: &str) -> (Person, String, String) {
    let owner = Person::register(
        base,
        json!({"email": "ivy@example.org", "password": PASSWORD, "display_name": "Ivy Interviewer", "team_name": "Acme"}),
    )
    .await;
    let me = owner.get("/api/v1/me").await;
    let team = me["memberships"][0]["team"]["id"].as_str().expect("team").to_owned();
    let invite = owner
        .post(&format!("/api/v1/teams/{team}/invites"), json!({"role": "interviewer"}))
        .await;
    Person::register(
        base,
        json!({"email": "pat@example.org", "password": PASSWORD, "display_name": "Pat Panelist", "invite_token": invite["token"]}),
    )
    .await;
    let list = owner.get(&format!("/api/v1/teams/{team}/questions?q={query}")).await;
    let question = list["questions"][0]["id"].as_str().expect("question").to_owned();
    (owner, team, question)
}

/// A session of `mode` for "Cara Candidate" on `question`.
async fn session(owner: &Person, team: &str, question: &str, mode: &str) -> LiveRoom {
    let created = owner
        .post(
            &format!("/api/v1/teams/{team}/sessions"),
            json!({"candidate_name": "Cara Candidate", "mode": mode, "questions": [{"question_id": question}]}),
        )
        .await;
    LiveRoom {
        team: team.to_owned(),
        session: created["session"]["id"].as_str().expect("session").to_owned(),
        token: created["candidate_link"]["token"].as_str().expect("token").to_owned(),
    }
}
