//! The template of a provisioning artifact (provisioning.md §6): read once, when the artifact
//! is created, through the emulator's [`TemplateSource`] (`--templates DIR`), and kept with the
//! artifact so it never changes under a running product. An artifact whose URL names no file
//! (or no S3 object, or an unsafe path) stays opaque, as without `--templates`. Also how an
//! artifact's `Info` is answered.

use std::collections::BTreeMap;
use std::sync::Arc;

use sclocal_api::servicecatalog::{ModeledError, ProvisioningArtifactType};
use sclocal_api::{InternalError, ServiceError};

use crate::cloudformation::{read_template, Template, TemplateRead, TemplateSource};
use crate::ids::ArtifactId;
use crate::store::ReadTx;
use crate::Emulator;

/// The `Info` key naming a template URL (API_ProvisioningArtifactProperties).
pub(crate) const URL_KEY: &str = "LoadTemplateFromURL";
/// The key AWS answers it under (CLI describe-provisioning-artifact; provisioning.md §27.14).
const SHOWN_URL_KEY: &str = "TemplateUrl";

/// The template text for a new artifact of `artifact_type` whose `Info` is `info`: `None` when
/// it has no file; the text of a file that parses as a template. A file that is no valid
/// template is refused with CloudFormation's text (AWS validates templates when an artifact is
/// created), unless `disable_validation` (DisableTemplateValidation), which keeps it opaque.
pub(crate) async fn read_for_artifact(
    em: &Emulator,
    info: &BTreeMap<String, String>,
    artifact_type: ProvisioningArtifactType,
    disable_validation: bool,
) -> Result<Option<String>, ServiceError> {
    // Terraform and external artifacts are archives for an engine, not templates.
    if artifact_type != ProvisioningArtifactType::CLOUD_FORMATION_TEMPLATE {
        return Ok(None);
    }
    let Some(url) = info.get(URL_KEY).cloned() else {
        return Ok(None);
    };
    let source: Arc<dyn TemplateSource> = em.templates.clone();
    // The source may block on file I/O.
    let read = tokio::task::spawn_blocking(move || read_template(source.as_ref(), &url))
        .await
        .map_err(|e| ServiceError::Internal(InternalError::new("template read", e.to_string())))?;
    match read {
        TemplateRead::NoFile => Ok(None),
        TemplateRead::Unreadable(e) => {
            tracing::warn!(error = %e, "template file unreadable; the artifact stays opaque");
            Ok(None)
        }
        TemplateRead::Invalid(_) if disable_validation => Ok(None),
        TemplateRead::Invalid(e) => {
            Err(ModeledError::InvalidParametersException.msg(e.to_string()))
        }
        TemplateRead::Parsed { text, .. } => Ok(Some(text)),
    }
}

/// The parsed template kept with an artifact, `None` for an opaque one.
pub(crate) fn template_of(
    tx: &dyn ReadTx,
    artifact: &ArtifactId,
) -> Result<Option<Template>, ServiceError> {
    let Some(text) = tx.artifact_template(artifact)? else {
        return Ok(None);
    };
    // It parsed when it was stored; a failure now would be a bug, not the caller's fault.
    Template::parse(text.as_bytes()).map(Some).map_err(|e| {
        ServiceError::Internal(InternalError::new(
            "stored template",
            format!("the template of {artifact} no longer parses: {e}"),
        ))
    })
}

/// An artifact's `Info` as AWS answers it: the template URL under `TemplateUrl`.
pub(crate) fn shown_info(info: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    info.iter()
        .map(|(k, v)| {
            let key = if k == URL_KEY {
                SHOWN_URL_KEY
            } else {
                k.as_str()
            };
            (key.to_string(), v.clone())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_url_is_answered_as_template_url() {
        let info = BTreeMap::from([(URL_KEY.to_string(), "https://b.s3.amazonaws.com/k".into())]);
        assert_eq!(
            shown_info(&info),
            BTreeMap::from([("TemplateUrl".into(), "https://b.s3.amazonaws.com/k".into())])
        );
        let physical = BTreeMap::from([("ImportFromPhysicalId".to_string(), "arn".into())]);
        assert_eq!(shown_info(&physical), physical);
    }
}
