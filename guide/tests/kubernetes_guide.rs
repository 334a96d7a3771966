//! The acceptance check of the format: the real Kubernetes guide shipped in
//! `../shared/guides` must import with exactly these counts.

use std::path::PathBuf;

use mockroom_guide::{parse, Severity, StageKind};

fn guide_bytes() -> Option<Vec<u8>> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/guides/kubernetes.md");
    match std::fs::read(&path) {
        Ok(bytes) => Some(bytes),
        Err(err) if std::env::var("CI").as_deref() == Ok("true") => panic!("{}: {err}", path.display()),
        Err(err) => {
            eprintln!("\n!!! SKIPPED: {} not readable ({err})\n", path.display());
            None
        }
    }
}

#[test]
fn kubernetes_guide_imports_with_the_expected_counts() {
    let Some(bytes) = guide_bytes() else { return };
    let parsed = parse(&bytes);
    let errors: Vec<_> = parsed
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let guide = parsed.guide;
    assert_eq!(
        guide.title,
        "Complete Kubernetes & Container Orchestration Interview Guide"
    );
    assert_eq!(guide.questions.len(), 10);
    let count = |kind: &str| guide.questions.iter().filter(|q| q.kind == kind).count();
    assert_eq!(
        (count("Debugging"), count("Architecture"), count("Practical")),
        (4, 3, 3)
    );
    for q in &guide.questions {
        let row = guide
            .overview
            .iter()
            .find(|r| r.number == q.number)
            .expect("overview row");
        assert_eq!(q.category, row.category, "question {}", q.number);
        assert_eq!(q.kind, row.kind, "question {}", q.number);
        assert!(q.scenario.is_some() && q.challenge.is_some(), "question {}", q.number);
    }
    assert_eq!(
        guide.questions.iter().filter(|q| !q.junior_senior.is_empty()).count(),
        6
    );
    let checks: Vec<_> = guide.questions.iter().flat_map(|q| &q.quick_checks).collect();
    let letters: String = checks.iter().map(|c| (b'A' + c.correct as u8) as char).collect();
    assert_eq!(letters, "BCBBB");
    assert!(checks.iter().all(|c| c.options.len() == 4 && !c.explanation.is_empty()));

    let q1 = &guide.questions[0];
    let titles: Vec<_> = q1.sections.iter().map(|s| s.title.as_str()).collect();
    for (i, title) in titles.iter().take(5).enumerate() {
        assert!(title.starts_with(&format!("Step {}", i + 1)), "{titles:?}");
    }
    // Shell comments in fenced code are not headings.
    assert!(
        !titles
            .iter()
            .any(|t| t.starts_with("Check recent") || t.starts_with("Immediate rollback")),
        "{titles:?}"
    );

    // The closing promotional section belongs to no question.
    let last = guide.questions.last().expect("question 10");
    let everything: String = last.stages().iter().map(|s| s.markdown.clone()).collect();
    assert!(!everything.contains("Practice with Real Infrastructure") && !everything.contains("Try DeployU"));

    // The reveal order of a question with every part.
    let q4 = &guide.questions[3];
    let kinds: Vec<_> = q4.stages().iter().map(|s| s.kind).collect();
    assert_eq!(kinds.first(), Some(&StageKind::Scenario));
    assert_eq!(kinds.last(), Some(&StageKind::QuickCheckExplanation));
    // Questions without a rubric get the derived one.
    assert!(guide
        .questions
        .iter()
        .all(|q| q.rubric.derived && q.rubric.dimensions[0].levels.len() == 4));
}
