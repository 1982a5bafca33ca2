//! Portfolios on SQLite.

use async_trait::async_trait;
use rusqlite::{params, Connection, OptionalExtension, Row};
use sclocal_core::ids::Scope;
use sclocal_core::store::{Inserted, Page, PortfolioRecord, PortfolioStore, StoreError};

use super::{account, backend, page, SqliteStore};

const PORTFOLIO_COLUMNS: &str = "id, owner, region, arn, display_name, description, \
     provider_name, created_ms, tags, idempotency_token, seq";

fn portfolio_row(row: &Row<'_>) -> rusqlite::Result<(i64, PortfolioRecord)> {
    let tags: String = row.get(8)?;
    let tags: Vec<(String, String)> = serde_json::from_str(&tags).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(8, rusqlite::types::Type::Text, Box::new(e))
    })?;
    Ok((
        row.get(10)?,
        PortfolioRecord {
            id: row.get(0)?,
            owner: account(&row.get::<_, String>(1)?)?,
            region: row.get(2)?,
            arn: row.get(3)?,
            display_name: row.get(4)?,
            description: row.get(5)?,
            provider_name: row.get(6)?,
            created_ms: row.get(7)?,
            tags,
            idempotency_token: row.get(9)?,
        },
    ))
}

fn tags_json(tags: &[(String, String)]) -> Result<String, StoreError> {
    serde_json::to_string(tags).map_err(backend)
}

/// The insert of CreatePortfolio: the token's earlier portfolio, the quota, then the row.
fn insert_portfolio(
    tx: &Connection,
    p: PortfolioRecord,
    limit: usize,
) -> Result<Inserted<PortfolioRecord>, StoreError> {
    if let Some(token) = &p.idempotency_token {
        let existing = tx
            .prepare_cached(&format!(
                "SELECT {PORTFOLIO_COLUMNS} FROM portfolios
                 WHERE owner = ?1 AND region = ?2 AND idempotency_token = ?3"
            ))
            .map_err(backend)?
            .query_row(params![p.owner.as_str(), p.region, token], portfolio_row)
            .optional()
            .map_err(backend)?;
        if let Some((_, existing)) = existing {
            return Ok(Inserted::Existing(existing));
        }
    }
    let count: usize = tx
        .prepare_cached("SELECT COUNT(*) FROM portfolios WHERE owner = ?1 AND region = ?2")
        .map_err(backend)?
        .query_row(params![p.owner.as_str(), p.region], |r| r.get(0))
        .map_err(backend)?;
    if count >= limit {
        return Ok(Inserted::LimitReached);
    }
    tx.prepare_cached(
        "INSERT INTO portfolios (id, owner, region, arn, display_name, description,
         provider_name, created_ms, tags, idempotency_token)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )
    .map_err(backend)?
    .execute(params![
        p.id,
        p.owner.as_str(),
        p.region,
        p.arn,
        p.display_name,
        p.description,
        p.provider_name,
        p.created_ms,
        tags_json(&p.tags)?,
        p.idempotency_token
    ])
    .map_err(backend)?;
    Ok(Inserted::New(p))
}

#[async_trait]
impl PortfolioStore for SqliteStore {
    async fn insert_portfolio(
        &self,
        p: &PortfolioRecord,
        limit: usize,
    ) -> Result<Inserted<PortfolioRecord>, StoreError> {
        let p = p.clone();
        self.write(move |tx| insert_portfolio(tx, p, limit)).await
    }

    async fn portfolio(
        &self,
        region: &str,
        id: &str,
    ) -> Result<Option<PortfolioRecord>, StoreError> {
        self.read(|conn| {
            let row = conn
                .prepare_cached(&format!(
                    "SELECT {PORTFOLIO_COLUMNS} FROM portfolios WHERE id = ?1 AND region = ?2"
                ))
                .map_err(backend)?
                .query_row(params![id, region], portfolio_row)
                .optional()
                .map_err(backend)?;
            Ok(row.map(|(_, p)| p))
        })
    }

    async fn update_portfolio(&self, p: &PortfolioRecord) -> Result<(), StoreError> {
        let p = p.clone();
        self.write(move |conn| {
            conn.prepare_cached(
                "UPDATE portfolios SET display_name = ?2, description = ?3, provider_name = ?4,
                 tags = ?5 WHERE id = ?1",
            )
            .map_err(backend)?
            .execute(params![
                p.id,
                p.display_name,
                p.description,
                p.provider_name,
                tags_json(&p.tags)?
            ])
            .map_err(backend)?;
            Ok(())
        })
        .await
    }

    async fn delete_portfolio(&self, region: &str, id: &str) -> Result<bool, StoreError> {
        let (region, id) = (region.to_owned(), id.to_owned());
        self.write(move |conn| {
            let n = conn
                .prepare_cached("DELETE FROM portfolios WHERE id = ?1 AND region = ?2")
                .map_err(backend)?
                .execute(params![id, region])
                .map_err(backend)?;
            Ok(n > 0)
        })
        .await
    }

    async fn list_portfolios(
        &self,
        scope: &Scope,
        cursor: i64,
        limit: usize,
    ) -> Result<Page<PortfolioRecord>, StoreError> {
        self.read(|conn| {
            let fetch = i64::try_from(limit).unwrap_or(i64::MAX - 1) + 1;
            let rows = conn
                .prepare_cached(&format!(
                    "SELECT {PORTFOLIO_COLUMNS} FROM portfolios
                     WHERE owner = ?1 AND region = ?2 AND seq > ?3 ORDER BY seq LIMIT ?4"
                ))
                .map_err(backend)?
                .query_map(
                    params![scope.account.as_str(), scope.region, cursor, fetch],
                    portfolio_row,
                )
                .map_err(backend)?
                .collect::<rusqlite::Result<Vec<_>>>()
                .map_err(backend)?;
            Ok(page(rows, limit))
        })
    }

    async fn all_portfolios(
        &self,
        cursor: i64,
        limit: usize,
    ) -> Result<Page<PortfolioRecord>, StoreError> {
        self.read(|conn| {
            let fetch = i64::try_from(limit).unwrap_or(i64::MAX - 1) + 1;
            let rows = conn
                .prepare_cached(&format!(
                    "SELECT {PORTFOLIO_COLUMNS} FROM portfolios WHERE seq > ?1 ORDER BY seq LIMIT ?2"
                ))
                .map_err(backend)?
                .query_map(params![cursor, fetch], portfolio_row)
                .map_err(backend)?
                .collect::<rusqlite::Result<Vec<_>>>()
                .map_err(backend)?;
            Ok(page(rows, limit))
        })
    }
}
