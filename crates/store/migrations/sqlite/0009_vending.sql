-- Account vending (provisioning.md §21): the Account Factory a bootstrap made in a management
-- account (one per account and region), and the vending records that hold one of the five
-- slots Control Tower runs at once (§21.3).

CREATE TABLE sc_account_factories (
    product_id   TEXT PRIMARY KEY,
    account      TEXT NOT NULL,
    region       TEXT NOT NULL,
    org_id       TEXT NOT NULL,
    portfolio_id TEXT NOT NULL,
    artifact_id  TEXT NOT NULL,
    UNIQUE (account, region)
);

CREATE TABLE sc_vending_slots (
    record_id  TEXT PRIMARY KEY,
    account    TEXT NOT NULL,
    started_ms INTEGER NOT NULL
);
CREATE INDEX sc_vending_slots_account ON sc_vending_slots (account);
