//! Provisioned product plans (provisioning.md §17;
//! https://docs.aws.amazon.com/servicecatalog/latest/dg/API_CreateProvisionedProductPlan.html
//! and siblings): Create (CREATE_IN_PROGRESS, finished by a job, `plan_job.rs`), Describe,
//! Delete and List. Execution is in `plan_execute.rs`.
//!
//! A plan for a new name creates its provisioned product PLAN_IN_PROGRESS; a plan for an
//! existing product needs it AVAILABLE or TAINTED, and there is one plan per product ("You can
//! create one plan for each provisioned product").

use sclocal_api::servicecatalog::{
    CreateProvisionedProductPlanInput, CreateProvisionedProductPlanOutput,
    DeleteProvisionedProductPlanInput, DeleteProvisionedProductPlanOutput,
    DescribeProvisionedProductPlanInput, DescribeProvisionedProductPlanOutput,
    ListProvisionedProductPlansInput, ListProvisionedProductPlansOutput, ModeledError,
    ProvisionedProductPlanStatus, ProvisionedProductStatus,
};
use sclocal_api::{RequestContext, ServiceError};

use super::access_level::Level;
use super::records::{parameters_given, NewProduct};
use super::rules::may_update;
use super::target::{Naming, Target};
use super::update::{same_tags, tags_locked, update_given};
use super::views::{plan_detail, plan_summary, resource_change};
use crate::catalog::artifact_template::template_of;
use crate::catalog::principal_arn::owner_arns;
use crate::catalog::tagging::{request_tags, Tagged};
use crate::clock::uuid_text;
use crate::ids::{PlanId, ProvisionedProductId, Scope};
use crate::page::Api;
use crate::store::{JobKind, Lock, PlanRecord, ProvisionedProductRecord, ReadTx};
use crate::tags::Tags;
use crate::Emulator;

/// CreateProvisionedProductPlan.
pub(crate) async fn create_provisioned_product_plan(
    em: &Emulator,
    cx: &RequestContext,
    input: CreateProvisionedProductPlanInput,
) -> Result<CreateProvisionedProductPlanOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let principal = cx.principal_arn.clone();
    let given_tags = match input.tags.clone() {
        Some(tags) => Some(request_tags(Some(tags), Tagged::ProvisionedProduct)?),
        None => None,
    };
    let parameters = parameters_given(input.provisioning_parameters.clone(), update_given);
    let (plan_id, pp_id) = (
        PlanId::generate(em.ids.as_ref()),
        ProvisionedProductId::generate(em.ids.as_ref()),
    );
    let uuid = uuid_text(em.ids.as_ref());
    let now = em.now();
    let plan = em
        .store
        .write(move |tx| {
            let naming = Naming {
                product_id: Some(&input.product_id),
                artifact_id: Some(&input.provisioning_artifact_id),
                path_id: input.path_id.as_deref(),
                ..Naming::default()
            };
            let target = Target::resolve(tx, &scope, &principal, naming)?;
            tx.lock(Lock::AccountRegion(&scope.account, &scope.region))?;
            if let Some(first) =
                tx.plan_by_token(&scope.account, &scope.region, &input.idempotency_token)?
            {
                return Ok(first);
            }
            let name = input.provisioned_product_name;
            let existing = tx.provisioned_product_named(&scope.account, &scope.region, &name)?;
            // Without Tags, a plan for an existing product keeps its tags (as an update does).
            let tags = match (given_tags, &existing) {
                (None, Some(p)) => p.tags.clone(),
                (given, _) => target.tags(tx, &scope, given.unwrap_or_default())?,
            };
            let (product_id, creates_product) = if let Some(p) = existing {
                may_plan(tx, &p, &tags, &target)?;
                (p.id, false)
            } else {
                let product = NewProduct {
                    id: pp_id,
                    name: name.clone(),
                    target: &target,
                    caller: owner_arns(&principal),
                    tags: tags.clone(),
                    status: ProvisionedProductStatus::PLAN_IN_PROGRESS,
                    token: Some(input.idempotency_token.clone()),
                    notification_arns: input.notification_arns.clone().unwrap_or_default(),
                    uuid,
                    now,
                }
                .build(&scope);
                tx.insert_provisioned_product(&product)?;
                (product.id, true)
            };
            let (user_arn, user_arn_session) = owner_arns(&principal);
            let plan = PlanRecord {
                id: plan_id,
                account: scope.account.clone(),
                region: scope.region.clone(),
                name: input.plan_name,
                provisioned_product_id: product_id,
                provisioned_product_name: name,
                product_id: target.product.id.clone(),
                artifact_id: target.artifact.id.clone(),
                path_id: target.path.id.clone(),
                portfolio_id: target.path.visible.portfolio.id.clone(),
                status: ProvisionedProductPlanStatus::CREATE_IN_PROGRESS,
                status_message: None,
                created_ms: now,
                updated_ms: now,
                notification_arns: input.notification_arns.unwrap_or_default(),
                parameters,
                tags,
                changes: Vec::new(),
                idempotency_token: Some(input.idempotency_token),
                user_arn,
                user_arn_session,
                creates_product,
                record_id: None,
            };
            tx.insert_plan(&plan)?;
            tx.enqueue_job(JobKind::ProvisioningPlan, plan.id.as_str(), now)?;
            Ok(plan)
        })
        .await?;
    em.signal.notify();
    Ok(CreateProvisionedProductPlanOutput {
        plan_name: Some(plan.name),
        plan_id: Some(plan.id.to_string()),
        provision_product_id: Some(plan.provisioned_product_id.to_string()),
        provisioned_product_name: Some(plan.provisioned_product_name),
        provisioning_artifact_id: Some(plan.artifact_id.to_string()),
    })
}

/// A plan for an existing product needs it AVAILABLE or TAINTED and without a plan; changed
/// tags need the path's RESOURCE_UPDATE constraint to allow them (model doc of Tags).
fn may_plan(
    tx: &dyn ReadTx,
    p: &ProvisionedProductRecord,
    tags: &Tags,
    target: &Target,
) -> Result<(), ServiceError> {
    let busy = !tx.provisioned_product_plans(&p.id)?.is_empty();
    if !may_update(p.status) || busy {
        return Err(ModeledError::InvalidStateException.msg(format!(
            "Provisioned product {} is in status {} or has a plan already; a plan needs an \
             AVAILABLE or TAINTED product without one.",
            p.id,
            p.status.as_str()
        )));
    }
    if !same_tags(tags, &p.tags) && !target.constraints.tag_update_allowed {
        return Err(tags_locked(p));
    }
    Ok(())
}

/// DescribeProvisionedProductPlan: the plan and its ResourceChanges, paged.
pub(crate) async fn describe_provisioned_product_plan(
    em: &Emulator,
    cx: &RequestContext,
    input: DescribeProvisionedProductPlanInput,
) -> Result<DescribeProvisionedProductPlanOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let size = Api::Catalog.size(input.page_size);
    em.store
        .read(move |tx| {
            let plan = own_plan(tx, &scope, &input.plan_id)?;
            let no_echo: Vec<String> = template_of(tx, &plan.artifact_id)?
                .map(|t| {
                    t.parameters
                        .into_iter()
                        .filter(|p| p.no_echo)
                        .map(|p| p.key)
                        .collect()
                })
                .unwrap_or_default();
            let kind = format!("DescribeProvisionedProductPlan/{}", plan.id);
            let changes = plan.changes.iter().map(resource_change).collect();
            let (page, next) =
                Api::Catalog.slice(changes, &kind, input.page_token.as_deref(), size)?;
            Ok(DescribeProvisionedProductPlanOutput {
                provisioned_product_plan_details: Some(plan_detail(&plan, &no_echo)),
                resource_changes: Some(page),
                next_page_token: next,
            })
        })
        .await
}

/// DeleteProvisionedProductPlan: removes the plan, and the PLAN_IN_PROGRESS product of a plan
/// for a new name that was never executed [inferred]; an executed plan's product stays.
pub(crate) async fn delete_provisioned_product_plan(
    em: &Emulator,
    cx: &RequestContext,
    input: DeleteProvisionedProductPlanInput,
) -> Result<DeleteProvisionedProductPlanOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    em.store
        .write(move |tx| {
            let plan = own_plan(tx, &scope, &input.plan_id)?;
            if plan.creates_product && plan.record_id.is_none() {
                let product =
                    tx.provisioned_product(&scope.region, &plan.provisioned_product_id)?;
                if product.is_some_and(|p| p.status == ProvisionedProductStatus::PLAN_IN_PROGRESS) {
                    tx.delete_provisioned_product(&plan.provisioned_product_id)?;
                }
            }
            tx.delete_plan(&plan.id)?;
            Ok(DeleteProvisionedProductPlanOutput {})
        })
        .await
}

/// ListProvisionedProductPlans: the account's plans at the access level asked (default
/// User), optionally of one provisioned product.
pub(crate) async fn list_provisioned_product_plans(
    em: &Emulator,
    cx: &RequestContext,
    input: ListProvisionedProductPlansInput,
) -> Result<ListProvisionedProductPlansOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let caller = cx.principal_arn.clone();
    let size = Api::Catalog.size(input.page_size);
    let level = Level::of(input.access_level_filter.as_ref(), Level::User)?;
    em.store
        .read(move |tx| {
            let plans: Vec<PlanRecord> = tx
                .account_plans(&scope.account, &scope.region)?
                .into_iter()
                .filter(|p| level.sees(&caller, &p.user_arn, &p.user_arn_session))
                .filter(|p| {
                    input
                        .provision_product_id
                        .as_ref()
                        .is_none_or(|id| p.provisioned_product_id == *id.as_str())
                })
                .collect();
            let kind = format!(
                "ListProvisionedProductPlans/{level:?}/{}",
                input.provision_product_id.clone().unwrap_or_default()
            );
            let (page, next) =
                Api::Catalog.slice(plans, &kind, input.page_token.as_deref(), size)?;
            Ok(ListProvisionedProductPlansOutput {
                provisioned_product_plans: Some(page.iter().map(plan_summary).collect()),
                next_page_token: next,
            })
        })
        .await
}

/// A plan of the caller's account and region, else ResourceNotFoundException.
pub(crate) fn own_plan(
    tx: &dyn ReadTx,
    scope: &Scope,
    id: &str,
) -> Result<PlanRecord, ServiceError> {
    PlanId::parse(id)
        .map(|p| tx.plan(&p))
        .transpose()?
        .flatten()
        .filter(|p| p.account == scope.account && p.region == scope.region)
        // DEVIATION(aws): AWS's text is not recorded.
        .ok_or_else(|| ModeledError::ResourceNotFoundException.msg(format!("Plan not found: {id}")))
}
