//! `<JuniorVsSenior>`: the junior and senior answers (string attributes,
//! `…Code`/`…Explanation` attributes, or object literals
//! `juniorAnswer={{ title: "…", code: `…`, explanation: "…" }}`) and the
//! model answer in its body, whose quick checks and code exercises still
//! belong to the question.

use super::components::{part_kind, Span};
use super::{diag, is_quick_check_title, join, CheckSource, Reader};
use crate::component::{closing_name, opening_name, AttrValue, Tag};
use crate::js::{self, Value};
use crate::lines::heading;
use crate::summary::PartKind;
use crate::{Answer, Block, CodeSample, JuniorSenior, Severity};

impl<'a> Reader<'a> {
    pub(super) fn on_junior_senior(&mut self, span: &Span, line: usize) {
        let (model_answer, exercises) = self.read_model_answer(span.body_start, span.body_end);
        let junior = self.answer_side(&span.tag, "junior", line);
        let senior = self.answer_side(&span.tag, "senior", line);
        if self.draft.is_none() {
            self.outside_question(PartKind::JuniorSenior, "<JuniorVsSenior>", line);
            return;
        }
        if junior.is_empty() || senior.is_empty() {
            self.diagnostics.push(diag(
                Severity::Error,
                line,
                1,
                "<JuniorVsSenior> needs a junior and a senior side (juniorAnswer/seniorAnswer, …Code or …Explanation)",
            ));
        }
        if let Some(draft) = self.draft.as_mut() {
            draft.question.junior_senior.push(JuniorSenior {
                junior,
                senior,
                model_answer,
                exercises,
                line,
            });
        }
    }

    /// One side, from `{prefix}Answer` (text or object literal) and the
    /// `{prefix}Title`/`Explanation`/`Code`/`Language` attributes.
    fn answer_side(&mut self, tag: &Tag, prefix: &str, line: usize) -> Answer {
        let mut answer = Answer::default();
        let mut explanation = Vec::new();
        let mut code = CodeSample::default();
        let key = format!("{prefix}Answer");
        match tag.attr(&key) {
            Some(AttrValue::Expr(e)) if e.trim_start().starts_with('{') => match js::object(e) {
                Some(fields) => {
                    for (field, value) in fields {
                        match (field.as_str(), value) {
                            ("title" | "label" | "heading" | "name", Value::Text(t)) => answer.title = t,
                            ("explanation" | "description" | "text" | "answer" | "summary", Value::Text(t)) => {
                                explanation.push(t)
                            }
                            ("code" | "snippet", Value::Text(t)) => code.code = t,
                            ("language" | "lang", Value::Text(t)) => code.language = t,
                            (other, _) => self.diagnostics.push(diag(
                                Severity::Warning,
                                line,
                                1,
                                format!("`{key}.{other}` is not read (expected title, code, explanation or language)"),
                            )),
                        }
                    }
                }
                None => self.diagnostics.push(diag(
                    Severity::Warning,
                    line,
                    1,
                    format!("`{key}` is not readable: expected {{{{ title: \"…\", code: `…`, explanation: \"…\" }}}}"),
                )),
            },
            _ => explanation.extend(tag.text(&key)),
        }
        explanation.extend(tag.text(&format!("{prefix}Explanation")));
        if answer.title.is_empty() {
            answer.title = tag.text(&format!("{prefix}Title")).unwrap_or_default();
        }
        if code.code.is_empty() {
            code.code = tag.text(&format!("{prefix}Code")).unwrap_or_default();
        }
        if code.language.is_empty() {
            code.language = tag
                .text(&format!("{prefix}Language"))
                .or_else(|| tag.text("language"))
                .unwrap_or_default();
        }
        answer.title = answer.title.trim().to_owned();
        answer.explanation = explanation
            .iter()
            .map(|t| t.trim())
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n");
        if !code.code.trim().is_empty() {
            answer.code = Some(code);
        }
        answer
    }

    /// The body as Markdown, with nested components' tags removed (their text
    /// and code stay). Quick checks (`### Quick Check`, `<InterviewQuiz>`) in
    /// it go to the question; code exercises are returned apart.
    fn read_model_answer(&mut self, from: usize, to: usize) -> (String, Vec<Block>) {
        let mut kept = Vec::new();
        let mut exercises = Vec::new();
        let mut j = from;
        while j < to {
            let l = self.lines[j];
            if let Some((_, title)) =
                heading(&l).filter(|(level, t)| (2..=4).contains(level) && is_quick_check_title(t))
            {
                // Its body ends where it would outside the pair: at the next
                // heading above level 5, or at a component (read as such).
                let end = (j + 1..to)
                    .find(|&k| {
                        let next = &self.lines[k];
                        heading(next).is_some_and(|(lv, _)| lv <= 4) || opening_name(next).is_some()
                    })
                    .unwrap_or(to);
                match self.draft.as_mut() {
                    Some(draft) => draft.checks.push(CheckSource::Section {
                        heading: l.number,
                        body: self.lines[j + 1..end].to_vec(),
                    }),
                    None => {
                        let _ = title;
                        self.outside_question(PartKind::QuickCheck, "quick check", l.number)
                    }
                }
                j = end;
                continue;
            }
            let Some(inner) = opening_name(&l) else {
                if closing_name(&l).is_none() {
                    kept.push(l);
                }
                j += 1;
                continue;
            };
            let Some(span) = self.component_span(j, &inner, to) else {
                j += 1;
                continue;
            };
            match inner.as_str() {
                "InterviewQuiz" => {
                    self.report_swallowed(span.body_start, span.body_end, "InterviewQuiz", l.number);
                    let body = join(&self.lines[span.body_start..span.body_end]);
                    self.on_quiz(&span.tag, body, l.number);
                    j = span.next;
                }
                "SmartCodeRunner" => {
                    let block = self.code_exercise(&span, l.number);
                    if self.draft.is_some() {
                        exercises.push(block);
                    } else {
                        self.outside_question(PartKind::CodeExercise, "<SmartCodeRunner>", l.number);
                    }
                    j = span.next;
                }
                name => {
                    if part_kind(name).is_some() {
                        // A pair inside a pair: its body stays model-answer text.
                        self.diagnostics.push(diag(
                            Severity::Warning,
                            l.number,
                            1,
                            "a <JuniorVsSenior> inside another is not imported; its body stays in the model answer",
                        ));
                        self.summary
                            .skip(PartKind::JuniorSenior, l.number, "<JuniorVsSenior> inside another");
                    } else {
                        self.unknown_component(name, l.number);
                    }
                    j = span.tag.end_index + 1;
                }
            }
        }
        (join(&kept), exercises)
    }
}
