//! Organizations as the console shows them: the list of organizations, one organization's
//! facts (management account, trusted access for Service Catalog, delegated
//! administrators, sizes), and one node of its tree (the root or an OU) with its child OUs
//! and accounts, a page at a time, so an organization of 100,000 accounts stays fast.

use sclocal_api::ServiceError;

use crate::ids::{OrgId, ParentId};
use crate::store::{
    AccountRecord, Cursor, DelegatedAdminRecord, OrgRecord, OuRecord, Page, ReadTx,
    SERVICE_CATALOG_PRINCIPAL,
};
use crate::Emulator;

/// An organization and its facts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgSummary {
    /// The organization.
    pub org: OrgRecord,
    /// Members, the management account included.
    pub members: usize,
    /// Organizational units.
    pub ous: usize,
    /// Trusted access for Service Catalog (`servicecatalog.amazonaws.com`) is on.
    pub catalog_access: bool,
    /// Delegated administrators, every service.
    pub delegated_admins: Vec<DelegatedAdminRecord>,
}

fn summary(tx: &dyn ReadTx, org: OrgRecord) -> Result<OrgSummary, ServiceError> {
    Ok(OrgSummary {
        members: tx.member_count(&org.id)?,
        ous: tx.ou_count(&org.id)?,
        catalog_access: tx.service_access_enabled(&org.id, SERVICE_CATALOG_PRINCIPAL)?,
        delegated_admins: tx.delegated_admins(&org.id)?,
        org,
    })
}

/// A page of organizations, in creation order.
pub async fn organizations(
    em: &Emulator,
    after: Option<Cursor>,
    limit: usize,
) -> Result<Page<OrgSummary>, ServiceError> {
    em.store
        .read(move |tx| {
            let page = tx.organizations(after, limit)?;
            let items = page
                .items
                .into_iter()
                .map(|o| summary(tx, o))
                .collect::<Result<_, _>>()?;
            Ok(Page {
                items,
                next: page.next,
            })
        })
        .await
}

/// One organization's facts.
pub async fn organization(em: &Emulator, id: OrgId) -> Result<Option<OrgSummary>, ServiceError> {
    em.store
        .read(move |tx| tx.organization(&id)?.map(|o| summary(tx, o)).transpose())
        .await
}

/// One node of an organization's tree and a page of what sits directly under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeView {
    /// The organization.
    pub org: OrgRecord,
    /// The node: the root or an OU.
    pub node: ParentId,
    /// The OU, when the node is one.
    pub ou: Option<OuRecord>,
    /// The OUs from the root's child down to the node's parent.
    pub trail: Vec<OuRecord>,
    /// Child OUs on this page (an organization holds at most 2,000 OUs).
    pub child_ous: Vec<OuRecord>,
    /// How many child OUs there are.
    pub child_ou_total: usize,
    /// Where the next page of child OUs starts.
    pub next_ou_offset: Option<usize>,
    /// A page of the accounts directly under the node, in join order.
    pub accounts: Page<AccountRecord>,
    /// How many accounts sit directly under the node.
    pub account_total: usize,
}

/// The node `id` (a root or OU id), its child OUs from `ou_offset` and its accounts after
/// `accounts_after`, `limit` of each; `None` when no organization has it.
pub async fn node(
    em: &Emulator,
    id: ParentId,
    ou_offset: usize,
    accounts_after: Option<Cursor>,
    limit: usize,
) -> Result<Option<NodeView>, ServiceError> {
    em.store
        .read(move |tx| {
            let (org, ou) = match &id {
                ParentId::Ou(o) => match tx.ou(o)? {
                    Some(rec) => (tx.organization(&rec.org_id)?, Some(rec)),
                    None => return Ok(None),
                },
                ParentId::Root(r) => (root_organization(tx, r)?, None),
            };
            let Some(org) = org else {
                return Ok(None);
            };
            let mut trail = Vec::new();
            if let Some(rec) = &ou {
                for step in rec.path.split('/').filter(|s| !s.is_empty()) {
                    let above = crate::ids::OuId::parse(step)
                        .map(|o| tx.ou(&o))
                        .transpose()?;
                    if let Some(Some(above)) = above {
                        if above.id != rec.id {
                            trail.push(above);
                        }
                    }
                }
            }
            let all_ous = tx.child_ous(&id)?;
            let child_ou_total = all_ous.len();
            let end = ou_offset.saturating_add(limit).min(child_ou_total);
            let child_ous = all_ous
                .into_iter()
                .skip(ou_offset)
                .take(end.saturating_sub(ou_offset))
                .collect();
            Ok(Some(NodeView {
                accounts: tx.accounts_of(&org.id, Some(&id), accounts_after, limit)?,
                account_total: tx.child_account_count(&id)?,
                next_ou_offset: (end < child_ou_total).then_some(end),
                child_ous,
                child_ou_total,
                trail,
                ou,
                node: id,
                org,
            }))
        })
        .await
}

/// The organization whose root is `root`: roots are found through the organizations' list
/// (there are few organizations; roots have no table of their own).
fn root_organization(
    tx: &dyn ReadTx,
    root: &crate::ids::RootId,
) -> Result<Option<OrgRecord>, ServiceError> {
    let mut after = None;
    loop {
        let page = tx.organizations(after, 500)?;
        if let Some(o) = page.items.into_iter().find(|o| o.root_id == *root) {
            return Ok(Some(o));
        }
        match page.next {
            Some(next) => after = Some(next),
            None => return Ok(None),
        }
    }
}
