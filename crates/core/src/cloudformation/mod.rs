//! CloudFormation templates as Service Catalog uses them (spec provisioning §6, §7, §9.5, §10,
//! §16): where a template file is ([`url`]), what it declares ([`template`]), which parameter
//! values a launch ends up with ([`parameters`]), which TEMPLATE-constraint and template rules
//! they break ([`rules`]) and what the outputs read ([`outputs`]).
//!
//! Everything here is pure: the bytes of a template come through the [`TemplateSource`] trait,
//! implemented by the server over `--templates DIR`. Without it every artifact stays opaque.

mod cidr;
mod condition;
pub mod error;
mod intrinsic;
pub mod outputs;
mod parameter_error;
pub mod parameter_spec;
pub mod parameters;
pub mod pseudo;
pub mod rules;
mod sub;
pub mod template;
pub mod url;
mod yaml;

pub use error::TemplateError;
pub use outputs::{resolve_outputs, OutputError, ResolvedOutput};
pub use parameter_spec::{Bound, ParameterKind, ParameterSpec};
pub use parameters::{
    resolve_parameters, GivenParameter, GivenValue, ParameterError, ResolvedParameter,
    ResolvedParameters, ValueSource, NO_ECHO_MASK,
};
pub use pseudo::StackContext;
pub use rules::{check_rules, rules_usage_instruction, RuleError};
pub use template::{OutputSpec, ResourceSpec, Template};
pub use url::S3Location;

/// The largest template CloudFormation reads from S3: 1 MB (CloudFormation quotas,
/// "Template body size in an Amazon S3 object"). Larger files are refused before parsing.
pub const MAX_TEMPLATE_BYTES: usize = 1_048_576;

/// How deeply a template may nest mappings and sequences. DEVIATION(aws): CloudFormation's
/// limit is not public; this bound keeps a hostile template from exhausting the stack of any
/// recursive walk over the parsed value, and real templates stay far below it.
pub const MAX_TEMPLATE_DEPTH: usize = 100;

/// Where template bytes come from. The server implements it over `--templates DIR`
/// (`sclocal_server::templates`); core never touches files.
pub trait TemplateSource: Send + Sync {
    /// The bytes of object `key` in `bucket`, or `Ok(None)` when there is no such file (or the
    /// name is refused). Implementations read at most [`MAX_TEMPLATE_BYTES`] and answer
    /// [`TemplateSourceError::TooLarge`] beyond. This call may block on file I/O.
    fn template(&self, bucket: &str, key: &str) -> Result<Option<Vec<u8>>, TemplateSourceError>;
}

/// The source used without `--templates`: no template file exists.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoTemplates;

impl TemplateSource for NoTemplates {
    fn template(&self, _: &str, _: &str) -> Result<Option<Vec<u8>>, TemplateSourceError> {
        Ok(None)
    }
}

/// Why a [`TemplateSource`] could not hand over a file that exists.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateSourceError {
    /// The file is larger than the limit; it was not read.
    #[error("template file {bucket}/{key} is larger than {limit} bytes")]
    TooLarge {
        /// The bucket asked for.
        bucket: String,
        /// The key asked for.
        key: String,
        /// The limit in bytes.
        limit: usize,
    },
    /// The file exists but reading it failed.
    #[error("template file {bucket}/{key} could not be read: {reason}")]
    Unreadable {
        /// The bucket asked for.
        bucket: String,
        /// The key asked for.
        key: String,
        /// The operating system's reason.
        reason: String,
    },
}

/// What reading an artifact's template URL gave.
#[derive(Debug, Clone, PartialEq)]
pub enum TemplateRead {
    /// No file: the URL is no S3 object URL, names an unsafe path, or the file does not exist.
    /// The artifact stays opaque, as without `--templates` (§6.1).
    NoFile,
    /// The file exists but could not be read (an I/O error). Callers keep the artifact opaque
    /// and log the reason.
    Unreadable(TemplateSourceError),
    /// The file is no valid template. CloudFormation refuses such templates; the caller keeps
    /// the artifact opaque or answers InvalidParametersException (§6.2).
    Invalid(TemplateError),
    /// A parsed template.
    Parsed(Box<Template>),
}

/// Reads and parses the template a `LoadTemplateFromURL` names, through `source` (§6.1, §6.2).
pub fn read_template(source: &dyn TemplateSource, url: &str) -> TemplateRead {
    let Some(location) = S3Location::from_url(url) else {
        return TemplateRead::NoFile;
    };
    match source.template(location.bucket(), location.key()) {
        Ok(None) => TemplateRead::NoFile,
        Ok(Some(bytes)) => match Template::parse(&bytes) {
            Ok(template) => TemplateRead::Parsed(Box::new(template)),
            Err(e) => TemplateRead::Invalid(e),
        },
        Err(TemplateSourceError::TooLarge { limit, .. }) => {
            TemplateRead::Invalid(TemplateError::TooLarge { limit })
        }
        Err(e @ TemplateSourceError::Unreadable { .. }) => TemplateRead::Unreadable(e),
    }
}

#[cfg(test)]
mod tests;
