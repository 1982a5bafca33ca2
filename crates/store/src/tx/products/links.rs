//! Product links, principal associations and constraints: what hangs off a portfolio.

use sclocal_api::servicecatalog::PrincipalType;
use sclocal_core::ids::{ConstraintId, PortfolioId, ProductId};
use sclocal_core::store::{
    ConstraintRecord, ConstraintType, PrincipalRecord, ProductLink, StoreError,
};

use super::super::{account, Tx};
use crate::args;
use crate::sql::{parsed, parsed_opt, Arg};

pub(super) fn links(tx: &Tx<'_>, column: &str, id: &str) -> Result<Vec<ProductLink>, StoreError> {
    let sql = if column == "portfolio_id" {
        "SELECT portfolio_id, product_id, source_portfolio_id FROM sc_portfolio_products
         WHERE portfolio_id = ?1 ORDER BY seq"
    } else {
        "SELECT portfolio_id, product_id, source_portfolio_id FROM sc_portfolio_products
         WHERE product_id = ?1 ORDER BY seq"
    };
    tx.conn.all(sql, args![id], |r| {
        Ok(ProductLink {
            portfolio_id: parsed(r, 0, PortfolioId::parse)?,
            product_id: parsed(r, 1, ProductId::parse)?,
            source_portfolio_id: parsed_opt(r, 2, PortfolioId::parse)?,
        })
    })
}

pub(super) fn insert_link(tx: &Tx<'_>, l: &ProductLink) -> Result<bool, StoreError> {
    Ok(tx.conn.execute(
        "INSERT INTO sc_portfolio_products (portfolio_id, product_id, source_portfolio_id)
         VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
        args![
            l.portfolio_id.as_str(),
            l.product_id.as_str(),
            l.source_portfolio_id.as_ref().map(PortfolioId::as_str)
        ],
    )? > 0)
}

pub(super) fn principals(
    tx: &Tx<'_>,
    portfolio: &PortfolioId,
) -> Result<Vec<PrincipalRecord>, StoreError> {
    tx.conn.all(
        "SELECT portfolio_id, account, arn, principal_type FROM sc_principals
         WHERE portfolio_id = ?1 ORDER BY seq",
        args![portfolio.as_str()],
        |r| {
            Ok(PrincipalRecord {
                portfolio_id: parsed(r, 0, PortfolioId::parse)?,
                account: account(r, 1)?,
                arn: r.text(2)?,
                principal_type: parsed(r, 3, PrincipalType::from_wire)?,
            })
        },
    )
}

pub(super) fn insert_principal(tx: &Tx<'_>, p: &PrincipalRecord) -> Result<(), StoreError> {
    tx.conn.execute(
        "INSERT INTO sc_principals (portfolio_id, account, arn, principal_type)
         VALUES (?1, ?2, ?3, ?4)",
        args![
            p.portfolio_id.as_str(),
            p.account.as_str(),
            &p.arn,
            p.principal_type.as_str()
        ],
    )?;
    Ok(())
}

const CONSTRAINT_COLUMNS: &str = "id, account, region, portfolio_id, product_id, \
     constraint_type, description, parameters, idempotency_token";

pub(super) fn constraints_where(
    tx: &Tx<'_>,
    clause: &str,
    args: &[Arg<'_>],
) -> Result<Vec<ConstraintRecord>, StoreError> {
    tx.conn.all(
        &format!("SELECT {CONSTRAINT_COLUMNS} FROM sc_constraints WHERE {clause} ORDER BY seq"),
        args,
        |r| {
            Ok(ConstraintRecord {
                id: parsed(r, 0, ConstraintId::parse)?,
                account: account(r, 1)?,
                region: r.text(2)?,
                portfolio_id: parsed(r, 3, PortfolioId::parse)?,
                product_id: parsed(r, 4, ProductId::parse)?,
                constraint_type: parsed(r, 5, ConstraintType::parse)?,
                description: r.opt_text(6)?,
                parameters: r.text(7)?,
                idempotency_token: r.opt_text(8)?,
            })
        },
    )
}

pub(super) fn insert_constraint(tx: &Tx<'_>, c: &ConstraintRecord) -> Result<(), StoreError> {
    tx.conn.execute(
        "INSERT INTO sc_constraints (id, account, region, portfolio_id, product_id,
         constraint_type, description, parameters, idempotency_token)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        args![
            c.id.as_str(),
            c.account.as_str(),
            &c.region,
            c.portfolio_id.as_str(),
            c.product_id.as_str(),
            c.constraint_type.as_str(),
            c.description.as_deref(),
            &c.parameters,
            c.idempotency_token.as_deref()
        ],
    )?;
    Ok(())
}
