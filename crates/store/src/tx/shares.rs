//! Portfolio shares, their frozen audiences and members' rejections of organization shares.

use sclocal_core::ids::{AccountId, OrgId, PortfolioId, ShareToken};
use sclocal_core::store::{
    Cursor, Page, ShareKind, ShareReads, ShareRecord, ShareState, ShareTarget, ShareWrites,
    StoreError,
};

use super::{account, after, fetch_limit, page, Tx};
use crate::args;
use crate::sql::{corrupt, parsed, parsed_opt, Arg, Row};

/// The columns of a share, qualified by the alias `s`.
pub(super) const COLUMNS: &str = "s.seq, s.portfolio_id, s.region, s.owner, s.kind, s.principal, \
     s.org_id, s.accepted, s.share_tag_options, s.share_principals, s.state, s.fanout_token, \
     s.created_ms";

pub(super) fn row(r: &dyn Row) -> Result<(i64, ShareRecord), StoreError> {
    let kind = parsed(r, 4, ShareKind::parse)?;
    let principal = r.text(5)?;
    let target = ShareTarget::parse(kind, &principal).ok_or_else(|| corrupt(5, &principal))?;
    Ok((
        r.int(0)?,
        ShareRecord {
            portfolio_id: parsed(r, 1, PortfolioId::parse)?,
            region: r.text(2)?,
            owner: account(r, 3)?,
            target,
            org_id: parsed_opt(r, 6, OrgId::parse)?,
            accepted: r.flag(7)?,
            share_tag_options: r.flag(8)?,
            share_principals: r.flag(9)?,
            state: parsed(r, 10, ShareState::parse)?,
            fanout_token: parsed_opt(r, 11, ShareToken::parse)?,
            created_ms: r.int(12)?,
        },
    ))
}

fn records(rows: Vec<(i64, ShareRecord)>) -> Vec<ShareRecord> {
    rows.into_iter().map(|(_, s)| s).collect()
}

impl Tx<'_> {
    fn shares_where(&self, clause: &str, args: &[Arg<'_>]) -> Result<Vec<ShareRecord>, StoreError> {
        Ok(records(self.conn.all(
            &format!("SELECT {COLUMNS} FROM shares s WHERE {clause} ORDER BY s.seq"),
            args,
            row,
        )?))
    }
}

impl ShareReads for Tx<'_> {
    fn share(
        &self,
        portfolio: &PortfolioId,
        target: &ShareTarget,
    ) -> Result<Option<ShareRecord>, StoreError> {
        Ok(self
            .conn
            .first(
                &format!(
                    "SELECT {COLUMNS} FROM shares s
                     WHERE s.portfolio_id = ?1 AND s.kind = ?2 AND s.principal = ?3"
                ),
                args![
                    portfolio.as_str(),
                    target.kind().as_str(),
                    target.principal()
                ],
                row,
            )?
            .map(|(_, s)| s))
    }

    fn shares_of_portfolio(
        &self,
        portfolio: &PortfolioId,
        kind: ShareKind,
        cursor: Option<Cursor>,
        limit: usize,
    ) -> Result<Page<ShareRecord>, StoreError> {
        let rows = self.conn.all(
            &format!(
                "SELECT {COLUMNS} FROM shares s WHERE s.portfolio_id = ?1 AND s.kind = ?2
                 AND s.seq > ?3 ORDER BY s.seq LIMIT ?4"
            ),
            args![
                portfolio.as_str(),
                kind.as_str(),
                after(cursor),
                fetch_limit(limit)
            ],
            row,
        )?;
        Ok(page(rows, limit))
    }

    fn portfolio_shares(&self, portfolio: &PortfolioId) -> Result<Vec<ShareRecord>, StoreError> {
        self.shares_where("s.portfolio_id = ?1", args![portfolio.as_str()])
    }

    fn account_share_count(&self, portfolio: &PortfolioId) -> Result<usize, StoreError> {
        // Kept by triggers (migration 0005): one lookup instead of a scan of the shares.
        self.conn.count(
            "SELECT COALESCE((SELECT n FROM share_account_counts WHERE portfolio_id = ?1), 0)",
            args![portfolio.as_str()],
        )
    }

    fn account_shares_to(
        &self,
        region: &str,
        account: &AccountId,
        accepted_only: bool,
    ) -> Result<Vec<ShareRecord>, StoreError> {
        self.shares_where(
            "s.principal = ?1 AND s.region = ?2 AND s.kind = 'ACCOUNT'
             AND (s.accepted = 1 OR ?3 = 0)",
            args![account.as_str(), region, accepted_only],
        )
    }

    fn org_shares_to(
        &self,
        region: &str,
        org: &OrgId,
        principals: &[&str],
    ) -> Result<Vec<ShareRecord>, StoreError> {
        if principals.is_empty() {
            return Ok(Vec::new());
        }
        let marks: Vec<String> = (0..principals.len())
            .map(|i| format!("?{}", i + 3))
            .collect();
        let mut args: Vec<Arg<'_>> = vec![region.into(), org.as_str().into()];
        args.extend(principals.iter().map(|p| Arg::Text(p)));
        self.shares_where(
            &format!(
                "s.region = ?1 AND s.org_id = ?2 AND s.kind <> 'ACCOUNT'
                 AND s.state IN ('ACTIVE', 'DELETING') AND s.principal IN ({})",
                marks.join(", ")
            ),
            &args,
        )
    }

    fn org_shares_in(&self, org: &OrgId) -> Result<Vec<ShareRecord>, StoreError> {
        self.shares_where("s.org_id = ?1 AND s.kind <> 'ACCOUNT'", args![org.as_str()])
    }

    fn frozen_shares_for(
        &self,
        region: &str,
        account: &AccountId,
    ) -> Result<Vec<ShareRecord>, StoreError> {
        Ok(records(self.conn.all(
            &format!(
                "SELECT {COLUMNS} FROM share_frozen f JOIN shares s ON s.seq = f.share_seq
                 WHERE f.account = ?1 AND s.region = ?2 AND s.state IN ('ACTIVE', 'DELETING')
                 ORDER BY s.seq"
            ),
            args![account.as_str(), region],
            row,
        )?))
    }

    fn frozen_audience(
        &self,
        portfolio: &PortfolioId,
        target: &ShareTarget,
    ) -> Result<Vec<AccountId>, StoreError> {
        self.conn.all(
            "SELECT f.account FROM share_frozen f JOIN shares s ON s.seq = f.share_seq
             WHERE s.portfolio_id = ?1 AND s.kind = ?2 AND s.principal = ?3 ORDER BY f.account",
            args![
                portfolio.as_str(),
                target.kind().as_str(),
                target.principal()
            ],
            |r| account(r, 0),
        )
    }

    fn org_rejecters(&self, portfolio: &PortfolioId) -> Result<Vec<AccountId>, StoreError> {
        self.conn.all(
            "SELECT account FROM share_org_rejections WHERE portfolio_id = ?1 ORDER BY account",
            args![portfolio.as_str()],
            |r| account(r, 0),
        )
    }

    fn org_rejections(&self, account: &AccountId) -> Result<Vec<PortfolioId>, StoreError> {
        self.conn.all(
            "SELECT portfolio_id FROM share_org_rejections WHERE account = ?1 ORDER BY portfolio_id",
            args![account.as_str()],
            |r| parsed(r, 0, PortfolioId::parse),
        )
    }
}

impl ShareWrites for Tx<'_> {
    fn insert_share(&self, s: &ShareRecord) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO shares (portfolio_id, region, owner, kind, principal, org_id, accepted,
             share_tag_options, share_principals, state, fanout_token, created_ms)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            args![
                s.portfolio_id.as_str(),
                &s.region,
                s.owner.as_str(),
                s.target.kind().as_str(),
                s.target.principal(),
                s.org_id.as_ref().map(OrgId::as_str),
                s.accepted,
                s.share_tag_options,
                s.share_principals,
                s.state.as_str(),
                s.fanout_token.as_ref().map(ShareToken::as_str),
                s.created_ms
            ],
        )?;
        Ok(())
    }

    fn set_share_flags(
        &self,
        portfolio: &PortfolioId,
        target: &ShareTarget,
        share_tag_options: Option<bool>,
        share_principals: Option<bool>,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE shares SET share_tag_options = COALESCE(?4, share_tag_options),
             share_principals = COALESCE(?5, share_principals)
             WHERE portfolio_id = ?1 AND kind = ?2 AND principal = ?3",
            args![
                portfolio.as_str(),
                target.kind().as_str(),
                target.principal(),
                share_tag_options,
                share_principals
            ],
        )?;
        Ok(())
    }

    fn set_share_state(
        &self,
        portfolio: &PortfolioId,
        target: &ShareTarget,
        state: ShareState,
        fanout_token: Option<&ShareToken>,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE shares SET state = ?4, fanout_token = COALESCE(?5, fanout_token)
             WHERE portfolio_id = ?1 AND kind = ?2 AND principal = ?3",
            args![
                portfolio.as_str(),
                target.kind().as_str(),
                target.principal(),
                state.as_str(),
                fanout_token.map(ShareToken::as_str)
            ],
        )?;
        Ok(())
    }

    fn set_accepted(
        &self,
        portfolio: &PortfolioId,
        target: &ShareTarget,
        accepted: bool,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE shares SET accepted = ?4
             WHERE portfolio_id = ?1 AND kind = ?2 AND principal = ?3",
            args![
                portfolio.as_str(),
                target.kind().as_str(),
                target.principal(),
                accepted
            ],
        )?;
        Ok(())
    }

    fn delete_share(
        &self,
        portfolio: &PortfolioId,
        target: &ShareTarget,
    ) -> Result<(), StoreError> {
        let key = args![
            portfolio.as_str(),
            target.kind().as_str(),
            target.principal()
        ];
        self.conn.execute(
            "DELETE FROM share_frozen WHERE share_seq IN (SELECT seq FROM shares
             WHERE portfolio_id = ?1 AND kind = ?2 AND principal = ?3)",
            key,
        )?;
        self.conn.execute(
            "DELETE FROM shares WHERE portfolio_id = ?1 AND kind = ?2 AND principal = ?3",
            key,
        )?;
        Ok(())
    }

    fn replace_frozen(
        &self,
        org: &OrgId,
        rows: &[(PortfolioId, ShareTarget, AccountId)],
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "DELETE FROM share_frozen WHERE org_id = ?1",
            args![org.as_str()],
        )?;
        for (portfolio, target, account) in rows {
            self.conn.execute(
                "INSERT INTO share_frozen (share_seq, account, org_id)
                 SELECT seq, ?4, ?5 FROM shares
                 WHERE portfolio_id = ?1 AND kind = ?2 AND principal = ?3
                 ON CONFLICT DO NOTHING",
                args![
                    portfolio.as_str(),
                    target.kind().as_str(),
                    target.principal(),
                    account.as_str(),
                    org.as_str()
                ],
            )?;
        }
        Ok(())
    }

    fn set_org_rejection(
        &self,
        portfolio: &PortfolioId,
        account: &AccountId,
        rejected: bool,
    ) -> Result<(), StoreError> {
        let sql = if rejected {
            "INSERT INTO share_org_rejections (portfolio_id, account) VALUES (?1, ?2)
             ON CONFLICT DO NOTHING"
        } else {
            "DELETE FROM share_org_rejections WHERE portfolio_id = ?1 AND account = ?2"
        };
        self.conn
            .execute(sql, args![portfolio.as_str(), account.as_str()])?;
        Ok(())
    }
}
