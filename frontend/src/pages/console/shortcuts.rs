//! The console's keyboard: `n` reveals the next stage, `t` starts, pauses
//! or resumes the timer, `?` lists the keys in a dialog. Keys typed into a
//! text field are text, never commands, and so are keys with a modifier
//! (browser and screen-reader shortcuts stay theirs).

use leptos::html;
use leptos::prelude::*;
use mockroom_api::{ClientMessage, InterviewerView};
use wasm_bindgen::JsCast;

use crate::components::modal;
use crate::reactive::Derived;
use crate::room_parts::Handle;

/// Whether a key press belongs to a text field (or a modal dialog already open).
fn typing(ev: &web_sys::KeyboardEvent) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|e| {
            matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || e.closest("dialog[open]").ok().flatten().is_some()
        })
}

/// Listens for the console's keys while the console is open.
pub fn listen(view: Signal<Option<InterviewerView>>, controls: Derived<bool>, help: RwSignal<bool>, handle: Handle) {
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if typing(&ev) || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        if ev.key() == "?" {
            ev.prevent_default();
            help.set(true);
            return;
        }
        if !controls.get_untracked() {
            return;
        }
        match ev.key().as_str() {
            "n" => handle.with_value(|h| h.send(&ClientMessage::RevealNext)),
            "t" => {
                let (running, started) = view.with_untracked(|v| {
                    v.as_ref().map_or((false, false), |v| {
                        (v.timer.running, v.timer.remaining_ms < v.timer.limit_ms)
                    })
                });
                let msg = match (running, started) {
                    (true, _) => ClientMessage::TimerPause,
                    (false, true) => ClientMessage::TimerResume,
                    (false, false) => ClientMessage::TimerStart,
                };
                handle.with_value(|h| h.send(&msg));
            }
            _ => {}
        }
    });
    on_cleanup(move || keys.remove());
}

/// The list of keys, as a modal dialog (Escape or Close shuts it, and the
/// focus goes back to where it was).
#[component]
pub fn ShortcutsDialog(open: RwSignal<bool>) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    let close = NodeRef::<html::Button>::new();
    let closed = modal(open, dialog, close);
    view! {
        <dialog node_ref=dialog class="confirm shortcuts" aria-labelledby="shortcuts-title" data-testid="shortcuts"
            on:close=move |_| closed()>
            <h2 id="shortcuts-title">"Keyboard shortcuts"</h2>
            <p class="muted small">"Outside text fields; the interviewer's keys work while the interview runs."</p>
            <dl class="keys">
                <dt><kbd>"n"</kbd></dt><dd>"Reveal the next stage to the candidate"</dd>
                <dt><kbd>"t"</kbd></dt><dd>"Start, pause or resume the timer"</dd>
                <dt><kbd>"?"</kbd></dt><dd>"Show this list"</dd>
                <dt><kbd>"Esc"</kbd></dt><dd>"Close a dialog"</dd>
                <dt><kbd>"Tab"</kbd></dt><dd>"Move between controls; Enter or Space presses a button"</dd>
            </dl>
            <div class="inline actions">
                <button type="button" node_ref=close on:click=move |_| open.set(false)>"Close"</button>
            </div>
        </dialog>
    }
}
