//! Organizations records the tests build: an organization, an OU, a member account, and the
//! typed ids they use.

use sclocal_api::organizations::{AccountJoinedMethod, AccountStatus, OrganizationFeatureSet};
use sclocal_core::ids::{OrgId, OuId, ParentId, RootId};
use sclocal_core::store::{AccountRecord, OrgRecord, OuRecord, Placement};

use super::harness::acct;

pub fn org_id(id: &str) -> OrgId {
    OrgId::parse(id).unwrap()
}

pub fn ou_id(id: &str) -> OuId {
    OuId::parse(id).unwrap()
}

pub fn parent(id: &str) -> ParentId {
    ParentId::parse(id).unwrap()
}

pub fn organization(id: &str, management: u64, root: &str) -> OrgRecord {
    OrgRecord {
        id: org_id(id),
        management_account: acct(management),
        root_id: RootId::parse(root).unwrap(),
        feature_set: OrganizationFeatureSet::ALL,
        partition: "aws".into(),
        created_ms: 1_700_000_000_000,
    }
}

/// An OU of `org` under `parent_id`, whose parent's path is `above`.
pub fn ou(id: &str, org: &str, parent_id: &str, above: &str) -> OuRecord {
    OuRecord {
        id: ou_id(id),
        org_id: org_id(org),
        parent_id: parent(parent_id),
        name: format!("name of {id}"),
        path: format!("{above}{id}/"),
    }
}

/// Member `n` of `org`, directly under `parent_id` whose OU path is `path`.
pub fn member(n: u64, org: &str, parent_id: &str, path: &str) -> AccountRecord {
    AccountRecord {
        id: acct(n),
        name: format!("account {n}"),
        email: format!("a{n}@example.com"),
        placement: Some(Placement {
            org_id: org_id(org),
            parent_id: parent(parent_id),
            path: path.into(),
            joined_method: AccountJoinedMethod::CREATED,
            joined_ms: 1_700_000_000_000 + i64::try_from(n % 1000).unwrap(),
        }),
        status: AccountStatus::ACTIVE,
    }
}
