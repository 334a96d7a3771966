//! A code exercise in a live room: revealed as a titled stage with its code
//! highlighted, and the candidate starts their answer from it (over typed
//! text only after a confirmation); the interviewer sees the new answer.

use std::time::Duration;

use crate::harness::{Backend, Browser};
use crate::seed;

pub async fn start_answer_from_code(backend: Backend) {
    let Some(interviewer) = Browser::start(backend).await else {
        return;
    };
    let a = &interviewer;
    let room = seed::live_room_on(a.base(), "outbox").await;
    seed::open_console(a, &room).await;
    let candidate = seed::join(a, &room).await;
    let c = &candidate;
    // Scenario, challenge, then the code exercise.
    for stage in ["The Scenario", "The Challenge", "The publishing code today"] {
        a.wait_text("[data-testid=reveal-next]", stage).await;
        a.click("[data-testid=reveal-next]").await;
        c.wait_text("[data-testid=revealed-stages]", stage).await;
    }
    assert!(
        c.count("[data-testid=revealed-stages] .stage-code_exercise code .hl-k")
            .await
            > 0,
        "the exercise's code is highlighted"
    );

    // Typed text is replaced only after a confirmation.
    c.type_text("#answer", "my notes").await;
    c.click("[data-testid=start-from-code]").await;
    c.wait_text("dialog[open]", "Replace your answer with this code?").await;
    c.screenshot("code-exercise-confirm").await;
    c.click_button("Replace my answer").await;
    for _ in 0..50 {
        if c.value("#answer").await.starts_with("def place_order(cart):") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        c.value("#answer").await.starts_with("def place_order(cart):"),
        "the answer starts from the code"
    );
    a.wait_text("[data-testid=candidate-answer]", "def place_order(cart):")
        .await;
    c.wait_text("[data-testid=save-state]", "Saved").await;
    c.screenshot("code-exercise-answer").await;
}
