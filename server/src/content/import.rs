//! From guide bytes to a stored pack version: parse, render every stage to
//! sanitised HTML, store (unless the guide has errors).

use mockroom_api::{ContentDiagnostic, ImportSummary, PartCounts, Rubric, RubricDimension, SkippedPart};
use mockroom_guide::{render_markdown, Counts, Diagnostic, Parsed, PartKind, Question, Severity, StageKind, Summary};
use uuid::Uuid;

use crate::store::{Imported, NewQuestion, NewQuickCheck, NewStage, NewVersion, Store};

/// `kubernetes-operations.md` → `kubernetes-operations`.
pub fn slug_from_filename(filename: &str) -> String {
    let stem = std::path::Path::new(filename)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("pack");
    let mut slug = String::new();
    for c in stem.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-').to_owned();
    if slug.is_empty() {
        "pack".into()
    } else {
        slug
    }
}

pub fn to_api(d: &Diagnostic) -> ContentDiagnostic {
    ContentDiagnostic {
        line: d.line,
        col: d.col,
        severity: match d.severity {
            Severity::Error => "error".into(),
            Severity::Warning => "warning".into(),
        },
        message: d.message.clone(),
    }
}

fn counts_to_api(c: &Counts) -> PartCounts {
    PartCounts {
        questions: c.questions,
        sections: c.sections,
        quick_checks: c.quick_checks,
        junior_senior: c.junior_senior,
        code_exercises: c.code_exercises,
    }
}

pub fn part_kind_name(kind: PartKind) -> &'static str {
    match kind {
        PartKind::Section => "section",
        PartKind::QuickCheck => "quick_check",
        PartKind::JuniorSenior => "junior_senior",
        PartKind::CodeExercise => "code_exercise",
    }
}

pub fn summary_to_api(s: &Summary) -> ImportSummary {
    ImportSummary {
        imported: counts_to_api(&s.imported),
        skipped: counts_to_api(&s.skipped),
        skipped_parts: s
            .skipped_parts
            .iter()
            .map(|p| SkippedPart {
                kind: part_kind_name(p.kind).into(),
                line: p.line,
                title: p.title.clone(),
            })
            .collect(),
    }
}

pub fn rubric_to_api(rubric: &mockroom_guide::Rubric) -> Rubric {
    Rubric {
        derived: rubric.derived,
        dimensions: rubric
            .dimensions
            .iter()
            .map(|d| RubricDimension {
                name: d.name.clone(),
                levels: d.levels.clone(),
            })
            .collect(),
    }
}

fn prepare_question(q: &Question) -> NewQuestion {
    let stages: Vec<NewStage> = q
        .stages()
        .into_iter()
        .map(|s| NewStage {
            kind: s.kind.as_str(),
            html: render_markdown(&s.markdown),
            title: s.title,
            markdown: s.markdown,
            quick_check: s.quick_check.map(|i| i as i64),
            code: s.code.map(|c| (c.language, c.code)),
        })
        .collect();
    let quick_checks = q
        .quick_checks
        .iter()
        .map(|c| NewQuickCheck {
            prompt_html: render_markdown(&c.question),
            options_json: serde_json::to_string(&c.options).unwrap_or_else(|_| "[]".into()),
            correct: c.correct as i64,
            explanation_html: render_markdown(&c.explanation),
        })
        .collect();
    let mut search_text = format!("{} {} {}", q.title, q.kind, q.category);
    for s in &stages {
        if s.kind != StageKind::QuickCheckExplanation.as_str() {
            search_text.push(' ');
            search_text.push_str(&s.markdown);
        }
    }
    NewQuestion {
        number: i64::from(q.number),
        title: q.title.clone(),
        kind: q.kind.clone(),
        category: q.category.clone(),
        search_text: search_text.to_lowercase(),
        rubric_json: serde_json::to_string(&rubric_to_api(&q.rubric)).unwrap_or_else(|_| "{}".into()),
        stages,
        quick_checks,
    }
}

/// Renders a parsed guide into a storable version.
pub fn prepare(
    parsed: &Parsed,
    source: &str,
    hash: String,
    slug: String,
    team_id: Option<Uuid>,
    by: Option<Uuid>,
) -> NewVersion {
    NewVersion {
        team_id,
        slug,
        content_hash: hash,
        title: parsed.guide.title.clone(),
        intro: parsed.guide.intro.clone(),
        source: source.to_owned(),
        imported_by: by,
        questions: parsed.guide.questions.iter().map(prepare_question).collect(),
    }
}

/// The outcome of importing one file.
pub struct ImportReport {
    pub parsed: Parsed,
    /// `None` when the guide has errors (nothing stored) or for a dry run.
    pub imported: Option<Imported>,
}

/// Parses and, when the guide has no errors and `store` is given, stores it.
pub async fn import_guide(
    store: Option<&Store>,
    team_id: Option<Uuid>,
    filename: &str,
    bytes: &[u8],
    by: Option<Uuid>,
) -> Result<ImportReport, sqlx::Error> {
    let parsed = mockroom_guide::parse(bytes);
    let Some(store) = store.filter(|_| !parsed.has_errors()) else {
        return Ok(ImportReport { parsed, imported: None });
    };
    let hash = mockroom_guide::content_hash(bytes);
    let slug = slug_from_filename(filename);
    if let Some((pack_id, version_id, current)) = store.current_version(team_id, &slug).await? {
        if current == hash {
            // Unchanged: nothing to render or store.
            return Ok(ImportReport {
                parsed,
                imported: Some(Imported {
                    pack_id,
                    version_id,
                    created: false,
                }),
            });
        }
    }
    let source = String::from_utf8_lossy(bytes);
    let version = prepare(&parsed, &source, hash, slug, team_id, by);
    let imported = store.import_version(version).await?;
    Ok(ImportReport {
        parsed,
        imported: Some(imported),
    })
}

#[cfg(test)]
mod tests {
    use super::slug_from_filename;

    #[test]
    fn slugs() {
        assert_eq!(
            slug_from_filename("content/Kubernetes Operations.md"),
            "kubernetes-operations"
        );
        assert_eq!(slug_from_filename("--.md"), "pack");
        assert_eq!(slug_from_filename("a__b.md"), "a-b");
    }
}
