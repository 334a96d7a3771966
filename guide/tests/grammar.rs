//! Property: any guide built from the grammar of parts — questions, named
//! parts, walkthrough and `##` sections, rules, quick checks and quizzes
//! (valid and broken), answer pairs (string, code and object-valued props,
//! bodies holding quick checks and exercises), code runners with slots,
//! nested and unclosed fences, JSX in code, entities, unknown components,
//! stray tags, `#` appendices — in any order, with LF or CRLF line ends and
//! with or without a BOM, parses without panicking, and every quick check,
//! answer pair and code exercise in it is imported or reported at its line.
//! Bounded case counts keep it fast in CI.

mod markers;

use mockroom_guide::{parse, render_markdown, StageKind};
use proptest::prelude::*;

/// One piece of a guide, in the author's words (each `n` varies the text).
fn part(kind: u8, n: u8) -> String {
    let n = n as usize;
    match kind % 24 {
        0 => format!("### Question {}: Why did service {n} stop answering?\n\n**Type:** Debugging | **Category:** Cat &amp; {n}\n", n % 5 + 1),
        1 => "## The Scenario\n\nRequests time out after a config push &mdash; 40% of them.\n".into(),
        2 => "## The Challenge\n\nRestore service, then find the cause.\n".into(),
        3 => format!("### Step {n}: Look at the evidence\n\nRead the logs with `tail -f` &lt;carefully&gt;.\n"),
        4 => format!("#### Detail {n}\n\nA smaller point.\n"),
        5 => {
            let titles = ["Summary Table", "Checklist", "Decision Matrix", "Runbook", "Common Gotchas", "Practice with Real Infrastructure", "Part 2: More"];
            let bodies = ["| A | B |\n|---|---|\n| 1 | 2 |\n", "- [ ] one\n- [ ] two\n", "", "1. Page the owner.\n2. Roll back.\n"];
            format!("## {}\n\n{}", titles[n % titles.len()], bodies[n % bodies.len()])
        }
        6 => "---\n".into(),
        7 => match n % 4 {
            0 | 1 => "### Quick Check\n\n**Which one?**\n\n   A. first\n-> B. **second**\n   C. third\n\n<details>\n<summary>See Answer</summary>\n\nBecause.\n\n</details>\n".into(),
            2 => "### Quick Check\n\n**No mark here?**\n\n   A. first\n   B. second\n".into(),
            _ => "## Quick Check\n\n**Level two?**\n\n-> A. yes\n   B. no\n".into(),
        },
        8 => match n % 4 {
            0 => "<InterviewQuiz question=\"Pick one\" options={[\"a\", \"b &lt;c&gt;\"]} correctAnswer={1} explanation=\"b it is\" />\n".into(),
            1 => "<InterviewQuiz\n  question=\"Multi-line?\"\n  options={['x', `y`, \"z\"]}\n  correctAnswer={0}\n  explanation={`Because x.`}\n/>\n".into(),
            2 => "<InterviewQuiz question=\"Broken\" options={[\"a\", \"b\"]} correctAnswer={7} />\n".into(),
            _ => "<InterviewQuiz question=\"With a body\" options={[\"a\", \"b\"]} correctAnswer={0}>\nThe body explains it.\n</InterviewQuiz>\n".into(),
        },
        9 => "<JuniorVsSenior\n  juniorAnswer=\"Restart it &amp; wait.\"\n  seniorAnswer=\"Roll back, then look.\"\n>\n\n### Senior detail\n\nThe model answer.\n\n</JuniorVsSenior>\n".into(),
        10 => "<JuniorVsSenior client:load\n  juniorAnswer={{ title: \"Quick fix\", code: `\n    if (x) { return \"}\"; }\n\n    const s = \\`${a}\\`;\n    render(<Panel id={\\`p-${n}\\`} />);\n  `, explanation: 'It \"works\".' }}\n  seniorAnswer={{ title: `Proper fix`, explanation: \"Finds the cause.\", lang: \"tsx\" }}\n/>\n".into(),
        11 => "<JuniorVsSenior juniorCode={`kubectl delete pod x`} juniorExplanation=\"Deletes.\" seniorCode={`\n  kubectl logs x --previous\n`} seniorExplanation=\"Reads.\" />\n".into(),
        12 => "<JuniorVsSenior juniorAnswer=\"j\" seniorAnswer=\"s\">\n\n### Quick Check\n\n**Inside the body?**\n\n-> A. yes\n   B. no\n\n<InterviewQuiz question=\"Also inside\" options={[\"a\", \"b\"]} correctAnswer={0} explanation=\"ok\" />\n\n<SmartCodeRunner title=\"Inner\">\n\n```sql\nSELECT 1;\n```\n\n</SmartCodeRunner>\n\n</JuniorVsSenior>\n".into(),
        13 => "<SmartCodeRunner mode=\"react\" title=\"Exercise &amp; more\">\n<Fragment slot=\"code\">\n\n```tsx\nexport const App = () => (\n  <ThemeContext.Provider value=\"dark\">\n    <UserProfile />\n  </ThemeContext.Provider>\n);\n```\n\n</Fragment>\n<Fragment slot=\"hints\">\nUse context.\n</Fragment>\n</SmartCodeRunner>\n".into(),
        14 => "<SmartCodeRunner title=\"Bare\">\n\n```python\n# not a heading\nprint('hi')\n```\n\n</SmartCodeRunner>\n".into(),
        15 => "<SmartCodeRunner title=\"Raw slot\">\n<Fragment slot=\"code\">\nconst x = <Widget />;\n# also code\n</Fragment>\n</SmartCodeRunner>\n".into(),
        16 => "```bash\n# a comment, not a heading\n### Quick Check\n<InterviewQuiz />\n```\n".into(),
        17 => "````markdown\n```yaml\nkey: value\n```\n### Quick Check\n<JuniorVsSenior />\n````\n".into(),
        18 => "~~~jsx\n<UserProfile />\n<SmartCodeRunner>\n~~~\n".into(),
        19 => "<Callout type=\"tip\">\nA **tip** &amp; more.\n</Callout>\n".into(),
        20 => "</Stray>\n".into(),
        21 => "# Appendix\n\nNot part of any question.\n".into(),
        22 => format!("Plain text {n} with &lt;entities&gt; and a <span>tag</span>.\n"),
        _ => match n % 3 {
            0 => "```\nunclosed fence swallowing the rest\n".into(),
            1 => "<JuniorVsSenior juniorAnswer=\"never closed\" seniorAnswer=\"x\">\n".into(),
            _ => "<SmartCodeRunner title=\"unterminated\n".into(),
        },
    }
}

fn guide() -> impl Strategy<Value = (Vec<u8>, bool)> {
    (
        any::<bool>(),
        proptest::collection::vec((0u8..24, any::<u8>()), 0..30),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(titled, parts, crlf, bom)| {
            let mut text = String::new();
            if titled {
                text.push_str("# A Generated Guide\n\nIntro.\n\n## Questions Overview\n\n| # | Question | Type | Category |\n|---|---|---|---|\n| 1 | One | Debugging | Cat |\n\n## What You'll Learn\n\n- things\n\n## Interview Questions\n\n");
            }
            for (kind, n) in parts {
                text.push_str(&part(kind, n));
                text.push('\n');
            }
            if crlf {
                text = text.replace('\n', "\r\n");
            }
            let mut bytes = Vec::new();
            if bom {
                bytes.extend_from_slice("\u{feff}".as_bytes());
            }
            bytes.extend_from_slice(text.as_bytes());
            (bytes, crlf)
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn guides_from_the_grammar_parse_and_conserve_their_parts((bytes, _crlf) in guide()) {
        let parsed = parse(&bytes);
        markers::assert_conserved("generated", &bytes, &parsed);
        for q in &parsed.guide.questions {
            for qc in &q.quick_checks {
                prop_assert!(qc.correct < qc.options.len());
            }
            for stage in q.stages() {
                prop_assert_eq!(stage.kind == StageKind::CodeExercise, stage.code.is_some());
                prop_assert!(!stage.markdown.contains('\r'));
                let html = render_markdown(&stage.markdown);
                prop_assert!(!html.contains("<script") && !html.contains("onclick"));
            }
        }
        let s = &parsed.summary;
        prop_assert_eq!(s.imported.questions, parsed.guide.questions.len());
        prop_assert_eq!(s.skipped_parts.len(), s.skipped.total());
    }
}
