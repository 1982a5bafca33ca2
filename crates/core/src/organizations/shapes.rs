//! How Organizations records look on the wire (organizations-behavior.md §4): ARNs (§1.2),
//! paths (§1.3), and the Account, OrganizationalUnit and Organization shapes; and the name
//! and email of an account known only by its id.

use sclocal_api::organizations::{
    Account, AccountState, AccountStatus, Organization, OrganizationFeatureSet, OrganizationalUnit,
    PolicyType, PolicyTypeStatus, PolicyTypeSummary,
};
use sclocal_api::primitives::Timestamp;

use crate::ids::AccountId;
use crate::store::{AccountRecord, OrgRecord, OuRecord};

/// `arn:<p>:organizations::<mgmt>:<kind>/<org>/<rest>` (§1.2).
pub(super) fn arn(org: &OrgRecord, kind: &str, rest: &str) -> String {
    format!(
        "arn:{}:organizations::{}:{kind}/{}/{rest}",
        org.partition, org.management_account, org.id
    )
}

/// The Organization shape (§4).
pub(super) fn organization(org: &OrgRecord, mgmt_email: String) -> Organization {
    Organization {
        id: Some(org.id.to_string()),
        arn: Some(format!(
            "arn:{}:organizations::{}:organization/{}",
            org.partition, org.management_account, org.id
        )),
        feature_set: Some(org.feature_set),
        master_account_arn: Some(arn(org, "account", org.management_account.as_str())),
        master_account_id: Some(org.management_account.to_string()),
        master_account_email: Some(mgmt_email),
        available_policy_types: Some(available_policy_types(org.feature_set)),
    }
}

/// `DescribeOrganization.AvailablePolicyTypes` (deprecated; availability, not the root's
/// enablement, governance.md §1.1): `[{SERVICE_CONTROL_POLICY, ENABLED}]` for an ALL-features
/// organization, `[]` for consolidated billing.
pub(super) fn available_policy_types(
    feature_set: OrganizationFeatureSet,
) -> Vec<PolicyTypeSummary> {
    if feature_set == OrganizationFeatureSet::CONSOLIDATED_BILLING {
        return Vec::new();
    }
    vec![PolicyTypeSummary {
        r#type: Some(PolicyType::SERVICE_CONTROL_POLICY),
        status: Some(PolicyTypeStatus::ENABLED),
    }]
}

/// The Account shape (§4), with `Paths` (§1.3).
pub(super) fn account(org: &OrgRecord, a: &AccountRecord) -> Account {
    let state = match a.status {
        AccountStatus::SUSPENDED => AccountState::CLOSED,
        AccountStatus::PENDING_CLOSURE => AccountState::PENDING_CLOSURE,
        AccountStatus::ACTIVE => AccountState::ACTIVE,
    };
    let placement = a.placement.as_ref();
    Account {
        id: Some(a.id.to_string()),
        arn: Some(arn(org, "account", a.id.as_str())),
        email: Some(a.email.clone()),
        name: Some(a.name.clone()),
        status: Some(a.status),
        state: Some(state),
        paths: Some(vec![format!(
            "{}/{}/{}{}/",
            org.id,
            org.root_id,
            placement.map_or("", |p| p.path.as_str()),
            a.id
        )]),
        joined_method: placement.map(|p| p.joined_method),
        joined_timestamp: placement.map(|p| Timestamp::from_millis(p.joined_ms)),
    }
}

/// The OrganizationalUnit shape (§4), with `Path` (§1.3).
pub(super) fn ou(org: &OrgRecord, o: &OuRecord) -> OrganizationalUnit {
    OrganizationalUnit {
        id: Some(o.id.to_string()),
        arn: Some(arn(org, "ou", o.id.as_str())),
        name: Some(o.name.clone()),
        path: Some(format!("{}/{}/{}", org.id, org.root_id, o.path)),
    }
}

/// Generated name of an account known only by its id (README "Deviations": AWS knows the
/// real name; the emulator has none to show).
pub(super) fn default_name(id: &AccountId) -> String {
    format!("account-{id}")
}

/// Generated root email of an account known only by its id.
pub(super) fn default_email(id: &AccountId) -> String {
    format!("account-{id}@example.com")
}

/// A standalone account record with generated name and email.
pub(super) fn default_account(id: &AccountId) -> AccountRecord {
    AccountRecord {
        id: id.clone(),
        name: default_name(id),
        email: default_email(id),
        placement: None,
        status: AccountStatus::ACTIVE,
    }
}
