//! `<SmartCodeRunner mode="…" title="…">`: a titled code exercise. Its code
//! is the fenced block inside `<Fragment slot="code">` (or, without slots, the
//! first fenced block of its body); other slots (a description, hints…) are
//! kept as Markdown around it. Everything inside the code slot is code, so
//! JSX there (`<UserProfile />`) is never read as a component.

use super::components::{part_kind, Span};
use super::{diag, is_quick_check_title, Reader};
use crate::component::{closing_name, opening_name, parse_tag};
use crate::js;
use crate::lines::{closes, fence_of, heading, Line};
use crate::summary::PartKind;
use crate::{Block, CodeSample, Severity};

/// A run of the body: free Markdown, or one `<Fragment slot="…">`.
enum Piece<'a> {
    Free(Vec<Line<'a>>),
    Slot(String, Vec<Line<'a>>),
}

impl<'a> Reader<'a> {
    pub(super) fn code_exercise(&mut self, span: &Span, line: usize) -> Block {
        let title = span.tag.text("title").filter(|t| !t.trim().is_empty());
        let title = title.unwrap_or_else(|| "Code exercise".into()).trim().to_owned();
        let attr_language = span
            .tag
            .text("language")
            .or_else(|| span.tag.text("lang"))
            .unwrap_or_default();
        let pieces = self.pieces(span.body_start, span.body_end);

        // The code: the `code` slot, else the first fenced block anywhere.
        let mut exercise = None;
        let mut used = None;
        for (n, piece) in pieces.iter().enumerate() {
            if let Piece::Slot(slot, body) = piece {
                if slot == "code" {
                    exercise = Some(slot_code(body, &attr_language));
                    used = Some((n, None));
                    break;
                }
            }
        }
        if exercise.is_none() {
            for (n, piece) in pieces.iter().enumerate() {
                let body = match piece {
                    Piece::Free(body) | Piece::Slot(_, body) => body,
                };
                if let Some((start, end, sample)) = first_fence(body, &attr_language) {
                    exercise = Some(sample);
                    used = Some((n, Some((start, end))));
                    break;
                }
            }
        }
        let exercise = exercise.unwrap_or_else(|| {
            self.diagnostics.push(diag(
                Severity::Warning,
                line,
                1,
                format!("<SmartCodeRunner> `{title}` has no code block; its text is kept"),
            ));
            CodeSample {
                language: attr_language.clone(),
                code: String::new(),
            }
        });

        let mut parts = Vec::new();
        for (n, piece) in pieces.iter().enumerate() {
            let here = used.filter(|(u, _)| *u == n).map(|(_, range)| range);
            match (piece, here) {
                (_, Some(None)) => parts.push(exercise.fenced()),
                (Piece::Free(body) | Piece::Slot(_, body), Some(Some((start, end)))) => {
                    let label = slot_label(piece);
                    parts.extend(label);
                    parts.push(text(&body[..start]));
                    parts.push(exercise.fenced());
                    parts.push(text(&body[end..]));
                }
                (Piece::Free(body), None) => parts.push(text(body)),
                (Piece::Slot(_, body), _) => {
                    parts.extend(slot_label(piece));
                    parts.push(text(body));
                }
            }
        }
        parts.retain(|p| !p.trim().is_empty());
        Block {
            title,
            markdown: parts.join("\n\n"),
            line,
            exercise: Some(exercise),
        }
    }

    /// Splits the body into free Markdown and slots, reporting parts that
    /// cannot live inside a code runner.
    fn pieces(&mut self, from: usize, to: usize) -> Vec<Piece<'a>> {
        let mut pieces = Vec::new();
        let mut free = Vec::new();
        let mut j = from;
        while j < to {
            let l = self.lines[j];
            if heading(&l).is_some_and(|(level, t)| (2..=4).contains(&level) && is_quick_check_title(&t)) {
                self.diagnostics.push(diag(
                    Severity::Warning,
                    l.number,
                    1,
                    "a quick check inside <SmartCodeRunner> is not imported; its text stays in the exercise",
                ));
                self.summary
                    .skip(PartKind::QuickCheck, l.number, "quick check inside a code runner");
            }
            let Some(name) = opening_name(&l) else {
                if closing_name(&l).is_none() {
                    free.push(l);
                }
                j += 1;
                continue;
            };
            let tag = parse_tag(&self.lines[..to], j);
            let after_tag = tag.as_ref().map_or(j + 1, |t| t.end_index + 1);
            self.report_swallowed(j + 1, after_tag, &name, l.number);
            if name == "Fragment" {
                let slot = tag.as_ref().ok().and_then(|t| t.text("slot")).unwrap_or_default();
                let self_closing = tag.as_ref().is_ok_and(|t| t.self_closing);
                let close = if self_closing {
                    after_tag
                } else {
                    (after_tag..to)
                        .find(|&k| closing_name(&self.lines[k]).as_deref() == Some("Fragment"))
                        .unwrap_or(to)
                };
                if !free.is_empty() {
                    pieces.push(Piece::Free(std::mem::take(&mut free)));
                }
                self.report_swallowed(after_tag.min(close), close, "Fragment", l.number);
                pieces.push(Piece::Slot(slot, self.lines[after_tag.min(close)..close].to_vec()));
                j = (close + 1).max(after_tag);
                continue;
            }
            match part_kind(&name) {
                Some(kind) => {
                    self.diagnostics.push(diag(
                        Severity::Warning,
                        l.number,
                        1,
                        format!("<{name}> inside <SmartCodeRunner> is not imported"),
                    ));
                    self.summary
                        .skip(kind, l.number, format!("<{name}> inside a code runner"));
                }
                None => self.unknown_component(&name, l.number),
            }
            j = after_tag;
        }
        if !free.is_empty() {
            pieces.push(Piece::Free(free));
        }
        pieces
    }
}

/// `**Hints**` above a slot other than the code or its description.
fn slot_label(piece: &Piece<'_>) -> Option<String> {
    let Piece::Slot(slot, _) = piece else { return None };
    let slot = slot.trim();
    if matches!(slot, "" | "default" | "description" | "instructions" | "code") {
        return None;
    }
    let mut chars = slot.chars();
    let first = chars.next()?.to_uppercase().collect::<String>();
    Some(format!("**{first}{}**", chars.as_str().replace(['-', '_'], " ")))
}

fn text(lines: &[Line<'_>]) -> String {
    super::join(lines)
}

/// The code of a `code` slot: its first fenced block, or all of it.
fn slot_code(body: &[Line<'_>], attr_language: &str) -> CodeSample {
    if let Some((_, _, sample)) = first_fence(body, attr_language) {
        return sample;
    }
    let raw: Vec<&str> = body.iter().map(|l| l.text).collect();
    CodeSample {
        language: attr_language.to_owned(),
        code: js::dedent(&raw.join("\n")),
    }
}

/// The first fenced block in `body`: `(first line, line after it, code)`.
fn first_fence(body: &[Line<'_>], attr_language: &str) -> Option<(usize, usize, CodeSample)> {
    let start = body.iter().position(|l| l.code && fence_of(l.text).is_some())?;
    let open_text = body[start].text;
    let open = fence_of(open_text)?;
    let indent = open_text.len() - open_text.trim_start().len();
    let info = open_text.trim_start()[open.1 * open.0.len_utf8()..].trim();
    let language = info.split_whitespace().next().unwrap_or(attr_language);
    let close = (start + 1..body.len()).find(|&k| closes(body[k].text, open));
    let end = close.map_or(body.len(), |c| c + 1);
    let code: Vec<&str> = body[start + 1..close.unwrap_or(body.len())]
        .iter()
        .map(|l| strip_indent(l.text, indent))
        .collect();
    Some((
        start,
        end,
        CodeSample {
            language: language.to_owned(),
            code: code.join("\n"),
        },
    ))
}

/// Removes up to `n` leading spaces (a fence's indentation, as CommonMark does).
fn strip_indent(text: &str, n: usize) -> &str {
    let spaces = text.len() - text.trim_start_matches(' ').len();
    &text[spaces.min(n)..]
}
