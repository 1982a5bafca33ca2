//! The provisioning job: one per record (`JobKind::Provisioning`, keyed by the record id), in
//! the job queue shared with share operations (`crate::jobs`). Each step is one unit of work
//! that first checks this worker still holds the job's lease, so a record acknowledged CREATED
//! finishes exactly once, whichever worker (or restarted process) takes the job.
//!
//! A step: waits while an earlier record of the same product is unfinished (one operation at a
//! time on a product); moves the record CREATED → IN_PROGRESS; holds it until
//! `--provisioning-delay` has passed since it was made; hands engine products (Terraform,
//! external) to their engine's queue, where the record waits for a Notify call (§20); otherwise
//! decides the outcome (`outcome.rs`) and finishes the record (`settle.rs`).

use std::cell::Cell;
use std::sync::Arc;

use sclocal_api::servicecatalog::{ProvisionedProductStatus, RecordStatus};
use sclocal_api::ServiceError;

use super::engine::hand_to_engine;
use super::outcome::{cloudformation_failure, Outcome, Provisioning};
use super::rules::{is_finished, puts_under_change};
use super::settle::finish_record;
use super::step_context::StepCx;
pub(crate) use super::step_context::StepSettings;
use crate::catalog::artifact_template::template_of;
use crate::catalog::launch_path::portfolio_of;
use crate::clock::{uuid_text, Clock, IdSource};
use crate::cloudformation::StackContext;
use crate::ids::RecordId;
use crate::store::{
    JobKind, ProvisionedProductRecord, ProvisionedProductType, ProvisioningRecord, RecordType,
    WriteTx,
};
use crate::Emulator;

/// How long a record waits before looking again when an earlier record of its product is
/// still unfinished.
const WAIT_FOR_EARLIER_MS: i64 = 250;

/// Runs one step of each record in `keys`, whose jobs this worker holds: all in one unit of
/// work, so a burst of launches costs the writer one transaction; if that fails, each record
/// in a unit of its own, so one record that cannot be processed holds up no other.
pub(crate) async fn provisioning_steps(
    em: &Emulator,
    keys: Vec<String>,
) -> Result<(), ServiceError> {
    if keys.len() > 1 {
        match run_steps(em, keys.clone()).await {
            Ok(()) => return Ok(()),
            Err(e) => {
                tracing::warn!(error = %e, "a batch of provisioning steps failed; retrying one by one");
            }
        }
    }
    for key in keys {
        run_steps(em, vec![key]).await?;
    }
    Ok(())
}

async fn run_steps(em: &Emulator, keys: Vec<String>) -> Result<(), ServiceError> {
    let worker = em.worker.clone();
    let clock: Arc<dyn Clock> = em.clock.clone();
    let ids: Arc<dyn IdSource> = em.ids.clone();
    let settings = StepSettings::of(em);
    let organizations_changed = em
        .store
        .write(move |tx| {
            let now = clock.now_millis();
            steps_in(tx, &keys, &worker, now, ids.as_ref(), settings, true)
        })
        .await?;
    if organizations_changed {
        em.org_changed();
    }
    Ok(())
}

/// One step of each record in `keys` inside the caller's unit of work (the job queue claims
/// and steps a burst in one transaction, `crate::jobs`). With `check_lease`, a record whose
/// job this worker no longer holds is left alone; without, the caller claimed them in this
/// very unit of work. Answers whether a step changed organization state (the caller moves
/// the Organizations epoch on after the commit).
pub(crate) fn steps_in(
    tx: &dyn WriteTx,
    keys: &[String],
    worker: &str,
    now: i64,
    ids: &dyn IdSource,
    settings: StepSettings,
    check_lease: bool,
) -> Result<bool, ServiceError> {
    let organizations_changed = Cell::new(false);
    for key in keys {
        if check_lease && !tx.holds_lease(JobKind::Provisioning, key, worker, now)? {
            // Another worker took the job over; it redoes this step.
            continue;
        }
        let cx = StepCx {
            key,
            worker,
            now,
            ids,
            settings,
            organizations_changed: &organizations_changed,
        };
        step(tx, &cx)?;
    }
    Ok(organizations_changed.get())
}

/// One step of the record `key`, whose job's lease this worker holds.
fn step(tx: &dyn WriteTx, cx: &StepCx<'_>) -> Result<(), ServiceError> {
    let (key, worker, now, ids) = (cx.key, cx.worker, cx.now, cx.ids);
    let Some(id) = RecordId::parse(key) else {
        return Ok(tx.finish_job(JobKind::Provisioning, key)?);
    };
    let Some(mut record) = tx.record(&id)?.filter(|r| !is_finished(r.status)) else {
        return Ok(tx.finish_job(JobKind::Provisioning, key)?);
    };
    let Some(mut product) =
        tx.provisioned_product(&record.region, &record.provisioned_product_id)?
    else {
        // The product went away (a deleted plan's product): nothing to do it on.
        record.status = RecordStatus::FAILED;
        record.updated_ms = now;
        tx.update_record(&record)?;
        return Ok(tx.finish_job(JobKind::Provisioning, key)?);
    };
    if earlier_unfinished(tx, &record)? {
        tx.release_job(
            JobKind::Provisioning,
            key,
            worker,
            now + WAIT_FOR_EARLIER_MS,
        )?;
        return Ok(());
    }
    // CREATED → IN_PROGRESS, written only if the record does not finish in this step.
    let mut product_changed = false;
    if record.status == RecordStatus::CREATED {
        record.status = RecordStatus::IN_PROGRESS;
        record.updated_ms = now;
        if product.status != ProvisionedProductStatus::UNDER_CHANGE
            && puts_under_change(record.record_type)
        {
            product.status = ProvisionedProductStatus::UNDER_CHANGE;
            product_changed = true;
        }
    }
    if product.product_type == ProvisionedProductType::ControlTowerAccount {
        return super::vending::step(tx, cx, record, product, product_changed);
    }
    let due = record.created_ms.saturating_add(cx.settings.delay_ms);
    let engine = needs_engine(&product, &record);
    if product_changed && (now < due || engine) {
        tx.update_provisioned_product(&product)?;
    }
    if now < due {
        // `--provisioning-delay` holds the record IN_PROGRESS.
        tx.update_record(&record)?;
        tx.release_job(JobKind::Provisioning, key, worker, due)?;
        return Ok(());
    }
    if engine {
        hand_to_engine(tx, &mut record, &product, ids, now)?;
        return Ok(tx.finish_job(JobKind::Provisioning, key)?);
    }
    let outcome = decide(tx, &record, &product, ids)?;
    finish_record(tx, record, product, outcome, now)?;
    Ok(tx.finish_job(JobKind::Provisioning, key)?)
}

/// Whether another record of the same product, made before this one, is unfinished. A
/// launch's or an import's record is its product's first, so it waits for nothing.
fn earlier_unfinished(tx: &dyn WriteTx, record: &ProvisioningRecord) -> Result<bool, ServiceError> {
    if matches!(
        record.record_type,
        RecordType::ProvisionProduct | RecordType::ImportProvisionedProduct
    ) && record.plan_id.is_none()
    {
        return Ok(false);
    }
    Ok(tx
        .provisioned_product_records(&record.provisioned_product_id)?
        .iter()
        .take_while(|r| r.id != record.id)
        .any(|r| !is_finished(r.status)))
}

/// Whether the record's work is an engine's: provisioning, updating or terminating a
/// Terraform or external product (§20).
fn needs_engine(product: &ProvisionedProductRecord, record: &ProvisioningRecord) -> bool {
    let engine = matches!(
        product.product_type,
        ProvisionedProductType::TerraformOpenSource
            | ProvisionedProductType::TerraformCloud
            | ProvisionedProductType::External
    );
    engine
        && matches!(
            record.record_type,
            RecordType::ProvisionProduct
                | RecordType::UpdateProvisionedProduct
                | RecordType::TerminateProvisionedProduct
        )
}

/// What a record that needs no engine comes to.
fn decide(
    tx: &dyn WriteTx,
    record: &ProvisioningRecord,
    product: &ProvisionedProductRecord,
    ids: &dyn IdSource,
) -> Result<Outcome, ServiceError> {
    match record.record_type {
        RecordType::ProvisionProduct | RecordType::UpdateProvisionedProduct => {}
        // Nothing to validate: termination, properties and imports always succeed here.
        _ => {
            return Ok(Outcome::Succeeded {
                parameters: product.parameters.clone(),
                outputs: if record.record_type == RecordType::ImportProvisionedProduct {
                    stack_arn_only(product)
                } else {
                    product.outputs.clone()
                },
            })
        }
    }
    let template = template_of(tx, &record.artifact_id)?;
    // TEMPLATE rules are about a template's parameters; an opaque artifact has none to check.
    let path = record.path_id.as_ref().filter(|_| template.is_some());
    let rules = match path {
        Some(path) => match portfolio_of(tx, &record.product_id, path)? {
            Some(portfolio) => {
                let constraints = super::constraints::PathConstraints::of_path(
                    tx,
                    &portfolio,
                    &record.product_id,
                )?;
                constraints.rules
            }
            None => Vec::new(),
        },
        None => Vec::new(),
    };
    let stack = stack_context(product);
    let previous =
        (record.record_type == RecordType::UpdateProvisionedProduct).then_some(&product.parameters);
    let stack_arn = (product.product_type == ProvisionedProductType::CfnStack)
        .then_some(product.physical_id.as_deref())
        .flatten();
    let outcome = Provisioning {
        template: template.as_ref(),
        rules: &rules,
        given: &record.parameters,
        previous,
        stack: &stack,
        stack_arn,
    }
    .outcome();
    Ok(match outcome {
        Outcome::Failed(text) => Outcome::Failed(cloudformation_failure(&text, &uuid_text(ids))),
        ok @ Outcome::Succeeded { .. } => ok,
    })
}

/// The outputs of an imported stack: its ARN.
fn stack_arn_only(
    product: &ProvisionedProductRecord,
) -> Vec<crate::cloudformation::ResolvedOutput> {
    product
        .physical_id
        .iter()
        .map(|arn| crate::cloudformation::ResolvedOutput {
            key: super::outcome::STACK_ARN_OUTPUT.into(),
            value: arn.clone(),
            description: None,
        })
        .collect()
}

/// The stack a product's template sees: `SC-<account>-<pp-id>` and its ARN, the product's
/// notification topics, and the product id as the seed of output placeholders (§28: stable
/// across reads).
pub(crate) fn stack_context(product: &ProvisionedProductRecord) -> StackContext {
    let stack_name = format!("SC-{}-{}", product.account, product.id);
    StackContext {
        account_id: product.account.to_string(),
        region: product.region.clone(),
        stack_id: product
            .physical_id
            .clone()
            .unwrap_or_else(|| stack_name.clone()),
        stack_name,
        notification_arns: product.notification_arns.clone(),
        placeholder_seed: product.id.to_string(),
    }
}
