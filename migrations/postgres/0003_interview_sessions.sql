-- Live interview sessions. A session fixes the questions (by id, so by pack
-- version) it was created with; its state is a fold over its event log.

CREATE TABLE interview_sessions (
    id UUID PRIMARY KEY,
    team_id UUID NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    created_by UUID REFERENCES users (id) ON DELETE SET NULL,
    candidate_name TEXT NOT NULL,
    candidate_email TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    ended_at TIMESTAMPTZ
);
CREATE INDEX interview_sessions_by_team ON interview_sessions (team_id, created_at);

CREATE TABLE session_questions (
    session_id UUID NOT NULL REFERENCES interview_sessions (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    question_id UUID NOT NULL REFERENCES questions (id),
    time_limit_secs INTEGER NOT NULL,
    PRIMARY KEY (session_id, position)
);

-- The candidate's link: only a hash of its token is stored.
CREATE TABLE session_invites (
    token_hash BYTEA PRIMARY KEY,
    session_id UUID NOT NULL REFERENCES interview_sessions (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    revoked_at TIMESTAMPTZ
);
CREATE INDEX session_invites_by_session ON session_invites (session_id);

-- Append-only. `seq` counts from 1 per session; an event is stored before it
-- is acknowledged or broadcast.
CREATE TABLE session_events (
    session_id UUID NOT NULL REFERENCES interview_sessions (id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    at TIMESTAMPTZ NOT NULL,
    actor TEXT NOT NULL,
    payload TEXT NOT NULL,
    PRIMARY KEY (session_id, seq)
);
