-- Portfolios: one row each; `seq` orders listings and backs page tokens.
CREATE TABLE portfolios (
    seq               INTEGER PRIMARY KEY AUTOINCREMENT,
    id                TEXT NOT NULL UNIQUE,
    owner             TEXT NOT NULL,
    region            TEXT NOT NULL,
    arn               TEXT NOT NULL,
    display_name      TEXT NOT NULL,
    description       TEXT,
    provider_name     TEXT NOT NULL,
    created_ms        INTEGER NOT NULL,
    tags              TEXT NOT NULL,            -- JSON [[key, value], ...] in insertion order
    idempotency_token TEXT
);
-- One portfolio per (owner, region, token): concurrent creates with one token make one row.
CREATE UNIQUE INDEX portfolios_token ON portfolios (owner, region, idempotency_token);
CREATE INDEX portfolios_owner ON portfolios (owner, region, seq);

-- Temporary credentials issued by STS AssumeRole.
CREATE TABLE sessions (
    access_key_id     TEXT PRIMARY KEY,
    secret_access_key TEXT NOT NULL,
    session_token     TEXT NOT NULL,
    account           TEXT NOT NULL,
    principal_arn     TEXT NOT NULL,
    expires_ms        INTEGER NOT NULL
);
