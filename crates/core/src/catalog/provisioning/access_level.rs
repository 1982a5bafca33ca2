//! Whose provisioned products, records and plans a caller sees, and how a request names one
//! provisioned product (provisioning.md §11, §12).
//!
//! `AccessLevelFilter {Key: Account|Role|User, Value: "self"}` (the only value): `Account` is
//! everything of the caller's account, `Role` what any session of the caller's role owns,
//! `User` what the calling principal itself owns [inferred semantics, model doc]. Another
//! account's products never show. DEVIATION(aws): sclocal has no IAM, so every principal of an
//! account may read and change the account's provisioned products by id or name.

use sclocal_api::servicecatalog::{AccessLevelFilter, AccessLevelFilterKey, ModeledError};
use sclocal_api::ServiceError;

use crate::catalog::principal_arn::owner_arns;
use crate::ids::{ProvisionedProductId, Scope};
use crate::store::{ProvisionedProductRecord, ReadTx};

/// An access level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Level {
    /// Everything of the account.
    Account,
    /// What the caller's role (any session of it) owns.
    Role,
    /// What the caller owns.
    User,
}

impl Level {
    /// The level a request asks for, `default` without a filter; a value other than `self` is
    /// refused (InvalidParametersException; the text is ours).
    pub(crate) fn of(
        filter: Option<&AccessLevelFilter>,
        default: Level,
    ) -> Result<Level, ServiceError> {
        let Some(filter) = filter else {
            return Ok(default);
        };
        if filter.value.as_deref().is_some_and(|v| v != "self") {
            return Err(ModeledError::InvalidParametersException
                .msg("AccessLevelFilter Value must be self."));
        }
        Ok(match filter.key {
            None => default,
            Some(AccessLevelFilterKey::Account) => Level::Account,
            Some(AccessLevelFilterKey::Role) => Level::Role,
            Some(AccessLevelFilterKey::User) => Level::User,
        })
    }

    /// Whether `caller` at this level sees what `(user_arn, user_arn_session)` owns.
    pub(crate) fn sees(self, caller: &str, user_arn: &str, user_arn_session: &str) -> bool {
        match self {
            Level::Account => true,
            Level::Role => owner_arns(caller).0 == user_arn,
            Level::User => user_arn_session == caller || user_arn == caller,
        }
    }
}

/// The provisioned product a request names by `ProvisionedProductId` or
/// `ProvisionedProductName` (exactly one, else InvalidParametersException), in the caller's
/// account and region; unknown, terminated or another account's: ResourceNotFoundException.
pub(crate) fn named_product(
    tx: &dyn ReadTx,
    scope: &Scope,
    id: Option<&str>,
    name: Option<&str>,
) -> Result<ProvisionedProductRecord, ServiceError> {
    let found = match (id, name) {
        (Some(id), None) => match ProvisionedProductId::parse(id) {
            Some(id) => tx.provisioned_product(&scope.region, &id)?,
            None => None,
        },
        (None, Some(name)) => {
            // The name member also takes the product's ARN (model: ProvisionedProductNameOrArn).
            let name = name
                .rsplit_once(":stack/")
                .map_or(name, |(_, rest)| rest.split('/').next().unwrap_or(rest));
            tx.provisioned_product_named(&scope.account, &scope.region, name)?
        }
        _ => {
            return Err(ModeledError::InvalidParametersException
                .msg("Exactly one of ProvisionedProductId or ProvisionedProductName is required."))
        }
    };
    found
        .filter(|p| p.account == scope.account)
        .ok_or_else(|| not_found(id.or(name).unwrap_or_default()))
}

/// DEVIATION(aws): AWS's text for an unknown provisioned product is not recorded.
pub(crate) fn not_found(id: &str) -> ServiceError {
    ModeledError::ResourceNotFoundException.msg(format!("Provisioned product not found: {id}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_follow_the_owner() {
        let session = "arn:aws:sts::111111111111:assumed-role/Dev/s1";
        let other_session = "arn:aws:sts::111111111111:assumed-role/Dev/s2";
        let role = "arn:aws:iam::111111111111:role/Dev";
        assert!(Level::User.sees(session, role, session));
        assert!(!Level::User.sees(other_session, role, session));
        assert!(Level::Role.sees(other_session, role, session));
        assert!(!Level::Role.sees("arn:aws:iam::111111111111:user/a", role, session));
        assert!(Level::Account.sees("arn:aws:iam::111111111111:root", role, session));
        let bad = AccessLevelFilter {
            key: Some(AccessLevelFilterKey::Account),
            value: Some("other".into()),
        };
        assert!(Level::of(Some(&bad), Level::User).is_err());
        assert_eq!(Level::of(None, Level::User).unwrap(), Level::User);
    }
}
