-- Login throttling and trusted devices (PostgreSQL). Kept in the database, not in
-- process memory, so that several instances sharing one database share the limits.

-- One row per throttled key: a SHA-256 of what is limited (a client address,
-- an account, an account from one address, a trusted device), so rows have a
-- fixed size whatever the attacker sends. Times are Unix milliseconds, which
-- both backends compare and add the same way. A row is useless once
-- `expires_ms` has passed and the purge task deletes it.
CREATE TABLE login_throttle (
    key BYTEA PRIMARY KEY,
    hits BIGINT NOT NULL,
    -- Fixed-window limits: when the window ends. Backoff: when the failures are forgotten.
    reset_ms BIGINT NOT NULL,
    -- Backoff only: the current pause, and when the next attempt may come.
    delay_ms BIGINT NOT NULL DEFAULT 0,
    blocked_ms BIGINT NOT NULL DEFAULT 0,
    expires_ms BIGINT NOT NULL
);
CREATE INDEX login_throttle_by_expiry ON login_throttle (expires_ms);

-- Browsers that signed in to an account before. Only the SHA-256 of the
-- cookie's token is stored; the cookie lets its holder skip the per-account
-- limits of that one account (its own, smaller limit applies instead).
CREATE TABLE trusted_devices (
    token_hash BYTEA PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX trusted_devices_by_user ON trusted_devices (user_id, created_at);
