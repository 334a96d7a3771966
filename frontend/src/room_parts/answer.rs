//! The candidate's answer area, which never loses what was typed.
//!
//! Every keystroke is written to a local draft (see `answer_drafts`) and
//! sent shortly after (the server stores at most a few answers a second).
//! The last text is sent at once when the box loses focus, when the page is
//! hidden or closed (`pagehide`) and when the box goes away. After a reload
//! or a dropped connection the draft comes back if it differs from what the
//! server holds and the answer is still open, and it is sent again with the
//! first view of the new connection; it is removed once a view shows that
//! the server has it. The candidate sees which of these it is.

use std::time::Duration;

use leptos::prelude::*;
use mockroom_api::{ClientMessage, StageCode};
use send_wrapper::SendWrapper;

use super::Handle;
use crate::answer_drafts;
use crate::components::{answer_languages, CodeEditor, ConfirmDialog, When};
use crate::reactive::{effect, Derived, State};
use crate::room_socket::{Connection, RoomSignals};

/// A code exercise's "start my answer from this code", from the stage that
/// offers it to the answer box of the same question.
#[derive(Clone, Copy)]
pub struct AnswerStart {
    /// The code asked for and its answer language (if it is one an answer
    /// can be written in), until the answer box takes it.
    wanted: State<Option<(String, Option<&'static str>)>>,
    /// Whether the answer still takes text (the button shows only then).
    pub open: Signal<bool>,
}

impl AnswerStart {
    pub fn new(open: Signal<bool>) -> Self {
        AnswerStart {
            wanted: State::new(None),
            open,
        }
    }

    pub fn ask(&self, code: &StageCode) {
        let language = mockroom_api::answer_language_of(&code.language);
        self.wanted.set(Some((code.code.clone(), language)));
    }
}

/// How long typing may pause before the text goes out.
const SEND_AFTER: Duration = Duration::from_millis(400);

fn page_path() -> String {
    window().location().pathname().unwrap_or_default()
}

#[component]
pub fn LiveAnswer(
    question: usize,
    label: &'static str,
    #[prop(default = 8)] rows: u32,
    /// The answer as the server stores it (from the view).
    #[prop(into)]
    stored: Signal<String>,
    /// The answer's language as the server stores it (empty: plain text).
    #[prop(into)]
    stored_language: Signal<String>,
    /// Whether the answer still takes text (not handed in, not ended).
    #[prop(into)]
    open: Signal<bool>,
    signals: RoomSignals,
    handle: Handle,
    /// Code exercises of this question that offer their code as a start.
    #[prop(optional)]
    start: Option<AnswerStart>,
) -> impl IntoView {
    let key = StoredValue::new(answer_drafts::key(&page_path(), question));
    let on_server = stored.get_untracked();
    let initial = match key.with_value(|k| answer_drafts::load(k)) {
        Some(draft) if draft != on_server && open.get_untracked() => draft,
        Some(_) => {
            key.with_value(|k| answer_drafts::clear(k));
            on_server.clone()
        }
        None => on_server.clone(),
    };
    // Whether the server may lack `text`: a restored draft, or a send that
    // could not go out. Sent again with the next view.
    let resend = StoredValue::new(initial != on_server);
    let text = RwSignal::new(initial);
    let kept = RwSignal::new(true);
    // The language picked here; sent at once, and again with the next view
    // if the server does not have it (a send while offline).
    let language = RwSignal::new(match stored_language.get_untracked() {
        l if l.is_empty() => "plain".to_owned(),
        l => l,
    });
    let language_sent = StoredValue::new(true);
    let send_language = move || {
        let (Some(l), Some(true)) = (language.try_get_untracked(), open.try_get_untracked()) else {
            return;
        };
        let sent = handle
            .try_with_value(|h| h.try_send(&ClientMessage::AnswerLanguage { question, language: l }))
            .unwrap_or(false);
        language_sent.try_set_value(sent);
    };
    // The code editor could not be loaded: the text box stands in.
    let editor_failed = RwSignal::new(false);
    let timer = StoredValue::new_local(None::<TimeoutHandle>);

    let send_now = move || {
        if let Some(Some(t)) = timer.try_update_value(Option::take) {
            t.clear();
        }
        let (Some(t), Some(true)) = (text.try_get_untracked(), open.try_get_untracked()) else {
            return;
        };
        let sent = handle
            .try_with_value(|h| h.try_send(&ClientMessage::Answer { question, text: t }))
            .unwrap_or(false);
        if !sent {
            resend.try_set_value(true);
        }
    };
    // Sends what waits for the timer, if anything does.
    let flush = move || {
        if timer.try_with_value(Option::is_some).unwrap_or(false) {
            send_now();
        }
    };

    // A connection that goes away may have swallowed the last sends.
    effect(move || {
        if signals.connection.get() != Connection::Open {
            resend.set_value(true);
            language_sent.set_value(false);
        }
    });
    // Every frame the server sends: does it have our text yet?
    effect(move || {
        signals.seq.track();
        let on_server = stored.get();
        let is_open = open.get();
        let mine = text.get_untracked();
        if mine == on_server {
            key.with_value(|k| answer_drafts::clear(k));
            resend.set_value(false);
        } else if is_open && resend.get_value() && signals.connection.get_untracked() == Connection::Open {
            let sent = handle.with_value(|h| h.try_send(&ClientMessage::Answer { question, text: mine }));
            resend.set_value(!sent);
        }
        let theirs = stored_language.get();
        let server_has =
            theirs == language.get_untracked() || (theirs.is_empty() && language.get_untracked() == "plain");
        if !server_has
            && is_open
            && !language_sent.get_value()
            && signals.connection.get_untracked() == Connection::Open
        {
            send_language();
        }
    });

    // Starting from an exercise's code: at once into an empty answer, after
    // a confirmation over one that has text.
    let replacing = State::new(None::<(String, Option<&'static str>)>);
    let confirm_open = RwSignal::new(false);
    let take = move |(code, code_language): (String, Option<&'static str>)| {
        kept.set(key.with_value(|k| answer_drafts::save(k, &code)).is_ok());
        text.set(code);
        send_now();
        // The answer is now that code: highlighted as it, on both sides.
        if let Some(l) = code_language.filter(|l| language.with_untracked(|now| now != l)) {
            language.set(l.to_owned());
            send_language();
        }
    };
    if let Some(start) = start {
        effect(move || {
            let Some(code) = start.wanted.get() else { return };
            start.wanted.set(None);
            if !open.get_untracked() {
                return;
            }
            if text.with_untracked(|t| t.trim().is_empty()) {
                take(code);
            } else {
                replacing.set(Some(code));
                confirm_open.set(true);
            }
        });
    }

    let hide = window_event_listener_untyped("pagehide", move |_| flush());
    on_cleanup({
        let flush = SendWrapper::new(flush);
        move || {
            hide.remove();
            (flush.take())();
        }
    });

    let status = move || {
        let synced = text.with(|t| stored.with(|s| t == s));
        match (synced, open.get(), signals.connection.get()) {
            (true, _, _) => "Saved",
            (false, false, _) => "Not saved: your last changes did not reach the server before the answer closed.",
            (false, true, Connection::Open) => "Saving…",
            (false, true, _) if kept.get() => "Offline — kept on this device, sent when you reconnect",
            (false, true, _) => "Offline — not saved yet: keep this page open until it reconnects",
        }
    };
    // Every edit, from the text box or the code editor.
    let edited = move |value: String| {
        kept.set(key.with_value(|k| answer_drafts::save(k, &value)).is_ok());
        text.set(value);
        if timer.with_value(Option::is_none) {
            timer.set_value(set_timeout_with_handle(send_now, SEND_AFTER).ok());
        }
    };
    let status_id = format!("answer-{question}-status");
    let language_id = format!("answer-language-{question}");
    let described_by = status_id.clone();
    let as_code = Derived::new(move || language.get() != "plain" && !editor_failed.get());
    view! {
        <div class="field answer-field">
            <div class="answer-head">
                <label for="answer" id="answer-label">{label}</label>
                <span class="answer-language">
                    <label for=language_id.clone()>"Written in"</label>
                    <select id=language_id data-testid="answer-language" disabled=move || !open.get()
                        on:change=move |ev| {
                            editor_failed.set(false);
                            language.set(event_target_value(&ev));
                            send_language();
                        }>
                        {answer_languages().map(|(id, name)| view! {
                            <option value=id selected=move || language.get() == id>{name}</option>
                        }).collect_view()}
                    </select>
                </span>
            </div>
            {move || if as_code.get() {
                view! {
                    <CodeEditor text=text language=language label=label.to_owned() read_only=!open.get()
                        on_change=Callback::new(edited) on_failed=Callback::new(move |()| editor_failed.set(true))
                        testid="answer-editor"/>
                }.into_any()
            } else {
                view! {
                    <textarea id="answer" rows=rows aria-describedby=described_by.clone()
                        readonly=move || !open.get()
                        prop:value=move || text.get()
                        on:input=move |ev| edited(event_target_value(&ev))
                        on:blur=move |_| flush()></textarea>
                }.into_any()
            }}
            <When when=move || editor_failed.get()>
                <p class="error" role="alert">"The code editor could not be loaded, so this is a plain text box; your answer is kept either way."</p>
            </When>
            <p class="save-state muted" id=status_id.clone() role="status" data-testid="save-state">{status}</p>
            <ConfirmDialog open=confirm_open id="replace-answer" title="Replace your answer with this code?"
                confirm="Replace my answer"
                on_confirm=Callback::new(move |()| if let Some(code) = replacing.get_untracked() { take(code) })>
                <p>"What you have typed so far is replaced by the exercise's code, and your interviewers see the new text."</p>
            </ConfirmDialog>
            <When when=move || !kept.get()>
                <p class="error" role="alert" data-testid="draft-not-kept">
                    "This browser would not keep a copy of your answer on this device (storage is blocked or full). "
                    "It is still sent as you type: keep this page open until it says Saved."
                </p>
            </When>
        </div>
    }
}
