//! The components a guide may hold (`<JuniorVsSenior>`, `<InterviewQuiz/>`,
//! `<SmartCodeRunner>`, unknown ones): how each becomes part of a question,
//! or is reported at its line when it cannot.

use super::{diag, is_quick_check_title, join, CheckSource, DraftSection, Reader};
use crate::component::{closing_name, opening_name, parse_tag, AttrValue, Tag};
use crate::js;
use crate::lines::heading;
use crate::summary::PartKind;
use crate::{QuickCheck, Severity};

/// The kind of part a component is, when it is one that must be imported or reported.
pub(super) fn part_kind(name: &str) -> Option<PartKind> {
    match name {
        "JuniorVsSenior" => Some(PartKind::JuniorSenior),
        "InterviewQuiz" => Some(PartKind::QuickCheck),
        "SmartCodeRunner" => Some(PartKind::CodeExercise),
        _ => None,
    }
}

/// Where a component's parts are: its tag, its body lines, the line after it.
pub(super) struct Span {
    pub tag: Tag,
    pub body_start: usize,
    pub body_end: usize,
    pub next: usize,
}

impl<'a> Reader<'a> {
    /// Reads the component opening at line index `i`, looking no further than
    /// `limit` (exclusive). Problems are reported (and a part that cannot be
    /// read is counted as skipped); `None` then, and reading goes on at `i + 1`.
    pub(super) fn component_span(&mut self, i: usize, name: &str, limit: usize) -> Option<Span> {
        let line = self.lines[i].number;
        let tag = match parse_tag(&self.lines[..limit], i) {
            Ok(tag) => tag,
            Err(err) => {
                self.diagnostics.push(diag(Severity::Error, line, 1, err.message));
                if let Some(kind) = part_kind(name) {
                    self.summary.skip(kind, line, format!("<{name}> that cannot be read"));
                }
                return None;
            }
        };
        let body_start = tag.end_index + 1;
        let span = if tag.self_closing {
            Some(Span {
                tag,
                body_start,
                body_end: body_start,
                next: body_start,
            })
        } else {
            self.body_span(tag, name, line, limit)
        };
        // Only a tag that is used hides the lines of its attributes; when it
        // is refused, reading goes on inside it and finds them.
        if let Some(span) = &span {
            self.report_swallowed(i + 1, span.body_start, name, line);
        }
        span
    }

    fn body_span(&mut self, tag: Tag, name: &str, line: usize, limit: usize) -> Option<Span> {
        let body_start = tag.end_index + 1;
        match self.find_close(name, body_start, limit) {
            Some(close) => Some(Span {
                tag,
                body_start,
                body_end: close,
                next: close + 1,
            }),
            None => match part_kind(name) {
                Some(kind) => {
                    self.diagnostics.push(diag(
                        Severity::Error,
                        line,
                        1,
                        format!("unclosed component <{name}>: no </{name}> follows"),
                    ));
                    self.summary.skip(kind, line, format!("unclosed <{name}>"));
                    None
                }
                // An unknown component without a closing tag: its tag alone.
                None => Some(Span {
                    tag,
                    body_start,
                    body_end: body_start,
                    next: body_start,
                }),
            },
        }
    }

    /// Handles a component starting at line index `i`; returns the next index to read.
    pub(super) fn on_component(&mut self, i: usize, name: String) -> usize {
        let line = self.lines[i].number;
        let Some(span) = self.component_span(i, &name, self.lines.len()) else {
            return i + 1;
        };
        match name.as_str() {
            "JuniorVsSenior" => {
                self.on_junior_senior(&span, line);
                span.next
            }
            "InterviewQuiz" => {
                self.report_swallowed(span.body_start, span.body_end, "InterviewQuiz", line);
                let body = join(&self.lines[span.body_start..span.body_end]);
                self.on_quiz(&span.tag, body, line);
                span.next
            }
            "SmartCodeRunner" => {
                let block = self.code_exercise(&span, line);
                match self.draft.as_mut() {
                    // The exercise is a stage of its own; the text after it
                    // continues the part it stands in.
                    Some(draft) => draft.sections.push(DraftSection::Done(block)),
                    None => self.outside_question(PartKind::CodeExercise, "<SmartCodeRunner>", line),
                }
                span.next
            }
            _ => {
                self.unknown_component(&name, line);
                // Its body lines are read as ordinary Markdown; the closing tag is dropped.
                if span.body_end > span.body_start {
                    self.open_unknown.push(name);
                }
                span.tag.end_index + 1
            }
        }
    }

    pub(super) fn unknown_component(&mut self, name: &str, line: usize) {
        self.diagnostics.push(diag(
            Severity::Warning,
            line,
            1,
            format!("unknown component <{name}>: its text is kept, the component is not"),
        ));
    }

    /// Reports a part found where no question is, and counts it as skipped.
    pub(super) fn outside_question(&mut self, kind: PartKind, what: &str, line: usize) {
        self.diagnostics.push(diag(
            Severity::Warning,
            line,
            1,
            format!("{what} outside a question is not imported"),
        ));
        self.summary.skip(kind, line, format!("{what} outside a question"));
    }

    /// Parts that stand where they cannot be read — inside another
    /// component's attributes, a quiz's body, a code runner's slot — are
    /// reported and counted, so that an unterminated quote cannot swallow
    /// a quick check in silence.
    pub(super) fn report_swallowed(&mut self, from: usize, to: usize, container: &str, container_line: usize) {
        for j in from..to.min(self.lines.len()) {
            let l = self.lines[j];
            let kind = match heading(&l) {
                Some((level, title)) if (2..=4).contains(&level) && is_quick_check_title(&title) => {
                    Some(PartKind::QuickCheck)
                }
                Some(_) => None,
                None => opening_name(&l).and_then(|name| part_kind(&name)),
            };
            if let Some(kind) = kind {
                self.diagnostics.push(diag(
                    Severity::Warning,
                    l.number,
                    1,
                    format!(
                        "this part is inside <{container}> (line {container_line}) and is not imported; \
                         is a quote or a closing tag missing?"
                    ),
                ));
                self.summary.skip(kind, l.number, format!("inside <{container}>"));
            }
        }
    }

    /// Index of the line closing `name` in `from..limit`, skipping code.
    fn find_close(&self, name: &str, from: usize, limit: usize) -> Option<usize> {
        (from..limit).find(|&j| closing_name(&self.lines[j]).as_deref() == Some(name))
    }

    pub(super) fn on_quiz(&mut self, tag: &Tag, body: String, line: usize) {
        let question = tag.text("question").unwrap_or_default();
        let options = match tag.attr("options") {
            Some(AttrValue::Expr(e)) => js::string_array(e),
            _ => None,
        };
        let correct = tag.text("correctAnswer").and_then(|c| c.parse::<usize>().ok());
        let explanation = tag.text("explanation").unwrap_or(body);
        let problem = if question.trim().is_empty() {
            Some("no `question`".to_owned())
        } else {
            match &options {
                Some(o) if o.len() >= 2 => match correct {
                    Some(c) if c < o.len() => None,
                    _ => Some(format!("`correctAnswer` must be an index from 0 to {}", o.len() - 1)),
                },
                _ => Some("`options` must be an array of at least two strings".to_owned()),
            }
        };
        if let Some(problem) = problem {
            self.diagnostics
                .push(diag(Severity::Error, line, 1, format!("<InterviewQuiz>: {problem}")));
            self.summary
                .skip(PartKind::QuickCheck, line, "<InterviewQuiz> with errors");
            return;
        }
        let (Some(options), Some(correct)) = (options, correct) else {
            return;
        };
        let Some(draft) = self.draft.as_mut() else {
            self.outside_question(PartKind::QuickCheck, "<InterviewQuiz>", line);
            return;
        };
        if explanation.trim().is_empty() {
            self.diagnostics
                .push(diag(Severity::Warning, line, 1, "quick check has no explanation"));
        }
        draft.checks.push(CheckSource::Quiz(QuickCheck {
            question,
            options,
            correct,
            explanation,
            line,
        }));
    }
}
