//! What hangs off a portfolio: product links, principal associations and constraints.

use rusqlite::{params, Connection, OptionalExtension, Row};
use sclocal_core::ids::AccountId;
use sclocal_core::store::{
    ConstraintRecord, Inserted, PortfolioUsage, PrincipalRecord, ProductLink, Removal, StoreError,
};

use super::super::{account, backend};
use super::{from_doc, to_doc};

pub(super) fn link_product(conn: &Connection, l: &ProductLink) -> Result<bool, StoreError> {
    let n = conn
        .prepare_cached(
            "INSERT OR IGNORE INTO sc_portfolio_products (portfolio_id, product_id, source_portfolio_id)
             VALUES (?1, ?2, ?3)",
        )
        .map_err(backend)?
        .execute(params![l.portfolio_id, l.product_id, l.source_portfolio_id])
        .map_err(backend)?;
    Ok(n > 0)
}

pub(super) fn unlink_product(
    tx: &Connection,
    portfolio_id: &str,
    product_id: &str,
) -> Result<Removal, StoreError> {
    let constraints: i64 = tx
        .prepare_cached(
            "SELECT COUNT(*) FROM sc_constraints WHERE portfolio_id = ?1 AND product_id = ?2",
        )
        .map_err(backend)?
        .query_row(params![portfolio_id, product_id], |r| r.get(0))
        .map_err(backend)?;
    if constraints > 0 {
        return Ok(Removal::InUse);
    }
    let n = tx
        .prepare_cached(
            "DELETE FROM sc_portfolio_products WHERE portfolio_id = ?1 AND product_id = ?2",
        )
        .map_err(backend)?
        .execute(params![portfolio_id, product_id])
        .map_err(backend)?;
    if n == 0 {
        return Ok(Removal::Missing);
    }
    // Recipients that took the product from this portfolio lose it with it (§3.3), and
    // the constraints they put on it there.
    tx.prepare_cached(
        "DELETE FROM sc_constraints WHERE product_id = ?2 AND portfolio_id IN
         (SELECT portfolio_id FROM sc_portfolio_products
          WHERE source_portfolio_id = ?1 AND product_id = ?2)",
    )
    .map_err(backend)?
    .execute(params![portfolio_id, product_id])
    .map_err(backend)?;
    tx.prepare_cached(
        "DELETE FROM sc_portfolio_products WHERE source_portfolio_id = ?1 AND product_id = ?2",
    )
    .map_err(backend)?
    .execute(params![portfolio_id, product_id])
    .map_err(backend)?;
    Ok(Removal::Removed)
}

pub(super) fn links(
    conn: &Connection,
    column: &str,
    id: &str,
) -> Result<Vec<ProductLink>, StoreError> {
    let sql = match column {
        "portfolio_id" => {
            "SELECT portfolio_id, product_id, source_portfolio_id FROM sc_portfolio_products
             WHERE portfolio_id = ?1 ORDER BY seq"
        }
        _ => {
            "SELECT portfolio_id, product_id, source_portfolio_id FROM sc_portfolio_products
             WHERE product_id = ?1 ORDER BY seq"
        }
    };
    conn.prepare_cached(sql)
        .map_err(backend)?
        .query_map(params![id], |r| {
            Ok(ProductLink {
                portfolio_id: r.get(0)?,
                product_id: r.get(1)?,
                source_portfolio_id: r.get(2)?,
            })
        })
        .map_err(backend)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(backend)
}

fn principal_row(r: &Row<'_>) -> rusqlite::Result<PrincipalRecord> {
    Ok(PrincipalRecord {
        portfolio_id: r.get(0)?,
        account: account(&r.get::<_, String>(1)?)?,
        arn: r.get(2)?,
        principal_type: r.get(3)?,
    })
}

pub(super) fn associate_principal(
    tx: &Connection,
    p: &PrincipalRecord,
    pattern_limit: usize,
) -> Result<Inserted<PrincipalRecord>, StoreError> {
    let existing = tx
        .prepare_cached(
            "SELECT portfolio_id, account, arn, principal_type FROM sc_principals
             WHERE portfolio_id = ?1 AND account = ?2 AND arn = ?3",
        )
        .map_err(backend)?
        .query_row(
            params![p.portfolio_id, p.account.as_str(), p.arn],
            principal_row,
        )
        .optional()
        .map_err(backend)?;
    if let Some(existing) = existing {
        return Ok(Inserted::Existing(existing));
    }
    if p.principal_type == "IAM_PATTERN" {
        let patterns: usize = tx
            .prepare_cached(
                "SELECT COUNT(*) FROM sc_principals
                 WHERE portfolio_id = ?1 AND account = ?2 AND principal_type = 'IAM_PATTERN'",
            )
            .map_err(backend)?
            .query_row(params![p.portfolio_id, p.account.as_str()], |r| r.get(0))
            .map_err(backend)?;
        if patterns >= pattern_limit {
            return Ok(Inserted::LimitReached);
        }
    }
    tx.prepare_cached(
        "INSERT INTO sc_principals (portfolio_id, account, arn, principal_type)
         VALUES (?1, ?2, ?3, ?4)",
    )
    .map_err(backend)?
    .execute(params![
        p.portfolio_id,
        p.account.as_str(),
        p.arn,
        p.principal_type
    ])
    .map_err(backend)?;
    Ok(Inserted::New(p.clone()))
}

pub(super) fn disassociate_principal(
    conn: &Connection,
    portfolio_id: &str,
    account: &AccountId,
    arn: &str,
) -> Result<bool, StoreError> {
    let n = conn
        .prepare_cached(
            "DELETE FROM sc_principals WHERE portfolio_id = ?1 AND account = ?2 AND arn = ?3",
        )
        .map_err(backend)?
        .execute(params![portfolio_id, account.as_str(), arn])
        .map_err(backend)?;
    Ok(n > 0)
}

pub(super) fn principals(
    conn: &Connection,
    portfolio_id: &str,
) -> Result<Vec<PrincipalRecord>, StoreError> {
    conn.prepare_cached(
        "SELECT portfolio_id, account, arn, principal_type FROM sc_principals
         WHERE portfolio_id = ?1 ORDER BY seq",
    )
    .map_err(backend)?
    .query_map(params![portfolio_id], principal_row)
    .map_err(backend)?
    .collect::<rusqlite::Result<Vec<_>>>()
    .map_err(backend)
}

pub(super) fn portfolio_usage(
    conn: &Connection,
    portfolio_id: &str,
    owner: &AccountId,
) -> Result<PortfolioUsage, StoreError> {
    let count = |sql: &str, with_owner: bool| -> Result<usize, StoreError> {
        let mut stmt = conn.prepare_cached(sql).map_err(backend)?;
        let n = if with_owner {
            stmt.query_row(params![portfolio_id, owner.as_str()], |r| r.get(0))
        } else {
            stmt.query_row(params![portfolio_id], |r| r.get(0))
        };
        n.map_err(backend)
    };
    Ok(PortfolioUsage {
        products: count(
            "SELECT COUNT(*) FROM sc_portfolio_products WHERE portfolio_id = ?1",
            false,
        )?,
        principals: count(
            "SELECT COUNT(*) FROM sc_principals WHERE portfolio_id = ?1 AND account = ?2",
            true,
        )?,
        constraints: count(
            "SELECT COUNT(*) FROM sc_constraints WHERE portfolio_id = ?1",
            false,
        )?,
    })
}

pub(super) fn insert_constraint(
    tx: &Connection,
    c: &ConstraintRecord,
) -> Result<Inserted<ConstraintRecord>, StoreError> {
    if let Some(token) = &c.idempotency_token {
        let existing = tx
            .prepare_cached(
                "SELECT doc FROM sc_constraints
                 WHERE account = ?1 AND region = ?2 AND idempotency_token = ?3",
            )
            .map_err(backend)?
            .query_row(params![c.account.as_str(), c.region, token], |r| {
                from_doc(r, 0)
            })
            .optional()
            .map_err(backend)?;
        if let Some(existing) = existing {
            return Ok(Inserted::Existing(existing));
        }
    }
    tx.prepare_cached(
        "INSERT INTO sc_constraints
         (id, account, region, portfolio_id, product_id, idempotency_token, doc)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )
    .map_err(backend)?
    .execute(params![
        c.id,
        c.account.as_str(),
        c.region,
        c.portfolio_id,
        c.product_id,
        c.idempotency_token,
        to_doc(c)?
    ])
    .map_err(backend)?;
    Ok(Inserted::New(c.clone()))
}

pub(super) fn constraint(
    conn: &Connection,
    region: &str,
    id: &str,
) -> Result<Option<ConstraintRecord>, StoreError> {
    conn.prepare_cached("SELECT doc FROM sc_constraints WHERE id = ?1 AND region = ?2")
        .map_err(backend)?
        .query_row(params![id, region], |r| from_doc(r, 0))
        .optional()
        .map_err(backend)
}

pub(super) fn update_constraint(conn: &Connection, c: &ConstraintRecord) -> Result<(), StoreError> {
    conn.prepare_cached("UPDATE sc_constraints SET doc = ?2 WHERE id = ?1")
        .map_err(backend)?
        .execute(params![c.id, to_doc(c)?])
        .map_err(backend)?;
    Ok(())
}

pub(super) fn delete_constraint(
    conn: &Connection,
    region: &str,
    id: &str,
) -> Result<bool, StoreError> {
    let n = conn
        .prepare_cached("DELETE FROM sc_constraints WHERE id = ?1 AND region = ?2")
        .map_err(backend)?
        .execute(params![id, region])
        .map_err(backend)?;
    Ok(n > 0)
}

pub(super) fn portfolio_constraints(
    conn: &Connection,
    portfolio_id: &str,
) -> Result<Vec<ConstraintRecord>, StoreError> {
    conn.prepare_cached("SELECT doc FROM sc_constraints WHERE portfolio_id = ?1 ORDER BY seq")
        .map_err(backend)?
        .query_map(params![portfolio_id], |r| from_doc(r, 0))
        .map_err(backend)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(backend)
}
