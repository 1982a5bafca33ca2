//! CopyProduct and DescribeCopyProductStatus. "You can copy a product to the same account or
//! another account. You can copy a product to the same Region or another Region. If you copy a
//! product to another account, you must first share the product in a portfolio using
//! CreatePortfolioShare" (API_CopyProduct): the caller copies into its own account and region
//! a product it owns (in any region) or reaches through a share it imported (in the source's
//! region). "This operation is performed asynchronously": the request is checked and queued
//! here, the job (`job.rs`) copies.

use sclocal_api::servicecatalog::{
    CopyOption, CopyProductInput, CopyProductOutput, CopyProductStatus,
    DescribeCopyProductStatusInput, DescribeCopyProductStatusOutput, ModeledError,
    ProvisioningArtifactPropertyName,
};
use sclocal_api::{RequestContext, ServiceError};

use crate::catalog::access::{admin_product, owned_product, product_not_found};
use crate::catalog::provisioning_artifact::artifact_not_found;
use crate::ids::{partition_of, AccountId, Arn, CopyProductToken, ProductId, Scope};
use crate::store::{CopyProductRecord, JobKind, Lock};
use crate::Emulator;

/// The parts of a product ARN, `arn:<partition>:catalog:<region>:<account>:product/<id>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ProductArn {
    /// Region.
    pub region: String,
    /// Owner account.
    pub account: AccountId,
    /// Product id.
    pub id: ProductId,
}

/// Parses a product ARN as [`crate::ids::product_arn`] prints it.
pub(crate) fn parse_product_arn(arn: &str) -> Option<ProductArn> {
    let a = Arn::parse(arn).filter(|a| a.service == "catalog" && !a.region.is_empty())?;
    let id = a.resource.strip_prefix("product/")?;
    Some(ProductArn {
        region: a.region.to_string(),
        account: AccountId::parse(a.account)?,
        id: ProductId::parse(id)?,
    })
}

/// CopyProduct. Same IdempotencyToken in the same account and region: the first call's token.
/// Checked at once [inferred]: a malformed ARN or artifact list (InvalidParametersException);
/// a source the caller cannot reach, an unknown artifact of it, or a target product that is
/// not the caller's (ResourceNotFoundException).
pub(crate) async fn copy_product(
    em: &Emulator,
    cx: &RequestContext,
    input: CopyProductInput,
) -> Result<CopyProductOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let source = parse_product_arn(&input.source_product_arn).ok_or_else(|| {
        ModeledError::InvalidParametersException.msg(format!(
            "SourceProductArn {} is not a product ARN.",
            input.source_product_arn
        ))
    })?;
    let mut wanted = Vec::new();
    for entry in input
        .source_provisioning_artifact_identifiers
        .unwrap_or_default()
    {
        let id = entry
            .get(ProvisioningArtifactPropertyName::Id.as_str())
            .filter(|_| entry.len() == 1)
            .ok_or_else(|| {
                ModeledError::InvalidParametersException
                    .msg("Each SourceProvisioningArtifactIdentifiers entry takes exactly an Id.")
            })?;
        wanted.push(id.clone());
    }
    let op = CopyProductRecord {
        token: CopyProductToken::generate(em.ids.as_ref()),
        account: scope.account.clone(),
        region: scope.region.clone(),
        source_product_id: source.id.clone(),
        source_region: source.region.clone(),
        target_product_id: None,
        target_product_name: input.target_product_name,
        artifact_ids: Vec::new(),
        copy_tags: input
            .copy_options
            .unwrap_or_default()
            .contains(&CopyOption::CopyTags),
        status: CopyProductStatus::IN_PROGRESS,
        status_detail: None,
        idempotency_token: input.idempotency_token,
        created_ms: em.now(),
    };
    let target = input.target_product_id;
    let token = em
        .store
        .write(move |tx| {
            let mut op = op;
            tx.lock(Lock::AccountRegion(&op.account, &op.region))?;
            if let Some(first) =
                tx.copy_product_op_by_token(&op.account, &op.region, &op.idempotency_token)?
            {
                return Ok(first.token);
            }
            // The source as the caller reaches it in its region.
            let source_scope = Scope {
                account: scope.account.clone(),
                region: source.region.clone(),
                partition: partition_of(&source.region),
            };
            let product = admin_product(tx, &source_scope, source.id.as_str())?;
            if product.account != source.account {
                return Err(product_not_found(source.id.as_str()));
            }
            let artifacts = tx.artifacts(&product.id)?;
            for id in &wanted {
                let found = artifacts
                    .iter()
                    .find(|a| a.id.as_str() == id)
                    .ok_or_else(|| artifact_not_found(id))?;
                op.artifact_ids.push(found.id.clone());
            }
            if let Some(target) = &target {
                op.target_product_id = Some(owned_product(tx, &scope, target)?.id);
            }
            tx.insert_copy_product_op(&op)?;
            tx.enqueue_job(JobKind::CopyProduct, op.token.as_str(), op.created_ms)?;
            Ok(op.token)
        })
        .await?;
    em.signal.notify();
    Ok(CopyProductOutput {
        copy_product_token: Some(token.to_string()),
    })
}

/// DescribeCopyProductStatus: the caller's own operations; others and unknown tokens are
/// ResourceNotFoundException.
pub(crate) async fn describe_copy_product_status(
    em: &Emulator,
    cx: &RequestContext,
    input: DescribeCopyProductStatusInput,
) -> Result<DescribeCopyProductStatusOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    em.store
        .read(move |tx| {
            let op = CopyProductToken::parse(&input.copy_product_token)
                .map(|t| tx.copy_product_op(&t))
                .transpose()?
                .flatten()
                .filter(|op| op.account == scope.account && op.region == scope.region)
                .ok_or_else(|| {
                    // DEVIATION(aws): AWS's text is not recorded.
                    ModeledError::ResourceNotFoundException.msg(format!(
                        "Copy product operation not found: {}",
                        input.copy_product_token
                    ))
                })?;
            let succeeded = op.status == CopyProductStatus::SUCCEEDED;
            Ok(DescribeCopyProductStatusOutput {
                copy_product_status: Some(op.status),
                target_product_id: op
                    .target_product_id
                    .filter(|_| succeeded)
                    .map(|id| id.to_string()),
                status_detail: op.status_detail,
            })
        })
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn product_arns_parse_as_printed() {
        let arn =
            parse_product_arn("arn:aws:catalog:eu-west-1:111111111111:product/prod-abc").unwrap();
        assert_eq!(arn.region, "eu-west-1");
        assert_eq!(arn.account.as_str(), "111111111111");
        assert_eq!(arn.id.as_str(), "prod-abc");
        for bad in [
            "arn:aws:catalog:eu-west-1:111111111111:portfolio/port-abc",
            "arn:aws:s3:eu-west-1:111111111111:product/prod-abc",
            "arn:aws:catalog::111111111111:product/prod-abc",
            "arn:aws:catalog:eu-west-1:1111:product/prod-abc",
            "prod-abc",
        ] {
            assert!(parse_product_arn(bad).is_none(), "{bad}");
        }
    }
}
