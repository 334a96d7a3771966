//! The console's links and room actions: the scorecard, its CSV and the
//! replay; links to copy for a panelist, an observer and the scorecard; and
//! for the interviewer of a live session, a new candidate link (shown once,
//! with a copy button), withdrawing the links and ending the interview —
//! the final and destructive ones ask first, saying what will happen.

use leptos::prelude::*;
use mockroom_api::ClientMessage;

use crate::api::{self, ApiResult};
use crate::components::{ConfirmDialog, CopyButton, DocumentLink, DownloadLink, When};
use crate::reactive::{effect, Derived};
use crate::remote::Mutation;
use crate::room_parts::Handle;
use crate::room_socket::RoomSignals;

/// What a link action produced: a sentence, and the new link if there is one.
#[derive(Clone)]
pub struct LinkNotice {
    pub text: String,
    pub url: Option<String>,
}

#[derive(Clone, Copy)]
enum LinkAction {
    Create,
    Revoke,
}

/// Making and withdrawing candidate links over HTTP. What the last one did
/// is its `notice`; a refusal is shown with the room's errors.
#[derive(Clone, Copy)]
pub struct LinkActions {
    action: Mutation<LinkAction, ApiResult<LinkNotice>>,
}

impl LinkActions {
    pub fn new(team: String, session: String, signals: RoomSignals) -> Self {
        let action = Mutation::new(move |what: LinkAction| {
            let (t, s) = (team.clone(), session.clone());
            async move {
                match what {
                    LinkAction::Create => api::new_candidate_link(&t, &s).await.map(|l| LinkNotice {
                        text: "New candidate link (shown once):".into(),
                        url: Some(l.url),
                    }),
                    LinkAction::Revoke => api::revoke_candidate_links(&t, &s).await.map(|()| LinkNotice {
                        text: "Every candidate link of this session is withdrawn; a candidate in the room was disconnected."
                            .into(),
                        url: None,
                    }),
                }
            }
        });
        effect(move || {
            if let Some(Err(e)) = action.value() {
                signals.error.set(Some(e.message));
            }
        });
        LinkActions { action }
    }

    /// The outcome of the last link action that succeeded.
    pub fn notice(self) -> Signal<Option<LinkNotice>> {
        let action = self.action;
        Signal::derive(move || action.value().and_then(Result::ok))
    }

    fn create(self) {
        self.action.dispatch(LinkAction::Create);
    }

    fn revoke(self) {
        self.action.dispatch(LinkAction::Revoke);
    }
}

/// The scorecard, CSV and replay, and links to copy for the rest of the panel.
#[component]
pub fn ShareLinks(team: String, session: String) -> impl IntoView {
    let origin = window().location().origin().unwrap_or_default();
    let console = format!("/teams/{team}/sessions/{session}");
    let scorecard = api::scorecard(&team, &session);
    let csv = format!("{scorecard}.csv");
    let csv_name = format!("scorecard-{session}.csv");
    let panelist = format!("{origin}{console}?role=panelist");
    let observer = format!("{origin}{console}?role=observer");
    let scorecard_url = format!("{origin}{scorecard}");
    view! {
        <div class="share" role="group" aria-label="Links">
            <span class="share-links">
                <DocumentLink href=scorecard testid="scorecard-link">"Scorecard"</DocumentLink>" · "
                <DownloadLink href=csv filename=csv_name testid="csv-link">"CSV"</DownloadLink>" · "
                <a href=format!("{console}/replay")>"Replay"</a>
            </span>
            <span class="share-copy">
                <CopyButton text=panelist label="Copy panelist link" testid="copy-panelist-link"/>
                <CopyButton text=observer label="Copy observer link" testid="copy-observer-link"/>
                <CopyButton text=scorecard_url label="Copy scorecard link" testid="copy-scorecard-link"/>
            </span>
        </div>
    }
}

/// The outcome of the last link action, with a copy button for a new link.
#[component]
pub fn LinkNoticeView(notice: Signal<Option<LinkNotice>>) -> impl IntoView {
    move || {
        notice.get().map(|n| {
            view! {
                <div class="notice link-notice" role="status" data-testid="link-notice">
                    <p>{n.text.clone()}" "{n.url.clone().map(|u| view! { <code data-testid="new-candidate-link">{u}</code> })}</p>
                    {n.url.map(|u| view! { <CopyButton text=u label="Copy candidate link" testid="copy-new-candidate-link"/> })}
                </div>
            }
        })
    }
}

/// Ending the interview and the candidate's links: the final and
/// destructive ones ask first, saying what will happen.
#[component]
pub fn RoomActions(links: LinkActions, finished: Derived<bool>, handle: Handle) -> impl IntoView {
    let ask_end = RwSignal::new(false);
    let ask_revoke = RwSignal::new(false);
    view! {
        <div class="inline room-actions">
            <When when=move || !finished.get()>
                <button type="button" class="secondary" on:click=move |_| links.create()>"New candidate link"</button>
            </When>
            <button type="button" class="secondary" data-testid="revoke-links" on:click=move |_| ask_revoke.set(true)>"Revoke candidate links"</button>
            <When when=move || !finished.get()>
                <button type="button" class="danger" data-testid="end-interview" on:click=move |_| ask_end.set(true)>"End the interview"</button>
            </When>
        </div>
        <ConfirmDialog open=ask_end id="confirm-end" title="End the interview?" confirm="End the interview"
            on_confirm=move || handle.with_value(|h| h.send(&ClientMessage::Finish))>
            <p>"The candidate's answers and quick checks become final and their timer stops; their page says the interview has ended. "
               "Scoring, notes and recommendations stay open. This cannot be undone."</p>
        </ConfirmDialog>
        <ConfirmDialog open=ask_revoke id="confirm-revoke" title="Withdraw the candidate's links?" confirm="Revoke the links"
            on_confirm=move || links.revoke()>
            <p>"Every candidate link of this session stops working at once. A candidate in the room is disconnected and told that the link was withdrawn. "
               "You can make a new link afterwards."</p>
        </ConfirmDialog>
    }
}
