//! What every Organizations operation shares: who the caller is (organizations-behavior.md
//! §2.1–2.3), the error texts of §3.1, ARNs (§1.2), id generation (§1.1), paging (§3.4) and
//! the conversion of records into wire shapes (§4).

use sclocal_api::organizations::{
    Account, AccountJoinedMethod, AccountState, AccountStatus, ConstraintViolationExceptionReason,
    InvalidInputExceptionReason, ModeledError, Organization, OrganizationFeatureSet,
    OrganizationalUnit, PolicyType, PolicyTypeStatus, PolicyTypeSummary, Tag,
};
use sclocal_api::primitives::Timestamp;
use sclocal_api::{RequestContext, ServiceError};

use crate::clock::alnum_chars;
use crate::ids::{AccountId, Scope};
use crate::page;
use crate::store::{AccountRecord, OrgRecord, OuRecord};
use crate::Emulator;

/// §2.2 "Denied".
pub(super) const DENIED: &str = "You don't have permissions to access this resource.";
/// §2.2 "NotInUse".
pub(super) const NOT_IN_USE: &str = "Your account is not a member of an organization.";
/// §3.1.
pub(super) const ACCOUNT_NOT_FOUND: &str = "You specified an account that doesn't exist.";
/// §3.1 (sic: AWS's text lacks the article).
pub(super) const PARENT_NOT_FOUND: &str = "You specified parent that doesn't exist.";
/// §3.1.
pub(super) const OU_NOT_FOUND: &str = "You specified an organizational unit that doesn't exist.";
/// Tags per account, OU or root (§8).
pub(super) const MAX_TAGS: usize = 50;
/// Default and largest page (§3.4: MaxResults 1..20, default inferred 20).
const PAGE_SIZE: usize = 20;

/// The caller and its organization.
pub(super) struct Caller {
    /// Account, region, partition.
    pub scope: Scope,
    /// The caller's organization.
    pub org: OrgRecord,
}

impl Caller {
    /// Whether the caller is the management account.
    pub fn is_management(&self) -> bool {
        self.org.management_account == self.scope.account
    }

    /// §2.2: only the management account changes the organization.
    pub fn require_management(&self) -> Result<(), ServiceError> {
        if self.is_management() {
            Ok(())
        } else {
            Err(denied())
        }
    }
}

/// The caller's organization, or AWSOrganizationsNotInUseException (§2.3 step 2).
pub(super) async fn caller(em: &Emulator, cx: &RequestContext) -> Result<Caller, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let org = em
        .store
        .organization_of(&scope.account)
        .await?
        .ok_or_else(|| ModeledError::AWSOrganizationsNotInUseException.msg(NOT_IN_USE))?;
    Ok(Caller { scope, org })
}

/// A caller allowed to change the organization (§2.2: M only).
pub(super) async fn manager(em: &Emulator, cx: &RequestContext) -> Result<Caller, ServiceError> {
    let c = caller(em, cx).await?;
    c.require_management()?;
    Ok(c)
}

/// A caller allowed to read the organization: M, or a delegated administrator for any
/// service ("grants read-only access to Organizations service data", §2.1).
pub(super) async fn reader(em: &Emulator, cx: &RequestContext) -> Result<Caller, ServiceError> {
    let c = caller(em, cx).await?;
    if c.is_management()
        || em
            .store
            .delegated_admins(&c.org.id)
            .await?
            .iter()
            .any(|d| d.account == c.scope.account)
    {
        Ok(c)
    } else {
        Err(denied())
    }
}

/// AccessDeniedException with AWS's text.
pub(super) fn denied() -> ServiceError {
    ModeledError::AccessDeniedException.msg(DENIED)
}

/// ConstraintViolationException with a reason.
pub(super) fn constraint(r: ConstraintViolationExceptionReason, msg: &str) -> ServiceError {
    ModeledError::ConstraintViolationException.with_reason(r.as_str(), msg)
}

/// InvalidInputException with a reason.
pub(super) fn invalid(r: InvalidInputExceptionReason, msg: &str) -> ServiceError {
    ModeledError::InvalidInputException.with_reason(r.as_str(), msg)
}

/// A model-valid account id as the domain type.
pub(super) fn account_id(s: &str) -> Result<AccountId, ServiceError> {
    AccountId::parse(s).ok_or_else(|| {
        invalid(
            InvalidInputExceptionReason::INVALID_PATTERN,
            "You provided a value that does not match the required pattern.",
        )
    })
}

/// `n` id characters from `[a-z0-9]`.
pub(super) fn id_chars(em: &Emulator, n: usize) -> String {
    alnum_chars(em.ids.as_ref(), n)
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
        org_id: None,
        parent_id: None,
        path: None,
        joined_method: None,
        joined_ms: None,
        state: "ACTIVE".into(),
    }
}

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
        id: Some(org.id.clone()),
        arn: Some(format!(
            "arn:{}:organizations::{}:organization/{}",
            org.partition, org.management_account, org.id
        )),
        feature_set: OrganizationFeatureSet::from_wire(&org.feature_set),
        master_account_arn: Some(arn(org, "account", org.management_account.as_str())),
        master_account_id: Some(org.management_account.to_string()),
        master_account_email: Some(mgmt_email),
        available_policy_types: Some(scp_enabled()),
    }
}

/// `[{SERVICE_CONTROL_POLICY, ENABLED}]`: an ALL-features org has SCPs on (§4).
pub(super) fn scp_enabled() -> Vec<PolicyTypeSummary> {
    vec![PolicyTypeSummary {
        r#type: Some(PolicyType::SERVICE_CONTROL_POLICY),
        status: Some(PolicyTypeStatus::ENABLED),
    }]
}

/// The Account shape (§4), with `Paths` (§1.3).
pub(super) fn account(org: &OrgRecord, a: &AccountRecord) -> Account {
    let (status, state) = match a.state.as_str() {
        "SUSPENDED" => (AccountStatus::SUSPENDED, AccountState::CLOSED),
        "PENDING_CLOSURE" => (
            AccountStatus::PENDING_CLOSURE,
            AccountState::PENDING_CLOSURE,
        ),
        _ => (AccountStatus::ACTIVE, AccountState::ACTIVE),
    };
    Account {
        id: Some(a.id.to_string()),
        arn: Some(arn(org, "account", a.id.as_str())),
        email: Some(a.email.clone()),
        name: Some(a.name.clone()),
        status: Some(status),
        state: Some(state),
        paths: Some(vec![format!(
            "{}/{}/{}{}/",
            org.id,
            org.root_id,
            a.path.as_deref().unwrap_or_default(),
            a.id
        )]),
        joined_method: a
            .joined_method
            .as_deref()
            .and_then(AccountJoinedMethod::from_wire),
        joined_timestamp: a.joined_ms.map(Timestamp::from_millis),
    }
}

/// The OrganizationalUnit shape (§4), with `Path` (§1.3).
pub(super) fn ou(org: &OrgRecord, o: &OuRecord) -> OrganizationalUnit {
    OrganizationalUnit {
        id: Some(o.id.clone()),
        arn: Some(arn(org, "ou", &o.id)),
        name: Some(o.name.clone()),
        path: Some(format!("{}/{}/{}", org.id, org.root_id, o.path)),
    }
}

/// Wire tags to pairs.
pub(super) fn tag_pairs(tags: Option<Vec<Tag>>) -> Vec<(String, String)> {
    tags.unwrap_or_default()
        .into_iter()
        .map(|t| (t.key, t.value))
        .collect()
}

/// Page size from MaxResults (the model bounds it to 1..20).
pub(super) fn page_size(max: Option<i32>) -> usize {
    max.and_then(|m| usize::try_from(m).ok())
        .filter(|m| *m > 0)
        .map_or(PAGE_SIZE, |m| m.min(PAGE_SIZE))
}

/// The cursor of a NextToken for the list `kind` (which names the filters too, §3.4).
pub(super) fn cursor(kind: &str, token: Option<&str>) -> Result<i64, ServiceError> {
    match token {
        None | Some("") => Ok(0),
        Some(t) => page::decode(kind, t).ok_or_else(|| {
            invalid(
                InvalidInputExceptionReason::INVALID_NEXT_TOKEN,
                "The specified token is invalid. Get the value for the NextToken parameter \
                 from the response to a previous call of the operation.",
            )
        }),
    }
}

/// Pages an in-memory list: the cursor is an offset. Lists paged this way are small
/// (OUs ≤ 2000, handshakes, delegated administrators); accounts page in the store.
pub(super) fn paged<T>(
    items: Vec<T>,
    kind: &str,
    token: Option<&str>,
    max: Option<i32>,
) -> Result<(Vec<T>, Option<String>), ServiceError> {
    let start = usize::try_from(cursor(kind, token)?).unwrap_or(0);
    let size = page_size(max);
    let total = items.len();
    let page: Vec<T> = items.into_iter().skip(start).take(size).collect();
    let end = start + page.len();
    let next = (end < total).then(|| page::encode(kind, i64::try_from(end).unwrap_or(0)));
    Ok((page, next))
}
