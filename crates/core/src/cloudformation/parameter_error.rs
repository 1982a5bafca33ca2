//! Why given parameter values do not fit a template, in CloudFormation's words (spec
//! provisioning §7, §13). These texts go into a failed record's RecordErrors and the product's
//! StatusMessage.

use std::fmt;

/// Why the given parameters do not fit the template. `Display` is CloudFormation's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParameterError {
    /// Keys the template does not declare.
    Unknown(Vec<String>),
    /// Parameters with neither a value nor a Default.
    Missing(Vec<String>),
    /// `UsePreviousValue` for a key that had no previous value.
    NoPreviousValue(String),
    /// Not one of AllowedValues.
    NotAllowed(String),
    /// AllowedPattern does not match the whole value.
    Pattern {
        /// The parameter.
        key: String,
        /// The pattern.
        pattern: String,
    },
    /// Shorter than MinLength.
    TooShort {
        /// The parameter.
        key: String,
        /// MinLength.
        min: u64,
    },
    /// Longer than MaxLength.
    TooLong {
        /// The parameter.
        key: String,
        /// MaxLength.
        max: u64,
    },
    /// A Number (or List<Number> member) that is no number.
    NotANumber(String),
    /// Below MinValue (as the template wrote it).
    TooSmall {
        /// The parameter.
        key: String,
        /// MinValue as written.
        min: String,
    },
    /// Above MaxValue (as the template wrote it).
    TooLarge {
        /// The parameter.
        key: String,
        /// MaxValue as written.
        max: String,
    },
    /// A constraint failed on a parameter with a ConstraintDescription, which replaces the
    /// reason.
    Constraint {
        /// The parameter.
        key: String,
        /// The ConstraintDescription.
        description: String,
    },
}

impl fmt::Display for ParameterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unknown(keys) => {
                write!(f, "Parameters: [{}] do not exist in the template", keys.join(", "))
            }
            Self::Missing(keys) => write!(f, "Parameters: [{}] must have values", keys.join(", ")),
            Self::NoPreviousValue(_) => f.write_str(
                "Cannot specify usePreviousValue as true for a parameter key not in the previous template",
            ),
            Self::NotAllowed(key) => write!(f, "Parameter '{key}' must be one of AllowedValues"),
            // DEVIATION(spec): the spec quotes the model doc ("Malformed input-Parameter P must
            // match pattern"); CloudFormation's observed ValidationError is this text.
            Self::Pattern { key, pattern } => {
                write!(f, "Parameter '{key}' must match pattern {pattern}")
            }
            Self::TooShort { key, min } => {
                write!(f, "Parameter '{key}' must contain at least {min} characters")
            }
            Self::TooLong { key, max } => {
                write!(f, "Parameter '{key}' must contain at most {max} characters")
            }
            Self::NotANumber(key) => write!(f, "Parameter '{key}' must be a number"),
            Self::TooSmall { key, min } => {
                write!(f, "Parameter '{key}' must be a number not less than {min}")
            }
            Self::TooLarge { key, max } => {
                write!(f, "Parameter '{key}' must be a number not greater than {max}")
            }
            Self::Constraint { key, description } => {
                write!(f, "Parameter '{key}' failed to satisfy constraint: {description}")
            }
        }
    }
}

impl std::error::Error for ParameterError {}
