//! An independent count of the parts a guide holds, for the conservation
//! checks: every quick-check marker (`### Quick Check`, `<InterviewQuiz`),
//! `<JuniorVsSenior` and `<SmartCodeRunner` opening outside fenced code.
//! Deliberately simple and separate from the parser, so that the parser's
//! own bookkeeping is checked against something it does not share.

use mockroom_guide::{Parsed, PartKind, Severity};

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Markers {
    pub quick_checks: usize,
    pub junior_senior: usize,
    pub code_exercises: usize,
}

pub fn count(bytes: &[u8]) -> Markers {
    let text = String::from_utf8_lossy(bytes);
    let mut m = Markers::default();
    let mut fence: Option<(char, usize)> = None;
    for raw in text.split('\n') {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let line = line.strip_prefix('\u{feff}').unwrap_or(line);
        let t = line.trim_start();
        let run = |c: char| t.chars().take_while(|x| *x == c).count();
        if let Some((c, n)) = fence {
            if run(c) >= n && t.trim_end().chars().all(|x| x == c) {
                fence = None;
            }
            continue;
        }
        for c in ['`', '~'] {
            let n = run(c);
            if n >= 3 && !(c == '`' && t[n..].contains('`')) {
                fence = Some((c, n));
            }
        }
        if fence.is_some() {
            continue;
        }
        let hashes = line.chars().take_while(|c| *c == '#').count();
        if (2..=4).contains(&hashes) {
            let title = line[hashes..].trim();
            let lower = title.to_ascii_lowercase();
            if line[hashes..].starts_with(' ')
                && lower.starts_with("quick check")
                && !title[11..].starts_with(|c: char| c.is_alphabetic())
            {
                m.quick_checks += 1;
            }
        }
        let opens = |name: &str| {
            t.strip_prefix('<')
                .and_then(|r| r.strip_prefix(name))
                .is_some_and(|r| r.is_empty() || r.starts_with([' ', '\t', '>', '/']))
        };
        if opens("InterviewQuiz") {
            m.quick_checks += 1;
        }
        if opens("JuniorVsSenior") {
            m.junior_senior += 1;
        }
        if opens("SmartCodeRunner") {
            m.code_exercises += 1;
        }
    }
    m
}

/// What the parsed guide holds, counted from the guide itself (not from the
/// parser's summary).
pub fn imported(parsed: &Parsed) -> Markers {
    let mut m = Markers::default();
    for q in &parsed.guide.questions {
        m.quick_checks += q.quick_checks.len();
        m.junior_senior += q.junior_senior.len();
        m.code_exercises += q.sections.iter().filter(|s| s.exercise.is_some()).count();
        m.code_exercises += q.junior_senior.iter().map(|js| js.exercises.len()).sum::<usize>();
    }
    m
}

pub fn skipped(parsed: &Parsed) -> Markers {
    let mut m = Markers::default();
    for p in &parsed.summary.skipped_parts {
        match p.kind {
            PartKind::QuickCheck => m.quick_checks += 1,
            PartKind::JuniorSenior => m.junior_senior += 1,
            PartKind::CodeExercise => m.code_exercises += 1,
            PartKind::Section => {}
        }
    }
    m
}

/// Markers = imported + skipped, and each skipped part has a diagnostic at
/// its own line (a warning, or an error when the guide is refused anyway).
pub fn assert_conserved(name: &str, bytes: &[u8], parsed: &Parsed) {
    let markers = count(bytes);
    let (imported, skipped) = (imported(parsed), skipped(parsed));
    let sum = Markers {
        quick_checks: imported.quick_checks + skipped.quick_checks,
        junior_senior: imported.junior_senior + skipped.junior_senior,
        code_exercises: imported.code_exercises + skipped.code_exercises,
    };
    assert_eq!(
        markers, sum,
        "{name}: markers in the file vs imported {imported:?} + skipped {skipped:?}\n{:#?}\n{:#?}",
        parsed.summary.skipped_parts, parsed.diagnostics
    );
    for p in &parsed.summary.skipped_parts {
        if p.kind == PartKind::Section {
            continue;
        }
        assert!(
            parsed
                .diagnostics
                .iter()
                .any(|d| d.line == p.line && (d.severity == Severity::Warning || parsed.has_errors())),
            "{name}: skipped {p:?} has no diagnostic at its line: {:#?}",
            parsed.diagnostics
        );
    }
}
