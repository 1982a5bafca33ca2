-- Products, provisioning artifacts and constraints as columns. They were JSON documents of
-- the Rust records, so renaming a field in the code changed the disk format; now every
-- member has its column. Existing rows are converted in place.

ALTER TABLE sc_products ADD COLUMN view_id TEXT NOT NULL DEFAULT '';
ALTER TABLE sc_products ADD COLUMN arn TEXT NOT NULL DEFAULT '';
ALTER TABLE sc_products ADD COLUMN name TEXT NOT NULL DEFAULT '';
ALTER TABLE sc_products ADD COLUMN owner TEXT NOT NULL DEFAULT '';
ALTER TABLE sc_products ADD COLUMN description TEXT;
ALTER TABLE sc_products ADD COLUMN distributor TEXT;
ALTER TABLE sc_products ADD COLUMN support_description TEXT;
ALTER TABLE sc_products ADD COLUMN support_email TEXT;
ALTER TABLE sc_products ADD COLUMN support_url TEXT;
ALTER TABLE sc_products ADD COLUMN product_type TEXT NOT NULL DEFAULT 'CLOUD_FORMATION_TEMPLATE';
ALTER TABLE sc_products ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
ALTER TABLE sc_products ADD COLUMN created_ms INTEGER NOT NULL DEFAULT 0;
UPDATE sc_products SET
    view_id = json_extract(doc, '$.view_id'),
    arn = json_extract(doc, '$.arn'),
    name = json_extract(doc, '$.name'),
    owner = json_extract(doc, '$.owner'),
    description = json_extract(doc, '$.description'),
    distributor = json_extract(doc, '$.distributor'),
    support_description = json_extract(doc, '$.support_description'),
    support_email = json_extract(doc, '$.support_email'),
    support_url = json_extract(doc, '$.support_url'),
    product_type = json_extract(doc, '$.product_type'),
    tags = json_extract(doc, '$.tags'),
    created_ms = json_extract(doc, '$.created_ms');
ALTER TABLE sc_products DROP COLUMN doc;

ALTER TABLE sc_artifacts ADD COLUMN name TEXT;
ALTER TABLE sc_artifacts ADD COLUMN description TEXT;
ALTER TABLE sc_artifacts ADD COLUMN artifact_type TEXT NOT NULL DEFAULT 'CLOUD_FORMATION_TEMPLATE';
ALTER TABLE sc_artifacts ADD COLUMN info TEXT NOT NULL DEFAULT '{}';      -- JSON object, as given
ALTER TABLE sc_artifacts ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
ALTER TABLE sc_artifacts ADD COLUMN guidance TEXT NOT NULL DEFAULT 'DEFAULT';
ALTER TABLE sc_artifacts ADD COLUMN created_ms INTEGER NOT NULL DEFAULT 0;
UPDATE sc_artifacts SET
    name = json_extract(doc, '$.name'),
    description = json_extract(doc, '$.description'),
    artifact_type = json_extract(doc, '$.artifact_type'),
    info = json_extract(doc, '$.info'),
    active = json_extract(doc, '$.active'),
    guidance = json_extract(doc, '$.guidance'),
    created_ms = json_extract(doc, '$.created_ms');
ALTER TABLE sc_artifacts DROP COLUMN doc;

ALTER TABLE sc_constraints ADD COLUMN constraint_type TEXT NOT NULL DEFAULT 'LAUNCH';
ALTER TABLE sc_constraints ADD COLUMN description TEXT;
ALTER TABLE sc_constraints ADD COLUMN parameters TEXT NOT NULL DEFAULT '{}';
UPDATE sc_constraints SET
    constraint_type = json_extract(doc, '$.constraint_type'),
    description = json_extract(doc, '$.description'),
    parameters = json_extract(doc, '$.parameters');
ALTER TABLE sc_constraints DROP COLUMN doc;

-- The job queue (core `store/jobs.rs`): background work claimed as leases, so several
-- workers (or instances over one database) can share it, each job held by one at a time.
CREATE TABLE jobs (
    seq            INTEGER PRIMARY KEY AUTOINCREMENT,
    kind           TEXT NOT NULL,           -- SHARE_OPERATION | CREATE_ACCOUNT
    key            TEXT NOT NULL,           -- share token, request id
    due_ms         INTEGER NOT NULL,
    lease_owner    TEXT,
    lease_until_ms INTEGER,
    UNIQUE (kind, key)
);
CREATE INDEX jobs_due ON jobs (due_ms, seq);

-- Work that was pending before the queue existed.
INSERT INTO jobs (kind, key, due_ms)
    SELECT 'SHARE_OPERATION', token, created_ms FROM share_ops
    WHERE status IN ('NOT_STARTED', 'IN_PROGRESS') ORDER BY seq;
INSERT INTO jobs (kind, key, due_ms)
    SELECT 'CREATE_ACCOUNT', id, requested_ms FROM org_create_account
    WHERE state = 'IN_PROGRESS' ORDER BY seq;
