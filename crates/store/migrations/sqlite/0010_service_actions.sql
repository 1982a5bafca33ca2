-- Self-service actions and their artifact associations (provisioning.md §22), budget
-- associations (§23) and CopyProduct operations (§24). Definitions and artifact lists are
-- read whole, so they are JSON; everything looked up or ordered on is a column.

CREATE TABLE sc_service_actions (
    seq                INTEGER PRIMARY KEY AUTOINCREMENT,
    id                 TEXT NOT NULL UNIQUE,
    account            TEXT NOT NULL,
    region             TEXT NOT NULL,
    name               TEXT NOT NULL,
    description        TEXT,
    definition_type    TEXT NOT NULL,       -- SSM_AUTOMATION
    definition         TEXT NOT NULL,       -- JSON {key: value}
    created_ms         INTEGER NOT NULL,
    idempotency_token  TEXT
);
CREATE INDEX sc_service_actions_account ON sc_service_actions (account, region);

CREATE TABLE sc_service_action_links (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    action_id    TEXT NOT NULL,
    product_id   TEXT NOT NULL,
    artifact_id  TEXT NOT NULL,
    UNIQUE (action_id, product_id, artifact_id)
);
CREATE INDEX sc_service_action_links_artifact ON sc_service_action_links (artifact_id);

CREATE TABLE sc_budget_links (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    resource_id  TEXT NOT NULL,
    budget_name  TEXT NOT NULL,
    UNIQUE (resource_id, budget_name)
);

CREATE TABLE sc_copy_product_ops (
    seq                  INTEGER PRIMARY KEY AUTOINCREMENT,
    token                TEXT NOT NULL UNIQUE,
    account              TEXT NOT NULL,
    region               TEXT NOT NULL,
    source_product_id    TEXT NOT NULL,
    source_region        TEXT NOT NULL,
    target_product_id    TEXT,
    target_product_name  TEXT,
    artifact_ids         TEXT NOT NULL,     -- JSON [pa-…]
    copy_tags            INTEGER NOT NULL,
    status               TEXT NOT NULL,     -- IN_PROGRESS | SUCCEEDED | FAILED
    status_detail        TEXT,
    idempotency_token    TEXT NOT NULL,
    created_ms           INTEGER NOT NULL,
    UNIQUE (account, region, idempotency_token)
);
