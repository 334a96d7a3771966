//! The console's timer card: the countdown with its controls, and the cue
//! when the question's time runs out — the card turns red and pulses, a
//! banner says so (announced), and a short chime plays unless the
//! interviewer muted it. The chime is off the main path: a browser that
//! refuses audio (no user gesture yet, no audio device) only loses the sound.

use leptos::prelude::*;
use mockroom_api::{ClientMessage, InterviewerView, RoomRole};
use wasm_bindgen::JsValue;

use crate::components::When;
use crate::reactive::{Derived, State};
use crate::room_parts::Handle;
use crate::room_socket::{remaining_text, time_is_up};

const SOUND_KEY: &str = "mockroom.time-up-sound";

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn sound_wanted() -> bool {
    storage()
        .and_then(|s| s.get_item(SOUND_KEY).ok().flatten())
        .is_none_or(|v| v != "off")
}

fn remember_sound(on: bool) {
    if let Some(s) = storage() {
        let _ = s.set_item(SOUND_KEY, if on { "on" } else { "off" });
    }
}

/// Two soft tones, 0.9 s in all.
fn chime() -> Result<(), JsValue> {
    let ctx = web_sys::AudioContext::new()?;
    let start = ctx.current_time();
    for (i, freq) in [880.0_f32, 660.0].into_iter().enumerate() {
        let at = start + 0.35 * i as f64;
        let osc = ctx.create_oscillator()?;
        let gain = ctx.create_gain()?;
        osc.frequency().set_value(freq);
        gain.gain().set_value_at_time(0.0001, at)?;
        gain.gain().exponential_ramp_to_value_at_time(0.25, at + 0.02)?;
        gain.gain().exponential_ramp_to_value_at_time(0.0001, at + 0.5)?;
        osc.connect_with_audio_node(&gain)?;
        gain.connect_with_audio_node(&ctx.destination())?;
        let source: &web_sys::AudioScheduledSourceNode = &osc;
        source.start_with_when(at)?;
        source.stop_with_when(at + 0.55)?;
    }
    // Free the audio device once the chime is over.
    set_timeout(
        move || {
            let _ = ctx.close();
        },
        std::time::Duration::from_millis(1500),
    );
    Ok(())
}

#[component]
pub fn TimerCard(
    view: Signal<Option<InterviewerView>>,
    now: State<f64>,
    offset: State<f64>,
    handle: Handle,
) -> impl IntoView {
    let timer = Derived::new(move || view.with(|v| v.as_ref().map(|v| v.timer.clone())));
    let finished = Derived::new(move || view.with(|v| v.as_ref().is_some_and(|v| v.finished)));
    let controls = Derived::new(move || {
        view.with(|v| v.as_ref().is_some_and(|v| v.role == RoomRole::Interviewer)) && !finished.get()
    });
    let running = Derived::new(move || timer.with(|t| t.as_ref().is_some_and(|t| t.running)));
    let started = Derived::new(move || timer.with(|t| t.as_ref().is_some_and(|t| t.remaining_ms < t.limit_ms)));
    let time_up = Derived::new(move || {
        !finished.get() && timer.with(|t| t.as_ref().is_some_and(|t| time_is_up(t, now.get(), offset.get())))
    });
    let sound = State::new(sound_wanted());
    // Chime when the time runs out while the console is open (not when it
    // opens on a question whose time ran out long ago).
    Effect::new(move |was: Option<bool>| {
        let up = time_up.get();
        if up && was == Some(false) && sound.get_untracked() {
            let _ = chime();
        }
        up
    });
    let send = move |m: ClientMessage| handle.with_value(|h| h.send(&m));
    view! {
        <section class="card timer-card" class:time-up=move || time_up.get() aria-label="Timer">
            <div class="timer-row">
                <p class="timer" data-testid="timer">
                    {move || timer.with(|t| t.as_ref().map(|t| remaining_text(t, now.get(), offset.get())))}
                    {move || match (finished.get(), running.get(), started.get()) {
                        (true, _, _) => Some(view! { <span class="muted">" · stopped"</span> }),
                        (false, false, true) => Some(view! { <span class="muted">" (paused)"</span> }),
                        (false, false, false) => Some(view! { <span class="muted">" (not started)"</span> }),
                        (false, true, _) => None,
                    }}
                </p>
                <When when=move || controls.get()>
                    <div class="inline timer-controls">
                        {move || if running.get() {
                            view! { <button type="button" class="secondary" on:click=move |_| send(ClientMessage::TimerPause)>"Pause"</button> }.into_any()
                        } else if started.get() {
                            view! { <button type="button" class="secondary" on:click=move |_| send(ClientMessage::TimerResume)>"Resume"</button> }.into_any()
                        } else {
                            view! { <button type="button" class="secondary" data-testid="start-timer" on:click=move |_| send(ClientMessage::TimerStart)>"Start timer"</button> }.into_any()
                        }}
                        <button type="button" class="secondary" aria-label="Add 5 minutes" on:click=move |_| send(ClientMessage::TimerExtend { seconds: 300 })>"+5 min"</button>
                    </div>
                </When>
            </div>
            <When when=move || time_up.get()>
                <p class="time-up-banner" role="alert" data-testid="time-up">"Time is up for this question."</p>
            </When>
            <button type="button" class="link sound-toggle" aria-pressed=move || sound.get().to_string()
                on:click=move |_| {
                    let on = !sound.get_untracked();
                    sound.set(on);
                    remember_sound(on);
                }>
                {move || if sound.get() { "Chime at time-up: on" } else { "Chime at time-up: off" }}
            </button>
        </section>
    }
}
