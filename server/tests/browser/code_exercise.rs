//! A code exercise in a live room: revealed as a titled stage with its code
//! highlighted, and the candidate starts their answer from it (over typed
//! text only after a confirmation), which switches the answer to the code's
//! language; the interviewer sees the new answer, highlighted the same.

use std::time::Duration;

use crate::code_editor::{editor_text, highlighted_as_keyword};
use crate::harness::{Backend, Browser};
use crate::seed;

async fn wait_editor_starts_with(b: &Browser, css: &str, prefix: &str) {
    for _ in 0..50 {
        if editor_text(b, css).await.starts_with(prefix) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "the editor under {css} does not start with {prefix:?}: {:?}",
        editor_text(b, css).await
    );
}

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
    // The answer is now that Python code, in the code editor, and it is
    // highlighted as Python on both sides.
    wait_editor_starts_with(c, "[data-testid=answer-editor]", "def place_order(cart):").await;
    assert_eq!(c.value("[data-testid=answer-language]").await, "python");
    assert!(highlighted_as_keyword(c, "[data-testid=answer-editor]", "def").await);
    a.wait_text("[data-testid=candidate-answer-language]", "Written in Python")
        .await;
    wait_editor_starts_with(a, "[data-testid=candidate-answer]", "def place_order(cart):").await;
    assert!(highlighted_as_keyword(a, "[data-testid=candidate-answer]", "def").await);
    c.wait_text("[data-testid=save-state]", "Saved").await;
    c.screenshot("code-exercise-answer").await;
}
