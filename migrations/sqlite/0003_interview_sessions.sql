-- Live interview sessions. A session fixes the questions (by id, so by pack
-- version) it was created with; its state is a fold over its event log.

CREATE TABLE interview_sessions (
    id BLOB PRIMARY KEY NOT NULL,
    team_id BLOB NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    created_by BLOB REFERENCES users (id) ON DELETE SET NULL,
    candidate_name TEXT NOT NULL,
    candidate_email TEXT,
    created_at TEXT NOT NULL,
    ended_at TEXT
);
CREATE INDEX interview_sessions_by_team ON interview_sessions (team_id, created_at);

CREATE TABLE session_questions (
    session_id BLOB NOT NULL REFERENCES interview_sessions (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    question_id BLOB NOT NULL REFERENCES questions (id),
    time_limit_secs INTEGER NOT NULL,
    PRIMARY KEY (session_id, position)
);

-- The candidate's link: only a hash of its token is stored.
CREATE TABLE session_invites (
    token_hash BLOB PRIMARY KEY NOT NULL,
    session_id BLOB NOT NULL REFERENCES interview_sessions (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE INDEX session_invites_by_session ON session_invites (session_id);

-- Append-only. `seq` counts from 1 per session; an event is stored before it
-- is acknowledged or broadcast.
CREATE TABLE session_events (
    session_id BLOB NOT NULL REFERENCES interview_sessions (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    payload TEXT NOT NULL,
    PRIMARY KEY (session_id, seq)
);
