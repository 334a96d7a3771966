-- Accounts, teams, sessions and invites (SQLite).
-- Ids are random UUIDs (BLOB); times are UTC RFC 3339 text written by the server.

-- One row once the instance has its first account: a primary-key guard so two
-- concurrent "first" registrations cannot both become owners of a fresh install.
CREATE TABLE instance_bootstrap (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    bootstrapped_at TEXT NOT NULL
);

CREATE TABLE users (
    id BLOB PRIMARY KEY NOT NULL,
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE teams (
    id BLOB PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    open_registration BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TEXT NOT NULL
);

CREATE TABLE memberships (
    team_id BLOB NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    user_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'interviewer', 'candidate')),
    created_at TEXT NOT NULL,
    PRIMARY KEY (team_id, user_id)
);
CREATE INDEX memberships_by_user ON memberships (user_id);

-- Only a SHA-256 of the session token is stored: a leaked database opens no session.
CREATE TABLE sessions (
    token_hash BLOB PRIMARY KEY NOT NULL,
    user_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE invites (
    id BLOB PRIMARY KEY NOT NULL,
    team_id BLOB NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    token_hash BLOB NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'interviewer', 'candidate')),
    email TEXT,
    created_by BLOB REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT,
    used_by BLOB REFERENCES users (id) ON DELETE SET NULL,
    revoked_at TEXT
);
CREATE INDEX invites_by_team ON invites (team_id);
