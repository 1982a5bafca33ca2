//! Organizations on SQLite. The trait methods stay thin; multi-statement units of work live in
//! the submodules.

use async_trait::async_trait;
use rusqlite::{params, OptionalExtension};
use sclocal_core::ids::AccountId;
use sclocal_core::store::{
    AcceptOutcome, AccountRecord, BootstrapPlan, BootstrapReport, CompleteOutcome,
    CreateAccountRecord, DelegatedAdminRecord, HandshakeRecord, InviteOutcome, Membership,
    OrgRecord, OrganizationStore, OuRecord, OuWrite, Page, RegisterOutcome, ServiceAccessRecord,
    StoreError,
};

use super::{account, backend, exec, page, SqliteStore};

mod bootstrap;
mod flows;
mod rows;
mod tree;

use rows::{account_row, car_row, handshake_row, ACCOUNT_COLUMNS, CAR_COLUMNS, HANDSHAKE_COLUMNS};

impl SqliteStore {
    fn handshakes_where(
        &self,
        clause: &str,
        args: &[&dyn rusqlite::ToSql],
    ) -> Result<Vec<HandshakeRecord>, StoreError> {
        self.read(|conn| {
            conn.prepare_cached(&format!(
                "SELECT {HANDSHAKE_COLUMNS} FROM org_handshakes WHERE {clause} ORDER BY seq"
            ))
            .map_err(backend)?
            .query_map(args, handshake_row)
            .map_err(backend)?
            .collect::<rusqlite::Result<_>>()
            .map_err(backend)
        })
    }
}

#[async_trait]
impl OrganizationStore for SqliteStore {
    async fn membership(&self, account: &AccountId) -> Result<Option<Membership>, StoreError> {
        self.read(|conn| tree::membership(conn, account))
    }

    async fn is_delegated_admin(
        &self,
        org_id: &str,
        account: &AccountId,
        service_principal: &str,
    ) -> Result<bool, StoreError> {
        self.read(|conn| {
            conn.prepare_cached(
                "SELECT 1 FROM org_delegated_admins WHERE org_id = ?1 AND account = ?2
             AND principal = ?3",
            )
            .map_err(backend)?
            .exists(params![org_id, account.as_str(), service_principal])
            .map_err(backend)
        })
    }

    async fn service_access_enabled(
        &self,
        org_id: &str,
        service_principal: &str,
    ) -> Result<bool, StoreError> {
        self.read(|conn| {
            conn.prepare_cached(
                "SELECT 1 FROM org_service_access WHERE org_id = ?1 AND principal = ?2",
            )
            .map_err(backend)?
            .exists(params![org_id, service_principal])
            .map_err(backend)
        })
    }

    async fn ou_in_org(&self, org_id: &str, ou_id: &str) -> Result<bool, StoreError> {
        self.read(|conn| {
            conn.prepare_cached("SELECT 1 FROM org_units WHERE id = ?1 AND org_id = ?2")
                .map_err(backend)?
                .exists(params![ou_id, org_id])
                .map_err(backend)
        })
    }

    async fn accounts_under(
        &self,
        org_id: &str,
        ou_id: Option<&str>,
    ) -> Result<Vec<AccountId>, StoreError> {
        self.read(|conn| tree::accounts_under(conn, org_id, ou_id))
    }

    async fn organization_of(&self, account: &AccountId) -> Result<Option<OrgRecord>, StoreError> {
        self.read(|conn| rows::org_of(conn, account.as_str()))
    }

    async fn create_organization(
        &self,
        org: &OrgRecord,
        management: &AccountRecord,
    ) -> Result<bool, StoreError> {
        let (org, management) = (org.clone(), management.clone());
        self.write(move |tx| tree::create_organization(tx, &org, &management))
            .await
    }

    async fn delete_organization(&self, org: &OrgRecord) -> Result<bool, StoreError> {
        let org = org.clone();
        self.write(move |tx| tree::delete_organization(tx, &org))
            .await
    }

    async fn account(&self, id: &AccountId) -> Result<Option<AccountRecord>, StoreError> {
        self.read(|conn| {
            let row = conn
                .prepare_cached(&format!(
                    "SELECT {ACCOUNT_COLUMNS} FROM org_accounts WHERE id = ?1"
                ))
                .map_err(backend)?
                .query_row(params![id.as_str()], account_row)
                .optional()
                .map_err(backend)?;
            Ok(row.map(|(_, a)| a))
        })
    }

    async fn email_exists(&self, email: &str) -> Result<bool, StoreError> {
        self.read(|conn| {
            conn.prepare_cached("SELECT 1 FROM org_accounts WHERE email = ?1")
                .map_err(backend)?
                .exists(params![email])
                .map_err(backend)
        })
    }

    async fn ou(&self, id: &str) -> Result<Option<OuRecord>, StoreError> {
        self.read(|conn| tree::ou(conn, id))
    }

    async fn insert_ou(
        &self,
        ou: &OuRecord,
        tags: &[(String, String)],
        limit: usize,
    ) -> Result<OuWrite, StoreError> {
        let (ou, tags) = (ou.clone(), tags.to_vec());
        self.write(move |tx| tree::insert_ou(tx, &ou, &tags, limit))
            .await
    }

    async fn rename_ou(&self, id: &str, name: &str) -> Result<OuWrite, StoreError> {
        let (id, name) = (id.to_owned(), name.to_owned());
        self.write(move |tx| tree::rename_ou(tx, &id, &name)).await
    }

    async fn delete_ou(&self, id: &str) -> Result<bool, StoreError> {
        let id = id.to_owned();
        self.write(move |tx| tree::delete_ou(tx, &id)).await
    }

    async fn child_ous(&self, parent_id: &str) -> Result<Vec<OuRecord>, StoreError> {
        self.read(|conn| tree::child_ous(conn, parent_id))
    }

    async fn list_accounts(
        &self,
        org_id: &str,
        parent_id: Option<&str>,
        cursor: i64,
        limit: usize,
    ) -> Result<Page<AccountRecord>, StoreError> {
        self.read(|conn| {
            let fetch = i64::try_from(limit).unwrap_or(i64::MAX - 1) + 1;
            let rows = conn
                .prepare_cached(&format!(
                    "SELECT {ACCOUNT_COLUMNS} FROM org_accounts WHERE org_id = ?1
                     AND (?2 IS NULL OR parent_id = ?2) AND seq > ?3 ORDER BY seq LIMIT ?4"
                ))
                .map_err(backend)?
                .query_map(params![org_id, parent_id, cursor, fetch], account_row)
                .map_err(backend)?
                .collect::<rusqlite::Result<Vec<_>>>()
                .map_err(backend)?;
            Ok(page(rows, limit))
        })
    }

    async fn move_account(
        &self,
        account: &AccountId,
        parent_id: &str,
        path: &str,
    ) -> Result<(), StoreError> {
        let (account, parent_id, path) = (account.clone(), parent_id.to_owned(), path.to_owned());
        self.write(move |tx| {
            exec(
                tx,
                "UPDATE org_accounts SET parent_id = ?2, path = ?3 WHERE id = ?1",
                params![account.as_str(), parent_id, path],
            )
            .map(drop)
        })
        .await
    }

    async fn remove_account(&self, org_id: &str, account: &AccountId) -> Result<bool, StoreError> {
        let (org_id, account) = (org_id.to_owned(), account.clone());
        self.write(move |tx| flows::remove_account(tx, &org_id, &account))
            .await
    }

    async fn set_account_state(&self, account: &AccountId, state: &str) -> Result<(), StoreError> {
        let (account, state) = (account.clone(), state.to_owned());
        self.write(move |tx| {
            exec(
                tx,
                "UPDATE org_accounts SET state = ?2 WHERE id = ?1",
                params![account.as_str(), state],
            )
            .map(drop)
        })
        .await
    }

    async fn insert_create_account(
        &self,
        request: &CreateAccountRecord,
        max_in_progress: usize,
    ) -> Result<bool, StoreError> {
        let request = request.clone();
        self.write(move |tx| flows::insert_create_account(tx, &request, max_in_progress))
            .await
    }

    async fn create_account_status(
        &self,
        id: &str,
    ) -> Result<Option<CreateAccountRecord>, StoreError> {
        self.read(|conn| {
            conn.prepare_cached(&format!(
                "SELECT {CAR_COLUMNS} FROM org_create_account WHERE id = ?1"
            ))
            .map_err(backend)?
            .query_row(params![id], car_row)
            .optional()
            .map_err(backend)
        })
    }

    async fn create_account_statuses(
        &self,
        org_id: &str,
    ) -> Result<Vec<CreateAccountRecord>, StoreError> {
        self.read(|conn| {
            conn.prepare_cached(&format!(
                "SELECT {CAR_COLUMNS} FROM org_create_account WHERE org_id = ?1 ORDER BY seq"
            ))
            .map_err(backend)?
            .query_map(params![org_id], car_row)
            .map_err(backend)?
            .collect::<rusqlite::Result<_>>()
            .map_err(backend)
        })
    }

    async fn complete_create_account(
        &self,
        request: &CreateAccountRecord,
        account: &AccountRecord,
        now_ms: i64,
        limit: usize,
    ) -> Result<CompleteOutcome, StoreError> {
        let (request, account) = (request.clone(), account.clone());
        self.write(move |tx| flows::complete_create_account(tx, &request, &account, now_ms, limit))
            .await
    }

    async fn insert_handshake(
        &self,
        handshake: &HandshakeRecord,
        limit: usize,
    ) -> Result<InviteOutcome, StoreError> {
        let handshake = handshake.clone();
        self.write(move |tx| flows::insert_handshake(tx, &handshake, limit))
            .await
    }

    async fn handshake(&self, id: &str) -> Result<Option<HandshakeRecord>, StoreError> {
        Ok(self.handshakes_where("id = ?1", params![id])?.pop())
    }

    async fn org_handshakes(&self, org_id: &str) -> Result<Vec<HandshakeRecord>, StoreError> {
        self.handshakes_where("org_id = ?1", params![org_id])
    }

    async fn received_handshakes(
        &self,
        account: &AccountId,
        email: Option<&str>,
    ) -> Result<Vec<HandshakeRecord>, StoreError> {
        self.handshakes_where(
            "(target_type = 'ACCOUNT' AND target_id = ?1)
             OR (target_type = 'EMAIL' AND target_id = ?2)",
            params![account.as_str(), email],
        )
    }

    async fn set_handshake_state(&self, id: &str, state: &str) -> Result<(), StoreError> {
        let (id, state) = (id.to_owned(), state.to_owned());
        self.write(move |tx| {
            exec(
                tx,
                "UPDATE org_handshakes SET state = ?2 WHERE id = ?1",
                params![id, state],
            )
            .map(drop)
        })
        .await
    }

    async fn accept_invite(
        &self,
        handshake: &HandshakeRecord,
        defaults: &AccountRecord,
        now_ms: i64,
        limit: usize,
    ) -> Result<AcceptOutcome, StoreError> {
        let (handshake, defaults) = (handshake.clone(), defaults.clone());
        self.write(move |tx| flows::accept_invite(tx, &handshake, &defaults, now_ms, limit))
            .await
    }

    async fn set_service_access(
        &self,
        org_id: &str,
        principal: &str,
        enabled_ms: Option<i64>,
    ) -> Result<bool, StoreError> {
        let (org_id, principal) = (org_id.to_owned(), principal.to_owned());
        self.write(move |tx| {
            let n = match enabled_ms {
                Some(ms) => exec(
                    tx,
                    "INSERT OR IGNORE INTO org_service_access (org_id, principal, enabled_ms)
                     VALUES (?1, ?2, ?3)",
                    params![org_id, principal, ms],
                )?,
                None => exec(
                    tx,
                    "DELETE FROM org_service_access WHERE org_id = ?1 AND principal = ?2",
                    params![org_id, principal],
                )?,
            };
            Ok(n > 0)
        })
        .await
    }

    async fn service_access(&self, org_id: &str) -> Result<Vec<ServiceAccessRecord>, StoreError> {
        self.read(|conn| {
            conn.prepare_cached(
            "SELECT principal, enabled_ms FROM org_service_access WHERE org_id = ?1 ORDER BY seq",
        )
        .map_err(backend)?
        .query_map(params![org_id], |r| {
            Ok(ServiceAccessRecord {
                principal: r.get(0)?,
                enabled_ms: r.get(1)?,
            })
        })
        .map_err(backend)?
        .collect::<rusqlite::Result<_>>()
        .map_err(backend)
        })
    }

    async fn register_delegated_admin(
        &self,
        org_id: &str,
        admin: &DelegatedAdminRecord,
        cap: usize,
    ) -> Result<RegisterOutcome, StoreError> {
        let (org_id, admin) = (org_id.to_owned(), admin.clone());
        self.write(move |tx| flows::register_delegated_admin(tx, &org_id, &admin, cap))
            .await
    }

    async fn deregister_delegated_admin(
        &self,
        org_id: &str,
        account: &AccountId,
        principal: &str,
    ) -> Result<bool, StoreError> {
        let (org_id, account, principal) =
            (org_id.to_owned(), account.clone(), principal.to_owned());
        self.write(move |tx| {
            let n = exec(
                tx,
                "DELETE FROM org_delegated_admins WHERE org_id = ?1 AND account = ?2
                 AND principal = ?3",
                params![org_id, account.as_str(), principal],
            )?;
            Ok(n > 0)
        })
        .await
    }

    async fn delegated_admins(
        &self,
        org_id: &str,
    ) -> Result<Vec<DelegatedAdminRecord>, StoreError> {
        self.read(|conn| {
            conn.prepare_cached(
                "SELECT account, principal, enabled_ms FROM org_delegated_admins WHERE org_id = ?1
             ORDER BY seq",
            )
            .map_err(backend)?
            .query_map(params![org_id], |r| {
                Ok(DelegatedAdminRecord {
                    account: account(&r.get::<_, String>(0)?)?,
                    principal: r.get(1)?,
                    enabled_ms: r.get(2)?,
                })
            })
            .map_err(backend)?
            .collect::<rusqlite::Result<_>>()
            .map_err(backend)
        })
    }

    async fn tags(&self, resource_id: &str) -> Result<Vec<(String, String)>, StoreError> {
        self.read(|conn| {
            conn.prepare_cached(
                "SELECT key, value FROM org_tags WHERE resource_id = ?1 ORDER BY seq",
            )
            .map_err(backend)?
            .query_map(params![resource_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(backend)?
            .collect::<rusqlite::Result<_>>()
            .map_err(backend)
        })
    }

    async fn put_tags(
        &self,
        resource_id: &str,
        tags: &[(String, String)],
        max: usize,
    ) -> Result<bool, StoreError> {
        let (resource_id, tags) = (resource_id.to_owned(), tags.to_vec());
        self.write(move |tx| rows::put_tags(tx, &resource_id, &tags, max))
            .await
    }

    async fn remove_tags(&self, resource_id: &str, keys: &[String]) -> Result<(), StoreError> {
        let (resource_id, keys) = (resource_id.to_owned(), keys.to_vec());
        self.write(move |tx| {
            for key in keys {
                tx.prepare_cached("DELETE FROM org_tags WHERE resource_id = ?1 AND key = ?2")
                    .map_err(backend)?
                    .execute(params![resource_id, key])
                    .map_err(backend)?;
            }
            Ok(())
        })
        .await
    }

    async fn bootstrap(
        &self,
        plan: &BootstrapPlan,
        now_ms: i64,
        progress: &(dyn Fn(u64) + Send + Sync),
    ) -> Result<Result<BootstrapReport, String>, StoreError> {
        bootstrap::bootstrap(self, plan, now_ms, progress).await
    }
}
