//! `OrganizationReads` on the Organizations tables.

use sclocal_core::ids::{AccountId, CreateAccountRequestId, HandshakeId, OrgId, OuId, ParentId};
use sclocal_core::store::{
    AccountRecord, CreateAccountRecord, Cursor, DelegatedAdminRecord, HandshakeRecord, Membership,
    OrgRecord, OrganizationReads, OuRecord, Page, ServiceAccessRecord, StoreError,
};
use sclocal_core::tags::Tags;

use super::super::{after, fetch_limit, page, Tx};
use super::{access, requests, tree, ORG_COLUMNS};
use crate::args;

impl OrganizationReads for Tx<'_> {
    fn membership(&self, account: &AccountId) -> Result<Option<Membership>, StoreError> {
        self.membership_of(account)
    }

    fn organization(&self, id: &OrgId) -> Result<Option<OrgRecord>, StoreError> {
        self.organization_by("WHERE o.id = ?1", id.as_str())
    }

    fn organizations(
        &self,
        cursor: Option<Cursor>,
        limit: usize,
    ) -> Result<Page<OrgRecord>, StoreError> {
        let rows = self.conn.all(
            &format!(
                "SELECT {ORG_COLUMNS}, o.seq FROM org_organizations o WHERE o.seq > ?1
                 ORDER BY o.seq LIMIT ?2"
            ),
            args![after(cursor), fetch_limit(limit)],
            |r| Ok((r.int(6)?, super::org_row(r)?)),
        )?;
        Ok(page(rows, limit))
    }

    fn organization_of(&self, account: &AccountId) -> Result<Option<OrgRecord>, StoreError> {
        self.conn.first(
            &format!(
                "SELECT {ORG_COLUMNS} FROM org_accounts a
                 JOIN org_organizations o ON o.id = a.org_id WHERE a.id = ?1"
            ),
            args![account.as_str()],
            super::org_row,
        )
    }

    fn account(&self, id: &AccountId) -> Result<Option<AccountRecord>, StoreError> {
        self.account_by_id(id)
    }

    fn email_exists(&self, email: &str) -> Result<bool, StoreError> {
        self.conn
            .exists("SELECT 1 FROM org_accounts WHERE email = ?1", args![email])
    }

    fn member_count(&self, org: &OrgId) -> Result<usize, StoreError> {
        self.conn.count(
            "SELECT COUNT(*) FROM org_accounts WHERE org_id = ?1",
            args![org.as_str()],
        )
    }

    fn accounts_of(
        &self,
        org: &OrgId,
        parent: Option<&ParentId>,
        after: Option<Cursor>,
        limit: usize,
    ) -> Result<Page<AccountRecord>, StoreError> {
        self.accounts_page(org, parent, after, limit)
    }

    fn accounts_under(&self, org: &OrgId, ou: Option<&OuId>) -> Result<Vec<AccountId>, StoreError> {
        self.account_ids_under(org, ou)
    }

    fn ou(&self, id: &OuId) -> Result<Option<OuRecord>, StoreError> {
        tree::ou(self, id)
    }

    fn ou_named(&self, parent: &ParentId, name: &str) -> Result<Option<OuRecord>, StoreError> {
        tree::ou_named(self, parent, name)
    }

    fn ou_count(&self, org: &OrgId) -> Result<usize, StoreError> {
        self.conn.count(
            "SELECT COUNT(*) FROM org_units WHERE org_id = ?1",
            args![org.as_str()],
        )
    }

    fn child_ous(&self, parent: &ParentId) -> Result<Vec<OuRecord>, StoreError> {
        tree::child_ous(self, parent)
    }

    fn child_account_count(&self, parent: &ParentId) -> Result<usize, StoreError> {
        self.conn.count(
            "SELECT COUNT(*) FROM org_accounts WHERE parent_id = ?1",
            args![parent.as_str()],
        )
    }

    fn has_children(&self, parent: &ParentId) -> Result<bool, StoreError> {
        Ok(self.conn.exists(
            "SELECT 1 FROM org_accounts WHERE parent_id = ?1",
            args![parent.as_str()],
        )? || self.conn.exists(
            "SELECT 1 FROM org_units WHERE parent_id = ?1",
            args![parent.as_str()],
        )?)
    }

    fn create_account_request(
        &self,
        id: &CreateAccountRequestId,
    ) -> Result<Option<CreateAccountRecord>, StoreError> {
        Ok(requests::create_account_requests(self, "id = ?1", id.as_str())?.pop())
    }

    fn create_account_requests(&self, org: &OrgId) -> Result<Vec<CreateAccountRecord>, StoreError> {
        requests::create_account_requests(self, "org_id = ?1", org.as_str())
    }

    fn recent_create_account_requests(
        &self,
        limit: usize,
    ) -> Result<Vec<CreateAccountRecord>, StoreError> {
        requests::recent_create_account_requests(self, limit)
    }

    fn handshake(&self, id: &HandshakeId) -> Result<Option<HandshakeRecord>, StoreError> {
        Ok(requests::handshakes(self, "id = ?1", args![id.as_str()])?.pop())
    }

    fn org_handshakes(&self, org: &OrgId) -> Result<Vec<HandshakeRecord>, StoreError> {
        requests::handshakes(self, "org_id = ?1", args![org.as_str()])
    }

    fn received_handshakes(
        &self,
        account: &AccountId,
        email: &str,
    ) -> Result<Vec<HandshakeRecord>, StoreError> {
        requests::handshakes(
            self,
            "(target_type = 'ACCOUNT' AND target_id = ?1)
             OR (target_type = 'EMAIL' AND target_id = ?2)",
            args![account.as_str(), email],
        )
    }

    fn service_access_enabled(&self, org: &OrgId, principal: &str) -> Result<bool, StoreError> {
        self.conn.exists(
            "SELECT 1 FROM org_service_access WHERE org_id = ?1 AND principal = ?2",
            args![org.as_str(), principal],
        )
    }

    fn service_access(&self, org: &OrgId) -> Result<Vec<ServiceAccessRecord>, StoreError> {
        access::service_access(self, org)
    }

    fn delegated_admins(&self, org: &OrgId) -> Result<Vec<DelegatedAdminRecord>, StoreError> {
        access::delegated_admins(self, org)
    }

    fn is_delegated_admin(
        &self,
        org: &OrgId,
        account: &AccountId,
        principal: &str,
    ) -> Result<bool, StoreError> {
        self.conn.exists(
            "SELECT 1 FROM org_delegated_admins WHERE org_id = ?1 AND account = ?2
             AND principal = ?3",
            args![org.as_str(), account.as_str(), principal],
        )
    }

    fn org_tags(&self, resource: &str) -> Result<Tags, StoreError> {
        self.conn.all(
            "SELECT key, value FROM org_tags WHERE resource_id = ?1 ORDER BY seq",
            args![resource],
            |r| Ok((r.text(0)?, r.text(1)?)),
        )
    }
}
