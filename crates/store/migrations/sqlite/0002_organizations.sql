-- AWS Organizations (organizations-behavior.md §1, §4). `seq` orders listings and backs page
-- tokens everywhere.

-- One row per organization; its single root lives here too (AWS allows exactly one root).
CREATE TABLE org_organizations (
    seq                INTEGER PRIMARY KEY AUTOINCREMENT,
    id                 TEXT NOT NULL UNIQUE,
    management_account TEXT NOT NULL UNIQUE,
    root_id            TEXT NOT NULL UNIQUE,
    feature_set        TEXT NOT NULL,
    partition          TEXT NOT NULL,
    created_ms         INTEGER NOT NULL
);

-- Organizational units. `path` is the materialised chain of OU ids from the root's child down
-- to this OU, each followed by '/': "ou-a/ou-b/". OUs never move, so the path never changes.
CREATE TABLE org_units (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    id         TEXT NOT NULL UNIQUE,
    org_id     TEXT NOT NULL,
    parent_id  TEXT NOT NULL,
    name       TEXT NOT NULL,
    path       TEXT NOT NULL
);
CREATE INDEX org_units_parent ON org_units (parent_id, seq);
CREATE INDEX org_units_org ON org_units (org_id, seq);

-- Every account the emulator knows by name and email: members (org_id set) and accounts that
-- left or were removed (org_id NULL; their email still counts for EMAIL_ALREADY_EXISTS).
-- `path` is the OU path of the account's parent ("" under the root), so "all accounts below
-- an OU" is an index range scan on (org_id, path).
CREATE TABLE org_accounts (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    id            TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    email         TEXT NOT NULL,
    org_id        TEXT,
    parent_id     TEXT,
    path          TEXT,
    joined_method TEXT,
    joined_ms     INTEGER,
    state         TEXT NOT NULL DEFAULT 'ACTIVE'
);
CREATE INDEX org_accounts_email ON org_accounts (email);
CREATE INDEX org_accounts_path ON org_accounts (org_id, path, seq);
CREATE INDEX org_accounts_parent ON org_accounts (parent_id, seq);

-- CreateAccount requests (§6.1).
CREATE TABLE org_create_account (
    seq            INTEGER PRIMARY KEY AUTOINCREMENT,
    id             TEXT NOT NULL UNIQUE,
    org_id         TEXT NOT NULL,
    account_name   TEXT NOT NULL,
    email          TEXT NOT NULL,
    state          TEXT NOT NULL,
    requested_ms   INTEGER NOT NULL,
    completed_ms   INTEGER,
    account_id     TEXT,
    failure_reason TEXT,
    tags           TEXT NOT NULL            -- JSON [[key, value], ...]
);
CREATE INDEX org_create_account_org ON org_create_account (org_id, seq);

-- Handshakes (INVITE only, §6.2).
CREATE TABLE org_handshakes (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    id           TEXT NOT NULL UNIQUE,
    org_id       TEXT NOT NULL,
    target_type  TEXT NOT NULL,             -- ACCOUNT | EMAIL
    target_id    TEXT NOT NULL,
    state        TEXT NOT NULL,
    requested_ms INTEGER NOT NULL,
    expires_ms   INTEGER NOT NULL,
    notes        TEXT,
    tags         TEXT NOT NULL,             -- JSON [[key, value], ...], applied on accept
    org_arn_mgmt TEXT NOT NULL,             -- management account when sent (for the ARN)
    master_email TEXT NOT NULL,
    master_name  TEXT NOT NULL,
    feature_set  TEXT NOT NULL
);
CREATE INDEX org_handshakes_org ON org_handshakes (org_id, seq);
CREATE INDEX org_handshakes_target ON org_handshakes (target_id, seq);

-- Trusted access (§5.27).
CREATE TABLE org_service_access (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id     TEXT NOT NULL,
    principal  TEXT NOT NULL,
    enabled_ms INTEGER NOT NULL,
    UNIQUE (org_id, principal)
);

-- Delegated administrators (§5.30).
CREATE TABLE org_delegated_admins (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id     TEXT NOT NULL,
    account    TEXT NOT NULL,
    principal  TEXT NOT NULL,
    enabled_ms INTEGER NOT NULL,
    UNIQUE (org_id, account, principal)
);
CREATE INDEX org_delegated_admins_account ON org_delegated_admins (account);

-- Tags on accounts, OUs and roots (§5.34), in insertion order.
CREATE TABLE org_tags (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    resource_id TEXT NOT NULL,
    key         TEXT NOT NULL,
    value       TEXT NOT NULL,
    UNIQUE (resource_id, key)
);
