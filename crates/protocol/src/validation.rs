//! How each service's front end reports invalid input (validation runs before behaviour,
//! OBS-ORDER in organizations-behavior.md):
//! - Service Catalog: `ValidationException`, `N validation error(s) detected: …`;
//! - STS: `ValidationError` with the same wording;
//! - Organizations: `InvalidInputException` with a `Reason` and a fixed sentence per reason
//!   (organizations-behavior.md §3.2).

use sclocal_api::organizations::{self, InvalidInputExceptionReason as Reason};
use sclocal_api::validate::{coral_message, Constraint, Violation};
use sclocal_api::{servicecatalog, sts, ServiceError};

use crate::route::Service;

/// The error `service` answers for these violations (never empty).
pub fn invalid_input(service: Service, violations: &[Violation]) -> ServiceError {
    match service {
        Service::ServiceCatalog => {
            servicecatalog::ModeledError::ValidationException.msg(coral_message(violations))
        }
        Service::Sts => sts::ModeledError::ValidationError.msg(coral_message(violations)),
        Service::Organizations => {
            let (reason, message) = violations.first().map_or(
                (
                    Reason::INVALID_PATTERN,
                    "You provided a value that does not match the required pattern.",
                ),
                organizations_reason,
            );
            organizations::ModeledError::InvalidInputException.with_reason(reason.as_str(), message)
        }
    }
}

fn organizations_reason(v: &Violation) -> (Reason, &'static str) {
    match v.constraint {
        Constraint::Required => (
            Reason::INPUT_REQUIRED,
            "You must include a value for all required parameters.",
        ),
        Constraint::Pattern(_) => (
            Reason::INVALID_PATTERN,
            "You provided a value that does not match the required pattern.",
        ),
        Constraint::MaxLength(_) => (
            Reason::MAX_LENGTH_EXCEEDED,
            "You provided a string parameter that is longer than allowed.",
        ),
        Constraint::MinLength(_) => (
            Reason::MIN_LENGTH_EXCEEDED,
            "You provided a string parameter that is shorter than allowed.",
        ),
        Constraint::MaxValue(_) => (
            Reason::MAX_VALUE_EXCEEDED,
            "You provided a numeric parameter that has a larger value than allowed.",
        ),
        Constraint::MinValue(_) => (
            Reason::MIN_VALUE_EXCEEDED,
            "You provided a numeric parameter that has a smaller value than allowed.",
        ),
        Constraint::Enum(_) => (Reason::INVALID_ENUM, "You specified an invalid value."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organizations_reports_a_reason() {
        let v = Violation {
            path: "accountId".into(),
            value: Some("123".into()),
            constraint: Constraint::Pattern("^\\d{12}$"),
        };
        let ServiceError::Modeled {
            def,
            message,
            reason,
        } = invalid_input(Service::Organizations, &[v])
        else {
            panic!()
        };
        assert_eq!(def.name, "InvalidInputException");
        assert_eq!(reason.as_deref(), Some("INVALID_PATTERN"));
        assert_eq!(
            message,
            "You provided a value that does not match the required pattern."
        );
    }
}
