//! Portfolios.

use sclocal_core::ids::{AccountId, PortfolioId};
use sclocal_core::store::{
    Cursor, Page, PortfolioReads, PortfolioRecord, PortfolioWrites, StoreError,
};

use super::{account, after, fetch_limit, page, tags_from_json, tags_to_json, Tx};
use crate::args;
use crate::sql::{parsed, Row};

const COLUMNS: &str = "seq, id, owner, region, arn, display_name, description, provider_name, \
     created_ms, tags, idempotency_token";

fn row(r: &dyn Row) -> Result<(i64, PortfolioRecord), StoreError> {
    Ok((
        r.int(0)?,
        PortfolioRecord {
            id: parsed(r, 1, PortfolioId::parse)?,
            owner: account(r, 2)?,
            region: r.text(3)?,
            arn: r.text(4)?,
            display_name: r.text(5)?,
            description: r.opt_text(6)?,
            provider_name: r.text(7)?,
            created_ms: r.int(8)?,
            tags: tags_from_json(r, 9)?,
            idempotency_token: r.opt_text(10)?,
        },
    ))
}

impl PortfolioReads for Tx<'_> {
    fn portfolio(
        &self,
        region: &str,
        id: &PortfolioId,
    ) -> Result<Option<PortfolioRecord>, StoreError> {
        Ok(self
            .conn
            .first(
                &format!("SELECT {COLUMNS} FROM portfolios WHERE id = ?1 AND region = ?2"),
                args![id.as_str(), region],
                row,
            )?
            .map(|(_, p)| p))
    }

    fn portfolio_by_token(
        &self,
        owner: &AccountId,
        region: &str,
        token: &str,
    ) -> Result<Option<PortfolioRecord>, StoreError> {
        Ok(self
            .conn
            .first(
                &format!(
                    "SELECT {COLUMNS} FROM portfolios
                     WHERE owner = ?1 AND region = ?2 AND idempotency_token = ?3"
                ),
                args![owner.as_str(), region, token],
                row,
            )?
            .map(|(_, p)| p))
    }

    fn portfolio_count(&self, owner: &AccountId, region: &str) -> Result<usize, StoreError> {
        self.conn.count(
            "SELECT COUNT(*) FROM portfolios WHERE owner = ?1 AND region = ?2",
            args![owner.as_str(), region],
        )
    }

    fn portfolios_of(
        &self,
        owner: &AccountId,
        region: &str,
        cursor: Option<Cursor>,
        limit: usize,
    ) -> Result<Page<PortfolioRecord>, StoreError> {
        let rows = self.conn.all(
            &format!(
                "SELECT {COLUMNS} FROM portfolios
                 WHERE owner = ?1 AND region = ?2 AND seq > ?3 ORDER BY seq LIMIT ?4"
            ),
            args![owner.as_str(), region, after(cursor), fetch_limit(limit)],
            row,
        )?;
        Ok(page(rows, limit))
    }

    fn portfolio_regions(&self) -> Result<Vec<String>, StoreError> {
        self.conn.all(
            "SELECT DISTINCT region FROM portfolios ORDER BY region",
            args![],
            |r| r.text(0),
        )
    }

    fn all_portfolios(
        &self,
        cursor: Option<Cursor>,
        limit: usize,
    ) -> Result<Page<PortfolioRecord>, StoreError> {
        let rows = self.conn.all(
            &format!("SELECT {COLUMNS} FROM portfolios WHERE seq > ?1 ORDER BY seq LIMIT ?2"),
            args![after(cursor), fetch_limit(limit)],
            row,
        )?;
        Ok(page(rows, limit))
    }
}

impl PortfolioWrites for Tx<'_> {
    fn insert_portfolio(&self, p: &PortfolioRecord) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO portfolios (id, owner, region, arn, display_name, description,
             provider_name, created_ms, tags, idempotency_token)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            args![
                p.id.as_str(),
                p.owner.as_str(),
                &p.region,
                &p.arn,
                &p.display_name,
                p.description.as_deref(),
                &p.provider_name,
                p.created_ms,
                &tags_to_json(&p.tags),
                p.idempotency_token.as_deref()
            ],
        )?;
        Ok(())
    }

    fn update_portfolio(&self, p: &PortfolioRecord) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE portfolios SET display_name = ?2, description = ?3, provider_name = ?4,
             tags = ?5 WHERE id = ?1",
            args![
                p.id.as_str(),
                &p.display_name,
                p.description.as_deref(),
                &p.provider_name,
                &tags_to_json(&p.tags)
            ],
        )?;
        Ok(())
    }

    fn delete_portfolio(&self, region: &str, id: &PortfolioId) -> Result<bool, StoreError> {
        Ok(self.conn.execute(
            "DELETE FROM portfolios WHERE id = ?1 AND region = ?2",
            args![id.as_str(), region],
        )? > 0)
    }
}
