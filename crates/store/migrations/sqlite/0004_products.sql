-- Products, provisioning artifacts, product-portfolio links, principal associations,
-- TagOptions and constraints. Records with many optional members are kept as JSON documents
-- (`doc`) next to the columns that are searched or constrained.

CREATE TABLE sc_products (
    seq               INTEGER PRIMARY KEY AUTOINCREMENT,
    id                TEXT NOT NULL UNIQUE,
    account           TEXT NOT NULL,
    region            TEXT NOT NULL,
    idempotency_token TEXT,
    doc               TEXT NOT NULL             -- JSON ProductRecord
);
-- One product per (account, region, token): concurrent creates with one token make one row.
CREATE UNIQUE INDEX sc_products_token ON sc_products (account, region, idempotency_token);

CREATE TABLE sc_artifacts (
    seq               INTEGER PRIMARY KEY AUTOINCREMENT,
    id                TEXT NOT NULL UNIQUE,
    product_id        TEXT NOT NULL REFERENCES sc_products (id) ON DELETE CASCADE,
    idempotency_token TEXT,
    doc               TEXT NOT NULL             -- JSON ArtifactRecord
);
CREATE UNIQUE INDEX sc_artifacts_token ON sc_artifacts (product_id, idempotency_token);

-- Deleting a product drops it from every portfolio; deleting a portfolio (only allowed once
-- its own products are gone) drops what recipients linked to it.
CREATE TABLE sc_portfolio_products (
    seq                 INTEGER PRIMARY KEY AUTOINCREMENT,
    portfolio_id        TEXT NOT NULL REFERENCES portfolios (id) ON DELETE CASCADE,
    product_id          TEXT NOT NULL REFERENCES sc_products (id) ON DELETE CASCADE,
    source_portfolio_id TEXT,
    UNIQUE (portfolio_id, product_id)
);
CREATE INDEX sc_portfolio_products_product ON sc_portfolio_products (product_id);

-- `account` is who made the association: the owner, or a recipient on an imported portfolio.
CREATE TABLE sc_principals (
    seq            INTEGER PRIMARY KEY AUTOINCREMENT,
    portfolio_id   TEXT NOT NULL REFERENCES portfolios (id) ON DELETE CASCADE,
    account        TEXT NOT NULL,
    arn            TEXT NOT NULL,
    principal_type TEXT NOT NULL,
    UNIQUE (portfolio_id, account, arn)
);

CREATE TABLE sc_tag_options (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    id         TEXT NOT NULL UNIQUE,
    account    TEXT NOT NULL,
    region     TEXT NOT NULL,
    key        TEXT NOT NULL,
    value      TEXT NOT NULL,
    active     INTEGER NOT NULL,
    created_ms INTEGER NOT NULL,
    UNIQUE (account, region, key, value)
);

-- `resource_id` is a portfolio or a product id; the triggers below drop links of deleted ones.
CREATE TABLE sc_tag_option_links (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    tag_option_id TEXT NOT NULL REFERENCES sc_tag_options (id) ON DELETE CASCADE,
    resource_id   TEXT NOT NULL,
    UNIQUE (tag_option_id, resource_id)
);
CREATE INDEX sc_tag_option_links_resource ON sc_tag_option_links (resource_id);
CREATE TRIGGER sc_portfolio_tag_options_gone AFTER DELETE ON portfolios BEGIN
    DELETE FROM sc_tag_option_links WHERE resource_id = OLD.id;
END;
CREATE TRIGGER sc_product_tag_options_gone AFTER DELETE ON sc_products BEGIN
    DELETE FROM sc_tag_option_links WHERE resource_id = OLD.id;
END;

CREATE TABLE sc_constraints (
    seq               INTEGER PRIMARY KEY AUTOINCREMENT,
    id                TEXT NOT NULL UNIQUE,
    account           TEXT NOT NULL,
    region            TEXT NOT NULL,
    portfolio_id      TEXT NOT NULL REFERENCES portfolios (id) ON DELETE CASCADE,
    product_id        TEXT NOT NULL REFERENCES sc_products (id) ON DELETE CASCADE,
    idempotency_token TEXT,
    doc               TEXT NOT NULL             -- JSON ConstraintRecord
);
CREATE UNIQUE INDEX sc_constraints_token ON sc_constraints (account, region, idempotency_token);
CREATE INDEX sc_constraints_portfolio ON sc_constraints (portfolio_id, product_id);
