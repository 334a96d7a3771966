-- Question content: packs, their immutable versions, questions and reveal stages.
-- A version is identified by the SHA-256 of its source: re-importing the same
-- bytes changes nothing, an edited file becomes a new version, and anything
-- that used a version (sessions, attempts, scores) keeps pointing at it.

CREATE TABLE packs (
    id UUID PRIMARY KEY,
    -- NULL: bundled with Mockroom and visible to every team.
    team_id UUID REFERENCES teams (id) ON DELETE CASCADE,
    slug TEXT NOT NULL,
    current_version_id UUID,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX packs_team_slug ON packs (team_id, slug) WHERE team_id IS NOT NULL;
CREATE UNIQUE INDEX packs_bundled_slug ON packs (slug) WHERE team_id IS NULL;

CREATE TABLE pack_versions (
    id UUID PRIMARY KEY,
    pack_id UUID NOT NULL REFERENCES packs (id) ON DELETE CASCADE,
    content_hash TEXT NOT NULL,
    title TEXT NOT NULL,
    intro TEXT NOT NULL,
    source TEXT NOT NULL,
    imported_by UUID REFERENCES users (id) ON DELETE SET NULL,
    imported_at TIMESTAMPTZ NOT NULL,
    UNIQUE (pack_id, content_hash)
);

CREATE TABLE questions (
    id UUID PRIMARY KEY,
    pack_version_id UUID NOT NULL REFERENCES pack_versions (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    number INTEGER NOT NULL,
    title TEXT NOT NULL,
    kind TEXT NOT NULL,
    category TEXT NOT NULL,
    -- Lower-cased title, category and stage text, for library search.
    search_text TEXT NOT NULL,
    rubric_json TEXT NOT NULL,
    UNIQUE (pack_version_id, position)
);
CREATE INDEX questions_by_version ON questions (pack_version_id);

CREATE TABLE stages (
    question_id UUID NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    markdown TEXT NOT NULL,
    html TEXT NOT NULL,
    quick_check INTEGER,
    PRIMARY KEY (question_id, position)
);

CREATE TABLE quick_checks (
    question_id UUID NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    prompt_html TEXT NOT NULL,
    options_json TEXT NOT NULL,
    correct INTEGER NOT NULL,
    explanation_html TEXT NOT NULL,
    PRIMARY KEY (question_id, position)
);
