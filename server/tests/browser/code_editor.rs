//! The answer's code editor: the candidate picks a language and writes code
//! with line numbers, tab indentation, undo and highlighting; the console
//! shows the same code with the same highlighting. The editor lives in a
//! shadow root (its styles must not need inline `<style>` under the CSP), so
//! the test reads it through `shadowRoot`.

use std::time::Duration;

use crate::harness::{Backend, Browser};
use crate::seed;

const CTRL: char = '\u{E009}';
const ENTER: char = '\u{E007}';
const TAB: char = '\u{E004}';
const ESCAPE: char = '\u{E00C}';
/// The editor's keyword colour (#7a1fa2), as computed styles report it.
const KEYWORD: &str = "rgb(122, 31, 162)";

/// The editor's core and its Python support as served (brotli, with the
/// responses' headers), today 115 KiB, plus about 5%.
const EDITOR_BUDGET: f64 = 121.0 * 1024.0;

/// Bytes over the wire of the editor's files so far (`assets/editor-…`).
async fn editor_download(b: &Browser) -> f64 {
    b.script(
        "return performance.getEntriesByType('resource')
           .filter(e => e.name.includes('/assets/editor-'))
           .reduce((s, e) => s + (e.transferSize || 0), 0);",
    )
    .await
    .as_f64()
    .unwrap_or(0.0)
}

/// A script expression: the CodeMirror content element under `css`.
fn content(css: &str) -> String {
    format!("document.querySelector('{css} .code-editor')?.shadowRoot?.querySelector('.cm-content')")
}

/// The editor's text (its lines joined).
pub(crate) async fn editor_text(b: &Browser, css: &str) -> String {
    let js = format!(
        "const c = {}; return c ? [...c.querySelectorAll('.cm-line')].map(l => l.textContent).join('\\n') : null;",
        content(css)
    );
    b.script(&js).await.as_str().unwrap_or_default().to_owned()
}

async fn wait_editor_text(b: &Browser, css: &str, want: &str) {
    for _ in 0..100 {
        if editor_text(b, css).await == want {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "the editor under {css} never held {want:?} (holds {:?})",
        editor_text(b, css).await
    );
}

/// Whether the word `word` in the editor under `css` has the keyword colour.
pub(crate) async fn highlighted_as_keyword(b: &Browser, css: &str, word: &str) -> bool {
    let js = format!(
        "const c = {}; if (!c) return false; return [...c.querySelectorAll('.cm-line span')]
           .some(s => s.textContent === '{word}' && getComputedStyle(s).color === '{KEYWORD}');",
        content(css)
    );
    for _ in 0..50 {
        if b.script(&js).await.as_bool() == Some(true) {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    false
}

pub async fn write_code(backend: Backend) {
    let Some(interviewer) = Browser::start(backend).await else {
        return;
    };
    let a = &interviewer;
    let room = seed::live_room_on(a.base(), "outbox").await;
    seed::open_console(a, &room).await;
    let candidate = seed::join(a, &room).await;
    let c = &candidate;
    a.wait_text("[data-testid=reveal-next]", "The Scenario").await;
    a.click("[data-testid=reveal-next]").await;
    c.wait_text("[data-testid=revealed-stages]", "The Scenario").await;

    // Plain text by default: the text box.
    assert_eq!(c.value("[data-testid=answer-language]").await, "plain");
    assert_eq!(c.count("#answer").await, 1);

    // Python: the editor replaces the box, and the interviewer is told. The
    // editor is fetched only now; its cost over the wire is printed and held
    // to a budget.
    assert_eq!(editor_download(c).await, 0.0, "no editor before a language is picked");
    c.click("[data-testid=answer-language] option[value=python]").await;
    c.wait_count("[data-testid=answer-editor] .code-editor", 1).await;
    let bytes = editor_download(c).await;
    println!(
        "code editor with Python: {:.0} KiB over the wire (budget {:.0} KiB)",
        bytes / 1024.0,
        EDITOR_BUDGET / 1024.0
    );
    assert!(bytes > 0.0, "the browser reported no editor download");
    assert!(
        bytes <= EDITOR_BUDGET,
        "the editor's download ({:.0} KiB) is over its budget",
        bytes / 1024.0
    );
    assert_eq!(c.count("#answer").await, 0, "the text box made way for the editor");
    a.wait_text("[data-testid=candidate-answer-language]", "Written in Python")
        .await;

    // Typing: a new line after a colon is indented, Tab indents, Ctrl+Z undoes.
    c.script(&format!("{}.focus();", content("[data-testid=answer-editor]")))
        .await;
    c.press(&"def publish(order):".chars().collect::<Vec<_>>()).await;
    c.press(&[ENTER]).await;
    c.press(&"return outbox.add(order)".chars().collect::<Vec<_>>()).await;
    wait_editor_text(
        c,
        "[data-testid=answer-editor]",
        "def publish(order):\n    return outbox.add(order)",
    )
    .await;
    // Undo takes back typing in steps (CodeMirror groups quick edits).
    let before = editor_text(c, "[data-testid=answer-editor]").await;
    c.press(&[ENTER]).await;
    c.press(&"oops".chars().collect::<Vec<_>>()).await;
    wait_editor_text(c, "[data-testid=answer-editor]", &format!("{before}\n    oops")).await;
    for _ in 0..4 {
        if editor_text(c, "[data-testid=answer-editor]").await == before {
            break;
        }
        c.chord(&[CTRL, 'z']).await;
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    wait_editor_text(c, "[data-testid=answer-editor]", &before).await;
    c.press(&[ENTER]).await;
    c.press(&[TAB]).await;
    c.press(&"# retried".chars().collect::<Vec<_>>()).await;
    let want = "def publish(order):\n    return outbox.add(order)\n        # retried";
    wait_editor_text(c, "[data-testid=answer-editor]", want).await;
    assert!(
        c.count_in_shadow(
            "[data-testid=answer-editor] .code-editor",
            ".cm-lineNumbers .cm-gutterElement"
        )
        .await
            >= 3,
        "line numbers"
    );
    assert!(highlighted_as_keyword(c, "[data-testid=answer-editor]", "def").await);
    c.wait_text("[data-testid=save-state]", "Saved").await;

    // The console shows the same code, highlighted the same way.
    wait_editor_text(a, "[data-testid=candidate-answer]", want).await;
    assert!(
        highlighted_as_keyword(a, "[data-testid=candidate-answer]", "def").await,
        "the interviewer sees the candidate's highlighting"
    );
    c.screenshot("code-editor-candidate").await;
    a.screenshot("code-editor-console").await;

    // Keyboard users are not trapped: Escape, then Tab leaves the editor.
    c.press(&[ESCAPE, TAB]).await;
    let inside = c
        .script("return document.activeElement === document.querySelector('[data-testid=answer-editor] .code-editor');")
        .await;
    assert_eq!(inside.as_bool(), Some(false), "Escape then Tab moves the focus on");

    // A reload keeps the language and the code.
    c.reload().await;
    c.wait_text("[data-testid=connection]", "Connected").await;
    c.wait_count("[data-testid=answer-editor] .code-editor", 1).await;
    assert_eq!(c.value("[data-testid=answer-language]").await, "python");
    wait_editor_text(c, "[data-testid=answer-editor]", want).await;

    // Back to plain text: the box holds the same answer.
    c.click("[data-testid=answer-language] option[value=plain]").await;
    c.wait_count("#answer", 1).await;
    assert_eq!(c.value("#answer").await, want);
    a.wait_text("[data-testid=candidate-answer]", "# retried").await;

    candidate.close().await;
    interviewer.close().await;
}
