//! Packs, their immutable versions, questions, stages and quick checks.

use chrono::{DateTime, Utc};
use mockroom_api::{PackSummary, QuestionFilter, QuestionSummary};
use sqlx::FromRow;
use uuid::Uuid;

use super::{on_pool, BeginWrite, Store};

/// A pack version ready to store (Markdown already rendered and sanitised).
pub struct NewVersion {
    /// `None`: bundled with Mockroom, visible to every team.
    pub team_id: Option<Uuid>,
    pub slug: String,
    pub content_hash: String,
    pub title: String,
    pub intro: String,
    pub source: String,
    pub imported_by: Option<Uuid>,
    pub questions: Vec<NewQuestion>,
}

pub struct NewQuestion {
    pub number: i64,
    pub title: String,
    pub kind: String,
    pub category: String,
    pub search_text: String,
    pub rubric_json: String,
    pub stages: Vec<NewStage>,
    pub quick_checks: Vec<NewQuickCheck>,
}

pub struct NewStage {
    pub kind: &'static str,
    pub title: String,
    pub markdown: String,
    pub html: String,
    pub quick_check: Option<i64>,
    /// Code exercises: the raw code and its language (`tsx`, `bash`, or empty).
    pub code: Option<(String, String)>,
}

pub struct NewQuickCheck {
    pub prompt_html: String,
    pub options_json: String,
    pub correct: i64,
    pub explanation_html: String,
}

/// What an import did.
#[derive(Debug, Clone, Copy)]
pub struct Imported {
    pub pack_id: Uuid,
    pub version_id: Uuid,
    /// False when these exact bytes were imported before.
    pub created: bool,
}

#[derive(Debug, Clone, FromRow)]
struct PackRow {
    id: Uuid,
    slug: String,
    title: String,
    bundled: bool,
    version_id: Uuid,
    content_hash: String,
    imported_at: DateTime<Utc>,
    question_count: i64,
}

impl From<PackRow> for PackSummary {
    fn from(r: PackRow) -> Self {
        PackSummary {
            id: r.id,
            slug: r.slug,
            title: r.title,
            bundled: r.bundled,
            version_id: r.version_id,
            content_hash: r.content_hash,
            imported_at: r.imported_at,
            question_count: r.question_count,
        }
    }
}

#[derive(Debug, Clone, FromRow)]
struct QuestionRow {
    id: Uuid,
    pack_id: Uuid,
    pack_title: String,
    version_id: Uuid,
    number: i64,
    title: String,
    kind: String,
    category: String,
}

impl From<QuestionRow> for QuestionSummary {
    fn from(r: QuestionRow) -> Self {
        QuestionSummary {
            id: r.id,
            pack_id: r.pack_id,
            pack_title: r.pack_title,
            version_id: r.version_id,
            number: r.number,
            title: r.title,
            kind: r.kind,
            category: r.category,
        }
    }
}

#[derive(Debug, Clone, FromRow)]
pub struct StageRow {
    pub position: i64,
    pub kind: String,
    pub title: String,
    pub html: String,
    pub quick_check: Option<i64>,
    /// Code exercises: the code an answer may start from, and its language.
    pub code: Option<String>,
    pub code_language: Option<String>,
}

#[derive(Debug, Clone, FromRow)]
pub struct QuickCheckRow {
    pub position: i64,
    pub options_json: String,
    pub correct: i64,
}

/// Everything needed to preview one question.
pub struct QuestionDetail {
    pub summary: QuestionSummary,
    pub rubric_json: String,
    pub stages: Vec<StageRow>,
    pub quick_checks: Vec<QuickCheckRow>,
}

const PACK_COLUMNS: &str =
    "p.id, p.slug, v.title, (p.team_id IS NULL) AS bundled, v.id AS version_id, v.content_hash, \
     v.imported_at, (SELECT COUNT(*) FROM questions q WHERE q.pack_version_id = v.id) AS question_count";

const QUESTION_COLUMNS: &str = "q.id, p.id AS pack_id, v.title AS pack_title, v.id AS version_id, \
     CAST(q.number AS BIGINT) AS number, q.title, q.kind, q.category";

/// `LIKE` pattern matching `text` anywhere, with `%`, `_` and `\` escaped.
fn contains_pattern(text: &str) -> String {
    let escaped = text
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

impl Store {
    /// The current version of a pack, if the pack exists: `(pack, version, hash)`.
    pub async fn current_version(
        &self,
        team_id: Option<Uuid>,
        slug: &str,
    ) -> Result<Option<(Uuid, Uuid, String)>, sqlx::Error> {
        on_pool!(self, pool => sqlx::query_as::<_, (Uuid, Uuid, String)>(
            "SELECT p.id, v.id, v.content_hash FROM packs p JOIN pack_versions v ON v.id = p.current_version_id
             WHERE p.slug = $1 AND ((p.team_id IS NULL AND $2 IS NULL) OR p.team_id = $2)",
        )
        .bind(slug)
        .bind(team_id)
        .fetch_optional(pool)
        .await)
    }

    /// Stores a version of a pack, creating the pack on first import. The same
    /// bytes again change nothing but make that version current.
    pub async fn import_version(&self, v: NewVersion) -> Result<Imported, sqlx::Error> {
        let now = Utc::now();
        on_pool!(self, pool => {
            let mut tx = pool.begin_write().await?;
            sqlx::query(pool.import_turn()).execute(&mut *tx).await?;
            let existing = sqlx::query_scalar::<_, Uuid>(
                "SELECT id FROM packs WHERE slug = $1 AND ((team_id IS NULL AND $2 IS NULL) OR team_id = $2)",
            )
            .bind(&v.slug)
            .bind(v.team_id)
            .fetch_optional(&mut *tx)
            .await?;
            let pack_id = match existing {
                Some(id) => id,
                None => {
                    let id = Uuid::new_v4();
                    sqlx::query("INSERT INTO packs (id, team_id, slug, created_at) VALUES ($1, $2, $3, $4)")
                        .bind(id)
                        .bind(v.team_id)
                        .bind(&v.slug)
                        .bind(now)
                        .execute(&mut *tx)
                        .await?;
                    id
                }
            };
            let known = sqlx::query_scalar::<_, Uuid>(
                "SELECT id FROM pack_versions WHERE pack_id = $1 AND content_hash = $2",
            )
            .bind(pack_id)
            .bind(&v.content_hash)
            .fetch_optional(&mut *tx)
            .await?;
            let (version_id, created) = match known {
                Some(id) => (id, false),
                None => {
                    let version_id = Uuid::new_v4();
                    sqlx::query(
                        "INSERT INTO pack_versions (id, pack_id, content_hash, title, intro, source, imported_by, imported_at)
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                    )
                    .bind(version_id)
                    .bind(pack_id)
                    .bind(&v.content_hash)
                    .bind(&v.title)
                    .bind(&v.intro)
                    .bind(&v.source)
                    .bind(v.imported_by)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                    for (position, q) in v.questions.iter().enumerate() {
                        let question_id = Uuid::new_v4();
                        sqlx::query(
                            "INSERT INTO questions (id, pack_version_id, position, number, title, kind, category, search_text, rubric_json)
                             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                        )
                        .bind(question_id)
                        .bind(version_id)
                        .bind(position as i64)
                        .bind(q.number)
                        .bind(&q.title)
                        .bind(&q.kind)
                        .bind(&q.category)
                        .bind(&q.search_text)
                        .bind(&q.rubric_json)
                        .execute(&mut *tx)
                        .await?;
                        for (position, s) in q.stages.iter().enumerate() {
                            sqlx::query(
                                "INSERT INTO stages (question_id, position, kind, title, markdown, html, quick_check, code, code_language)
                                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                            )
                            .bind(question_id)
                            .bind(position as i64)
                            .bind(s.kind)
                            .bind(&s.title)
                            .bind(&s.markdown)
                            .bind(&s.html)
                            .bind(s.quick_check)
                            .bind(s.code.as_ref().map(|(_, code)| code.as_str()))
                            .bind(s.code.as_ref().map(|(language, _)| language.as_str()))
                            .execute(&mut *tx)
                            .await?;
                        }
                        for (position, c) in q.quick_checks.iter().enumerate() {
                            sqlx::query(
                                "INSERT INTO quick_checks (question_id, position, prompt_html, options_json, correct, explanation_html)
                                 VALUES ($1, $2, $3, $4, $5, $6)",
                            )
                            .bind(question_id)
                            .bind(position as i64)
                            .bind(&c.prompt_html)
                            .bind(&c.options_json)
                            .bind(c.correct)
                            .bind(&c.explanation_html)
                            .execute(&mut *tx)
                            .await?;
                        }
                    }
                    (version_id, true)
                }
            };
            sqlx::query("UPDATE packs SET current_version_id = $1 WHERE id = $2")
                .bind(version_id)
                .bind(pack_id)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok(Imported { pack_id, version_id, created })
        })
    }

    /// Packs a team sees (its own and the bundled ones), by title.
    pub async fn packs(&self, team_id: Uuid) -> Result<Vec<PackSummary>, sqlx::Error> {
        let sql = format!(
            "SELECT {PACK_COLUMNS} FROM packs p JOIN pack_versions v ON v.id = p.current_version_id
             WHERE p.team_id IS NULL OR p.team_id = $1 ORDER BY v.title"
        );
        let rows = on_pool!(self, pool => sqlx::query_as::<_, PackRow>(&sql).bind(team_id).fetch_all(pool).await)?;
        Ok(rows.into_iter().map(PackSummary::from).collect())
    }

    pub async fn pack(&self, team_id: Uuid, pack_id: Uuid) -> Result<Option<PackSummary>, sqlx::Error> {
        let sql = format!(
            "SELECT {PACK_COLUMNS} FROM packs p JOIN pack_versions v ON v.id = p.current_version_id
             WHERE p.id = $2 AND (p.team_id IS NULL OR p.team_id = $1)"
        );
        let row = on_pool!(self, pool => sqlx::query_as::<_, PackRow>(&sql).bind(team_id).bind(pack_id).fetch_optional(pool).await)?;
        Ok(row.map(PackSummary::from))
    }

    /// Questions of the current versions of the packs a team sees, filtered.
    pub async fn questions(&self, team_id: Uuid, filter: &QuestionFilter) -> Result<Vec<QuestionSummary>, sqlx::Error> {
        let text = filter
            .q
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(contains_pattern);
        let sql = format!(
            "SELECT {QUESTION_COLUMNS}
             FROM questions q
             JOIN pack_versions v ON v.id = q.pack_version_id
             JOIN packs p ON p.id = v.pack_id AND p.current_version_id = v.id
             WHERE (p.team_id IS NULL OR p.team_id = $1)
               AND ($2 IS NULL OR q.kind = $2)
               AND ($3 IS NULL OR q.category = $3)
               AND ($4 IS NULL OR p.id = $4)
               AND ($5 IS NULL OR q.search_text LIKE $5 ESCAPE '\\')
             ORDER BY v.title, q.position
             LIMIT 1000"
        );
        let rows = on_pool!(self, pool => sqlx::query_as::<_, QuestionRow>(&sql)
            .bind(team_id)
            .bind(filter.kind.as_deref().filter(|k| !k.is_empty()))
            .bind(filter.category.as_deref().filter(|c| !c.is_empty()))
            .bind(filter.pack)
            .bind(text)
            .fetch_all(pool)
            .await)?;
        Ok(rows.into_iter().map(QuestionSummary::from).collect())
    }

    /// Every type and every category among the questions a team sees.
    pub async fn question_facets(&self, team_id: Uuid) -> Result<(Vec<String>, Vec<String>), sqlx::Error> {
        let from = "FROM questions q JOIN pack_versions v ON v.id = q.pack_version_id
                    JOIN packs p ON p.id = v.pack_id AND p.current_version_id = v.id
                    WHERE p.team_id IS NULL OR p.team_id = $1";
        let kinds_sql = format!("SELECT DISTINCT q.kind {from} ORDER BY q.kind");
        let categories_sql = format!("SELECT DISTINCT q.category {from} ORDER BY q.category");
        let kinds =
            on_pool!(self, pool => sqlx::query_scalar::<_, String>(&kinds_sql).bind(team_id).fetch_all(pool).await)?;
        let categories = on_pool!(self, pool => sqlx::query_scalar::<_, String>(&categories_sql).bind(team_id).fetch_all(pool).await)?;
        Ok((kinds, categories))
    }

    /// A question's summary alone (one query), for callers that already hold
    /// its stages, e.g. a room whose question is in the shared content cache.
    pub async fn question_summary(
        &self,
        team_id: Uuid,
        question_id: Uuid,
    ) -> Result<Option<QuestionSummary>, sqlx::Error> {
        let sql = format!(
            "SELECT {QUESTION_COLUMNS}
             FROM questions q
             JOIN pack_versions v ON v.id = q.pack_version_id
             JOIN packs p ON p.id = v.pack_id
             WHERE q.id = $2 AND (p.team_id IS NULL OR p.team_id = $1)"
        );
        let row = on_pool!(self, pool => sqlx::query_as::<_, QuestionRow>(&sql).bind(team_id).bind(question_id).fetch_optional(pool).await)?;
        Ok(row.map(QuestionSummary::from))
    }

    /// One question of any version of a pack the team sees (sessions may point
    /// at versions that are no longer current).
    pub async fn question_detail(
        &self,
        team_id: Uuid,
        question_id: Uuid,
    ) -> Result<Option<QuestionDetail>, sqlx::Error> {
        let sql = format!(
            "SELECT {QUESTION_COLUMNS}, q.rubric_json
             FROM questions q
             JOIN pack_versions v ON v.id = q.pack_version_id
             JOIN packs p ON p.id = v.pack_id
             WHERE q.id = $2 AND (p.team_id IS NULL OR p.team_id = $1)"
        );
        #[derive(FromRow)]
        struct Row {
            #[sqlx(flatten)]
            question: QuestionRow,
            rubric_json: String,
        }
        let row = on_pool!(self, pool => sqlx::query_as::<_, Row>(&sql).bind(team_id).bind(question_id).fetch_optional(pool).await)?;
        let Some(row) = row else { return Ok(None) };
        let stages = on_pool!(self, pool => sqlx::query_as::<_, StageRow>(
            "SELECT CAST(position AS BIGINT) AS position, kind, title, html, CAST(quick_check AS BIGINT) AS quick_check,
                    code, code_language
             FROM stages WHERE question_id = $1 ORDER BY position",
        )
        .bind(question_id)
        .fetch_all(pool)
        .await)?;
        let quick_checks = on_pool!(self, pool => sqlx::query_as::<_, QuickCheckRow>(
            "SELECT CAST(position AS BIGINT) AS position, options_json, CAST(correct AS BIGINT) AS correct
             FROM quick_checks WHERE question_id = $1 ORDER BY position",
        )
        .bind(question_id)
        .fetch_all(pool)
        .await)?;
        Ok(Some(QuestionDetail {
            summary: row.question.into(),
            rubric_json: row.rubric_json,
            stages,
            quick_checks,
        }))
    }
}
