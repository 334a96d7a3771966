//! `### Rubric`: scoring dimensions with anchored levels, or a rubric derived
//! from the junior and senior answers when a question has none.

use crate::lines::Line;
use crate::{Diagnostic, JuniorSenior, Rubric, RubricDimension, Severity};

const MIN_LEVELS: usize = 2;
const MAX_LEVELS: usize = 7;

fn error(line: usize, message: impl Into<String>) -> Diagnostic {
    Diagnostic {
        line,
        col: 1,
        severity: Severity::Error,
        message: message.into(),
    }
}

/// `**Dimension: Name**` (or a `####`-free plain `Dimension: Name` line).
fn dimension_name(text: &str) -> Option<String> {
    let t = text.trim();
    let t = t.strip_prefix("**").and_then(|t| t.strip_suffix("**")).unwrap_or(t);
    let name = t.strip_prefix("Dimension:")?.trim();
    Some(name.to_owned())
}

/// `N. text` → `(N, text)`.
fn level(text: &str) -> Option<(usize, String)> {
    let t = text.trim_start();
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    let rest = t[digits.len()..]
        .strip_prefix(". ")
        .or_else(|| t[digits.len()..].strip_prefix(") "))?;
    Some((digits.parse().ok()?, rest.trim().to_owned()))
}

pub fn parse(heading: usize, body: &[Line<'_>], diagnostics: &mut Vec<Diagnostic>) -> Rubric {
    let mut dimensions: Vec<(RubricDimension, usize)> = Vec::new();
    for line in body {
        let t = line.text.trim();
        // Blank lines and the `---` rule that usually separates questions.
        if line.code || t.is_empty() || (t.len() >= 3 && t.chars().all(|c| c == '-' || c == '*' || c == '_')) {
            continue;
        }
        if let Some(name) = dimension_name(line.text) {
            if name.is_empty() {
                diagnostics.push(error(line.number, "rubric dimension has no name"));
            }
            dimensions.push((
                RubricDimension {
                    name,
                    levels: Vec::new(),
                },
                line.number,
            ));
            continue;
        }
        let Some((dimension, _)) = dimensions.last_mut() else {
            diagnostics.push(error(
                line.number,
                "rubric text before the first `**Dimension: …**` line",
            ));
            continue;
        };
        match level(line.text) {
            Some((n, text)) => {
                if n != dimension.levels.len() + 1 {
                    diagnostics.push(error(
                        line.number,
                        format!(
                            "rubric levels must count 1, 2, 3…: expected {}, found {n}",
                            dimension.levels.len() + 1
                        ),
                    ));
                }
                dimension.levels.push(text);
            }
            None => match dimension.levels.last_mut() {
                // A wrapped level description continues on the next line.
                Some(last) if line.text.starts_with([' ', '\t']) => {
                    last.push(' ');
                    last.push_str(line.text.trim());
                }
                _ => diagnostics.push(error(line.number, "expected a rubric level such as `1. …`")),
            },
        }
    }
    if dimensions.is_empty() {
        diagnostics.push(error(
            heading,
            "rubric has no dimensions (`**Dimension: Name**` then levels `1.` … `4.`)",
        ));
    }
    for (d, line) in &dimensions {
        if !(MIN_LEVELS..=MAX_LEVELS).contains(&d.levels.len()) {
            diagnostics.push(error(
                *line,
                format!(
                    "rubric dimension `{}` has {} levels; use {MIN_LEVELS} to {MAX_LEVELS}",
                    d.name,
                    d.levels.len()
                ),
            ));
        }
    }
    Rubric {
        dimensions: dimensions.into_iter().map(|(d, _)| d).collect(),
        derived: false,
    }
}

/// The default rubric: level 2 anchored by the junior answer, level 3 by the
/// senior answer, 1 below junior and 4 beyond senior.
pub fn derived(answers: Option<&JuniorSenior>) -> Rubric {
    let (junior, senior) = match answers {
        Some(js) => (js.junior.gist(), js.senior.gist()),
        None => (
            "Reaches a workable answer with guidance, covering the main steps but not the trade-offs.".to_owned(),
            "Reaches a complete answer unaided, explaining the trade-offs and how to verify it.".to_owned(),
        ),
    };
    Rubric {
        dimensions: vec![RubricDimension {
            name: "Overall".into(),
            levels: vec![
                "Below the junior answer: misses the core of the problem or proposes something unsafe.".into(),
                format!("Matches the junior answer: {junior}"),
                format!("Matches the senior answer: {senior}"),
                "Beyond the senior answer: also anticipates follow-up risks, alternatives and how to prove the fix \
                 in production."
                    .into(),
            ],
        }],
        derived: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::split;

    #[test]
    fn reads_dimensions_and_levels() {
        let src = "\n**Dimension: Diagnosis**\n\n1. guesses\n2. checks logs\n   and events\n3. forms hypotheses\n4. teaches others\n\n**Dimension: Communication**\n1. silent\n2. narrates\n";
        let mut d = Vec::new();
        let rubric = parse(1, &split(src), &mut d);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(rubric.dimensions.len(), 2);
        assert_eq!(rubric.dimensions[0].levels[1], "checks logs and events");
        assert_eq!(rubric.dimensions[1].levels.len(), 2);
    }

    #[test]
    fn level_gaps_and_empty_rubrics_are_errors() {
        let mut d = Vec::new();
        parse(1, &split("**Dimension: X**\n1. a\n3. c\n"), &mut d);
        assert!(d.iter().any(|d| d.message.contains("expected 2, found 3")));
        let mut d = Vec::new();
        parse(1, &split("\n"), &mut d);
        assert!(d.iter().any(|d| d.message.contains("no dimensions")));
    }

    #[test]
    fn derived_rubric_anchors_levels_two_and_three() {
        let answer = |text: &str| crate::Answer {
            explanation: format!("{text}\n\nMore detail."),
            ..Default::default()
        };
        let js = JuniorSenior {
            junior: answer("Restart it."),
            senior: answer("Read the logs first."),
            ..Default::default()
        };
        let r = derived(Some(&js));
        assert!(r.derived);
        assert_eq!(r.dimensions[0].levels.len(), 4);
        assert!(r.dimensions[0].levels[1].ends_with("Restart it."));
        assert!(r.dimensions[0].levels[2].ends_with("Read the logs first."));
    }
}
