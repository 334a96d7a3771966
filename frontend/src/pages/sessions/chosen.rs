//! The questions chosen for a new session, in the order they will be asked:
//! each with its type, pack and minutes, moved up and down with buttons
//! (keyboard reachable, and the focus follows the question it moved), or
//! removed.

use leptos::html;
use leptos::prelude::*;
use mockroom_api::QuestionSummary;

use crate::components::When;
use crate::reactive::State;

/// A chosen question and its minutes.
pub type Chosen = (QuestionSummary, u32);

/// Moves entry `from` to `to` (both in range).
fn shift(list: &mut [Chosen], from: usize, to: usize) {
    if from < list.len() && to < list.len() {
        list.swap(from, to);
    }
}

#[component]
pub fn ChosenQuestions(chosen: State<Vec<Chosen>>) -> impl IntoView {
    let list = NodeRef::<html::Ol>::new();
    // After a move, the same button of the moved question gets the focus
    // back (the list is rebuilt), so repeated presses keep moving it.
    let focus_after = move |index: usize, which: &'static str| {
        request_animation_frame(move || {
            let Some(ol) = list.get_untracked() else { return };
            // The same button, or the other one when it is now disabled (the
            // question reached the top or the bottom).
            let selector = format!("li:nth-child({}) button.{which}:not(:disabled)", index + 1);
            let fallback = format!("li:nth-child({}) button.move:not(:disabled)", index + 1);
            let target = ol
                .query_selector(&selector)
                .ok()
                .flatten()
                .or_else(|| ol.query_selector(&fallback).ok().flatten());
            if let Some(el) = target.and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok()) {
                let _ = el.focus();
            }
        });
    };
    view! {
        <When when=move || chosen.with(Vec::is_empty)>
            <p class="muted empty-choice">"No questions yet: find them below and press Add."</p>
        </When>
        <ol class="chosen-questions" data-testid="chosen-questions" node_ref=list>
            {move || {
                let total = chosen.with(Vec::len);
                chosen.get().into_iter().enumerate().map(|(i, (q, minutes))| {
                    let id = format!("minutes-{i}");
                    let title = q.title.clone();
                    view! {
                        <li>
                            <div class="chosen-text">
                                <span class="chosen-title">{q.title.clone()}</span>
                                <span class="muted small chosen-meta">{format!("{} · {} · {}", q.kind, q.category, q.pack_title)}</span>
                            </div>
                            <div class="chosen-controls">
                                <label for=id.clone()>"Minutes"</label>
                                <input id=id type="number" min="1" max="240" class="minutes" prop:value=minutes.to_string()
                                    on:change=move |ev| {
                                        if let Ok(m) = event_target_value(&ev).parse::<u32>() {
                                            chosen.update(|c| if let Some(entry) = c.get_mut(i) { entry.1 = m.clamp(1, 240) });
                                        }
                                    }/>
                                <button type="button" class="secondary small-button move up" disabled={i == 0}
                                    aria-label=format!("Move up: {title}")
                                    on:click=move |_| {
                                        chosen.update(|c| shift(c, i, i.saturating_sub(1)));
                                        focus_after(i.saturating_sub(1), "up");
                                    }>"↑"</button>
                                <button type="button" class="secondary small-button move down" disabled={i + 1 == total}
                                    aria-label=format!("Move down: {title}")
                                    on:click=move |_| {
                                        chosen.update(|c| shift(c, i, i + 1));
                                        focus_after(i + 1, "down");
                                    }>"↓"</button>
                                <button type="button" class="secondary small-button" aria-label=format!("Remove: {}", q.title)
                                    on:click=move |_| chosen.update(|c| { c.remove(i); })>"Remove"</button>
                            </div>
                        </li>
                    }
                }).collect_view()
            }}
        </ol>
        {move || {
            let minutes: u32 = chosen.with(|c| c.iter().map(|(_, m)| m).sum());
            (minutes > 0).then(|| view! { <p class="muted small" data-testid="total-minutes">{format!("{minutes} minutes in all")}</p> })
        }}
    }
}
