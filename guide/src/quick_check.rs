//! `### Quick Check` sections: a bold question, options `A.`…, the correct one
//! marked `-> B. **…**`, and the explanation in `<details>`.

use crate::component::decode_entities;
use crate::lines::Line;
use crate::{Diagnostic, QuickCheck, Severity};

fn error(line: usize, col: usize, message: impl Into<String>) -> Diagnostic {
    Diagnostic {
        line,
        col,
        severity: Severity::Error,
        message: message.into(),
    }
}

/// `(marked, letter, text, column)` for an option line such as `-> B. **text**`.
fn option(text: &str) -> Option<(bool, char, String, usize)> {
    let trimmed = text.trim_start();
    let (marked, rest) = match trimmed.strip_prefix("->") {
        Some(rest) => (true, rest.trim_start()),
        None => (false, trimmed),
    };
    let mut chars = rest.chars();
    let letter = chars.next().filter(char::is_ascii_uppercase)?;
    let sep = chars.next()?;
    if sep != '.' && sep != ')' {
        return None;
    }
    let body = chars.as_str();
    if !body.starts_with(' ') {
        return None;
    }
    let col = text.len() - trimmed.len() + 1;
    Some((marked, letter, strip_bold(body.trim()), col))
}

/// `**text**` → `text` (options and questions are often wholly bold).
fn strip_bold(s: &str) -> String {
    let inner = s.strip_prefix("**").and_then(|s| s.strip_suffix("**"));
    match inner {
        Some(inner) if !inner.contains("**") => inner.trim().to_owned(),
        _ => s.to_owned(),
    }
}

/// Parses a quick check from the lines after its heading (`heading` is the
/// heading's line number). Structural problems are errors; the quick check is
/// returned only when it is usable.
pub fn parse(heading: usize, body: &[Line<'_>], diagnostics: &mut Vec<Diagnostic>) -> Option<QuickCheck> {
    let mut question = Vec::new();
    let mut options: Vec<(bool, char, String, usize, usize)> = Vec::new();
    let mut explanation = Vec::new();
    let mut after_options = Vec::new();
    let mut in_details = false;
    let mut saw_details = false;
    for line in body {
        let t = line.text.trim();
        if !line.code && t.starts_with("<details") {
            in_details = true;
            saw_details = true;
            continue;
        }
        if !line.code && t.starts_with("</details") {
            in_details = false;
            continue;
        }
        if in_details {
            if !line.code && t.starts_with("<summary") {
                continue;
            }
            explanation.push(line.text);
            continue;
        }
        if !line.code {
            if let Some((marked, letter, text, col)) = option(line.text) {
                if after_options.iter().all(|l: &&str| l.trim().is_empty()) {
                    options.push((marked, letter, text, line.number, col));
                    after_options.clear();
                    continue;
                }
            }
        }
        if options.is_empty() {
            question.push(line.text);
        } else {
            after_options.push(line.text);
        }
    }
    if in_details {
        diagnostics.push(error(heading, 1, "quick check: <details> is never closed"));
    }
    let question = strip_bold(question.join("\n").trim());
    if question.is_empty() {
        diagnostics.push(error(heading, 1, "quick check has no question"));
    }
    if options.is_empty() {
        diagnostics.push(error(heading, 1, "quick check has no options (lines like `   A. …`)"));
        return None;
    }
    let mut ok = !question.is_empty();
    for (i, (_, letter, _, line, col)) in options.iter().enumerate() {
        let want = (b'A' + i as u8) as char;
        if *letter != want {
            diagnostics.push(error(
                *line,
                *col,
                format!("quick check options have a gap: expected {want}, found {letter}"),
            ));
            ok = false;
            break;
        }
    }
    if options.len() < 2 {
        diagnostics.push(error(
            options[0].3,
            options[0].4,
            "quick check needs at least two options",
        ));
        ok = false;
    }
    let marked: Vec<_> = options.iter().enumerate().filter(|(_, o)| o.0).collect();
    match marked.len() {
        0 => {
            diagnostics.push(error(
                heading,
                1,
                "quick check has no correct option (mark it `-> B. **…**`)",
            ));
            ok = false;
        }
        1 => {}
        n => {
            let (_, second) = marked[1];
            diagnostics.push(error(
                second.3,
                second.4,
                format!("quick check marks {n} options as correct"),
            ));
            ok = false;
        }
    }
    let mut explanation = explanation.join("\n").trim().to_owned();
    if !saw_details {
        explanation = after_options.join("\n").trim().to_owned();
    }
    if explanation.is_empty() {
        diagnostics.push(Diagnostic {
            line: heading,
            col: 1,
            severity: Severity::Warning,
            message: "quick check has no explanation (<details><summary>See Answer</summary>…</details>)".into(),
        });
    }
    let correct = marked.first().map(|(i, _)| *i)?;
    ok.then(|| QuickCheck {
        question: decode_entities(&question),
        options: options.into_iter().map(|o| decode_entities(&o.2)).collect(),
        correct,
        explanation,
        line: heading,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::split;

    fn run(src: &str) -> (Option<QuickCheck>, Vec<Diagnostic>) {
        let lines = split(src);
        let mut d = Vec::new();
        (parse(1, &lines, &mut d), d)
    }

    #[test]
    fn reads_the_guide_form() {
        let (qc, d) = run("\n**Which one?**\n\n   A. one\n-> B. **two**\n   C. three\n   D. four\n\n<details>\n<summary>See Answer</summary>\n\nBecause two.\n\n</details>\n");
        let qc = qc.expect("quick check");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(qc.question, "Which one?");
        assert_eq!(qc.options, vec!["one", "two", "three", "four"]);
        assert_eq!(qc.correct, 1);
        assert_eq!(qc.explanation, "Because two.");
    }

    #[test]
    fn errors_for_no_mark_two_marks_and_gaps() {
        let (qc, d) = run("**Q**\n   A. a\n   B. b\n");
        assert!(qc.is_none());
        assert!(d.iter().any(|d| d.message.contains("no correct option")));
        let (qc, d) = run("**Q**\n-> A. a\n-> B. b\n");
        assert!(qc.is_none());
        assert!(d.iter().any(|d| d.message.contains("marks 2 options") && d.line == 3));
        let (qc, d) = run("**Q**\n   A. a\n-> B. b\n   D. d\n");
        assert!(qc.is_none());
        assert!(d
            .iter()
            .any(|d| d.message.contains("expected C, found D") && d.line == 4 && d.col == 4));
    }
}
