//! Temporary credentials on SQLite.

use async_trait::async_trait;
use rusqlite::{params, OptionalExtension};
use sclocal_core::store::{SessionRecord, SessionStore, StoreError};

use super::{account, backend, SqliteStore};

#[async_trait]
impl SessionStore for SqliteStore {
    async fn insert_session(&self, s: &SessionRecord) -> Result<(), StoreError> {
        let s = s.clone();
        self.write(move |conn| {
            conn.prepare_cached(
                "INSERT OR REPLACE INTO sessions (access_key_id, secret_access_key,
                 session_token, account, principal_arn, expires_ms)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )
            .map_err(backend)?
            .execute(params![
                s.access_key_id,
                s.secret_access_key,
                s.session_token,
                s.account.as_str(),
                s.principal_arn,
                s.expires_ms
            ])
            .map_err(backend)?;
            Ok(())
        })
        .await
    }

    async fn session(&self, access_key_id: &str) -> Result<Option<SessionRecord>, StoreError> {
        self.read(|conn| {
            conn.prepare_cached(
                "SELECT access_key_id, secret_access_key, session_token, account, principal_arn,
                 expires_ms FROM sessions WHERE access_key_id = ?1",
            )
            .map_err(backend)?
            .query_row(params![access_key_id], |r| {
                Ok(SessionRecord {
                    access_key_id: r.get(0)?,
                    secret_access_key: r.get(1)?,
                    session_token: r.get(2)?,
                    account: account(&r.get::<_, String>(3)?)?,
                    principal_arn: r.get(4)?,
                    expires_ms: r.get(5)?,
                })
            })
            .optional()
            .map_err(backend)
        })
    }
}
