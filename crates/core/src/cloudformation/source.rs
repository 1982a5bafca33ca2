//! Where template bytes come from and how an artifact's template URL is read through it (spec
//! provisioning §6.1, §6.2). The server implements [`TemplateSource`] over `--templates DIR`;
//! core never touches files.

use super::error::TemplateError;
use super::template::Template;
use super::url::S3Location;

/// Where template bytes come from. The server implements it over `--templates DIR`
/// (`sclocal_server::templates`); core never touches files.
pub trait TemplateSource: Send + Sync {
    /// The bytes of object `key` in `bucket`, or `Ok(None)` when there is no such file (or the
    /// name is refused). Implementations read at most
    /// [`MAX_TEMPLATE_BYTES`](super::limits::MAX_TEMPLATE_BYTES) and answer
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
    /// A parsed template, and its text as read (kept with the artifact, §6.1).
    Parsed {
        /// The template.
        template: Box<Template>,
        /// The file's text.
        text: String,
    },
}

/// Reads and parses the template a `LoadTemplateFromURL` names, through `source` (§6.1, §6.2).
pub fn read_template(source: &dyn TemplateSource, url: &str) -> TemplateRead {
    let Some(location) = S3Location::from_url(url) else {
        return TemplateRead::NoFile;
    };
    match source.template(location.bucket(), location.key()) {
        Ok(None) => TemplateRead::NoFile,
        Ok(Some(bytes)) => match Template::parse(&bytes) {
            // It parsed, so it is UTF-8.
            Ok(template) => match String::from_utf8(bytes) {
                Ok(text) => TemplateRead::Parsed {
                    template: Box::new(template),
                    text,
                },
                Err(_) => TemplateRead::Invalid(TemplateError::NotUtf8),
            },
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
