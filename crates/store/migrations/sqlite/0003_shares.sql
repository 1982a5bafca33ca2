-- Portfolio shares: one row per (portfolio, kind, principal).
CREATE TABLE shares (
    seq               INTEGER PRIMARY KEY AUTOINCREMENT,
    portfolio_id      TEXT NOT NULL,
    region            TEXT NOT NULL,
    owner             TEXT NOT NULL,
    kind              TEXT NOT NULL,      -- ACCOUNT | ORGANIZATION | ORGANIZATIONAL_UNIT | ORGANIZATION_MEMBER_ACCOUNT
    principal         TEXT NOT NULL,      -- bare id: 12 digits, o-…, ou-…
    org_id            TEXT,
    accepted          INTEGER NOT NULL,
    share_tag_options INTEGER NOT NULL,
    share_principals  INTEGER NOT NULL,
    state             TEXT NOT NULL,      -- CREATING | ACTIVE | DELETING
    fanout_token      TEXT,
    created_ms        INTEGER NOT NULL,
    UNIQUE (portfolio_id, kind, principal)
);
CREATE INDEX shares_recipient ON shares (principal, region);
CREATE INDEX shares_org ON shares (org_id);

-- Share operations (share-… tokens), processed by the worker in steps.
CREATE TABLE share_ops (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    token         TEXT NOT NULL UNIQUE,
    action        TEXT NOT NULL,          -- CREATE | UPDATE | DELETE
    portfolio_id  TEXT NOT NULL,
    region        TEXT NOT NULL,
    owner         TEXT NOT NULL,
    kind          TEXT NOT NULL,
    principal     TEXT NOT NULL,
    org_id        TEXT,
    status        TEXT NOT NULL,          -- ShareStatus
    not_before_ms INTEGER NOT NULL,
    cursor        INTEGER NOT NULL DEFAULT 0,
    total         INTEGER,
    created_ms    INTEGER NOT NULL
);
-- Unfinished operations, for the one-action-at-a-time rule and the worker.
CREATE INDEX share_ops_open ON share_ops (portfolio_id) WHERE status IN ('NOT_STARTED', 'IN_PROGRESS');

-- Per-account outcome of an operation's fan-out; the key makes every account count once.
CREATE TABLE share_op_accounts (
    token   TEXT NOT NULL,
    account TEXT NOT NULL,
    error   TEXT,                          -- NULL on success
    message TEXT,
    PRIMARY KEY (token, account)
) WITHOUT ROWID;

-- Who keeps an organization share while trusted access is off ("disabling freezes").
CREATE TABLE share_frozen (
    share_seq INTEGER NOT NULL,
    account   TEXT NOT NULL,
    org_id    TEXT NOT NULL,
    PRIMARY KEY (share_seq, account)
) WITHOUT ROWID;
CREATE INDEX share_frozen_account ON share_frozen (account);

-- Members that rejected an organization-shared portfolio (RejectPortfolioShare AWS_ORGANIZATIONS).
CREATE TABLE share_org_rejections (
    portfolio_id TEXT NOT NULL,
    account      TEXT NOT NULL,
    PRIMARY KEY (account, portfolio_id)
) WITHOUT ROWID;

-- Failures injected into fan-outs (POST /_sclocal/share-faults).
CREATE TABLE share_faults (
    account TEXT PRIMARY KEY,
    error   TEXT NOT NULL,
    message TEXT NOT NULL
);
