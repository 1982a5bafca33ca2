//! Products and their provisioning artifacts.

use rusqlite::{params, Connection, OptionalExtension};
use sclocal_core::ids::AccountId;
use sclocal_core::store::{ArtifactRecord, Inserted, ProductRecord, Removal, StoreError};

use super::super::backend;
use super::{from_doc, to_doc};

pub(super) fn insert_product(
    tx: &Connection,
    p: &ProductRecord,
    artifact: Option<&ArtifactRecord>,
) -> Result<Inserted<ProductRecord>, StoreError> {
    if let Some(token) = &p.idempotency_token {
        let existing = tx
            .prepare_cached(
                "SELECT doc FROM sc_products
                 WHERE account = ?1 AND region = ?2 AND idempotency_token = ?3",
            )
            .map_err(backend)?
            .query_row(params![p.account.as_str(), p.region, token], |r| {
                from_doc(r, 0)
            })
            .optional()
            .map_err(backend)?;
        if let Some(existing) = existing {
            return Ok(Inserted::Existing(existing));
        }
    }
    tx.prepare_cached(
        "INSERT INTO sc_products (id, account, region, idempotency_token, doc)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )
    .map_err(backend)?
    .execute(params![
        p.id,
        p.account.as_str(),
        p.region,
        p.idempotency_token,
        to_doc(p)?
    ])
    .map_err(backend)?;
    if let Some(a) = artifact {
        insert_artifact_row(tx, a)?;
    }
    Ok(Inserted::New(p.clone()))
}

pub(super) fn product(
    conn: &Connection,
    region: &str,
    id: &str,
) -> Result<Option<ProductRecord>, StoreError> {
    conn.prepare_cached("SELECT doc FROM sc_products WHERE id = ?1 AND region = ?2")
        .map_err(backend)?
        .query_row(params![id, region], |r| from_doc(r, 0))
        .optional()
        .map_err(backend)
}

pub(super) fn account_products(
    conn: &Connection,
    account: &AccountId,
    region: &str,
) -> Result<Vec<ProductRecord>, StoreError> {
    conn.prepare_cached(
        "SELECT doc FROM sc_products WHERE account = ?1 AND region = ?2 ORDER BY seq",
    )
    .map_err(backend)?
    .query_map(params![account.as_str(), region], |r| from_doc(r, 0))
    .map_err(backend)?
    .collect::<rusqlite::Result<Vec<_>>>()
    .map_err(backend)
}

pub(super) fn update_product(conn: &Connection, p: &ProductRecord) -> Result<(), StoreError> {
    conn.prepare_cached("UPDATE sc_products SET doc = ?2 WHERE id = ?1")
        .map_err(backend)?
        .execute(params![p.id, to_doc(p)?])
        .map_err(backend)?;
    Ok(())
}

pub(super) fn delete_product(
    tx: &Connection,
    region: &str,
    id: &str,
) -> Result<Removal, StoreError> {
    let account: Option<String> = tx
        .prepare_cached("SELECT account FROM sc_products WHERE id = ?1 AND region = ?2")
        .map_err(backend)?
        .query_row(params![id, region], |r| r.get(0))
        .optional()
        .map_err(backend)?;
    let Some(account) = account else {
        return Ok(Removal::Missing);
    };
    // Only the owner's own portfolios hold a product back; recipients' local portfolios
    // lose it with the product (aws-behavior.md §3.3: the import is a live reference).
    let held: i64 = tx
        .prepare_cached(
            "SELECT COUNT(*) FROM sc_portfolio_products l JOIN portfolios p ON p.id = l.portfolio_id
             WHERE l.product_id = ?1 AND p.owner = ?2",
        )
        .map_err(backend)?
        .query_row(params![id, account], |r| r.get(0))
        .map_err(backend)?;
    if held > 0 {
        return Ok(Removal::InUse);
    }
    tx.prepare_cached("DELETE FROM sc_products WHERE id = ?1")
        .map_err(backend)?
        .execute(params![id])
        .map_err(backend)?;
    Ok(Removal::Removed)
}

fn insert_artifact_row(tx: &Connection, a: &ArtifactRecord) -> Result<(), StoreError> {
    tx.prepare_cached(
        "INSERT INTO sc_artifacts (id, product_id, idempotency_token, doc) VALUES (?1, ?2, ?3, ?4)",
    )
    .map_err(backend)?
    .execute(params![a.id, a.product_id, a.idempotency_token, to_doc(a)?])
    .map_err(backend)?;
    Ok(())
}

pub(super) fn insert_artifact(
    tx: &Connection,
    a: &ArtifactRecord,
) -> Result<Inserted<ArtifactRecord>, StoreError> {
    if let Some(token) = &a.idempotency_token {
        let existing = tx
            .prepare_cached(
                "SELECT doc FROM sc_artifacts WHERE product_id = ?1 AND idempotency_token = ?2",
            )
            .map_err(backend)?
            .query_row(params![a.product_id, token], |r| from_doc(r, 0))
            .optional()
            .map_err(backend)?;
        if let Some(existing) = existing {
            return Ok(Inserted::Existing(existing));
        }
    }
    insert_artifact_row(tx, a)?;
    Ok(Inserted::New(a.clone()))
}

pub(super) fn artifacts(
    conn: &Connection,
    product_id: &str,
) -> Result<Vec<ArtifactRecord>, StoreError> {
    conn.prepare_cached("SELECT doc FROM sc_artifacts WHERE product_id = ?1 ORDER BY seq")
        .map_err(backend)?
        .query_map(params![product_id], |r| from_doc(r, 0))
        .map_err(backend)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(backend)
}

pub(super) fn update_artifact(conn: &Connection, a: &ArtifactRecord) -> Result<(), StoreError> {
    conn.prepare_cached("UPDATE sc_artifacts SET doc = ?2 WHERE id = ?1")
        .map_err(backend)?
        .execute(params![a.id, to_doc(a)?])
        .map_err(backend)?;
    Ok(())
}

pub(super) fn delete_artifact(
    tx: &Connection,
    product_id: &str,
    id: &str,
) -> Result<Removal, StoreError> {
    let ids: Vec<String> = tx
        .prepare_cached("SELECT id FROM sc_artifacts WHERE product_id = ?1")
        .map_err(backend)?
        .query_map(params![product_id], |r| r.get(0))
        .map_err(backend)?
        .collect::<rusqlite::Result<_>>()
        .map_err(backend)?;
    if !ids.iter().any(|i| i == id) {
        return Ok(Removal::Missing);
    }
    // A product keeps at least one version (DeleteProvisioningArtifact API reference).
    if ids.len() == 1 {
        return Ok(Removal::InUse);
    }
    tx.prepare_cached("DELETE FROM sc_artifacts WHERE id = ?1")
        .map_err(backend)?
        .execute(params![id])
        .map_err(backend)?;
    Ok(Removal::Removed)
}
