//! The guide format's variants, one small document each.

use mockroom_guide::{parse, Parsed, Severity, StageKind};

fn errors(p: &Parsed) -> Vec<String> {
    p.diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.display("t.md"))
        .collect()
}

fn warnings(p: &Parsed) -> Vec<String> {
    p.diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(|d| d.display("t.md"))
        .collect()
}

const HEAD: &str = "# Guide\n\nIntro.\n\n## Questions Overview\n\n| # | Question | Type | Category |\n|---|---|---|---|\n| 1 | Q | Debugging | Cat A |\n\n## Interview Questions\n\n";

fn doc(question_body: &str) -> String {
    format!("{HEAD}### Question 1: A title?\n\n**Type:** Debugging | **Category:** Cat A\n\n## The Scenario\n\nScene.\n\n## The Challenge\n\nDo it.\n\n{question_body}")
}

#[test]
fn junior_vs_senior_with_the_closing_bracket_on_its_own_line() {
    let p = parse(doc("<JuniorVsSenior\n  juniorAnswer=\"Restart &amp; hope.\"\n  seniorAnswer=\"Read the logs.\"\n>\n\n### Junior Approach\n\nMeh.\n\n### Senior Approach\n\n```bash\n# not a heading\n```\n\n</JuniorVsSenior>\n").as_bytes());
    assert!(errors(&p).is_empty(), "{:?}", errors(&p));
    let q = &p.guide.questions[0];
    let js = q.junior_senior.first().expect("pair");
    assert_eq!(js.junior.explanation, "Restart & hope.");
    assert!(js.model_answer.contains("### Senior Approach") && js.model_answer.contains("# not a heading"));
    assert!(
        q.sections.is_empty(),
        "headings inside the component belong to the model answer"
    );
}

#[test]
fn junior_vs_senior_code_and_explanation_attributes_with_client_load() {
    let body = "<JuniorVsSenior client:load\n  juniorCode={`\n    kubectl delete pod x\n  `}\n  juniorExplanation={`Deletes and hopes.`}\n  seniorCode={`\n    kubectl logs x --previous\n  `}\n  seniorExplanation=\"Reads why it died.\"\n/>\n\n### After\n\nText.\n";
    let p = parse(doc(body).as_bytes());
    assert!(errors(&p).is_empty(), "{:?}", errors(&p));
    let q = &p.guide.questions[0];
    let js = q.junior_senior.first().expect("pair");
    let (junior, senior) = (js.junior.markdown(), js.senior.markdown());
    assert!(
        junior.starts_with("Deletes and hopes.") && junior.contains("```\nkubectl delete pod x\n```"),
        "{junior}"
    );
    assert!(senior.contains("Reads why it died.") && senior.contains("kubectl logs x --previous"));
    assert!(js.model_answer.is_empty(), "self-closing: no body");
    assert_eq!(q.sections.len(), 1);
    let kinds: Vec<_> = q.stages().iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        vec![
            StageKind::Scenario,
            StageKind::Challenge,
            StageKind::Section,
            StageKind::JuniorAnswer,
            StageKind::SeniorAnswer
        ]
    );
}

#[test]
fn interview_quiz_is_a_quick_check_with_a_zero_based_answer() {
    let body = "<InterviewQuiz\n  question=\"Which is right?\"\n  options={[\"one\", \"two &lt;b&gt;\", 'three']}\n  correctAnswer={2}\n  explanation=\"Three because.\"\n/>\n";
    let p = parse(doc(body).as_bytes());
    assert!(errors(&p).is_empty(), "{:?}", errors(&p));
    let qc = &p.guide.questions[0].quick_checks[0];
    assert_eq!(qc.options, vec!["one", "two <b>", "three"]);
    assert_eq!(qc.correct, 2);
    assert_eq!(qc.explanation, "Three because.");

    let bad = parse(doc("<InterviewQuiz question=\"Q\" options={[\"a\", \"b\"]} correctAnswer={5} />\n").as_bytes());
    assert!(
        errors(&bad).iter().any(|e| e.contains("correctAnswer")),
        "{:?}",
        errors(&bad)
    );
}

#[test]
fn smart_code_runner_code_stays_visible() {
    let p = parse(
        doc("<SmartCodeRunner mode=\"run\" title=\"Try it\">\n\n```python\nprint('hi')\n```\n\n</SmartCodeRunner>\n")
            .as_bytes(),
    );
    assert!(errors(&p).is_empty(), "{:?}", errors(&p));
    let q = &p.guide.questions[0];
    assert_eq!(q.sections[0].title, "Try it");
    assert!(q.sections[0].markdown.contains("print('hi')"));
}

#[test]
fn unknown_components_warn_and_keep_their_text() {
    let p =
        parse(doc("### Step 1: Look\n\n<Callout type=\"tip\">\nCheck the **events** first.\n</Callout>\n").as_bytes());
    assert!(errors(&p).is_empty(), "{:?}", errors(&p));
    assert!(
        warnings(&p)
            .iter()
            .any(|w| w.contains("unknown component <Callout>") && w.starts_with("t.md:")),
        "{:?}",
        warnings(&p)
    );
    let section = &p.guide.questions[0].sections[0];
    assert!(section.markdown.contains("Check the **events** first."));
    assert!(!section.markdown.contains("Callout"));
}

#[test]
fn structural_errors_name_their_line() {
    let p = parse(doc("<JuniorVsSenior juniorAnswer=\"a\" seniorAnswer=\"b\">\nnever closed\n").as_bytes());
    assert!(
        errors(&p)
            .iter()
            .any(|e| e.contains("unclosed component <JuniorVsSenior>")),
        "{:?}",
        errors(&p)
    );

    let p = parse(format!("{HEAD}### Question 1:\n\n## The Scenario\n\nx\n").as_bytes());
    let line = HEAD.lines().count() + 1;
    assert!(
        errors(&p)
            .iter()
            .any(|e| e.starts_with(&format!("t.md:{line}:1: error: question 1 has no title"))),
        "{:?}",
        errors(&p)
    );

    let p = parse(doc("### Quick Check\n\n**Q?**\n\n   A. a\n   B. b\n").as_bytes());
    assert!(errors(&p).iter().any(|e| e.contains("no correct option")));
}

#[test]
fn non_utf8_and_oversized_input_are_errors() {
    let mut bytes = doc("").into_bytes();
    bytes.extend_from_slice(b"\n\xff\xfe bad");
    let p = parse(&bytes);
    assert!(
        errors(&p).iter().any(|e| e.contains("not valid UTF-8")),
        "{:?}",
        errors(&p)
    );

    let big = vec![b'a'; mockroom_guide::MAX_GUIDE_BYTES + 1];
    let p = parse(&big);
    assert!(errors(&p).iter().any(|e| e.contains("at most")), "{:?}", errors(&p));
}

#[test]
fn a_closing_level_two_section_is_not_question_content() {
    let p = parse(
        doc("### Step 1: Only step\n\nBody.\n\n---\n\n## Practice with Real Infrastructure\n\nBuy now.\n").as_bytes(),
    );
    let q = &p.guide.questions[0];
    let all: String = q.stages().iter().map(|s| s.markdown.clone()).collect();
    assert!(!all.contains("Buy now"), "{all}");
}

#[test]
fn explicit_rubric_replaces_the_derived_one() {
    let p = parse(
        doc("### Rubric\n\n**Dimension: Diagnosis**\n\n1. guesses\n2. logs\n3. hypotheses\n4. teaches\n").as_bytes(),
    );
    assert!(errors(&p).is_empty(), "{:?}", errors(&p));
    let r = &p.guide.questions[0].rubric;
    assert!(!r.derived);
    assert_eq!(r.dimensions[0].name, "Diagnosis");
    assert!(
        p.guide.questions[0].sections.is_empty(),
        "the rubric is not a walkthrough section"
    );
}
