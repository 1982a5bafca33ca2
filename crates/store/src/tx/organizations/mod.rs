//! Organizations: organizations and their root, accounts and where they sit. OUs, requests
//! and handshakes, trusted access and tags have files of their own.

use sclocal_api::organizations::{AccountJoinedMethod, AccountStatus, OrganizationFeatureSet};
use sclocal_core::ids::{AccountId, OrgId, OuId, ParentId, RootId};
use sclocal_core::store::{
    AccountRecord, Cursor, Membership, OrgRecord, OrganizationWrites, Page, Placement, StoreError,
};

use super::{account, after, fetch_limit, page, Tx};
use crate::args;
use crate::sql::{corrupt, parsed, parsed_opt, Row};

mod access;
mod reads;
mod requests;
mod tree;

const ORG_COLUMNS: &str = "o.id, o.management_account, o.root_id, o.feature_set, o.partition, \
     o.created_ms";
const ACCOUNT_COLUMNS: &str = "a.seq, a.id, a.name, a.email, a.org_id, a.parent_id, a.path, \
     a.joined_method, a.joined_ms, a.state";

fn org_row(r: &dyn Row) -> Result<OrgRecord, StoreError> {
    Ok(OrgRecord {
        id: parsed(r, 0, OrgId::parse)?,
        management_account: account(r, 1)?,
        root_id: parsed(r, 2, RootId::parse)?,
        feature_set: parsed(r, 3, OrganizationFeatureSet::from_wire)?,
        partition: r.text(4)?,
        created_ms: r.int(5)?,
    })
}

fn account_row(r: &dyn Row) -> Result<(i64, AccountRecord), StoreError> {
    let placement = match parsed_opt(r, 4, OrgId::parse)? {
        None => None,
        Some(org_id) => Some(Placement {
            org_id,
            parent_id: parsed(r, 5, ParentId::parse)?,
            path: r.opt_text(6)?.unwrap_or_default(),
            joined_method: parsed(r, 7, AccountJoinedMethod::from_wire)?,
            joined_ms: r.opt_int(8)?.unwrap_or_default(),
        }),
    };
    Ok((
        r.int(0)?,
        AccountRecord {
            id: account(r, 1)?,
            name: r.text(2)?,
            email: r.text(3)?,
            placement,
            status: parsed(r, 9, AccountStatus::from_wire)?,
        },
    ))
}

/// The OU ids of a stored path ("ou-a/ou-b/").
fn ou_path(path: &str) -> Result<Vec<OuId>, StoreError> {
    path.split('/')
        .filter(|s| !s.is_empty())
        .map(|s| OuId::parse(s).ok_or_else(|| corrupt(0, path)))
        .collect()
}

/// The end of the half-open range of paths that start with `prefix` (which ends in '/'):
/// '0' is the character after '/', so `[prefix, upper)` is exactly the paths below it.
fn path_upper(prefix: &str) -> String {
    let mut upper = prefix.trim_end_matches('/').to_string();
    upper.push('0');
    upper
}

impl Tx<'_> {
    fn membership_of(&self, id: &AccountId) -> Result<Option<Membership>, StoreError> {
        let found = self.conn.first(
            "SELECT o.id, o.management_account, o.root_id, a.path FROM org_accounts a
             JOIN org_organizations o ON o.id = a.org_id WHERE a.id = ?1",
            args![id.as_str()],
            |r| {
                Ok(Membership {
                    org_id: parsed(r, 0, OrgId::parse)?,
                    management_account: account(r, 1)?,
                    root_id: parsed(r, 2, RootId::parse)?,
                    ou_path: ou_path(&r.opt_text(3)?.unwrap_or_default())?,
                })
            },
        )?;
        Ok(found)
    }

    fn organization_by(&self, clause: &str, id: &str) -> Result<Option<OrgRecord>, StoreError> {
        self.conn.first(
            &format!("SELECT {ORG_COLUMNS} FROM org_organizations o {clause}"),
            args![id],
            org_row,
        )
    }

    fn account_by_id(&self, id: &AccountId) -> Result<Option<AccountRecord>, StoreError> {
        Ok(self
            .conn
            .first(
                &format!("SELECT {ACCOUNT_COLUMNS} FROM org_accounts a WHERE a.id = ?1"),
                args![id.as_str()],
                account_row,
            )?
            .map(|(_, a)| a))
    }

    fn accounts_page(
        &self,
        org: &OrgId,
        parent: Option<&ParentId>,
        cursor: Option<Cursor>,
        limit: usize,
    ) -> Result<Page<AccountRecord>, StoreError> {
        let rows = self.conn.all(
            &format!(
                "SELECT {ACCOUNT_COLUMNS} FROM org_accounts a WHERE a.org_id = ?1
                 AND (CAST(?2 AS TEXT) IS NULL OR a.parent_id = ?2) AND a.seq > ?3 ORDER BY a.seq LIMIT ?4"
            ),
            args![
                org.as_str(),
                parent.map(ParentId::as_str),
                after(cursor),
                fetch_limit(limit)
            ],
            account_row,
        )?;
        Ok(page(rows, limit))
    }

    fn account_ids_under(
        &self,
        org: &OrgId,
        ou: Option<&OuId>,
    ) -> Result<Vec<AccountId>, StoreError> {
        let Some(ou) = ou else {
            return self.conn.all(
                "SELECT id FROM org_accounts WHERE org_id = ?1 ORDER BY seq",
                args![org.as_str()],
                |r| account(r, 0),
            );
        };
        let path = self.conn.first(
            "SELECT path FROM org_units WHERE id = ?1 AND org_id = ?2",
            args![ou.as_str(), org.as_str()],
            |r| r.text(0),
        )?;
        let Some(path) = path else {
            return Ok(Vec::new());
        };
        self.conn.all(
            "SELECT id FROM org_accounts WHERE org_id = ?1 AND path >= ?2 AND path < ?3
             ORDER BY seq",
            args![org.as_str(), &path, &path_upper(&path)],
            |r| account(r, 0),
        )
    }
}

impl OrganizationWrites for Tx<'_> {
    fn insert_organization(&self, org: &OrgRecord) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO org_organizations (id, management_account, root_id, feature_set,
             partition, created_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            args![
                org.id.as_str(),
                org.management_account.as_str(),
                org.root_id.as_str(),
                org.feature_set.as_str(),
                &org.partition,
                org.created_ms
            ],
        )?;
        Ok(())
    }

    fn delete_organization(&self, org: &OrgRecord) -> Result<(), StoreError> {
        let id = org.id.as_str();
        self.conn.execute(
            "DELETE FROM org_tags WHERE resource_id = ?2
             OR resource_id IN (SELECT id FROM org_units WHERE org_id = ?1)
             OR resource_id IN (SELECT id FROM org_policies WHERE org_id = ?1)
             OR resource_id IN (SELECT id FROM org_resource_policies WHERE org_id = ?1)",
            args![id, org.root_id.as_str()],
        )?;
        for table in [
            "org_units",
            "org_create_account",
            "org_handshakes",
            "org_service_access",
            "org_delegated_admins",
            "org_policies",
            "org_policy_attachments",
            "org_policy_types",
            "org_resource_policies",
        ] {
            self.conn
                .execute(&format!("DELETE FROM {table} WHERE org_id = ?1"), args![id])?;
        }
        self.conn.execute(
            "UPDATE org_accounts SET org_id = NULL, parent_id = NULL, path = NULL,
             joined_method = NULL, joined_ms = NULL WHERE org_id = ?1",
            args![id],
        )?;
        self.conn
            .execute("DELETE FROM org_organizations WHERE id = ?1", args![id])?;
        Ok(())
    }

    fn set_feature_set(
        &self,
        org: &OrgId,
        feature_set: OrganizationFeatureSet,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE org_organizations SET feature_set = ?2 WHERE id = ?1",
            args![org.as_str(), feature_set.as_str()],
        )?;
        Ok(())
    }

    fn put_account(&self, a: &AccountRecord) -> Result<(), StoreError> {
        let p = a.placement.as_ref();
        self.conn.execute(
            "INSERT INTO org_accounts (id, name, email, org_id, parent_id, path, joined_method,
             joined_ms, state) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email,
             org_id = excluded.org_id, parent_id = excluded.parent_id, path = excluded.path,
             joined_method = excluded.joined_method, joined_ms = excluded.joined_ms,
             state = excluded.state",
            args![
                a.id.as_str(),
                &a.name,
                &a.email,
                p.map(|p| p.org_id.as_str()),
                p.map(|p| p.parent_id.as_str()),
                p.map(|p| p.path.as_str()),
                p.map(|p| p.joined_method.as_str()),
                p.map(|p| p.joined_ms),
                a.status.as_str()
            ],
        )?;
        Ok(())
    }

    fn insert_ou(&self, ou: &sclocal_core::store::OuRecord) -> Result<(), StoreError> {
        tree::insert_ou(self, ou)
    }

    fn rename_ou(&self, id: &OuId, name: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE org_units SET name = ?2 WHERE id = ?1",
            args![id.as_str(), name],
        )?;
        Ok(())
    }

    fn delete_ou(&self, id: &OuId) -> Result<(), StoreError> {
        self.conn.execute(
            "DELETE FROM org_tags WHERE resource_id = ?1",
            args![id.as_str()],
        )?;
        self.conn
            .execute("DELETE FROM org_units WHERE id = ?1", args![id.as_str()])?;
        Ok(())
    }

    fn put_create_account_request(
        &self,
        request: &sclocal_core::store::CreateAccountRecord,
    ) -> Result<(), StoreError> {
        requests::put_create_account_request(self, request)
    }

    fn insert_handshake(
        &self,
        handshake: &sclocal_core::store::HandshakeRecord,
    ) -> Result<(), StoreError> {
        requests::insert_handshake(self, handshake)
    }

    fn set_handshake_state(
        &self,
        id: &sclocal_core::ids::HandshakeId,
        state: sclocal_api::organizations::HandshakeState,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE org_handshakes SET state = ?2 WHERE id = ?1",
            args![id.as_str(), state.as_str()],
        )?;
        Ok(())
    }

    fn set_service_access(
        &self,
        org: &OrgId,
        principal: &str,
        enabled_ms: Option<i64>,
    ) -> Result<bool, StoreError> {
        access::set_service_access(self, org, principal, enabled_ms)
    }

    fn insert_delegated_admin(
        &self,
        org: &OrgId,
        admin: &sclocal_core::store::DelegatedAdminRecord,
    ) -> Result<(), StoreError> {
        access::insert_delegated_admin(self, org, admin)
    }

    fn delete_delegated_admin(
        &self,
        org: &OrgId,
        account: &AccountId,
        principal: &str,
    ) -> Result<bool, StoreError> {
        Ok(self.conn.execute(
            "DELETE FROM org_delegated_admins WHERE org_id = ?1 AND account = ?2
             AND principal = ?3",
            args![org.as_str(), account.as_str(), principal],
        )? > 0)
    }

    fn set_org_tags(&self, resource: &str, tags: &[(String, String)]) -> Result<(), StoreError> {
        access::set_org_tags(self, resource, tags)
    }
}
