//! GetScopedCredentials' rules (governance.md §9): temporary callers only, a policy or a
//! duration (or both), at most three scoped policies on a session, and no longer than the
//! calling session has left. Codes as the spec gives them; messages inferred.

use sclocal_api::sts::ModeledError;
use sclocal_api::ServiceError;

use super::caller::Caller;

/// Scoped policies a session may accumulate; a fourth is refused.
pub const MAX_SCOPED_POLICIES: u32 = 3;

/// What the new credentials get.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScopedPlan {
    /// Their lifetime in seconds.
    pub duration_secs: i64,
    /// `ScopedPoliciesCount` of the new session.
    pub scoped_policies_count: u32,
}

/// The request of `caller` with/without a `Policy` and with `requested` DurationSeconds, on a
/// session that expires at `session_expires_millis` and already carries `policies_so_far`
/// scoped policies. Without a duration the credentials last as long as the session (inferred).
pub fn plan_scoped_credentials(
    caller: &Caller,
    has_policy: bool,
    requested: Option<i32>,
    now_millis: i64,
    session_expires_millis: i64,
    policies_so_far: u32,
) -> Result<ScopedPlan, ServiceError> {
    if !caller.temporary {
        return Err(ModeledError::InvalidSubjectCredentialsException
            .msg("GetScopedCredentials can only be called with temporary security credentials."));
    }
    if !has_policy && requested.is_none() {
        return Err(ModeledError::ValidationError
            .msg("At least one of Policy and DurationSeconds must be specified."));
    }
    let scoped_policies_count = policies_so_far + u32::from(has_policy);
    if scoped_policies_count > MAX_SCOPED_POLICIES {
        return Err(ModeledError::AccessDenied.msg(format!(
            "A session can carry at most {MAX_SCOPED_POLICIES} scoped policies."
        )));
    }
    let remaining = (session_expires_millis - now_millis).div_euclid(1000);
    let duration_secs = requested.map_or(remaining, i64::from);
    if duration_secs > remaining || remaining <= 0 {
        return Err(ModeledError::InsufficientSessionLifetimeException.msg(
            "The requested DurationSeconds exceeds the remaining lifetime of the calling session.",
        ));
    }
    Ok(ScopedPlan {
        duration_secs,
        scoped_policies_count,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sts::caller::CallerKind;

    const SESSION: Caller = Caller {
        kind: CallerKind::RoleSession,
        temporary: true,
    };

    #[test]
    fn plans_within_the_session() {
        let p = plan_scoped_credentials(&SESSION, true, Some(600), 0, 3_600_000, 0).unwrap();
        assert_eq!(
            p,
            ScopedPlan {
                duration_secs: 600,
                scoped_policies_count: 1
            }
        );
        let q = plan_scoped_credentials(&SESSION, false, Some(600), 0, 3_600_000, 2).unwrap();
        assert_eq!(q.scoped_policies_count, 2);
        let r = plan_scoped_credentials(&SESSION, true, None, 1_000_000, 3_600_000, 2).unwrap();
        assert_eq!(
            r,
            ScopedPlan {
                duration_secs: 2600,
                scoped_policies_count: 3
            }
        );
    }

    #[test]
    fn refusals() {
        let code = |r: Result<ScopedPlan, ServiceError>| r.unwrap_err().code();
        let long_term = Caller {
            kind: CallerKind::User,
            temporary: false,
        };
        assert_eq!(
            code(plan_scoped_credentials(&long_term, true, None, 0, 1, 0)),
            Some("InvalidSubjectCredentialsException")
        );
        assert_eq!(
            code(plan_scoped_credentials(
                &SESSION, false, None, 0, 3_600_000, 0
            )),
            Some("ValidationError")
        );
        assert_eq!(
            code(plan_scoped_credentials(
                &SESSION,
                true,
                Some(60),
                0,
                3_600_000,
                3
            )),
            Some("AccessDenied")
        );
        assert_eq!(
            code(plan_scoped_credentials(
                &SESSION,
                false,
                Some(3601),
                0,
                3_600_000,
                0
            )),
            Some("InsufficientSessionLifetimeException")
        );
        assert_eq!(
            code(plan_scoped_credentials(
                &SESSION, true, None, 3_600_000, 3_600_000, 0
            )),
            Some("InsufficientSessionLifetimeException")
        );
    }
}
