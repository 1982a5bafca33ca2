-- Provisioning (provisioning.md §3): provisioned products, their records, plans, the template
-- text kept with a provisioning artifact, and the messages for external engines. Lists that
-- are read whole (tags, parameters, outputs, errors) are JSON arrays; everything searched,
-- constrained or ordered on is a column. This file depends only on 0001-0006.

CREATE TABLE sc_provisioned_products (
    seq                   INTEGER PRIMARY KEY AUTOINCREMENT,
    id                    TEXT NOT NULL UNIQUE,
    account               TEXT NOT NULL,
    region                TEXT NOT NULL,
    arn                   TEXT NOT NULL,
    name                  TEXT NOT NULL,
    product_type          TEXT NOT NULL,       -- CFN_STACK | CFN_STACKSET | TERRAFORM_… | EXTERNAL
    status                TEXT NOT NULL,
    status_message        TEXT,
    created_ms            INTEGER NOT NULL,
    idempotency_token     TEXT,
    last_record_id        TEXT,
    last_provisioning_record_id TEXT,
    last_successful_record_id   TEXT,
    product_id            TEXT NOT NULL,
    artifact_id           TEXT NOT NULL,
    path_id               TEXT,
    portfolio_id          TEXT,
    launch_role_arn       TEXT,
    physical_id           TEXT,
    user_arn              TEXT NOT NULL,
    user_arn_session      TEXT NOT NULL,
    tags                  TEXT NOT NULL,       -- JSON [[key, value], …]
    parameters            TEXT NOT NULL,       -- JSON resolved parameters
    outputs               TEXT NOT NULL,       -- JSON resolved outputs
    notification_arns     TEXT NOT NULL,       -- JSON [arn, …]
    stack_instances       TEXT NOT NULL,       -- JSON [{account, region, status}, …]
    -- A name is taken while its product lives (terminated products are deleted).
    UNIQUE (account, region, name)
);
-- Listings per account and lookups by PhysicalId use the (account, region, name) index: a
-- launch writes this table on the hot path, so it carries no index it does not need.

CREATE TABLE sc_records (
    seq                      INTEGER PRIMARY KEY AUTOINCREMENT,
    id                       TEXT NOT NULL UNIQUE,
    account                  TEXT NOT NULL,
    region                   TEXT NOT NULL,
    provisioned_product_id   TEXT NOT NULL,    -- no reference: records outlive their product
    provisioned_product_name TEXT NOT NULL,
    provisioned_product_type TEXT NOT NULL,
    record_type              TEXT NOT NULL,
    status                   TEXT NOT NULL,
    created_ms               INTEGER NOT NULL,
    updated_ms               INTEGER NOT NULL,
    product_id               TEXT NOT NULL,
    artifact_id              TEXT NOT NULL,
    path_id                  TEXT,
    launch_role_arn          TEXT,
    user_arn                 TEXT NOT NULL,
    user_arn_session         TEXT NOT NULL,
    token                    TEXT,
    errors                   TEXT NOT NULL,    -- JSON [{code, description}, …]
    tags                     TEXT NOT NULL,
    outputs                  TEXT NOT NULL,
    parameters               TEXT NOT NULL,    -- JSON [{key, value, use_previous}, …] as given
    ignore_errors            INTEGER NOT NULL,
    retain_physical_resources INTEGER NOT NULL,
    properties               TEXT NOT NULL,    -- JSON {OWNER|LAUNCH_ROLE: value}
    stack_instances          TEXT NOT NULL,
    plan_id                  TEXT,
    workflow_token           TEXT,
    notify_token             TEXT
);
-- Idempotency (and, by its prefix, the account's history); a product's records, which every job
-- step reads.
CREATE INDEX sc_records_token ON sc_records (account, region, token);
CREATE INDEX sc_records_product ON sc_records (provisioned_product_id, seq);

CREATE TABLE sc_plans (
    seq                      INTEGER PRIMARY KEY AUTOINCREMENT,
    id                       TEXT NOT NULL UNIQUE,
    account                  TEXT NOT NULL,
    region                   TEXT NOT NULL,
    name                     TEXT NOT NULL,
    provisioned_product_id   TEXT NOT NULL,
    provisioned_product_name TEXT NOT NULL,
    product_id               TEXT NOT NULL,
    artifact_id              TEXT NOT NULL,
    path_id                  TEXT NOT NULL,
    portfolio_id             TEXT NOT NULL,
    status                   TEXT NOT NULL,
    status_message           TEXT,
    created_ms               INTEGER NOT NULL,
    updated_ms               INTEGER NOT NULL,
    notification_arns        TEXT NOT NULL,
    parameters               TEXT NOT NULL,
    tags                     TEXT NOT NULL,
    changes                  TEXT NOT NULL,    -- JSON [{action, logical_id, resource_type, replacement}, …]
    idempotency_token        TEXT,
    user_arn                 TEXT NOT NULL,
    user_arn_session         TEXT NOT NULL,
    creates_product          INTEGER NOT NULL,
    record_id                TEXT
);
CREATE INDEX sc_plans_account ON sc_plans (account, region, seq);
CREATE INDEX sc_plans_product ON sc_plans (provisioned_product_id);
CREATE INDEX sc_plans_token ON sc_plans (account, region, idempotency_token);

-- The template file an artifact named when it was created, kept as read (§6.1: the artifact
-- must not change under a running product).
CREATE TABLE sc_artifact_templates (
    artifact_id TEXT PRIMARY KEY REFERENCES sc_artifacts (id) ON DELETE CASCADE,
    body        TEXT NOT NULL
);

-- What an external engine would find in its queue (§20); the operator reads them.
CREATE TABLE sc_engine_messages (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    queue      TEXT NOT NULL,
    account    TEXT NOT NULL,
    region     TEXT NOT NULL,
    record_id  TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_ms INTEGER NOT NULL
);
CREATE INDEX sc_engine_messages_queue ON sc_engine_messages (queue, seq);
