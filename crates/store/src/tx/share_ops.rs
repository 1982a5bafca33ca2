//! Share operations (`share-…` tokens), their per-account outcomes and the injected fan-out
//! faults.

use sclocal_core::ids::{OrgId, PortfolioId, ShareToken};
use sclocal_core::store::{
    AccountOutcome, OpAction, OpStatus, ShareFault, ShareKind, ShareOpRecord, ShareTarget,
    StoreError,
};

use super::{account, Tx};
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

pub(super) fn share_op(
    tx: &Tx<'_>,
    token: &ShareToken,
) -> Result<Option<ShareOpRecord>, StoreError> {
    tx.conn.first(
        &format!("SELECT {COLUMNS} FROM share_ops WHERE token = ?1"),
        args![token.as_str()],
        row,
    )
}

pub(super) fn insert_share_op(tx: &Tx<'_>, op: &ShareOpRecord) -> Result<(), StoreError> {
    tx.conn.execute(
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

pub(super) fn op_counts(tx: &Tx<'_>, token: &ShareToken) -> Result<(usize, usize), StoreError> {
    let counts = tx.conn.first(
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

pub(super) fn op_outcomes(
    tx: &Tx<'_>,
    token: &ShareToken,
) -> Result<Vec<AccountOutcome>, StoreError> {
    tx.conn.all(
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

pub(super) fn record_outcomes(
    tx: &Tx<'_>,
    token: &ShareToken,
    outcomes: &[AccountOutcome],
) -> Result<(), StoreError> {
    for o in outcomes {
        let (error, message) = match &o.error {
            Some((e, m)) => (Some(e.as_str()), Some(m.as_str())),
            None => (None, None),
        };
        tx.conn.execute(
            "INSERT INTO share_op_accounts (token, account, error, message)
             VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
            args![token.as_str(), o.account.as_str(), error, message],
        )?;
    }
    Ok(())
}

pub(super) fn share_faults(tx: &Tx<'_>) -> Result<Vec<ShareFault>, StoreError> {
    tx.conn.all(
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

pub(super) fn set_share_faults(tx: &Tx<'_>, faults: &[ShareFault]) -> Result<(), StoreError> {
    tx.conn.execute("DELETE FROM share_faults", args![])?;
    for f in faults {
        tx.conn.execute(
            "INSERT INTO share_faults (account, error, message) VALUES (?1, ?2, ?3)
             ON CONFLICT (account) DO UPDATE SET error = excluded.error,
             message = excluded.message",
            args![f.account.as_str(), &f.error, &f.message],
        )?;
    }
    Ok(())
}
