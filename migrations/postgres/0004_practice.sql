-- Timed mocks and candidate practice.
-- A session's mode: 'live' (an interviewer runs it), 'assigned' (a timed mock
-- a candidate takes alone through a link), 'practice' (a signed-in
-- candidate's own mock, private to `owner_id` and deleted with the account)
-- or 'drill' (interviewers score `source_session_id` again from its recording).
ALTER TABLE interview_sessions ADD COLUMN mode TEXT NOT NULL DEFAULT 'live'
    CHECK (mode IN ('live', 'assigned', 'practice', 'drill'));
ALTER TABLE interview_sessions ADD COLUMN owner_id UUID REFERENCES users (id) ON DELETE CASCADE;
ALTER TABLE interview_sessions ADD COLUMN source_session_id UUID REFERENCES interview_sessions (id) ON DELETE CASCADE;
CREATE INDEX interview_sessions_by_owner ON interview_sessions (owner_id, created_at);

-- Spaced repetition of quick checks (FSRS): one card per person and quick check.
CREATE TABLE review_cards (
    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    question_id UUID NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
    check_index BIGINT NOT NULL,
    -- FSRS card state: learning, review or relearning.
    state TEXT NOT NULL,
    stability DOUBLE PRECISION NOT NULL,
    difficulty DOUBLE PRECISION NOT NULL,
    due_at TIMESTAMPTZ NOT NULL,
    last_review_at TIMESTAMPTZ NOT NULL,
    reps BIGINT NOT NULL,
    lapses BIGINT NOT NULL,
    PRIMARY KEY (user_id, question_id, check_index)
);
CREATE INDEX review_cards_due ON review_cards (user_id, due_at);

-- Every answer that moved a card, for export and for re-fitting later.
CREATE TABLE review_log (
    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    question_id UUID NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
    check_index BIGINT NOT NULL,
    reviewed_at TIMESTAMPTZ NOT NULL,
    rating BIGINT NOT NULL,
    chosen BIGINT NOT NULL,
    interval_days DOUBLE PRECISION NOT NULL
);
CREATE INDEX review_log_by_user ON review_log (user_id, reviewed_at);
