//! The browser side of the live-room protocol: one WebSocket that reconnects
//! by itself, delivering each `state` frame to the page.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use mockroom_api::{ClientMessage, RoomView, ServerMessage, ROOM_PROTOCOL_VERSION};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, WebSocket};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Connection {
    Connecting,
    Open,
    Reconnecting,
    /// The server refused the room (revoked link, no access): no retry.
    Refused,
}

/// What the page reads: the latest view, its sequence number, the clock
/// offset to the server, the connection status and the last refusal.
#[derive(Clone, Copy)]
pub struct RoomSignals {
    pub view: RwSignal<Option<RoomView>>,
    pub seq: RwSignal<i64>,
    /// `server time - local time`, in ms, from the last state frame.
    pub clock_offset_ms: RwSignal<f64>,
    pub connection: RwSignal<Connection>,
    pub error: RwSignal<Option<String>>,
}

/// A handle to send messages; cheap to clone into event handlers.
#[derive(Clone)]
pub struct RoomHandle {
    socket: Rc<RefCell<Option<WebSocket>>>,
}

impl RoomHandle {
    pub fn send(&self, message: &ClientMessage) {
        let Ok(text) = serde_json::to_string(message) else {
            return;
        };
        if let Some(ws) = self.socket.borrow().as_ref() {
            if ws.ready_state() == WebSocket::OPEN {
                let _ = ws.send_with_str(&text);
            }
        }
    }
}

fn ws_url(path: &str) -> String {
    let location = web_sys::window().map(|w| w.location());
    let host = location.as_ref().and_then(|l| l.host().ok()).unwrap_or_default();
    let secure = location.and_then(|l| l.protocol().ok()).is_some_and(|p| p == "https:");
    format!("{}://{host}{path}", if secure { "wss" } else { "ws" })
}

/// Opens the room at `path` (e.g. `/api/v1/rooms/TOKEN/ws`) and keeps it open.
pub fn open_room(path: String, signals: RoomSignals) -> RoomHandle {
    let handle = RoomHandle {
        socket: Rc::new(RefCell::new(None)),
    };
    connect(path, signals, handle.socket.clone(), 0);
    handle
}

fn connect(path: String, signals: RoomSignals, slot: Rc<RefCell<Option<WebSocket>>>, attempt: u32) {
    let Ok(ws) = WebSocket::new(&ws_url(&path)) else {
        signals.connection.set(Connection::Refused);
        return;
    };
    let opened = Rc::new(RefCell::new(false));

    let on_open = {
        let ws = ws.clone();
        let opened = opened.clone();
        Closure::<dyn FnMut()>::new(move || {
            *opened.borrow_mut() = true;
            signals.connection.set(Connection::Open);
            let hello = ClientMessage::Hello {
                version: ROOM_PROTOCOL_VERSION,
            };
            if let Ok(text) = serde_json::to_string(&hello) {
                let _ = ws.send_with_str(&text);
            }
        })
    };
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let Some(text) = event.data().as_string() else { return };
        match serde_json::from_str::<ServerMessage>(&text) {
            Ok(ServerMessage::State { seq, view }) => {
                let server_now = match &view {
                    RoomView::Candidate(v) => v.timer.server_now_ms,
                    RoomView::Interviewer(v) => v.timer.server_now_ms,
                };
                signals.clock_offset_ms.set(server_now as f64 - js_sys::Date::now());
                signals.seq.set(seq);
                signals.view.set(Some(view));
                signals.error.set(None);
            }
            Ok(ServerMessage::Error { message, .. }) => signals.error.set(Some(message)),
            Ok(ServerMessage::Pong) | Err(_) => {}
        }
    });
    let on_close = {
        let slot = slot.clone();
        Closure::<dyn FnMut()>::new(move || {
            let was_open = *opened.borrow();
            // A handshake refused outright (bad link, no access) is not retried forever.
            if !was_open && attempt >= 3 {
                signals.connection.set(Connection::Refused);
                return;
            }
            signals.connection.set(Connection::Reconnecting);
            let next = if was_open { 0 } else { attempt + 1 };
            let delay = 500 * (1 << next.min(4));
            let (path, slot) = (path.clone(), slot.clone());
            let retry = Closure::once_into_js(move || connect(path, signals, slot, next));
            if let Some(w) = web_sys::window() {
                let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(retry.unchecked_ref(), delay);
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
    *slot.borrow_mut() = Some(ws);
}

impl RoomSignals {
    pub fn new() -> Self {
        RoomSignals {
            view: RwSignal::new(None),
            seq: RwSignal::new(0),
            clock_offset_ms: RwSignal::new(0.0),
            connection: RwSignal::new(Connection::Connecting),
            error: RwSignal::new(None),
        }
    }
}

/// A signal of the current time (ms), ticking four times a second, for countdowns.
pub fn ticking_clock() -> RwSignal<f64> {
    let now = RwSignal::new(js_sys::Date::now());
    let tick = Closure::<dyn FnMut()>::new(move || now.set(js_sys::Date::now()));
    if let Some(w) = web_sys::window() {
        let _ = w.set_interval_with_callback_and_timeout_and_arguments_0(tick.as_ref().unchecked_ref(), 250);
    }
    tick.forget();
    now
}

/// `mm:ss` left on a timer view, given the local clock and the server offset.
pub fn remaining_text(timer: &mockroom_api::TimerView, now_ms: f64, offset_ms: f64) -> String {
    let remaining = match timer.deadline_ms {
        Some(deadline) if timer.running => (deadline as f64 - (now_ms + offset_ms)).max(0.0) as i64,
        _ => timer.remaining_ms,
    };
    let secs = (remaining + 999) / 1000;
    format!("{:02}:{:02}", secs / 60, secs % 60)
}
