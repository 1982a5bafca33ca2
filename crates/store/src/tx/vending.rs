//! Account Factories and vending slots (provisioning.md §21).

use sclocal_core::ids::{AccountId, ArtifactId, OrgId, PortfolioId, ProductId, RecordId};
use sclocal_core::store::{AccountFactoryRecord, StoreError, VendingReads, VendingWrites};

use super::{account, Tx};
use crate::args;
use crate::sql::{parsed, Arg, Row};

const COLUMNS: &str = "product_id, account, region, org_id, portfolio_id, artifact_id";

fn row(r: &dyn Row) -> Result<AccountFactoryRecord, StoreError> {
    Ok(AccountFactoryRecord {
        product_id: parsed(r, 0, ProductId::parse)?,
        account: account(r, 1)?,
        region: r.text(2)?,
        org_id: parsed(r, 3, OrgId::parse)?,
        portfolio_id: parsed(r, 4, PortfolioId::parse)?,
        artifact_id: parsed(r, 5, ArtifactId::parse)?,
    })
}

impl Tx<'_> {
    fn factory_where(
        &self,
        clause: &str,
        args: &[Arg<'_>],
    ) -> Result<Option<AccountFactoryRecord>, StoreError> {
        self.conn.first(
            &format!("SELECT {COLUMNS} FROM sc_account_factories WHERE {clause}"),
            args,
            row,
        )
    }
}

impl VendingReads for Tx<'_> {
    fn account_factory(
        &self,
        product: &ProductId,
    ) -> Result<Option<AccountFactoryRecord>, StoreError> {
        self.factory_where("product_id = ?1", args![product.as_str()])
    }

    fn account_factory_in(
        &self,
        account: &AccountId,
        region: &str,
    ) -> Result<Option<AccountFactoryRecord>, StoreError> {
        self.factory_where(
            "account = ?1 AND region = ?2",
            args![account.as_str(), region],
        )
    }

    fn vending_slot(&self, record: &RecordId) -> Result<Option<i64>, StoreError> {
        self.conn.first(
            "SELECT started_ms FROM sc_vending_slots WHERE record_id = ?1",
            args![record.as_str()],
            |r| r.int(0),
        )
    }

    fn vending_slots_taken(&self, account: &AccountId) -> Result<usize, StoreError> {
        self.conn.count(
            "SELECT COUNT(*) FROM sc_vending_slots WHERE account = ?1",
            args![account.as_str()],
        )
    }
}

impl VendingWrites for Tx<'_> {
    fn insert_account_factory(&self, f: &AccountFactoryRecord) -> Result<(), StoreError> {
        self.conn.execute(
            &format!(
                "INSERT INTO sc_account_factories ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT DO NOTHING"
            ),
            args![
                f.product_id.as_str(),
                f.account.as_str(),
                f.region.as_str(),
                f.org_id.as_str(),
                f.portfolio_id.as_str(),
                f.artifact_id.as_str()
            ],
        )?;
        Ok(())
    }

    fn take_vending_slot(
        &self,
        record: &RecordId,
        account: &AccountId,
        now_ms: i64,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO sc_vending_slots (record_id, account, started_ms) VALUES (?1, ?2, ?3)
             ON CONFLICT DO NOTHING",
            args![record.as_str(), account.as_str(), now_ms],
        )?;
        Ok(())
    }

    fn free_vending_slot(&self, record: &RecordId) -> Result<(), StoreError> {
        self.conn.execute(
            "DELETE FROM sc_vending_slots WHERE record_id = ?1",
            args![record.as_str()],
        )?;
        Ok(())
    }
}
