-- Assigned mocks: whether the candidate may reveal the answer key (walkthrough,
-- junior/senior and model answers, quick-check explanations) after handing in.
-- Off unless the interviewer turns it on.
ALTER TABLE interview_sessions ADD COLUMN show_answer_key BOOLEAN NOT NULL DEFAULT FALSE;

-- The stored format of each event (see server/src/room/event.rs): a reader
-- decodes every format it knows; additive changes keep the number.
ALTER TABLE session_events ADD COLUMN format SMALLINT NOT NULL DEFAULT 1;

-- Running server instances, each refreshing its row every few seconds. An
-- instance whose row went stale died without closing its connections; the
-- others write those connections off (`connections_lost`).
CREATE TABLE server_instances (
    id UUID PRIMARY KEY,
    started_at TIMESTAMPTZ NOT NULL,
    seen_at TIMESTAMPTZ NOT NULL
);
