-- Organizations policies (governance.md §1–§5): customer policies of every type, where each
-- is attached, which policy types each root has enabled, and the organization's resource
-- policy. AWS-managed policies (p-FullAWSAccess, p-RCPFullAWSAccess) are constants in core
-- and have no row here; their attachments do.

-- Customer-managed policies. `version` grows with every update, so caches of compiled
-- documents key on (id, version) and never serve a stale one.
CREATE TABLE org_policies (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    id          TEXT NOT NULL UNIQUE,
    org_id      TEXT NOT NULL,
    policy_type TEXT NOT NULL,
    name        TEXT NOT NULL,
    description TEXT NOT NULL,
    content     TEXT NOT NULL,             -- verbatim, as the client sent it
    version     INTEGER NOT NULL,
    updated_ms  INTEGER NOT NULL
);
CREATE INDEX org_policies_type ON org_policies (org_id, policy_type, seq);

-- One row per (policy, target); `seq` is the attachment order, which the effective-policy
-- merge and SCP denials follow.
CREATE TABLE org_policy_attachments (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id      TEXT NOT NULL,
    policy_id   TEXT NOT NULL,
    policy_type TEXT NOT NULL,
    target_id   TEXT NOT NULL,
    attached_ms INTEGER NOT NULL,
    UNIQUE (org_id, policy_id, target_id)
);
CREATE INDEX org_policy_attachments_target ON org_policy_attachments (org_id, target_id, seq);

-- Policy types enabled on an organization's root, in enabling order.
CREATE TABLE org_policy_types (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id      TEXT NOT NULL,
    policy_type TEXT NOT NULL,
    UNIQUE (org_id, policy_type)
);

-- The organization's single resource policy (§5).
CREATE TABLE org_resource_policies (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id     TEXT NOT NULL UNIQUE,
    id         TEXT NOT NULL UNIQUE,
    content    TEXT NOT NULL,
    updated_ms INTEGER NOT NULL
);

-- STS sessions remember what GetScopedCredentials and the source-identity rules need
-- (governance.md §9): how many scoped policies the session carries and its source identity.
ALTER TABLE sessions ADD COLUMN scoped_policies INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN source_identity TEXT;
