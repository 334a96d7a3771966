//! A room client for tests, speaking protocol 2 as the browser does: it says
//! `hello` first, keeps its copy of the view from `state` and `patch` frames,
//! and hands tests each update as a whole-state frame
//! (`{"type": "state", "seq", "view"}`), so that assertions read the view
//! while leak checks still see every raw frame.

#![allow(dead_code)]

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::Message;

pub type Raw = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;
pub type WsError = tokio_tungstenite::tungstenite::Error;

pub struct RoomClient {
    pub ws: Raw,
    pub view: Option<Value>,
    pub seq: i64,
    /// Bytes of every text frame received.
    pub received_bytes: usize,
    /// Every `error` frame received, in order.
    pub errors: Vec<Value>,
}

/// Opens a socket without saying hello (to test the handshake itself).
pub async fn connect_raw(url: String, session: Option<String>) -> Result<Raw, WsError> {
    let mut request = url.into_client_request()?;
    if let Some(token) = session {
        request
            .headers_mut()
            .insert("cookie", format!("mockroom_session={token}").parse().expect("header"));
    }
    tokio_tungstenite::connect_async(request).await.map(|(ws, _)| ws)
}

impl RoomClient {
    pub async fn connect(url: String, session: Option<String>) -> Result<RoomClient, WsError> {
        let mut ws = connect_raw(url, session).await?;
        let hello = json!({"type": "hello", "version": mockroom_api::ROOM_PROTOCOL_VERSION});
        ws.send(Message::Text(hello.to_string().into())).await?;
        Ok(RoomClient {
            ws,
            view: None,
            seq: 0,
            received_bytes: 0,
            errors: Vec::new(),
        })
    }

    pub async fn send(&mut self, message: Value) {
        self.ws
            .send(Message::Text(message.to_string().into()))
            .await
            .expect("send");
    }

    /// Takes a text frame: a state-shaped frame for `state` and `patch`
    /// (patches applied to the copy; a patch that does not fit fails the
    /// test), the frame itself otherwise.
    fn take(&mut self, text: &str) -> Value {
        self.received_bytes += text.len();
        let frame: Value = serde_json::from_str(text).expect("json frame");
        match frame["type"].as_str() {
            Some("state") => {
                self.seq = frame["seq"].as_i64().expect("seq");
                self.view = Some(frame["view"].clone());
            }
            Some("patch") => {
                let from = frame["from"].as_i64().expect("from");
                assert_eq!(from, self.seq, "a patch from {from} on a copy at {}: {text}", self.seq);
                let ops: Vec<mockroom_api::patch::PatchOp> =
                    serde_json::from_value(frame["ops"].clone()).expect("patch ops");
                let view = self.view.as_mut().expect("a patch before any state");
                mockroom_api::patch::apply(view, &ops).expect("the patch applies");
                self.seq = frame["seq"].as_i64().expect("seq");
            }
            Some("error") => {
                self.errors.push(frame.clone());
                return frame;
            }
            _ => return frame,
        }
        if let Some(view) = &self.view {
            crate::decoders::check_view(view);
        }
        json!({"type": "state", "seq": self.seq, "view": self.view})
    }

    /// Reads frames until one satisfies `done` (10 s at most); `check` sees every raw frame first.
    pub async fn until(&mut self, check: impl FnMut(&str), done: impl Fn(&Value) -> bool) -> Value {
        match self.try_until(check, done).await {
            Ok(v) => v,
            Err(why) => panic!("no matching frame: {why}"),
        }
    }

    /// As [`Self::until`], but a closed socket or the 10 s deadline is an `Err` saying which.
    pub async fn try_until(&mut self, check: impl FnMut(&str), done: impl Fn(&Value) -> bool) -> Result<Value, String> {
        self.try_until_within(Duration::from_secs(10), check, done).await
    }

    /// As [`Self::until`], waiting up to `wait` (for what a server timer does).
    pub async fn until_within(
        &mut self,
        wait: Duration,
        check: impl FnMut(&str),
        done: impl Fn(&Value) -> bool,
    ) -> Value {
        match self.try_until_within(wait, check, done).await {
            Ok(v) => v,
            Err(why) => panic!("no matching frame: {why}"),
        }
    }

    pub async fn try_until_within(
        &mut self,
        wait: Duration,
        mut check: impl FnMut(&str),
        done: impl Fn(&Value) -> bool,
    ) -> Result<Value, String> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            let frame = match tokio::time::timeout_at(deadline, self.ws.next()).await {
                Err(_) => return Err(format!("nothing matched in {wait:?} (copy at seq {})", self.seq)),
                Ok(None) => return Err("the socket ended".into()),
                Ok(Some(Err(err))) => return Err(format!("the socket failed: {err}")),
                Ok(Some(Ok(frame))) => frame,
            };
            match frame {
                Message::Text(text) => {
                    check(text.as_str());
                    let value = self.take(text.as_str());
                    if done(&value) {
                        return Ok(value);
                    }
                }
                Message::Close(frame) => return Err(format!("closed by the server: {frame:?}")),
                _ => {}
            }
        }
    }

    /// The view once the copy has reached event `seq` (at once if it has).
    pub async fn at_seq(&mut self, seq: i64) -> Value {
        if self.seq >= seq {
            return json!({"type": "state", "seq": self.seq, "view": self.view});
        }
        self.until(|_| {}, |v| v["seq"].as_i64().is_some_and(|s| s >= seq))
            .await
    }

    /// Reads until the server closes the socket; the close code and reason,
    /// every raw text frame on the way seen by `check`.
    pub async fn closed(&mut self, mut check: impl FnMut(&str)) -> Option<(u16, String)> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        loop {
            match tokio::time::timeout_at(deadline, self.ws.next())
                .await
                .expect("closed in time")
            {
                Some(Ok(Message::Text(text))) => {
                    check(text.as_str());
                    self.take(text.as_str());
                }
                Some(Ok(Message::Close(frame))) => {
                    return frame.map(|f| (u16::from(f.code), f.reason.to_string()));
                }
                Some(Ok(_)) => {}
                Some(Err(_)) | None => return None,
            }
        }
    }
}

/// The numeric code of a close frame.
pub fn code(c: CloseCode) -> u16 {
    u16::from(c)
}
