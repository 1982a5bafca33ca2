//! Setting up the Account Factory of a bootstrapped organization (provisioning.md §21.1):
//! in the management account and the factory's home region, the portfolio, the product (with
//! its one active artifact and its template), the product in the portfolio, and a LAUNCH
//! constraint on it; no principal associated (AFT and tests associate their own). Once per
//! account and region: a factory already recorded (a restart over a file store, a second
//! bootstrap) is kept as it is, ids and all.

use std::collections::BTreeMap;
use std::sync::Arc;

use sclocal_api::servicecatalog::{
    ProductType, ProvisioningArtifactGuidance, ProvisioningArtifactType,
};
use sclocal_api::ServiceError;

use super::names::{OWNER, PORTFOLIO_NAME, PRODUCT_NAME, TEMPLATE};
use crate::clock::IdSource;
use crate::ids::{
    partition_of, portfolio_arn, product_arn, AccountId, ArtifactId, ConstraintId, PortfolioId,
    ProductId, ProductViewId, Scope,
};
use crate::store::{
    AccountFactoryRecord, ArtifactRecord, ConstraintRecord, ConstraintType, Lock, PortfolioRecord,
    ProductLink, ProductRecord, WriteTx,
};
use crate::Emulator;

/// An organization's request for an Account Factory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactoryRequest {
    /// The organization's management account.
    pub management: AccountId,
    /// The factory's home region (`us-east-1` unless the bootstrap names one).
    pub region: String,
}

/// Makes the Account Factory of each request whose management account has none yet in that
/// region, in one unit of work; answers how many were made. A request whose account manages
/// no organization is skipped (the bootstrap made the organization first).
///
/// # Errors
/// A store failure.
pub async fn set_up_account_factories(
    em: &Emulator,
    requests: Vec<FactoryRequest>,
) -> Result<usize, ServiceError> {
    let ids: Arc<dyn IdSource> = em.ids.clone();
    let now = em.now();
    em.store
        .write(move |tx| {
            let mut made = 0;
            for r in &requests {
                made += usize::from(set_up(tx, ids.as_ref(), r, now)?);
            }
            Ok(made)
        })
        .await
}

fn set_up(
    tx: &dyn WriteTx,
    ids: &dyn IdSource,
    request: &FactoryRequest,
    now: i64,
) -> Result<bool, ServiceError> {
    let scope = Scope {
        account: request.management.clone(),
        partition: partition_of(&request.region),
        region: request.region.clone(),
    };
    tx.lock(Lock::AccountRegion(&scope.account, &scope.region))?;
    let Some(org) = tx
        .organization_of(&scope.account)?
        .filter(|o| o.management_account == scope.account)
    else {
        return Ok(false);
    };
    if tx
        .account_factory_in(&scope.account, &scope.region)?
        .is_some()
    {
        return Ok(false);
    }
    let (portfolio_id, product_id) = (PortfolioId::generate(ids), ProductId::generate(ids));
    let artifact_id = ArtifactId::generate(ids);
    tx.insert_portfolio(&PortfolioRecord {
        arn: portfolio_arn(&scope, &portfolio_id),
        id: portfolio_id.clone(),
        owner: scope.account.clone(),
        region: scope.region.clone(),
        display_name: PORTFOLIO_NAME.into(),
        description: Some("Portfolio for AWS Control Tower Account Factory".into()),
        provider_name: OWNER.into(),
        created_ms: now,
        tags: Vec::new(),
        idempotency_token: None,
    })?;
    tx.insert_product(&ProductRecord {
        arn: product_arn(&scope, &product_id),
        id: product_id.clone(),
        view_id: ProductViewId::generate(ids),
        account: scope.account.clone(),
        region: scope.region.clone(),
        name: PRODUCT_NAME.into(),
        owner: OWNER.into(),
        description: Some("AWS Control Tower Account Factory".into()),
        distributor: Some(OWNER.into()),
        support_description: None,
        support_email: None,
        support_url: None,
        product_type: ProductType::CLOUD_FORMATION_TEMPLATE,
        tags: Vec::new(),
        created_ms: now,
        idempotency_token: None,
    })?;
    tx.insert_artifact(&ArtifactRecord {
        id: artifact_id.clone(),
        product_id: product_id.clone(),
        name: Some(PRODUCT_NAME.into()),
        description: Some("AWS Control Tower Account Factory Template".into()),
        artifact_type: ProvisioningArtifactType::CLOUD_FORMATION_TEMPLATE,
        info: BTreeMap::new(),
        active: true,
        guidance: ProvisioningArtifactGuidance::DEFAULT,
        created_ms: now,
        idempotency_token: None,
    })?;
    tx.insert_artifact_template(&artifact_id, TEMPLATE)?;
    tx.insert_link(&ProductLink {
        portfolio_id: portfolio_id.clone(),
        product_id: product_id.clone(),
        source_portfolio_id: None,
    })?;
    // [inferred, §27.9] a LAUNCH constraint with Control Tower's admin role.
    tx.insert_constraint(&ConstraintRecord {
        id: ConstraintId::generate(ids),
        account: scope.account.clone(),
        region: scope.region.clone(),
        portfolio_id: portfolio_id.clone(),
        product_id: product_id.clone(),
        constraint_type: ConstraintType::Launch,
        description: Some("AWS Control Tower Account Factory launch role".into()),
        parameters: format!(
            "{{\"RoleArn\":\"arn:{}:iam::{}:role/service-role/AWSControlTowerAdmin\"}}",
            scope.partition, scope.account
        ),
        idempotency_token: None,
    })?;
    tx.insert_account_factory(&AccountFactoryRecord {
        product_id,
        account: scope.account,
        region: scope.region,
        org_id: org.id,
        portfolio_id,
        artifact_id,
    })?;
    Ok(true)
}
