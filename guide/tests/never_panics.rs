//! The parser must not panic on any input: arbitrary bytes, and real guides
//! cut and spliced at random. Bounded (case counts below) so it runs in CI.
//! Inputs that ever crashed it live in `tests/regressions/` and are replayed.

use proptest::prelude::*;

fn seed_guides() -> Vec<Vec<u8>> {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut seeds = Vec::new();
    let corpus = root.join("guide/tests/corpus");
    for dir in [root.join("content"), root.join("../shared/guides"), corpus] {
        if let Ok(entries) = std::fs::read_dir(&dir) {
            for e in entries.flatten() {
                if e.path().extension().is_some_and(|x| x == "md") && e.file_name() != "README.md" {
                    if let Ok(bytes) = std::fs::read(e.path()) {
                        seeds.push(bytes);
                    }
                }
            }
        }
    }
    // A small built-in guide so the property has a seed even alone.
    seeds.push(include_bytes!("fixtures/every_part.md").to_vec());
    seeds
}

fn check(bytes: &[u8]) {
    let parsed = mockroom_guide::parse(bytes);
    for q in &parsed.guide.questions {
        let stages = q.stages();
        for qc in &q.quick_checks {
            assert!(qc.correct < qc.options.len());
        }
        let _ = stages;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        check(&bytes);
    }

    #[test]
    fn arbitrary_markdownish_text(text in "[#<>`{}\"'|*\\-A-Da-z0-9 :./=\n]{0,1500}") {
        check(text.as_bytes());
    }

    #[test]
    fn mutated_guides(seed in 0usize..64, cuts in proptest::collection::vec((0.0f64..1.0, 0.0f64..1.0, 0.0f64..1.0), 1..6)) {
        let seeds = seed_guides();
        let base = &seeds[seed % seeds.len()];
        let mut bytes = base.clone();
        for (at, len, from) in cuts {
            // Splice a random slice of the guide over a random place in it.
            let n = bytes.len().max(1);
            let at = (at * n as f64) as usize % n;
            let len = ((len * 400.0) as usize).min(bytes.len() - at.min(bytes.len()));
            let from = (from * base.len() as f64) as usize % base.len().max(1);
            let piece: Vec<u8> = base.iter().skip(from).take(len).copied().collect();
            bytes.splice(at..(at + len).min(bytes.len()), piece);
        }
        check(&bytes);
    }
}

#[test]
fn regressions_replay() {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let mut n = 0;
    for e in std::fs::read_dir(&dir).expect("tests/regressions").flatten() {
        check(&std::fs::read(e.path()).expect("read"));
        n += 1;
    }
    assert!(n > 0, "the regression corpus is empty");
}
