//! New provisioned products and records, built in one place for every operation that makes
//! them (launch, update, terminate, properties, import, plans), and the product's record
//! pointers moved when a record is made (provisioning.md §3).

use std::collections::BTreeMap;

use sclocal_api::servicecatalog::{ProvisionedProductStatus, RecordStatus};

use super::rules::is_provisioning;
use super::target::Target;
use crate::cloudformation::ResolvedParameters;
use crate::ids::{provisioned_product_arn, ProvisionedProductId, RecordId, Scope};
use crate::store::{
    JobKind, ParameterInput, ProvisionedProductRecord, ProvisionedProductType, ProvisioningRecord,
    RecordType, StoreError, WriteTx,
};
use crate::tags::Tags;

/// Submits a new record in the unit of work that made it: the record, and the provisioning job
/// that carries it to SUCCEEDED or FAILED (a record without its job would never finish).
/// The caller writes the product and notifies the worker after committing.
pub(crate) fn submit(
    tx: &dyn WriteTx,
    record: &ProvisioningRecord,
    now: i64,
) -> Result<(), StoreError> {
    tx.insert_record(record)?;
    tx.enqueue_job(JobKind::Provisioning, record.id.as_str(), now)
}

/// The CloudFormation stack (or stack set) behind a product: `SC-<account>-<pp-id>` (puppet's
/// `get_stack_name_for_pp_id`), its ARN the product's PhysicalId; engines have none until
/// they report one.
pub(crate) fn physical_id(
    scope: &Scope,
    kind: ProvisionedProductType,
    id: &ProvisionedProductId,
    uuid: &str,
) -> Option<String> {
    let base = format!(
        "arn:{}:cloudformation:{}:{}",
        scope.partition, scope.region, scope.account
    );
    let name = format!("SC-{}-{id}", scope.account);
    match kind {
        ProvisionedProductType::CfnStack => Some(format!("{base}:stack/{name}/{uuid}")),
        ProvisionedProductType::CfnStackSet => Some(format!("{base}:stackset/{name}:{uuid}")),
        _ => None,
    }
}

/// What a new provisioned product starts with.
pub(crate) struct NewProduct<'a> {
    /// Its id.
    pub id: ProvisionedProductId,
    /// Its name.
    pub name: String,
    /// What it launches.
    pub target: &'a Target,
    /// The caller's ARN (the owner).
    pub caller: (String, String),
    /// Tags after the TagOption rules.
    pub tags: Tags,
    /// Its first status: UNDER_CHANGE, or PLAN_IN_PROGRESS for a plan.
    pub status: ProvisionedProductStatus,
    /// The token it was made with.
    pub token: Option<String>,
    /// NotificationArns of the request.
    pub notification_arns: Vec<String>,
    /// A fresh UUID for its stack ARN.
    pub uuid: String,
    /// Now, epoch milliseconds.
    pub now: i64,
}

impl NewProduct<'_> {
    /// The product record.
    pub(crate) fn build(self, scope: &Scope) -> ProvisionedProductRecord {
        let kind = self.target.product_type();
        let mut notification_arns = self.notification_arns;
        for arn in &self.target.constraints.notification_arns {
            if !notification_arns.contains(arn) {
                notification_arns.push(arn.clone());
            }
        }
        ProvisionedProductRecord {
            arn: provisioned_product_arn(scope, &self.name, &self.id),
            physical_id: physical_id(scope, kind, &self.id, &self.uuid),
            id: self.id,
            account: scope.account.clone(),
            region: scope.region.clone(),
            name: self.name,
            product_type: kind,
            status: self.status,
            status_message: None,
            created_ms: self.now,
            idempotency_token: self.token,
            last_record_id: None,
            last_provisioning_record_id: None,
            last_successful_provisioning_record_id: None,
            product_id: self.target.product.id.clone(),
            artifact_id: self.target.artifact.id.clone(),
            path_id: Some(self.target.path.id.clone()),
            portfolio_id: Some(self.target.path.visible.portfolio.id.clone()),
            launch_role_arn: self.target.constraints.launch_role_arn(scope),
            user_arn: self.caller.0,
            user_arn_session: self.caller.1,
            tags: self.tags,
            parameters: ResolvedParameters::default(),
            outputs: Vec::new(),
            notification_arns,
            stack_instances: Vec::new(),
        }
    }
}

/// A new record of `record_type` on `product`, CREATED, made by `caller` with `token`; its
/// target, tags and outputs start as the product's. Moves the product's record pointers.
pub(crate) fn new_record(
    product: &mut ProvisionedProductRecord,
    record_type: RecordType,
    id: RecordId,
    token: Option<String>,
    parameters: Vec<ParameterInput>,
    now: i64,
) -> ProvisioningRecord {
    product.last_record_id = Some(id.clone());
    if is_provisioning(record_type) {
        product.last_provisioning_record_id = Some(id.clone());
    }
    ProvisioningRecord {
        id,
        account: product.account.clone(),
        region: product.region.clone(),
        provisioned_product_id: product.id.clone(),
        provisioned_product_name: product.name.clone(),
        provisioned_product_type: product.product_type,
        record_type,
        status: RecordStatus::CREATED,
        created_ms: now,
        updated_ms: now,
        product_id: product.product_id.clone(),
        artifact_id: product.artifact_id.clone(),
        path_id: product.path_id.clone(),
        launch_role_arn: product.launch_role_arn.clone(),
        user_arn: product.user_arn.clone(),
        user_arn_session: product.user_arn_session.clone(),
        token,
        errors: Vec::new(),
        tags: product.tags.clone(),
        outputs: product.outputs.clone(),
        parameters,
        ignore_errors: false,
        retain_physical_resources: false,
        properties: BTreeMap::new(),
        stack_instances: product.stack_instances.clone(),
        plan_id: None,
        workflow_token: None,
        notify_token: None,
    }
}

/// A request's ProvisioningParameters as stored.
pub(crate) fn parameters_given<I, F>(given: Option<Vec<I>>, each: F) -> Vec<ParameterInput>
where
    F: Fn(I) -> ParameterInput,
{
    given.unwrap_or_default().into_iter().map(each).collect()
}
