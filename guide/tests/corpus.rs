//! The synthetic guides in `tests/corpus/` (written for these tests, one per
//! family of shapes, mixed): each imports with exactly the counts below, and
//! every quick check, answer pair and code exercise in it is either imported
//! or reported at its line — also with CRLF line ends and a BOM.

mod markers;

use mockroom_guide::{parse, Counts, Parsed, PartKind, Severity, StageKind};

fn corpus(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn warnings(p: &Parsed) -> Vec<String> {
    p.diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(|d| d.display("t.md"))
        .collect()
}

fn errors(p: &Parsed) -> Vec<String> {
    p.diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.display("t.md"))
        .collect()
}

/// `(file, imported, skipped)`.
fn expectations() -> Vec<(&'static str, Counts, Counts)> {
    let c = |questions, sections, quick_checks, junior_senior, code_exercises| Counts {
        questions,
        sections,
        quick_checks,
        junior_senior,
        code_exercises,
    };
    vec![
        ("react-rendering.md", c(2, 5, 3, 1, 1), c(0, 2, 0, 0, 0)),
        ("caching-operations.md", c(3, 8, 3, 1, 0), c(0, 1, 0, 0, 0)),
        ("infrastructure-as-code.md", c(2, 4, 4, 1, 1), c(0, 0, 0, 0, 0)),
        ("misplaced-parts.md", c(1, 1, 1, 1, 1), c(0, 2, 4, 2, 1)),
    ]
}

#[test]
fn every_corpus_guide_imports_with_its_known_counts_and_conserves_its_parts() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/corpus")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = expectations().iter().map(|e| e.0.to_owned()).collect();
    listed.sort();
    assert_eq!(on_disk, listed, "every corpus file has its expected counts here");

    for (name, imported, skipped) in expectations() {
        let lf = corpus(name);
        let text = String::from_utf8(lf.clone()).expect("utf8");
        let crlf = format!("\u{feff}{}", text.replace('\n', "\r\n")).into_bytes();
        for (variant, bytes) in [("LF", lf), ("BOM+CRLF", crlf)] {
            let p = parse(&bytes);
            assert!(errors(&p).is_empty(), "{name} {variant}: {:?}", errors(&p));
            assert_eq!(p.summary.imported, imported, "{name} {variant}: imported");
            assert_eq!(
                p.summary.skipped, skipped,
                "{name} {variant}: skipped {:#?}",
                p.summary.skipped_parts
            );
            markers::assert_conserved(name, &bytes, &p);
            // JSX in code is code: never an unknown component.
            assert!(
                !warnings(&p)
                    .iter()
                    .any(|w| w.contains("UserProfile") || w.contains("ThemeContext")),
                "{name}: {:?}",
                warnings(&p)
            );
            for q in &p.guide.questions {
                let stages = q.stages();
                assert!(
                    stages.iter().all(|s| !s.markdown.contains("\r")),
                    "{name}: CR in a stage"
                );
            }
        }
    }
}

#[test]
fn level_two_sections_inside_a_question_belong_to_it() {
    let p = parse(&corpus("caching-operations.md"));
    let q1 = &p.guide.questions[0];
    let titles: Vec<_> = q1.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Step 1: Correlate expiries with load",
            "Step 2: Spread the expiry",
            "Decision Matrix",
            "Checklist Before You Ship"
        ]
    );
    assert!(q1.sections[2].markdown.contains("| Spikes on a schedule |"));
    assert_eq!(
        q1.quick_checks.len(),
        1,
        "the quick check after the ## sections is the question's"
    );

    // Two quick checks after a `## Gotchas` section; the empty `## Part 2`
    // heading that groups questions is nobody's section.
    let q2 = &p.guide.questions[1];
    assert_eq!(q2.quick_checks.len(), 2);
    assert_eq!(q2.quick_checks[1].correct, 2);
    assert!(!q2.sections.iter().any(|s| s.title.contains("Part 2")));

    // The last question keeps its runbook (after a rule, but followed by
    // the closing section); the closing promotional section is skipped.
    let q3 = &p.guide.questions[2];
    assert!(q3
        .sections
        .iter()
        .any(|s| s.title == "Runbook" && s.markdown.contains("Promote the replica")));
    let all: String = q3.stages().iter().map(|s| s.markdown.clone()).collect();
    assert!(
        !all.contains("break it on purpose") && !all.contains("Star the project"),
        "{all}"
    );
    let skipped = &p.summary.skipped_parts;
    assert_eq!(skipped.len(), 1);
    assert_eq!(
        (skipped[0].kind, skipped[0].title.as_str()),
        (PartKind::Section, "Practice with Real Infrastructure")
    );
}

#[test]
fn interview_quizzes_anywhere_in_a_question_are_its_quick_checks() {
    let p = parse(&corpus("react-rendering.md"));
    let q1 = &p.guide.questions[0];
    // Between walkthrough steps, then the `### Quick Check` after `## Common Gotchas`.
    assert_eq!(q1.quick_checks.len(), 2);
    assert!(q1.quick_checks[0].question.contains("onSelect"));
    assert_eq!(q1.quick_checks[0].correct, 1);
    assert!(q1.sections.iter().any(|s| s.title == "Common Gotchas"));
    // After a `## Summary Table` section.
    let q2 = &p.guide.questions[1];
    assert_eq!(q2.quick_checks.len(), 1);
    assert!(q2.quick_checks[0].question.starts_with("Which components re-render"));

    let p = parse(&corpus("infrastructure-as-code.md"));
    let q1 = &p.guide.questions[0];
    let questions: Vec<_> = q1.quick_checks.iter().map(|c| c.question.as_str()).collect();
    assert_eq!(questions.len(), 3, "{questions:?}");
    assert!(
        questions[1].contains("prevent_destroy"),
        "the quiz inside the answer body: {questions:?}"
    );
    assert!(
        questions[2].contains("moved"),
        "the quick check inside the answer body: {questions:?}"
    );
    let model = &q1.junior_senior[0].model_answer;
    assert!(
        !model.contains("InterviewQuiz") && !model.contains("Quick Check"),
        "{model}"
    );
    assert!(model.contains("deserve a guard"), "{model}");
}

#[test]
fn object_valued_junior_vs_senior_props_give_title_code_and_explanation() {
    let p = parse(&corpus("react-rendering.md"));
    let js = &p.guide.questions[0].junior_senior[0];
    assert_eq!(js.junior.title, "Wrap everything in memo");
    assert!(js.junior.explanation.starts_with("Adds memo to the grid"));
    let junior_code = &js.junior.code.as_ref().expect("junior code").code;
    assert!(
        junior_code.starts_with("export default memo(function Grid({ rows, onSelect }) {"),
        "{junior_code}"
    );
    assert_eq!(js.senior.title, "Find the unstable prop, then fix that");
    let senior_code = &js.senior.code.as_ref().expect("senior code").code;
    // Quotes, braces, an escaped template with `${…}`, JSX tags and a blank line survive.
    for part in [
        "const [query, setQuery] = useState(\"\");",
        "console.log(`selected ${id}`, { from: \"grid\" });",
        "}, []);\n\n  return (",
        "<SearchBox value={query} onChange={setQuery} />",
    ] {
        assert!(senior_code.contains(part), "{part} missing from:\n{senior_code}");
    }
    let stages = p.guide.questions[0].stages();
    let junior = stages
        .iter()
        .find(|s| s.kind == StageKind::JuniorAnswer)
        .expect("junior stage");
    assert_eq!(junior.title, "Junior answer: Wrap everything in memo");
    assert!(
        junior.markdown.contains("```\nexport default memo"),
        "{}",
        junior.markdown
    );

    // Languages given in the object are kept; unknown keys are reported, not lost silently.
    let p = parse(&corpus("misplaced-parts.md"));
    let js = &p.guide.questions[0].junior_senior[0];
    let code = js.senior.code.as_ref().expect("code");
    assert_eq!(code.language, "sql");
    assert!(code.code.contains("ON CONFLICT DO NOTHING"));
    assert!(
        warnings(&p)
            .iter()
            .any(|w| w.contains("`juniorAnswer.priority` is not read")),
        "{:?}",
        warnings(&p)
    );
}

#[test]
fn code_runners_are_titled_exercises_with_their_code_and_language() {
    let p = parse(&corpus("react-rendering.md"));
    let q2 = &p.guide.questions[1];
    let ex = &q2.sections[0];
    assert_eq!(ex.title, "Provide the theme with context");
    let code = ex.exercise.as_ref().expect("exercise");
    assert_eq!(code.language, "tsx");
    assert!(code.code.starts_with("const ThemeContext = createContext"));
    assert!(code.code.contains("<ThemeContext.Provider value={theme}>") && code.code.contains("<UserProfile />"));
    assert!(
        ex.markdown.starts_with("```tsx\n") && !ex.markdown.contains("Fragment"),
        "{}",
        ex.markdown
    );
    let stage = q2
        .stages()
        .into_iter()
        .find(|s| s.kind == StageKind::CodeExercise)
        .expect("stage");
    assert_eq!(stage.code.as_ref().map(|c| c.language.as_str()), Some("tsx"));

    // Further slots stay, labelled; the description comes first.
    let p = parse(&corpus("infrastructure-as-code.md"));
    let ex = &p.guide.questions[1].sections[0];
    assert_eq!(ex.exercise.as_ref().map(|c| c.language.as_str()), Some("hcl"));
    let md = &ex.markdown;
    let (desc, code, hints) = (
        md.find("Fill in the missing").expect("description"),
        md.find("```hcl").expect("code"),
        md.find("**Hints**").expect("hints"),
    );
    assert!(desc < code && code < hints, "{md}");

    // Without slots: the first fenced block is the code.
    let p = parse(&corpus("misplaced-parts.md"));
    let ex = p.guide.questions[0]
        .sections
        .iter()
        .find(|s| s.exercise.is_some())
        .expect("exercise");
    assert_eq!(ex.exercise.as_ref().map(|c| c.language.as_str()), Some("go"));
}

#[test]
fn parts_outside_questions_are_reported_with_their_lines() {
    let bytes = corpus("misplaced-parts.md");
    let text = String::from_utf8(bytes.clone()).expect("utf8");
    let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).expect(needle) + 1;
    let p = parse(&bytes);
    let w = warnings(&p);
    for (needle, message) in [
        (
            "Warm-up: what does",
            "<InterviewQuiz> outside a question is not imported",
        ),
        ("### Quick Check", "quick check outside a question is not imported"),
        (
            "<JuniorVsSenior juniorAnswer=\"nested\"",
            "a <JuniorVsSenior> inside another is not imported",
        ),
        (
            "<JuniorVsSenior juniorAnswer=\"Retry forever.\"",
            "<JuniorVsSenior> outside a question is not imported",
        ),
        (
            "<SmartCodeRunner title=\"Dead-letter",
            "<SmartCodeRunner> outside a question is not imported",
        ),
        (
            "Where do poison messages go",
            "<InterviewQuiz> outside a question is not imported",
        ),
    ] {
        let expected = format!("t.md:{}:1: warning: {message}", line_of(needle));
        assert!(w.iter().any(|x| x.starts_with(&expected)), "{expected}\n{w:#?}");
    }
    // The text between the question heading and its first part is its scenario.
    let q = &p.guide.questions[0];
    assert!(q
        .scenario
        .as_ref()
        .is_some_and(|s| s.markdown.contains("charged twice")));
    assert!(
        p.summary.one_line().contains("skipped: 2 sections outside questions"),
        "{}",
        p.summary.one_line()
    );
}

#[test]
fn entities_in_titles_and_categories_are_decoded() {
    let p = parse(&corpus("infrastructure-as-code.md"));
    assert_eq!(p.guide.title, "Infrastructure as Code & Policy Interview Guide");
    assert_eq!(p.guide.questions[0].category, "State & Drift");
}
