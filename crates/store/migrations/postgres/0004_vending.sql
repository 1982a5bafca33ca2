-- PostgreSQL counterpart of SQLite's 0009_vending.sql.
-- Account vending (provisioning.md §21): the Account Factory a bootstrap made in a management
-- account (one per account and region), and the vending records that hold one of the five
-- slots Control Tower runs at once (§21.3).

CREATE TABLE sc_account_factories (
    product_id   TEXT COLLATE "C" PRIMARY KEY,
    account      TEXT COLLATE "C" NOT NULL,
    region       TEXT COLLATE "C" NOT NULL,
    org_id       TEXT COLLATE "C" NOT NULL,
    portfolio_id TEXT COLLATE "C" NOT NULL,
    artifact_id  TEXT COLLATE "C" NOT NULL,
    UNIQUE (account, region)
);

CREATE TABLE sc_vending_slots (
    record_id  TEXT COLLATE "C" PRIMARY KEY,
    account    TEXT COLLATE "C" NOT NULL,
    started_ms BIGINT NOT NULL
);
CREATE INDEX sc_vending_slots_account ON sc_vending_slots (account);
