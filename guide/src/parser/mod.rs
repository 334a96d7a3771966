//! The guide reader: one pass over the lines, routing each to the part of the
//! question it belongs to, then each question is finished (quick checks and
//! rubric parsed, defaults filled in, problems reported).
//!
//! Nothing is dropped in silence: a quick check, answer pair or code exercise
//! that cannot go into a question is reported at its line and counted in the
//! [`Summary`]; sections outside every question are counted there too.

mod code_runner;
mod components;
mod junior_senior;
mod regions;

use crate::component::opening_name;
use crate::lines::{self, heading, is_blank_or_rule, Line};
use crate::summary::{PartKind, Summary};
use crate::{component, Block, Diagnostic, Guide, Parsed, Question, QuickCheck, Severity, MAX_GUIDE_BYTES};
use crate::{overview, quick_check, rubric};

/// Where the line being read belongs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    /// Outside every question, in a section we do not keep (counted when it
    /// holds text).
    Skip,
    /// Part of something already reported as not imported.
    Dropped,
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
    /// Sections in document order; code exercises arrive finished.
    sections: Vec<DraftSection<'a>>,
    checks: Vec<CheckSource<'a>>,
    rubric: Option<(usize, Vec<Line<'a>>)>,
}

enum DraftSection<'a> {
    Open {
        title: String,
        line: usize,
        body: Vec<Line<'a>>,
    },
    Done(Block),
}

/// A section outside every question, while it is being read.
struct Outside {
    title: String,
    line: usize,
    has_text: bool,
}

struct Reader<'a> {
    lines: Vec<Line<'a>>,
    ahead: regions::Lookahead,
    diagnostics: Vec<Diagnostic>,
    summary: Summary,
    guide: Guide,
    intro: Vec<Line<'a>>,
    overview: Vec<Line<'a>>,
    draft: Option<Draft<'a>>,
    target: Target,
    outside: Option<Outside>,
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

/// `Quick Check`, `Quick check 2`, `Quick Check: Networking` (not `Quick Checklist`).
fn is_quick_check_title(title: &str) -> bool {
    let Some(prefix) = title.get(..11) else { return false };
    prefix.eq_ignore_ascii_case("quick check") && !title[11..].starts_with(|c: char| c.is_alphabetic())
}

fn is_rubric_title(title: &str) -> bool {
    title.eq_ignore_ascii_case("Rubric")
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
/// level-2 headings that are named parts of the question above them.
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
            summary: Summary::default(),
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
    let lines = lines::split(text);
    let mut reader = Reader {
        ahead: regions::Lookahead::new(&lines),
        lines,
        diagnostics: early,
        summary: Summary::default(),
        guide: Guide::default(),
        intro: Vec::new(),
        overview: Vec::new(),
        draft: None,
        target: Target::Skip,
        outside: None,
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
                self.on_heading(level, title, i);
                i += 1;
            } else if let Some(name) = opening_name(&line) {
                i = self.on_component(i, name);
            } else if let Some(name) = component::closing_name(&line) {
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
        self.close_outside();
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
                Target::Skip if !is_blank_or_rule(&line) => {
                    self.outside
                        .get_or_insert_with(|| Outside {
                            title: "text before the first heading".into(),
                            line: line.number,
                            has_text: false,
                        })
                        .has_text = true;
                }
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
                if let Some(DraftSection::Open { body, .. }) = draft.sections.get_mut(n) {
                    body.push(line)
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
            Target::Skip | Target::Dropped | Target::Intro | Target::Overview => {}
        }
    }

    /// A section outside every question begins (its text is counted as skipped).
    fn begin_outside(&mut self, title: String, line: usize) {
        self.close_outside();
        self.outside = Some(Outside {
            title,
            line,
            has_text: false,
        });
        self.target = Target::Skip;
    }

    fn close_outside(&mut self) {
        if let Some(o) = self.outside.take().filter(|o| o.has_text) {
            self.summary.skip(PartKind::Section, o.line, o.title);
        }
    }

    fn on_heading(&mut self, level: usize, title: String, index: usize) {
        let line = self.lines[index].number;
        if (2..=4).contains(&level) {
            if let Some((number, qtitle)) = question_heading(&title) {
                self.end_question();
                self.close_outside();
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
        let marker = (2..=4).contains(&level) && is_quick_check_title(&title);
        let ends_question = self.draft.is_some()
            && level == 2
            && !marker
            && !is_rubric_title(&title)
            && !is_question_part(&title)
            && self.ends_question(index);
        let Some(draft) = self.draft.as_mut() else {
            if marker {
                self.diagnostics.push(diag(
                    Severity::Warning,
                    line,
                    1,
                    "quick check outside a question is not imported",
                ));
                self.summary.skip(PartKind::QuickCheck, line, title);
                self.target = Target::Dropped;
                return;
            }
            match (level, title.as_str()) {
                (1, _) if self.guide.title.is_empty() => {
                    self.close_outside();
                    self.guide.title = title;
                    self.target = Target::Intro;
                }
                (2, "Questions Overview") => {
                    self.close_outside();
                    self.target = Target::Overview;
                }
                // A subheading inside a section we skip is more of its text.
                (3.., _) if self.target == Target::Skip && self.outside.is_some() => {
                    if let Some(o) = self.outside.as_mut() {
                        o.has_text = true;
                    }
                }
                _ => self.begin_outside(title, line),
            }
            return;
        };
        match level {
            1 => {
                self.end_question();
                self.begin_outside(title, line);
            }
            2..=4 if marker => {
                draft.checks.push(CheckSource::Section {
                    heading: line,
                    body: Vec::new(),
                });
                self.target = Target::QuickCheck(draft.checks.len() - 1);
            }
            2..=4 if is_rubric_title(&title) => {
                if draft.rubric.is_some() {
                    self.diagnostics
                        .push(diag(Severity::Error, line, 1, "a question may have only one rubric"));
                }
                draft.rubric = Some((line, Vec::new()));
                self.target = Target::Rubric;
            }
            2 if title == "The Scenario" => {
                draft.scenario = Some((line, Vec::new()));
                self.target = Target::Scenario;
            }
            2 if title == "The Challenge" => {
                draft.challenge = Some((line, Vec::new()));
                self.target = Target::Challenge;
            }
            2 if ends_question => {
                self.end_question();
                self.begin_outside(title, line);
            }
            2..=4 => {
                // `## The Solution` is named `Solution`; other `##` sections
                // (a summary table, a checklist…) keep their heading.
                let title = match title.strip_prefix("The ") {
                    Some(name) if level == 2 && !name.is_empty() => name.to_owned(),
                    _ => title,
                };
                draft.sections.push(DraftSection::Open {
                    title,
                    line,
                    body: Vec::new(),
                });
                self.target = Target::Section(draft.sections.len() - 1);
            }
            // Level 5 and 6 stay inside the current part, as Markdown.
            _ => {
                let l = self.lines[index];
                self.push_line(l);
            }
        }
    }

    /// Whether a `##` heading inside a question (not one of its named parts)
    /// is where the question's own content ends. Two cases: a heading with
    /// nothing under it before the next question (it groups questions), and
    /// the trailing part of the last question: the last `##` that follows a
    /// `---` rule, with no quick check, answer pair, code exercise or rubric
    /// after it. When in doubt a section stays in the question: importing a
    /// closing section is visible in the preview, leaving out a runbook is not.
    fn ends_question(&self, index: usize) -> bool {
        let next_text = self.lines[index + 1..].iter().position(|l| !is_blank_or_rule(l));
        let groups_questions = match next_text {
            None => true,
            Some(offset) => self.ahead.starts_region(index + 1 + offset),
        };
        groups_questions
            || (self.ahead.in_last_region(index)
                && self.ahead.after_rule(index)
                && !self.ahead.marker_after(index)
                && !self.ahead.ruled_section_after(index))
    }

    fn end_question(&mut self) {
        let Some(draft) = self.draft.take() else { return };
        let mut q = draft.question;
        let mut preamble = Vec::new();
        for l in &draft.preamble {
            match type_line(l.text) {
                Some((kind, category)) => {
                    q.kind = kind;
                    q.category = category;
                }
                None => preamble.push(*l),
            }
        }
        // Text between the question heading and its first part is the
        // question's own text: the start of its scenario.
        let preamble = join(&preamble);
        let scenario = match draft.scenario {
            Some((line, b)) if preamble.is_empty() => Some((line, join(&b))),
            Some((line, b)) => Some((line, format!("{preamble}\n\n{}", join(&b)).trim().to_owned())),
            None if preamble.is_empty() => None,
            None => Some((q.line, preamble)),
        };
        q.scenario = scenario.map(|(line, markdown)| Block {
            title: "The Scenario".into(),
            markdown,
            line,
            exercise: None,
        });
        q.challenge = draft.challenge.map(|(line, b)| Block {
            title: "The Challenge".into(),
            markdown: join(&b),
            line,
            exercise: None,
        });
        q.sections = draft
            .sections
            .into_iter()
            .map(|s| match s {
                DraftSection::Open { title, line, body } => Block {
                    title,
                    markdown: join(&body),
                    line,
                    exercise: None,
                },
                DraftSection::Done(block) => block,
            })
            .collect();
        for source in draft.checks {
            match source {
                CheckSource::Quiz(qc) => q.quick_checks.push(qc),
                CheckSource::Section { heading, body } => {
                    let before = self.diagnostics.len();
                    match quick_check::parse(heading, &body, &mut self.diagnostics) {
                        Some(qc) => q.quick_checks.push(qc),
                        None => {
                            // Tie the refusal to the heading, where the part starts.
                            if !self.diagnostics[before..].iter().any(|d| d.line == heading) {
                                self.diagnostics.push(diag(
                                    Severity::Error,
                                    heading,
                                    1,
                                    "quick check is not usable (see the errors on its lines)",
                                ));
                            }
                            self.summary
                                .skip(PartKind::QuickCheck, heading, "quick check with errors");
                        }
                    }
                }
            }
        }
        q.rubric = match draft.rubric {
            Some((line, body)) => rubric::parse(line, &body, &mut self.diagnostics),
            None => rubric::derived(q.junior_senior.first()),
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
        self.summary.imported = imported_counts(&self.guide);
        self.summary.skipped_parts.sort_by_key(|p| p.line);
        self.diagnostics.sort_by_key(|d| (d.line, d.col));
        Parsed {
            guide: self.guide,
            diagnostics: self.diagnostics,
            summary: self.summary,
        }
    }
}

fn imported_counts(guide: &Guide) -> crate::Counts {
    let mut c = crate::Counts {
        questions: guide.questions.len(),
        ..Default::default()
    };
    for q in &guide.questions {
        for s in &q.sections {
            match s.exercise {
                Some(_) => c.code_exercises += 1,
                None => c.sections += 1,
            }
        }
        c.quick_checks += q.quick_checks.len();
        c.junior_senior += q.junior_senior.len();
        c.code_exercises += q.junior_senior.iter().map(|js| js.exercises.len()).sum::<usize>();
    }
    c
}
