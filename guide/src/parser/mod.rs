//! The guide reader: one pass over the lines, routing each to the part of the
//! question it belongs to, then each question is finished (quick checks and
//! rubric parsed, defaults filled in, problems reported).

mod components;

use crate::component::{self, closing_name, opening_name};
use crate::lines::{self, heading, Line};
use crate::{overview, quick_check, rubric};
use crate::{Block, Diagnostic, Guide, Parsed, Question, QuickCheck, Severity, MAX_GUIDE_BYTES};

/// Where the line being read belongs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    /// Before the first heading, or in a document-level section we do not keep.
    Skip,
    Intro,
    Overview,
    /// A question's lines before its first part (the Type/Category line).
    Preamble,
    Scenario,
    Challenge,
    Section(usize),
    QuickCheck(usize),
    Rubric,
}

enum CheckSource<'a> {
    Section { heading: usize, body: Vec<Line<'a>> },
    Quiz(QuickCheck),
}

#[derive(Default)]
struct Draft<'a> {
    question: Question,
    preamble: Vec<Line<'a>>,
    scenario: Option<(usize, Vec<Line<'a>>)>,
    challenge: Option<(usize, Vec<Line<'a>>)>,
    sections: Vec<(String, usize, Vec<Line<'a>>)>,
    checks: Vec<CheckSource<'a>>,
    rubric: Option<(usize, Vec<Line<'a>>)>,
}

struct Reader<'a> {
    lines: Vec<Line<'a>>,
    diagnostics: Vec<Diagnostic>,
    guide: Guide,
    intro: Vec<Line<'a>>,
    overview: Vec<Line<'a>>,
    draft: Option<Draft<'a>>,
    target: Target,
    /// Unknown components whose closing tag is still to come.
    open_unknown: Vec<String>,
}

fn diag(severity: Severity, line: usize, col: usize, message: impl Into<String>) -> Diagnostic {
    Diagnostic {
        line,
        col,
        severity,
        message: message.into(),
    }
}

fn join(lines: &[Line<'_>]) -> String {
    let mut out = String::with_capacity(lines.iter().map(|l| l.text.len() + 1).sum());
    for l in lines {
        out.push_str(l.text);
        out.push('\n');
    }
    out.trim().to_owned()
}

/// `Question 3: Title` → `(3, "Title")`.
fn question_heading(text: &str) -> Option<(u32, String)> {
    let rest = text.strip_prefix("Question")?.trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let number = digits.parse().ok()?;
    let rest = rest[digits.len()..].trim_start();
    let rest = rest.trim_start_matches([':', '.', '-', '–', '—', ')']).trim();
    Some((number, rest.to_owned()))
}

/// `**Type:** Debugging | **Category:** Pod Lifecycle` → the two values.
fn type_line(text: &str) -> Option<(String, String)> {
    if !text.contains("Type:") {
        return None;
    }
    let (mut kind, mut category) = (String::new(), String::new());
    for part in text.split('|') {
        let part = part.replace("**", "");
        let part = part.trim();
        if let Some(v) = part.strip_prefix("Type:") {
            kind = v.trim().to_owned();
        } else if let Some(v) = part.strip_prefix("Category:") {
            category = v.trim().to_owned();
        }
    }
    Some((component::decode_entities(&kind), component::decode_entities(&category)))
}

/// `## The Scenario`, `## The Challenge`, `## The Solution`, `## The Explanation…`:
/// level-2 headings that belong to the question above them.
fn is_question_part(title: &str) -> bool {
    title.starts_with("The ") && title.len() > 4
}

pub fn parse(bytes: &[u8]) -> Parsed {
    let mut early = Vec::new();
    if bytes.len() > MAX_GUIDE_BYTES {
        early.push(diag(
            Severity::Error,
            1,
            1,
            format!(
                "file is {} bytes; guides may be at most {MAX_GUIDE_BYTES} bytes (5 MB)",
                bytes.len()
            ),
        ));
        return Parsed {
            guide: Guide::default(),
            diagnostics: early,
        };
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(err) => {
            let valid = &bytes[..err.valid_up_to()];
            let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
            let col = valid.len() - valid.iter().rposition(|b| *b == b'\n').map(|p| p + 1).unwrap_or(0) + 1;
            early.push(diag(Severity::Error, line, col, "file is not valid UTF-8"));
            String::from_utf8_lossy(bytes)
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut reader = Reader {
        lines: lines::split(text),
        diagnostics: early,
        guide: Guide::default(),
        intro: Vec::new(),
        overview: Vec::new(),
        draft: None,
        target: Target::Skip,
        open_unknown: Vec::new(),
    };
    reader.run();
    reader.finish()
}

impl<'a> Reader<'a> {
    fn run(&mut self) {
        let mut i = 0;
        while i < self.lines.len() {
            let line = self.lines[i];
            if let Some((level, title)) = heading(&line) {
                self.on_heading(level, title, line.number);
                i += 1;
            } else if let Some(name) = opening_name(&line) {
                i = self.on_component(i, name);
            } else if let Some(name) = closing_name(&line) {
                match self.open_unknown.iter().rposition(|n| *n == name) {
                    Some(pos) => {
                        self.open_unknown.remove(pos);
                    }
                    None => self.diagnostics.push(diag(
                        Severity::Warning,
                        line.number,
                        1,
                        format!("closing tag </{name}> has no opening tag; ignored"),
                    )),
                }
                i += 1;
            } else {
                self.push_line(line);
                i += 1;
            }
        }
        self.end_question();
        for name in std::mem::take(&mut self.open_unknown) {
            self.diagnostics.push(diag(
                Severity::Error,
                self.lines.len(),
                1,
                format!("unclosed component <{name}>"),
            ));
        }
    }

    fn push_line(&mut self, line: Line<'a>) {
        let Some(draft) = self.draft.as_mut() else {
            match self.target {
                Target::Intro => self.intro.push(line),
                Target::Overview => self.overview.push(line),
                _ => {}
            }
            return;
        };
        match self.target {
            Target::Preamble => draft.preamble.push(line),
            Target::Scenario => {
                if let Some((_, b)) = draft.scenario.as_mut() {
                    b.push(line)
                }
            }
            Target::Challenge => {
                if let Some((_, b)) = draft.challenge.as_mut() {
                    b.push(line)
                }
            }
            Target::Section(n) => {
                if let Some((_, _, b)) = draft.sections.get_mut(n) {
                    b.push(line)
                }
            }
            Target::QuickCheck(n) => {
                if let Some(CheckSource::Section { body, .. }) = draft.checks.get_mut(n) {
                    body.push(line)
                }
            }
            Target::Rubric => {
                if let Some((_, b)) = draft.rubric.as_mut() {
                    b.push(line)
                }
            }
            Target::Skip | Target::Intro | Target::Overview => {}
        }
    }

    fn on_heading(&mut self, level: usize, title: String, line: usize) {
        if (2..=4).contains(&level) {
            if let Some((number, qtitle)) = question_heading(&title) {
                self.end_question();
                if qtitle.is_empty() {
                    self.diagnostics.push(diag(
                        Severity::Error,
                        line,
                        1,
                        format!("question {number} has no title"),
                    ));
                }
                if self.guide.questions.iter().any(|q| q.number == number) {
                    self.diagnostics.push(diag(
                        Severity::Warning,
                        line,
                        1,
                        format!("question number {number} is used twice"),
                    ));
                }
                self.draft = Some(Draft {
                    question: Question {
                        number,
                        title: qtitle,
                        line,
                        ..Question::default()
                    },
                    ..Draft::default()
                });
                self.target = Target::Preamble;
                return;
            }
        }
        let Some(draft) = self.draft.as_mut() else {
            self.target = match (level, title.as_str()) {
                (1, _) if self.guide.title.is_empty() => {
                    self.guide.title = title;
                    Target::Intro
                }
                (2, "Questions Overview") => Target::Overview,
                _ => Target::Skip,
            };
            return;
        };
        match level {
            1 => {
                self.end_question();
                self.target = Target::Skip;
            }
            2 if title == "The Scenario" => {
                draft.scenario = Some((line, Vec::new()));
                self.target = Target::Scenario;
            }
            2 if title == "The Challenge" => {
                draft.challenge = Some((line, Vec::new()));
                self.target = Target::Challenge;
            }
            2 if is_question_part(&title) => {
                let name = title.trim_start_matches("The ").to_owned();
                draft.sections.push((name, line, Vec::new()));
                self.target = Target::Section(draft.sections.len() - 1);
            }
            2 => {
                // A level-2 heading that is not a part of the question (a closing
                // section after the last question, say) ends the question.
                self.end_question();
                self.target = Target::Skip;
            }
            3 | 4 if title.eq_ignore_ascii_case("Quick Check") => {
                draft.checks.push(CheckSource::Section {
                    heading: line,
                    body: Vec::new(),
                });
                self.target = Target::QuickCheck(draft.checks.len() - 1);
            }
            3 | 4 if title.eq_ignore_ascii_case("Rubric") => {
                if draft.rubric.is_some() {
                    self.diagnostics
                        .push(diag(Severity::Error, line, 1, "a question may have only one rubric"));
                }
                draft.rubric = Some((line, Vec::new()));
                self.target = Target::Rubric;
            }
            3 | 4 => {
                draft.sections.push((title, line, Vec::new()));
                self.target = Target::Section(draft.sections.len() - 1);
            }
            // Level 5 and 6 stay inside the current part, as Markdown.
            _ => {
                if let Some(l) = self.lines.iter().find(|l| l.number == line).copied() {
                    self.push_line(l);
                }
            }
        }
    }

    fn end_question(&mut self) {
        let Some(draft) = self.draft.take() else { return };
        let mut q = draft.question;
        for l in &draft.preamble {
            if let Some((kind, category)) = type_line(l.text) {
                q.kind = kind;
                q.category = category;
            }
        }
        q.scenario = draft.scenario.map(|(line, b)| Block {
            title: "The Scenario".into(),
            markdown: join(&b),
            line,
        });
        q.challenge = draft.challenge.map(|(line, b)| Block {
            title: "The Challenge".into(),
            markdown: join(&b),
            line,
        });
        q.sections = draft
            .sections
            .into_iter()
            .map(|(title, line, b)| Block {
                title,
                markdown: join(&b),
                line,
            })
            .collect();
        for source in draft.checks {
            match source {
                CheckSource::Quiz(qc) => q.quick_checks.push(qc),
                CheckSource::Section { heading, body } => {
                    if let Some(qc) = quick_check::parse(heading, &body, &mut self.diagnostics) {
                        q.quick_checks.push(qc);
                    }
                }
            }
        }
        q.rubric = match draft.rubric {
            Some((line, body)) => rubric::parse(line, &body, &mut self.diagnostics),
            None => rubric::derived(q.junior_senior.as_ref()),
        };
        self.guide.questions.push(q);
        self.target = Target::Skip;
    }

    fn finish(mut self) -> Parsed {
        self.guide.intro = join(&self.intro);
        self.guide.overview = overview::parse(&self.overview);
        if self.guide.title.is_empty() {
            self.diagnostics
                .push(diag(Severity::Error, 1, 1, "the guide has no `# Title`"));
        }
        if self.guide.questions.is_empty() {
            self.diagnostics
                .push(diag(Severity::Error, 1, 1, "no questions found (`### Question 1: …`)"));
        }
        for q in &mut self.guide.questions {
            let row = self.guide.overview.iter().find(|r| r.number == q.number);
            if q.kind.is_empty() || q.category.is_empty() {
                match row {
                    Some(row) => {
                        if q.kind.is_empty() {
                            q.kind = row.kind.clone();
                        }
                        if q.category.is_empty() {
                            q.category = row.category.clone();
                        }
                    }
                    None => self.diagnostics.push(diag(
                        Severity::Warning,
                        q.line,
                        1,
                        format!("question {} has no `**Type:** … | **Category:** …` line", q.number),
                    )),
                }
            }
            for (part, missing) in [
                ("The Scenario", q.scenario.is_none()),
                ("The Challenge", q.challenge.is_none()),
            ] {
                if missing {
                    self.diagnostics.push(diag(
                        Severity::Warning,
                        q.line,
                        1,
                        format!("question {} has no `## {part}`", q.number),
                    ));
                }
            }
        }
        self.diagnostics.sort_by_key(|d| (d.line, d.col));
        Parsed {
            guide: self.guide,
            diagnostics: self.diagnostics,
        }
    }
}
