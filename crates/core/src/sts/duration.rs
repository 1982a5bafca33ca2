//! Session lengths per STS operation and caller (governance.md §9; API reference pages of each
//! operation). Ranges are the model's and are enforced by the input validator before an
//! operation runs; what is left here is each operation's default and the caller-specific
//! limits.

use sclocal_api::sts::ModeledError;
use sclocal_api::ServiceError;

use super::caller::CallerKind;

/// The operations that mint a session or token of some length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DurationOperation {
    /// 900..43200, default 3600; role chaining at most 3600.
    AssumeRole,
    /// 900..43200, default 3600.
    AssumeRoleWithWebIdentity,
    /// 900..43200, default 3600.
    AssumeRoleWithSaml,
    /// 900..129600, default 43200; root: default and maximum 3600.
    GetSessionToken,
    /// 900..129600, default 43200; root at most 3600.
    GetFederationToken,
    /// 0..900, default 900.
    AssumeRoot,
    /// 60..3600, default 300.
    GetWebIdentityToken,
}

/// The 1-hour limit of role chaining.
const ROLE_CHAINING_MAX: i64 = 3600;
/// Root sessions of GetSessionToken and GetFederationToken.
const ROOT_MAX: i64 = 3600;

/// The session length in seconds for `operation` when `requested` (DurationSeconds) was or was
/// not given by a caller of kind `caller`.
///
/// * AssumeRole from a role session longer than an hour → `ValidationError` "The requested
///   DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining."
///   (API_AssumeRole.html, "Role chaining limits your … session to a maximum of one hour").
/// * Root sessions of GetSessionToken and GetFederationToken are cut to one hour: "If the
///   duration is longer than one hour, the session for AWS account owners defaults to one hour"
///   (API_GetSessionToken.html, API_GetFederationToken.html).
pub fn session_duration(
    operation: DurationOperation,
    requested: Option<i32>,
    caller: Option<CallerKind>,
) -> Result<i64, ServiceError> {
    let requested = requested.map(i64::from);
    let root = caller == Some(CallerKind::Root);
    Ok(match operation {
        DurationOperation::AssumeRole => {
            let d = requested.unwrap_or(3600);
            if caller == Some(CallerKind::RoleSession) && d > ROLE_CHAINING_MAX {
                return Err(ModeledError::ValidationError.msg(
                    "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.",
                ));
            }
            d
        }
        DurationOperation::AssumeRoleWithWebIdentity | DurationOperation::AssumeRoleWithSaml => {
            requested.unwrap_or(3600)
        }
        DurationOperation::GetSessionToken | DurationOperation::GetFederationToken => {
            let d = requested.unwrap_or(43_200);
            if root {
                d.min(ROOT_MAX)
            } else {
                d
            }
        }
        DurationOperation::AssumeRoot => requested.unwrap_or(900),
        DurationOperation::GetWebIdentityToken => requested.unwrap_or(300),
    })
}

/// GetWebIdentityToken: a token may not outlive the calling session (`session_expires_millis`,
/// `None` for long-term credentials) → `SessionDurationEscalationException` (HTTP 403; inferred
/// message).
pub fn check_no_escalation(
    now_millis: i64,
    duration_secs: i64,
    session_expires_millis: Option<i64>,
) -> Result<(), ServiceError> {
    match session_expires_millis {
        Some(expiry) if now_millis.saturating_add(duration_secs.saturating_mul(1000)) > expiry => {
            Err(ModeledError::SessionDurationEscalationException
                .msg("The requested token duration exceeds the remaining duration of the calling session."))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use DurationOperation as Op;

    #[test]
    fn defaults_per_operation() {
        let user = Some(CallerKind::User);
        assert_eq!(session_duration(Op::AssumeRole, None, user).unwrap(), 3600);
        assert_eq!(
            session_duration(Op::AssumeRoleWithWebIdentity, None, None).unwrap(),
            3600
        );
        assert_eq!(
            session_duration(Op::AssumeRoleWithSaml, Some(43_200), None).unwrap(),
            43_200
        );
        assert_eq!(
            session_duration(Op::GetSessionToken, None, user).unwrap(),
            43_200
        );
        assert_eq!(
            session_duration(Op::GetFederationToken, Some(129_600), user).unwrap(),
            129_600
        );
        assert_eq!(session_duration(Op::AssumeRoot, None, user).unwrap(), 900);
        assert_eq!(session_duration(Op::AssumeRoot, Some(0), user).unwrap(), 0);
        assert_eq!(
            session_duration(Op::GetWebIdentityToken, None, user).unwrap(),
            300
        );
    }

    #[test]
    fn root_sessions_last_one_hour_at_most() {
        let root = Some(CallerKind::Root);
        assert_eq!(
            session_duration(Op::GetSessionToken, None, root).unwrap(),
            3600
        );
        assert_eq!(
            session_duration(Op::GetSessionToken, Some(7200), root).unwrap(),
            3600
        );
        assert_eq!(
            session_duration(Op::GetSessionToken, Some(900), root).unwrap(),
            900
        );
        assert_eq!(
            session_duration(Op::GetFederationToken, None, root).unwrap(),
            3600
        );
        assert_eq!(
            session_duration(Op::AssumeRole, Some(7200), root).unwrap(),
            7200
        );
    }

    #[test]
    fn role_chaining_is_limited_to_one_hour() {
        let session = Some(CallerKind::RoleSession);
        assert_eq!(
            session_duration(Op::AssumeRole, None, session).unwrap(),
            3600
        );
        assert_eq!(
            session_duration(Op::AssumeRole, Some(3600), session).unwrap(),
            3600
        );
        let e = session_duration(Op::AssumeRole, Some(3601), session).unwrap_err();
        assert_eq!(e.code(), Some("ValidationError"));
        assert_eq!(
            e.message(),
            Some("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.")
        );
    }

    #[test]
    fn tokens_cannot_outlive_their_session() {
        assert!(check_no_escalation(0, 300, None).is_ok());
        assert!(check_no_escalation(0, 300, Some(300_000)).is_ok());
        let e = check_no_escalation(0, 301, Some(300_000)).unwrap_err();
        assert_eq!(e.code(), Some("SessionDurationEscalationException"));
    }
}
