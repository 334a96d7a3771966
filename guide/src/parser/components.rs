//! The components a guide may hold (`<JuniorVsSenior>`, `<InterviewQuiz/>`,
//! `<SmartCodeRunner>`, unknown ones): how each becomes part of a question.

use super::{diag, join, CheckSource, Reader, Target};
use crate::component::{closing_name, opening_name, parse_tag, string_array, AttrValue, Tag};
use crate::lines::Line;
use crate::{JuniorSenior, QuickCheck, Severity};

impl<'a> Reader<'a> {
    /// Handles a component starting at line index `i`; returns the next index to read.
    pub(super) fn on_component(&mut self, i: usize, name: String) -> usize {
        let line = self.lines[i];
        let tag = match parse_tag(&self.lines, i) {
            Ok(tag) => tag,
            Err(err) => {
                self.diagnostics
                    .push(diag(Severity::Error, line.number, 1, err.message));
                return i + 1;
            }
        };
        let body_start = tag.end_index + 1;
        let (body_end, next) = if tag.self_closing {
            (body_start, body_start)
        } else {
            match self.find_close(&name, body_start) {
                Some(close) => (close, close + 1),
                None if matches!(name.as_str(), "JuniorVsSenior" | "SmartCodeRunner" | "InterviewQuiz") => {
                    self.diagnostics.push(diag(
                        Severity::Error,
                        line.number,
                        1,
                        format!("unclosed component <{name}>: no </{name}> follows"),
                    ));
                    return body_start;
                }
                None => (body_start, body_start),
            }
        };
        match name.as_str() {
            "JuniorVsSenior" => {
                let body = self.flatten(body_start, body_end);
                self.on_junior_senior(&tag, body, line.number);
                next
            }
            "InterviewQuiz" => {
                let body = join(&self.lines[body_start..body_end]);
                self.on_quiz(&tag, body, line.number);
                next
            }
            "SmartCodeRunner" => {
                let inner: Vec<Line<'a>> = self.lines[body_start..body_end].to_vec();
                match (&mut self.draft, self.target) {
                    (Some(draft), Target::Preamble | Target::Scenario | Target::Challenge) => {
                        let title = tag.text("title").unwrap_or_else(|| "Code".into());
                        draft.sections.push((title, line.number, inner));
                        self.target = Target::Section(draft.sections.len() - 1);
                    }
                    _ => inner.into_iter().for_each(|l| self.push_line(l)),
                }
                next
            }
            _ => {
                self.diagnostics.push(diag(
                    Severity::Warning,
                    line.number,
                    1,
                    format!("unknown component <{name}>: its text is kept, the component is not"),
                ));
                // Its body lines are read as ordinary Markdown; the closing tag is dropped.
                if !tag.self_closing && body_end > body_start {
                    self.open_unknown.push(name);
                }
                tag.end_index + 1
            }
        }
    }

    /// Index of the line closing `name`, skipping code.
    fn find_close(&self, name: &str, from: usize) -> Option<usize> {
        (from..self.lines.len()).find(|&j| closing_name(&self.lines[j]).as_deref() == Some(name))
    }

    /// The body of a component as Markdown, with nested components' tags
    /// removed (their text and code stay).
    fn flatten(&mut self, from: usize, to: usize) -> String {
        let mut kept = Vec::new();
        let mut j = from;
        while j < to {
            let l = self.lines[j];
            if let Some(inner) = opening_name(&l) {
                if !matches!(inner.as_str(), "SmartCodeRunner") {
                    self.diagnostics.push(diag(
                        Severity::Warning,
                        l.number,
                        1,
                        format!("unknown component <{inner}>: its text is kept, the component is not"),
                    ));
                }
                j = match parse_tag(&self.lines[..to], j) {
                    Ok(tag) => tag.end_index + 1,
                    Err(_) => j + 1,
                };
                continue;
            }
            if closing_name(&l).is_none() {
                kept.push(l);
            }
            j += 1;
        }
        join(&kept)
    }

    fn on_junior_senior(&mut self, tag: &Tag, model_answer: String, line: usize) {
        let Some(draft) = self.draft.as_mut() else {
            self.diagnostics.push(diag(
                Severity::Warning,
                line,
                1,
                "<JuniorVsSenior> outside a question is ignored",
            ));
            return;
        };
        let side = |prefix: &str| {
            let mut parts = Vec::new();
            for key in ["Answer", "Explanation"] {
                if let Some(t) = tag.text(&format!("{prefix}{key}")).filter(|t| !t.trim().is_empty()) {
                    parts.push(t.trim().to_owned());
                }
            }
            if let Some(code) = tag.text(&format!("{prefix}Code")).filter(|t| !t.trim().is_empty()) {
                parts.push(format!("```\n{code}\n```"));
            }
            parts.join("\n\n")
        };
        let (junior, senior) = (side("junior"), side("senior"));
        if junior.is_empty() || senior.is_empty() {
            self.diagnostics.push(diag(
                Severity::Error,
                line,
                1,
                "<JuniorVsSenior> needs a junior and a senior side (juniorAnswer/seniorAnswer, …Code or …Explanation)",
            ));
        }
        match draft.question.junior_senior.as_mut() {
            None => {
                draft.question.junior_senior = Some(JuniorSenior {
                    junior,
                    senior,
                    model_answer,
                    line,
                });
            }
            Some(existing) => {
                self.diagnostics.push(diag(
                    Severity::Warning,
                    line,
                    1,
                    "a second <JuniorVsSenior> in one question: its answers are appended to the first",
                ));
                for (into, more) in [
                    (&mut existing.junior, junior),
                    (&mut existing.senior, senior),
                    (&mut existing.model_answer, model_answer),
                ] {
                    if !more.is_empty() {
                        into.push_str("\n\n");
                        into.push_str(&more);
                    }
                }
            }
        }
    }

    fn on_quiz(&mut self, tag: &Tag, body: String, line: usize) {
        let mut error = |message: &str| {
            self.diagnostics
                .push(diag(Severity::Error, line, 1, format!("<InterviewQuiz>: {message}")));
        };
        let question = tag.text("question").unwrap_or_default();
        let options = match tag.attr("options") {
            Some(AttrValue::Expr(e)) => string_array(e),
            _ => None,
        };
        let correct = tag.text("correctAnswer").and_then(|c| c.parse::<usize>().ok());
        let explanation = tag.text("explanation").unwrap_or(body);
        if question.trim().is_empty() {
            return error("no `question`");
        }
        let Some(options) = options.filter(|o| o.len() >= 2) else {
            return error("`options` must be an array of at least two strings");
        };
        let Some(correct) = correct.filter(|c| *c < options.len()) else {
            return error(&format!(
                "`correctAnswer` must be an index from 0 to {}",
                options.len() - 1
            ));
        };
        let Some(draft) = self.draft.as_mut() else {
            self.diagnostics.push(diag(
                Severity::Warning,
                line,
                1,
                "<InterviewQuiz> outside a question is ignored",
            ));
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
