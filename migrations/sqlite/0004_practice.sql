-- Timed mocks and candidate practice.
-- A session's mode: 'live' (an interviewer runs it), 'assigned' (a timed mock
-- a candidate takes alone through a link), 'practice' (a signed-in
-- candidate's own mock, private to `owner_id` and deleted with the account)
-- or 'drill' (interviewers score `source_session_id` again from its recording).
ALTER TABLE interview_sessions ADD COLUMN mode TEXT NOT NULL DEFAULT 'live'
    CHECK (mode IN ('live', 'assigned', 'practice', 'drill'));
ALTER TABLE interview_sessions ADD COLUMN owner_id BLOB REFERENCES users (id) ON DELETE CASCADE;
ALTER TABLE interview_sessions ADD COLUMN source_session_id BLOB REFERENCES interview_sessions (id) ON DELETE CASCADE;
CREATE INDEX interview_sessions_by_owner ON interview_sessions (owner_id, created_at);

-- Spaced repetition of quick checks (FSRS): one card per person and quick check.
CREATE TABLE review_cards (
    user_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    question_id BLOB NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
    check_index INTEGER NOT NULL,
    -- FSRS card state: learning, review or relearning.
    state TEXT NOT NULL,
    stability REAL NOT NULL,
    difficulty REAL NOT NULL,
    due_at TEXT NOT NULL,
    last_review_at TEXT NOT NULL,
    reps INTEGER NOT NULL,
    lapses INTEGER NOT NULL,
    PRIMARY KEY (user_id, question_id, check_index)
);
CREATE INDEX review_cards_due ON review_cards (user_id, due_at);

-- Every answer that moved a card, for export and for re-fitting later.
CREATE TABLE review_log (
    user_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    question_id BLOB NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
    check_index INTEGER NOT NULL,
    reviewed_at TEXT NOT NULL,
    rating INTEGER NOT NULL,
    chosen INTEGER NOT NULL,
    interval_days REAL NOT NULL
);
CREATE INDEX review_log_by_user ON review_log (user_id, reviewed_at);
