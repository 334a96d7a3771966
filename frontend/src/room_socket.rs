//! The browser side of the room protocol (version 2): one WebSocket that
//! reconnects by itself, holding the participant's view as JSON, replaced by
//! `state` frames and edited by `patch` frames. The socket closes, and stops
//! reconnecting, when the page that opened it goes away.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use leptos::prelude::*;
use mockroom_api::patch::PatchOp;
use mockroom_api::{close, CandidateView, ClientMessage, FromJson, InterviewerView, RoomView, ROOM_PROTOCOL_VERSION};
use send_wrapper::SendWrapper;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{CloseEvent, MessageEvent, WebSocket};

use crate::api::ApiError;
use crate::reactive::State;

/// Why the room will not be reconnected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Closed {
    /// The candidate link does not exist.
    LinkUnknown,
    /// The interviewer withdrew the link.
    LinkRevoked,
    /// The link expired; the server's sentence says when.
    LinkExpired(String),
    /// No access to this room (signed out, not in the team, removed); the server's words.
    Refused(String),
    /// The server speaks a newer protocol: the page must be reloaded.
    Outdated,
}

impl Closed {
    /// What a refused request says about the room, if it means "stop trying":
    /// any refusal but a timeout or a rate limit (a malformed id in the
    /// address, a 400, will not read better the next time either).
    pub fn from_api(err: &ApiError) -> Option<Closed> {
        match (err.status, err.code.as_str()) {
            (_, "link_unknown") => Some(Closed::LinkUnknown),
            (_, "link_revoked") => Some(Closed::LinkRevoked),
            (_, "link_expired") => Some(Closed::LinkExpired(err.message.clone())),
            (408 | 429, _) => None,
            (400..=499, _) => Some(Closed::Refused(err.message.clone())),
            _ => None,
        }
    }

    /// A sentence for the person on the page.
    pub fn explain(&self) -> String {
        match self {
            Closed::LinkUnknown => "This interview link does not exist. Check that you copied all of it, or ask your interviewer for a new one.".into(),
            Closed::LinkRevoked => "This link was withdrawn by the interviewer. If you think that is a mistake, ask them for a new one.".into(),
            Closed::LinkExpired(when) => format!("{}. Ask your interviewer for a new link.", capitalised(when)),
            Closed::Refused(why) => format!("You cannot join this room: {why}."),
            Closed::Outdated => "Mockroom was updated while this page was open: reload the page to carry on.".into(),
        }
    }
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Connection {
    Connecting,
    Open,
    Reconnecting,
    /// The room is closed to this page for good (see [`Closed`]).
    Closed(Closed),
}

/// What the page reads: the latest view, its sequence number, the clock
/// offset to the server, the connection status and the last refusal.
#[derive(Clone, Copy)]
pub struct RoomSignals {
    pub view: State<Option<RoomView>>,
    pub seq: State<i64>,
    /// `server time - local time`, in ms, from the last view.
    pub clock_offset_ms: State<f64>,
    pub connection: State<Connection>,
    pub error: State<Option<String>>,
}

/// Asks the server over HTTP why a socket could not be opened: `Some` to
/// stop reconnecting (and show why), `None` to try again.
pub type Probe = Rc<dyn Fn() -> Pin<Box<dyn Future<Output = Option<Closed>>>>>;

/// A probe from an HTTP request that answers like the socket's handshake.
pub fn probe_with<F, Fut, T>(request: F) -> Probe
where
    F: Fn() -> Fut + 'static,
    Fut: Future<Output = crate::api::ApiResult<T>> + 'static,
{
    let request = Rc::new(request);
    Rc::new(move || {
        let request = request.clone();
        Box::pin(async move { request().await.err().and_then(|e| Closed::from_api(&e)) })
    })
}

/// A handle to send messages; cheap to clone into event handlers.
#[derive(Clone)]
pub struct RoomHandle {
    inner: Rc<Inner>,
}

/// The participant a page is: which views it takes, and how it decodes them.
/// A page names only its own audience, so that the decoder of the other
/// audience's view is not compiled into it (the candidate's room carries no
/// decoder of the interviewer's view, the largest type of the protocol).
#[derive(Clone, Copy)]
pub struct Audience {
    tag: &'static str,
    decode: fn(&serde_json::Value) -> Option<RoomView>,
}

impl Audience {
    /// A candidate's page: the room, a timed mock. Views are read from the
    /// JSON the socket holds by `FromJson` (`mockroom_api::from_json`), as
    /// every answer of the API is: serde's decoders of the candidate's view
    /// were a large part of what every candidate downloads first.
    pub const CANDIDATE: Audience = Audience {
        tag: "candidate",
        decode: |json| CandidateView::from_json(json).map(RoomView::Candidate),
    };
    /// An interviewer's page: the console.
    pub const INTERVIEWER: Audience = Audience {
        tag: "interviewer",
        decode: |json| InterviewerView::from_json(json).map(RoomView::Interviewer),
    };
}

struct Inner {
    path: String,
    audience: Audience,
    signals: RoomSignals,
    probe: Option<Probe>,
    socket: RefCell<Option<WebSocket>>,
    /// The view as JSON, to which patches apply.
    json: RefCell<Option<serde_json::Value>>,
    /// The page went away: no more reconnecting.
    stopped: Cell<bool>,
    /// The last whole view the server sent did not read (see [`on_frame`]).
    unreadable: Cell<bool>,
}

impl RoomHandle {
    /// Sends a message if the socket is open (dropped otherwise).
    pub fn send(&self, message: &ClientMessage) {
        self.try_send(message);
    }

    /// Sends a message if the socket is open; `false` if it could not go now.
    pub fn try_send(&self, message: &ClientMessage) -> bool {
        let text = message.to_json();
        match self.inner.socket.borrow().as_ref() {
            Some(ws) if ws.ready_state() == WebSocket::OPEN => ws.send_with_str(&text).is_ok(),
            _ => false,
        }
    }

    /// Closes the socket for good (the page is leaving).
    pub fn close(&self) {
        self.inner.stopped.set(true);
        if let Some(ws) = self.inner.socket.borrow_mut().take() {
            ws.set_onclose(None);
            let _ = ws.close_with_code_and_reason(1000, "page closed");
        }
    }
}

fn ws_url(path: &str) -> String {
    let location = web_sys::window().map(|w| w.location());
    let host = location.as_ref().and_then(|l| l.host().ok()).unwrap_or_default();
    let secure = location.and_then(|l| l.protocol().ok()).is_some_and(|p| p == "https:");
    format!("{}://{host}{path}", if secure { "wss" } else { "ws" })
}

/// Opens the room at `path` (e.g. `/api/v1/rooms/TOKEN/ws`) as `audience` and
/// keeps it open while the calling component lives. `probe` explains a
/// refused handshake.
pub fn open_room(path: String, audience: Audience, signals: RoomSignals, probe: Option<Probe>) -> RoomHandle {
    let handle = RoomHandle {
        inner: Rc::new(Inner {
            path,
            audience,
            signals,
            probe,
            socket: RefCell::new(None),
            json: RefCell::new(None),
            stopped: Cell::new(false),
            unreadable: Cell::new(false),
        }),
    };
    connect(handle.inner.clone(), 0);
    let on_leave = SendWrapper::new(handle.clone());
    on_cleanup(move || on_leave.take().close());
    handle
}

fn after(delay_ms: i32, then: impl FnOnce() + 'static) {
    let callback = Closure::once_into_js(then);
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), delay_ms);
    }
}

/// Messages are written by `ClientMessage::to_json` (serde's output, without
/// serde's writer in the room pages; see `mockroom_api::client_json`).
fn send_raw(ws: &WebSocket, message: &ClientMessage) {
    let _ = ws.send_with_str(&message.to_json());
}

/// A server frame as the page reads it: the view stays JSON until shown, so
/// that patches apply to it. Read by hand from a JSON value (see
/// `PatchOp::from_json`): a derived internally tagged enum would buffer every
/// frame and decode it a second time.
enum Frame {
    State { seq: i64, view: serde_json::Value },
    Patch { from: i64, seq: i64, ops: Vec<PatchOp> },
    Error { message: String },
    Other,
}

impl Frame {
    fn read(text: &str) -> Option<Frame> {
        let mut frame: serde_json::Value = serde_json::from_str(text).ok()?;
        let number = |frame: &serde_json::Value, key: &str| frame.get(key).and_then(serde_json::Value::as_i64);
        Some(match frame.get("type").and_then(serde_json::Value::as_str)? {
            "state" => Frame::State {
                seq: number(&frame, "seq")?,
                view: frame.get_mut("view").map(serde_json::Value::take)?,
            },
            "patch" => Frame::Patch {
                from: number(&frame, "from")?,
                seq: number(&frame, "seq")?,
                ops: frame
                    .get("ops")?
                    .as_array()?
                    .iter()
                    .map(PatchOp::from_json)
                    .collect::<Option<_>>()?,
            },
            "error" => Frame::Error {
                message: frame.get("message")?.as_str()?.to_owned(),
            },
            _ => Frame::Other,
        })
    }
}

/// Shows a view received as JSON, decoded as the page's audience (see
/// [`Audience`]; serde's decoder of the internally tagged `RoomView` would
/// buffer the view and decode it a second time). A view for another
/// audience is refused like a garbled one (the server never sends one).
/// The JSON is kept either way, so that patches go on applying to it: a
/// view that does not read now may read after the next patch.
fn show(inner: &Inner, seq: i64, json: serde_json::Value) -> bool {
    let view = if json.get("audience").and_then(serde_json::Value::as_str) == Some(inner.audience.tag) {
        (inner.audience.decode)(&json)
    } else {
        None
    };
    *inner.json.borrow_mut() = Some(json);
    let s = inner.signals;
    s.seq.set(seq);
    let Some(view) = view else {
        return false;
    };
    let server_now = match &view {
        RoomView::Candidate(v) => v.timer.server_now_ms,
        RoomView::Interviewer(v) => v.timer.server_now_ms,
    };
    s.clock_offset_ms.set(server_now as f64 - js_sys::Date::now());
    s.view.set(Some(view));
    true
}

/// What the page says when the server's view does not read: a page older
/// or newer than the server, most likely.
const UNREADABLE: &str =
    "This page cannot read the room the server sends (Mockroom may have been updated): reload the page to carry on.";

/// Records whether the view on hand reads, and says so when that changes.
fn readable(inner: &Inner, reads: bool) {
    if inner.unreadable.get() == reads {
        inner.unreadable.set(!reads);
        inner.signals.error.set((!reads).then(|| UNREADABLE.to_owned()));
    }
}

/// A patch that does not fit the page's copy (a gap, or no copy yet), or
/// whose result does not read, asks for the whole view again. A whole view
/// that does not read is not asked for again: the server would send the
/// same bytes back, as fast as it could, for as long as the page stayed
/// open. The page says so instead, keeps applying patches to it, and shows
/// the first view that reads (or the next whole one, after a reconnection).
fn on_frame(inner: &Inner, ws: &WebSocket, text: &str) {
    let s = inner.signals;
    match Frame::read(text) {
        Some(Frame::State { seq, view }) => {
            let reads = show(inner, seq, view);
            if reads {
                s.error.set(None);
            }
            readable(inner, reads);
        }
        Some(Frame::Patch { from, seq, ops }) => {
            let patched = {
                let current = inner.json.borrow();
                match current.as_ref() {
                    // A gap (or no view yet): ask for the whole view.
                    Some(json) if s.seq.get_untracked() == from => {
                        let mut json = json.clone();
                        mockroom_api::patch::apply(&mut json, &ops).ok().map(|()| json)
                    }
                    _ => None,
                }
            };
            let shown = patched.is_some_and(|json| show(inner, seq, json));
            if shown {
                readable(inner, true);
            } else if !inner.unreadable.get() {
                send_raw(ws, &ClientMessage::Resync);
            }
        }
        Some(Frame::Error { message }) => s.error.set(Some(message)),
        Some(Frame::Other) | None => {}
    }
}

/// What a close frame means for the page: `Err` to stop, `Ok(delay)` to reconnect.
fn after_close(code: u16, reason: &str) -> Result<i32, Closed> {
    match code {
        close::VERSION => Err(Closed::Outdated),
        close::LINK_REVOKED => Err(Closed::LinkRevoked),
        close::LINK_EXPIRED => Err(Closed::LinkExpired(if reason.is_empty() {
            "this link has expired".into()
        } else {
            reason.to_owned()
        })),
        close::ACCESS_REFUSED => Err(Closed::Refused(reason.to_owned())),
        // Another instance takes over at once.
        close::RESTART => Ok(100 + (js_sys::Math::random() * 400.0) as i32),
        close::POLICY => Ok(2000),
        _ => Ok(500),
    }
}

fn retry(inner: Rc<Inner>, delay_ms: i32, attempt: u32) {
    inner.signals.connection.set(Connection::Reconnecting);
    after(delay_ms, move || connect(inner, attempt));
}

fn connect(inner: Rc<Inner>, attempt: u32) {
    if inner.stopped.get() {
        return;
    }
    let s = inner.signals;
    let Ok(ws) = WebSocket::new(&ws_url(&inner.path)) else {
        s.connection.set(Connection::Closed(Closed::Refused(
            "the browser refused the connection".into(),
        )));
        return;
    };
    let opened = Rc::new(Cell::new(false));
    let on_open = {
        let ws = ws.clone();
        let opened = opened.clone();
        Closure::<dyn FnMut()>::new(move || {
            opened.set(true);
            s.connection.set(Connection::Open);
            send_raw(
                &ws,
                &ClientMessage::Hello {
                    version: ROOM_PROTOCOL_VERSION,
                },
            );
        })
    };
    let on_message = {
        let ws = ws.clone();
        let inner = inner.clone();
        Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            if let Some(text) = event.data().as_string() {
                on_frame(&inner, &ws, &text);
            }
        })
    };
    let on_close = {
        let inner = inner.clone();
        Closure::<dyn FnMut(CloseEvent)>::new(move |event: CloseEvent| {
            if inner.stopped.get() {
                return;
            }
            if opened.get() {
                match after_close(event.code(), &event.reason()) {
                    Err(closed) => s.connection.set(Connection::Closed(closed)),
                    Ok(delay) => retry(inner.clone(), delay, 0),
                }
                return;
            }
            // The handshake failed: ask over HTTP why before trying again.
            let delay = 500 * (1 << attempt.min(4));
            match inner.probe.clone() {
                Some(probe) => {
                    let inner = inner.clone();
                    leptos::task::spawn_local(async move {
                        match probe().await {
                            Some(closed) => s.connection.set(Connection::Closed(closed)),
                            None => retry(inner, delay, attempt + 1),
                        }
                    });
                }
                None => retry(inner.clone(), delay, attempt + 1),
            }
        })
    };
    ws.set_onopen(Some(on_open.as_ref().unchecked_ref()));
    ws.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    ws.set_onclose(Some(on_close.as_ref().unchecked_ref()));
    // The socket owns its callbacks for as long as it lives.
    on_open.forget();
    on_message.forget();
    on_close.forget();
    *inner.socket.borrow_mut() = Some(ws);
}

impl Default for RoomSignals {
    fn default() -> Self {
        Self::new()
    }
}

impl RoomSignals {
    /// Fresh signals, owned by the calling component.
    pub fn new() -> Self {
        RoomSignals {
            view: State::new(None),
            seq: State::new(0),
            clock_offset_ms: State::new(0.0),
            connection: State::new(Connection::Connecting),
            error: State::new(None),
        }
    }
}

/// A signal of the current time (ms), ticking four times a second, for
/// countdowns; the interval stops when the calling component goes away.
pub fn ticking_clock() -> State<f64> {
    let now = State::new(js_sys::Date::now());
    let tick = Closure::<dyn FnMut()>::new(move || now.set(js_sys::Date::now()));
    let id = web_sys::window().and_then(|w| {
        w.set_interval_with_callback_and_timeout_and_arguments_0(tick.as_ref().unchecked_ref(), 250)
            .ok()
    });
    let keep = SendWrapper::new(tick);
    on_cleanup(move || {
        if let (Some(w), Some(id)) = (web_sys::window(), id) {
            w.clear_interval_with_handle(id);
        }
        drop(keep);
    });
    now
}

/// Milliseconds left on a timer view, given the local clock and the server offset.
pub fn remaining_ms(timer: &mockroom_api::TimerView, now_ms: f64, offset_ms: f64) -> i64 {
    match timer.deadline_ms {
        Some(deadline) if timer.running => (deadline as f64 - (now_ms + offset_ms)).max(0.0) as i64,
        _ => timer.remaining_ms,
    }
}

/// Whether a question's planned time has run out: a timer that was set
/// (a limit) and has nothing left.
pub fn time_is_up(timer: &mockroom_api::TimerView, now_ms: f64, offset_ms: f64) -> bool {
    timer.limit_ms > 0 && remaining_ms(timer, now_ms, offset_ms) == 0
}

/// `mm:ss` left on a timer view, given the local clock and the server offset.
pub fn remaining_text(timer: &mockroom_api::TimerView, now_ms: f64, offset_ms: f64) -> String {
    let remaining = remaining_ms(timer, now_ms, offset_ms);
    let secs = (remaining + 999) / 1000;
    format!("{:02}:{:02}", secs / 60, secs % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refusal(status: u16, code: &str) -> ApiError {
        ApiError {
            status,
            code: code.into(),
            message: "why".into(),
        }
    }

    /// A probe's refusal stops the reconnecting, but for a timeout, a rate
    /// limit or the server's own trouble, which may pass.
    #[test]
    fn refusals_stop_reconnecting_and_passing_trouble_does_not() {
        assert_eq!(
            Closed::from_api(&refusal(404, "link_unknown")),
            Some(Closed::LinkUnknown)
        );
        assert_eq!(
            Closed::from_api(&refusal(410, "link_revoked")),
            Some(Closed::LinkRevoked)
        );
        for status in [400, 401, 403, 404, 410] {
            assert_eq!(
                Closed::from_api(&refusal(status, "x")),
                Some(Closed::Refused("why".into())),
                "{status}"
            );
        }
        for status in [408, 429, 500, 502, 503] {
            assert_eq!(Closed::from_api(&refusal(status, "x")), None, "{status}");
        }
    }
}
