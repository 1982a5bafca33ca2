//! Share operations (`share-…` tokens), their per-account outcomes and the injected fan-out
//! faults.

use sclocal_core::ids::AccountId;
use sclocal_core::ids::{OrgId, PortfolioId, ShareToken};
use sclocal_core::store::{
    AccountOutcome, OpAction, OpStatus, ShareFault, ShareKind, ShareOpReads, ShareOpRecord,
    ShareOpWrites, ShareTarget, StoreError,
};

use super::{account, limit_arg, Tx};
use crate::args;
use crate::sql::{corrupt, parsed, parsed_opt, Row};

const COLUMNS: &str = "token, action, portfolio_id, region, owner, kind, principal, org_id, \
     status, not_before_ms, cursor, total, created_ms";

fn row(r: &dyn Row) -> Result<ShareOpRecord, StoreError> {
    let kind = parsed(r, 5, ShareKind::parse)?;
    let principal = r.text(6)?;
    Ok(ShareOpRecord {
        token: parsed(r, 0, ShareToken::parse)?,
        action: parsed(r, 1, OpAction::parse)?,
        portfolio_id: parsed(r, 2, PortfolioId::parse)?,
        region: r.text(3)?,
        owner: account(r, 4)?,
        target: ShareTarget::parse(kind, &principal).ok_or_else(|| corrupt(6, &principal))?,
        org_id: parsed_opt(r, 7, OrgId::parse)?,
        status: parsed(r, 8, OpStatus::parse)?,
        not_before_ms: r.int(9)?,
        cursor: r.int(10)?,
        total: r.opt_int(11)?,
        created_ms: r.int(12)?,
    })
}

impl ShareOpReads for Tx<'_> {
    fn share_op(&self, token: &ShareToken) -> Result<Option<ShareOpRecord>, StoreError> {
        self.conn.first(
            &format!("SELECT {COLUMNS} FROM share_ops WHERE token = ?1"),
            args![token.as_str()],
            row,
        )
    }

    fn recent_share_ops(&self, limit: usize) -> Result<Vec<ShareOpRecord>, StoreError> {
        self.conn.all(
            &format!("SELECT {COLUMNS} FROM share_ops ORDER BY seq DESC LIMIT ?1"),
            args![limit_arg(limit)],
            row,
        )
    }

    fn unfinished_share_op(&self, portfolio: &PortfolioId) -> Result<bool, StoreError> {
        self.conn.exists(
            "SELECT 1 FROM share_ops WHERE portfolio_id = ?1
             AND status IN ('NOT_STARTED', 'IN_PROGRESS')",
            args![portfolio.as_str()],
        )
    }

    fn op_counts(&self, token: &ShareToken) -> Result<(usize, usize), StoreError> {
        let counts = self.conn.first(
            "SELECT COUNT(*), COUNT(error) FROM share_op_accounts WHERE token = ?1",
            args![token.as_str()],
            |r| Ok((r.int(0)?, r.int(1)?)),
        )?;
        let (total, failed) = counts.unwrap_or((0, 0));
        Ok((
            usize::try_from(total).unwrap_or(0),
            usize::try_from(failed).unwrap_or(0),
        ))
    }

    fn op_outcomes(&self, token: &ShareToken) -> Result<Vec<AccountOutcome>, StoreError> {
        self.conn.all(
            "SELECT account, error, message FROM share_op_accounts WHERE token = ?1
             ORDER BY account",
            args![token.as_str()],
            |r| {
                let error = r.opt_text(1)?;
                let message = r.opt_text(2)?;
                Ok(AccountOutcome {
                    account: account(r, 0)?,
                    error: error.map(|e| (e, message.unwrap_or_default())),
                })
            },
        )
    }

    fn failed_in(&self, token: &ShareToken, account: &AccountId) -> Result<bool, StoreError> {
        self.conn.exists(
            "SELECT 1 FROM share_op_accounts WHERE token = ?1 AND account = ?2
             AND error IS NOT NULL",
            args![token.as_str(), account.as_str()],
        )
    }

    fn share_faults(&self) -> Result<Vec<ShareFault>, StoreError> {
        self.conn.all(
            "SELECT account, error, message FROM share_faults ORDER BY account",
            args![],
            |r| {
                Ok(ShareFault {
                    account: account(r, 0)?,
                    error: r.text(1)?,
                    message: r.text(2)?,
                })
            },
        )
    }
}

impl ShareOpWrites for Tx<'_> {
    fn insert_share_op(&self, op: &ShareOpRecord) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO share_ops (token, action, portfolio_id, region, owner, kind, principal,
             org_id, status, not_before_ms, cursor, total, created_ms)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            args![
                op.token.as_str(),
                op.action.as_str(),
                op.portfolio_id.as_str(),
                &op.region,
                op.owner.as_str(),
                op.target.kind().as_str(),
                op.target.principal(),
                op.org_id.as_ref().map(OrgId::as_str),
                op.status.as_str(),
                op.not_before_ms,
                op.cursor,
                op.total,
                op.created_ms
            ],
        )?;
        Ok(())
    }

    fn record_outcomes(
        &self,
        token: &ShareToken,
        outcomes: &[AccountOutcome],
    ) -> Result<(), StoreError> {
        for o in outcomes {
            let (error, message) = match &o.error {
                Some((e, m)) => (Some(e.as_str()), Some(m.as_str())),
                None => (None, None),
            };
            self.conn.execute(
                "INSERT INTO share_op_accounts (token, account, error, message)
                 VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
                args![token.as_str(), o.account.as_str(), error, message],
            )?;
        }
        Ok(())
    }

    fn set_op_progress(
        &self,
        token: &ShareToken,
        cursor: i64,
        total: i64,
        status: OpStatus,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE share_ops SET cursor = ?2, total = ?3, status = ?4 WHERE token = ?1",
            args![token.as_str(), cursor, total, status.as_str()],
        )?;
        Ok(())
    }

    fn set_op_status(&self, token: &ShareToken, status: OpStatus) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE share_ops SET status = ?2 WHERE token = ?1",
            args![token.as_str(), status.as_str()],
        )?;
        Ok(())
    }

    fn set_share_faults(&self, faults: &[ShareFault]) -> Result<(), StoreError> {
        self.conn.execute("DELETE FROM share_faults", args![])?;
        for f in faults {
            self.conn.execute(
                "INSERT INTO share_faults (account, error, message) VALUES (?1, ?2, ?3)
                 ON CONFLICT (account) DO UPDATE SET error = excluded.error,
                 message = excluded.message",
                args![f.account.as_str(), &f.error, &f.message],
            )?;
        }
        Ok(())
    }
}
