//! Who is calling Organizations, and what they may do (organizations-behavior.md §2.1–2.3),
//! with the refusals of §3.1 in AWS's words.

use sclocal_api::organizations::{
    ConstraintViolationExceptionReason, InvalidInputExceptionReason, ModeledError,
};
use sclocal_api::ServiceError;

use crate::ids::{AccountId, Scope};
use crate::store::{AccountRecord, OrgRecord, ReadTx};

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
}

/// The caller's organization, or AWSOrganizationsNotInUseException (§2.3 step 2).
pub(super) fn caller(tx: &dyn ReadTx, scope: &Scope) -> Result<Caller, ServiceError> {
    let org = tx
        .organization_of(&scope.account)?
        .ok_or_else(|| ModeledError::AWSOrganizationsNotInUseException.msg(NOT_IN_USE))?;
    Ok(Caller {
        scope: scope.clone(),
        org,
    })
}

/// A caller allowed to change the organization (§2.2: the management account only).
pub(super) fn manager(tx: &dyn ReadTx, scope: &Scope) -> Result<Caller, ServiceError> {
    let c = caller(tx, scope)?;
    if c.is_management() {
        Ok(c)
    } else {
        Err(denied())
    }
}

/// A caller allowed to read the organization: the management account, or a delegated
/// administrator for any service ("grants read-only access to Organizations service data",
/// §2.1).
pub(super) fn reader(tx: &dyn ReadTx, scope: &Scope) -> Result<Caller, ServiceError> {
    let c = caller(tx, scope)?;
    if c.is_management()
        || tx
            .delegated_admins(&c.org.id)?
            .iter()
            .any(|d| d.account == c.scope.account)
    {
        Ok(c)
    } else {
        Err(denied())
    }
}

/// A member of the caller's organization, or AccountNotFoundException.
pub(super) fn member(
    tx: &dyn ReadTx,
    c: &Caller,
    id: &AccountId,
) -> Result<AccountRecord, ServiceError> {
    tx.account(id)?
        .filter(|a| a.placement.as_ref().is_some_and(|p| p.org_id == c.org.id))
        .ok_or_else(|| ModeledError::AccountNotFoundException.msg(ACCOUNT_NOT_FOUND))
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
