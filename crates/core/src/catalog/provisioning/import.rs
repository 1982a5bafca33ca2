//! ImportAsProvisionedProduct (provisioning.md §18;
//! https://docs.aws.amazon.com/servicecatalog/latest/dg/API_ImportAsProvisionedProduct.html):
//! brings an existing CloudFormation stack under Service Catalog as a CFN_STACK product.
//!
//! DEVIATION(aws): there is no CloudFormation in sclocal, so the stack is taken at its word: a
//! well-formed stack ARN of the caller's account and region. The caller needs a launch path to
//! the product [inferred]; constraints are not applied ("Constraints are not applied at
//! import", model doc). An IMPORT_PROVISIONED_PRODUCT record [inferred name] finishes it.

use sclocal_api::servicecatalog::{
    ImportAsProvisionedProductInput, ImportAsProvisionedProductOutput, ModeledError,
    ProvisionedProductStatus,
};
use sclocal_api::{RequestContext, ServiceError};

use super::launch::name_taken;
use super::records::{new_record, submit, NewProduct};
use super::target::{Naming, Target};
use super::views::record_detail;
use crate::catalog::principal_arn::owner_arns;
use crate::ids::{ProvisionedProductId, RecordId, Scope};
use crate::store::{Lock, ProvisionedProductType, RecordType};
use crate::Emulator;

/// ImportAsProvisionedProduct.
pub(crate) async fn import_as_provisioned_product(
    em: &Emulator,
    cx: &RequestContext,
    input: ImportAsProvisionedProductInput,
) -> Result<ImportAsProvisionedProductOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let principal = cx.principal_arn.clone();
    if !is_stack_arn(&scope, &input.physical_id) {
        return Err(ModeledError::InvalidParametersException.msg(format!(
            "PhysicalId {} is not the ARN of a CloudFormation stack in account {} and region {}.",
            input.physical_id, scope.account, scope.region
        )));
    }
    let (pp_id, record_id) = (
        ProvisionedProductId::generate(em.ids.as_ref()),
        RecordId::generate(em.ids.as_ref()),
    );
    let now = em.now();
    let record = em
        .store
        .write(move |tx| {
            let naming = Naming {
                product_id: Some(&input.product_id),
                artifact_id: Some(&input.provisioning_artifact_id),
                any_path: true,
                ..Naming::default()
            };
            let mut target = Target::resolve(tx, &scope, &principal, naming)?;
            target.constraints = super::constraints::PathConstraints::default();
            tx.lock(Lock::AccountRegion(&scope.account, &scope.region))?;
            let token = input.idempotency_token;
            if let Some(first) = tx.record_by_token(
                &scope.account,
                &scope.region,
                RecordType::ImportProvisionedProduct,
                &token,
            )? {
                return Ok(first);
            }
            if let Some(managed) = tx.provisioned_product_by_physical_id(
                &scope.account,
                &scope.region,
                &input.physical_id,
            )? {
                return Err(ModeledError::DuplicateResourceException.msg(format!(
                    "Stack {} is already managed as provisioned product {}.",
                    input.physical_id, managed.id
                )));
            }
            let name = input.provisioned_product_name;
            if tx
                .provisioned_product_named(&scope.account, &scope.region, &name)?
                .is_some()
            {
                return Err(name_taken(&name));
            }
            let mut product = NewProduct {
                id: pp_id,
                name,
                target: &target,
                caller: owner_arns(&principal),
                tags: Vec::new(),
                status: ProvisionedProductStatus::UNDER_CHANGE,
                token: Some(token.clone()),
                notification_arns: Vec::new(),
                uuid: String::new(),
                now,
            }
            .build(&scope);
            product.product_type = ProvisionedProductType::CfnStack;
            product.physical_id = Some(input.physical_id);
            let record = new_record(
                &mut product,
                RecordType::ImportProvisionedProduct,
                record_id,
                Some(token),
                Vec::new(),
                now,
            );
            tx.insert_provisioned_product(&product)?;
            submit(tx, &record, now)?;
            Ok(record)
        })
        .await?;
    em.signal.notify();
    Ok(ImportAsProvisionedProductOutput {
        record_detail: Some(record_detail(&record)),
    })
}

/// `arn:<partition>:cloudformation:<region>:<account>:stack/<name>/<id>` of the caller's account
/// and region (stack sets and anything else are refused).
fn is_stack_arn(scope: &Scope, arn: &str) -> bool {
    let prefix = format!(
        "arn:{}:cloudformation:{}:{}:stack/",
        scope.partition, scope.region, scope.account
    );
    arn.strip_prefix(&prefix)
        .and_then(|rest| rest.split_once('/'))
        .is_some_and(|(name, id)| !name.is_empty() && !id.is_empty() && !id.contains('/'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::AccountId;

    #[test]
    fn only_stacks_of_the_callers_account_and_region_import() {
        let scope = Scope {
            account: AccountId::parse("111111111111").unwrap(),
            region: "us-east-1".into(),
            partition: "aws",
        };
        assert!(is_stack_arn(
            &scope,
            "arn:aws:cloudformation:us-east-1:111111111111:stack/web/1f2e3d"
        ));
        assert!(!is_stack_arn(
            &scope,
            "arn:aws:cloudformation:eu-west-1:111111111111:stack/web/1f2e3d"
        ));
        assert!(!is_stack_arn(
            &scope,
            "arn:aws:cloudformation:us-east-1:111111111111:stackset/web:1f2e3d"
        ));
        assert!(!is_stack_arn(&scope, "not-an-arn"));
    }
}
