//! Why a template cannot be used, with CloudFormation's texts where they are known (spec
//! provisioning §6.2, §25). These are the messages AWS puts in a failed record's
//! `RecordErrors[].Description` or an `InvalidParametersException` at artifact creation.

use std::fmt;

use super::limits::MAX_TEMPLATE_DEPTH;

/// A template that CloudFormation would refuse. `Display` is the message a client sees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateError {
    /// Larger than [`super::limits::MAX_TEMPLATE_BYTES`]. CloudFormation's text for a template read
    /// from S3.
    TooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// Not UTF-8 text. DEVIATION(aws): the text is ours.
    NotUtf8,
    /// JSON that does not parse (1-based line and column).
    Json {
        /// Line of the error.
        line: usize,
        /// Column of the error.
        column: usize,
    },
    /// YAML that does not parse (1-based line and column).
    Yaml {
        /// Line of the error.
        line: usize,
        /// Column of the error.
        column: usize,
    },
    /// A YAML alias (`*name`): CloudFormation does not support aliases ("CloudFormation
    /// template formats": no aliases, no hash merges), and refusing them is also what keeps an
    /// alias bomb from expanding.
    YamlAlias,
    /// A YAML tag CloudFormation does not know (`!Foo`, `!!binary`, `!!set`, …).
    /// DEVIATION(aws): the text is ours.
    UnsupportedTag(String),
    /// Nested deeper than [`MAX_TEMPLATE_DEPTH`]. DEVIATION(aws): CloudFormation's own
    /// limit and text are not public.
    TooDeep,
    /// Well-formed but not a template (the top level is not a mapping).
    UnsupportedStructure,
    /// Any other template format error; the text follows `Template format error: `.
    Format(String),
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooLarge { limit } => write!(f, "Template may not exceed {limit} bytes in size."),
            Self::NotUtf8 => f.write_str("Template format error: the template is not UTF-8 text."),
            Self::Json { line, column } => write!(
                f,
                "Template format error: JSON not well-formed. (line {line}, column {column})"
            ),
            Self::Yaml { line, column } => write!(
                f,
                "Template format error: YAML not well-formed. (line {line}, column {column})"
            ),
            Self::YamlAlias => f.write_str(
                "Template error: YAML aliases are not allowed in CloudFormation templates",
            ),
            Self::UnsupportedTag(tag) => {
                write!(f, "Template format error: unsupported YAML tag {tag}")
            }
            Self::TooDeep => write!(
                f,
                "Template format error: the template nests deeper than {MAX_TEMPLATE_DEPTH} levels."
            ),
            Self::UnsupportedStructure => {
                f.write_str("Template format error: unsupported structure.")
            }
            Self::Format(text) => write!(f, "Template format error: {text}"),
        }
    }
}

impl std::error::Error for TemplateError {}
