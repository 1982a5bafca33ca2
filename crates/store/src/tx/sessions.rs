//! Temporary credentials.

use sclocal_core::store::{SessionReads, SessionRecord, SessionWrites, StoreError};

use super::{account, Tx};
use crate::args;

impl SessionReads for Tx<'_> {
    fn session(&self, access_key_id: &str) -> Result<Option<SessionRecord>, StoreError> {
        self.conn.first(
            "SELECT access_key_id, secret_access_key, session_token, account, principal_arn,
             expires_ms, scoped_policies, source_identity FROM sessions WHERE access_key_id = ?1",
            args![access_key_id],
            |r| {
                Ok(SessionRecord {
                    access_key_id: r.text(0)?,
                    secret_access_key: r.text(1)?,
                    session_token: r.text(2)?,
                    account: account(r, 3)?,
                    principal_arn: r.text(4)?,
                    expires_ms: r.int(5)?,
                    scoped_policies: u32::try_from(r.int(6)?).unwrap_or(u32::MAX),
                    source_identity: r.opt_text(7)?,
                })
            },
        )
    }
}

impl SessionWrites for Tx<'_> {
    fn insert_session(&self, s: &SessionRecord) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO sessions (access_key_id, secret_access_key, session_token, account,
             principal_arn, expires_ms, scoped_policies, source_identity)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (access_key_id) DO UPDATE SET secret_access_key = excluded.secret_access_key,
             session_token = excluded.session_token, account = excluded.account,
             principal_arn = excluded.principal_arn, expires_ms = excluded.expires_ms,
             scoped_policies = excluded.scoped_policies, source_identity = excluded.source_identity",
            args![
                &s.access_key_id,
                &s.secret_access_key,
                &s.session_token,
                s.account.as_str(),
                &s.principal_arn,
                s.expires_ms,
                i64::from(s.scoped_policies),
                s.source_identity.as_deref()
            ],
        )?;
        Ok(())
    }
}
