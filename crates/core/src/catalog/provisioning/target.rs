//! What a launch (ProvisionProduct, DescribeProvisioningParameters, a plan, an update, an
//! import) is about: the product and artifact a request names by id or name, the launch path
//! it goes through, that path's constraints, and the tags it ends up with (provisioning.md
//! §4, §8, §9). The checks run in the order of §5: product, launch path, artifact, path choice.

use sclocal_api::servicecatalog::{ModeledError, ProductType};
use sclocal_api::ServiceError;

use super::constraints::PathConstraints;
use super::tag_rules::{conflict_value, key_rules, launch_tags, KeyRule};
use crate::catalog::access::{product_name_not_found, product_not_found};
use crate::catalog::launch_path::{choose, launchable, no_launch_paths, paths_to, LaunchPath};
use crate::catalog::provisioning_artifact::artifact_not_found;
use crate::catalog::tag_options_shown::launch_tag_options;
use crate::ids::{ProductId, Scope};
use crate::store::{ArtifactRecord, ProductRecord, ProvisionedProductType, ReadTx};
use crate::tags::Tags;

/// How a request names what it launches; `None` members are not given.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Naming<'a> {
    /// ProductId.
    pub product_id: Option<&'a str>,
    /// ProductName.
    pub product_name: Option<&'a str>,
    /// ProvisioningArtifactId.
    pub artifact_id: Option<&'a str>,
    /// ProvisioningArtifactName.
    pub artifact_name: Option<&'a str>,
    /// PathId.
    pub path_id: Option<&'a str>,
    /// PathName.
    pub path_name: Option<&'a str>,
    /// The path to keep when neither PathId nor PathName is given and it is still one of the
    /// caller's (an update keeps the product's path).
    pub default_path: Option<&'a str>,
    /// Any of the caller's paths will do when none is named (ImportAsProvisionedProduct takes
    /// no path).
    pub any_path: bool,
}

/// A launch's product, artifact, path and constraints.
#[derive(Debug, Clone)]
pub(crate) struct Target {
    /// The product.
    pub product: ProductRecord,
    /// The artifact (version) launched.
    pub artifact: ArtifactRecord,
    /// The launch path.
    pub path: LaunchPath,
    /// The path's constraints.
    pub constraints: PathConstraints,
    /// Whether the product is an Account Factory (§21): a launch vends an account.
    pub factory: bool,
}

impl Target {
    /// Resolves what `naming` names for the principal `principal_arn` in `scope`.
    pub(crate) fn resolve(
        tx: &dyn ReadTx,
        scope: &Scope,
        principal_arn: &str,
        naming: Naming<'_>,
    ) -> Result<Target, ServiceError> {
        let product = product(tx, scope, principal_arn, naming)?;
        let paths = paths_to(tx, scope, principal_arn, &product)?;
        if paths.is_empty() {
            return Err(no_launch_paths(product.id.as_str()));
        }
        let artifact = artifact(tx, &product, naming.artifact_id, naming.artifact_name)?;
        let (path_id, path_name) = match (naming.path_id, naming.path_name, naming.default_path) {
            (None, None, Some(d)) if paths.iter().any(|p| p.id == *d) => (Some(d), None),
            (id, name, _) => (id, name),
        };
        let path = if naming.any_path && path_id.is_none() && path_name.is_none() {
            paths
                .into_iter()
                .next()
                .ok_or_else(|| no_launch_paths(product.id.as_str()))?
        } else {
            choose(paths, product.id.as_str(), path_id, path_name)?
        };
        let constraints = PathConstraints::of_path(tx, &path.visible.portfolio.id, &product.id)?;
        let factory = tx.account_factory(&product.id)?.is_some();
        Ok(Target {
            product,
            artifact,
            path,
            constraints,
            factory,
        })
    }

    /// The type a launch on this path makes (§3.2): a stack set on a STACKSET path, the engine
    /// of a Terraform or external product, an account from the Account Factory (§21.3), a stack
    /// otherwise.
    pub(crate) fn product_type(&self) -> ProvisionedProductType {
        if self.factory {
            return ProvisionedProductType::ControlTowerAccount;
        }
        match self.product.product_type {
            ProductType::TERRAFORM_OPEN_SOURCE => ProvisionedProductType::TerraformOpenSource,
            ProductType::TERRAFORM_CLOUD => ProvisionedProductType::TerraformCloud,
            ProductType::EXTERNAL => ProvisionedProductType::External,
            ProductType::CLOUD_FORMATION_TEMPLATE | ProductType::MARKETPLACE => {
                if self.constraints.stack_set.is_some() {
                    ProvisionedProductType::CfnStackSet
                } else {
                    ProvisionedProductType::CfnStack
                }
            }
        }
    }

    /// The TagOption rules of this path (§8).
    pub(crate) fn tag_rules(
        &self,
        tx: &dyn ReadTx,
        scope: &Scope,
    ) -> Result<Vec<KeyRule>, ServiceError> {
        let (portfolio, product) =
            launch_tag_options(tx, scope, &self.path.visible, &self.product)?;
        Ok(key_rules(&portfolio, &product))
    }

    /// The tags a launch with `given` tags ends up with, or InvalidParametersException.
    pub(crate) fn tags(
        &self,
        tx: &dyn ReadTx,
        scope: &Scope,
        given: Tags,
    ) -> Result<Tags, ServiceError> {
        let rules = self.tag_rules(tx, scope)?;
        let conflict = conflict_value(
            self.path.visible.portfolio.id.as_str(),
            self.product.id.as_str(),
        );
        launch_tags(&rules, given, &conflict)
            .map_err(|e| ModeledError::InvalidParametersException.msg(e.to_string()))
    }
}

/// The product a request names by id or by name (exactly one, §4).
fn product(
    tx: &dyn ReadTx,
    scope: &Scope,
    principal_arn: &str,
    naming: Naming<'_>,
) -> Result<ProductRecord, ServiceError> {
    match (naming.product_id, naming.product_name) {
        (Some(id), None) => ProductId::parse(id)
            .map(|p| tx.product(&scope.region, &p))
            .transpose()?
            .flatten()
            .ok_or_else(|| product_not_found(id)),
        // A name is looked up among the products the caller may launch.
        (None, Some(name)) => launchable(tx, scope, principal_arn)?
            .into_iter()
            .map(|l| l.product)
            .find(|p| p.name == name)
            .ok_or_else(|| product_name_not_found(name)),
        // [inferred] both or neither.
        _ => Err(ModeledError::InvalidParametersException
            .msg("Exactly one of ProductId or ProductName is required.")),
    }
}

/// The artifact a request names by id or by name (exactly one); it must be active.
pub(crate) fn artifact(
    tx: &dyn ReadTx,
    product: &ProductRecord,
    id: Option<&str>,
    name: Option<&str>,
) -> Result<ArtifactRecord, ServiceError> {
    let invalid = |m: String| ModeledError::InvalidParametersException.msg(m);
    let artifacts = tx.artifacts(&product.id)?;
    let found =
        match (id, name) {
            (Some(id), None) => artifacts
                .into_iter()
                .find(|a| a.id == *id)
                .ok_or_else(|| artifact_not_found(id))?,
            (None, Some(name)) => {
                let mut named: Vec<ArtifactRecord> = artifacts
                    .into_iter()
                    .filter(|a| a.name.as_deref() == Some(name))
                    .collect();
                match named.len() {
                    0 => return Err(artifact_not_found(name)),
                    // Observed (TF-24362).
                    1 => named.remove(0),
                    _ => {
                        return Err(invalid(format!(
                            "Multiple Provisioning Artifact with name {name} found."
                        )))
                    }
                }
            }
            _ => return Err(invalid(
                "Exactly one of ProvisioningArtifactId or ProvisioningArtifactName is required."
                    .into(),
            )),
        };
    if !found.active {
        // DEVIATION(aws): the text is ours; an inactive version cannot be launched (§4).
        return Err(invalid(format!(
            "Provisioning artifact {} of product {} is not active.",
            found.id, product.id
        )));
    }
    Ok(found)
}
