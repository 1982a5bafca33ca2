//! The CopyProduct job (`JobKind::CopyProduct`, keyed by the CopyProductToken): one unit of
//! work that checks the lease, then copies the source product's chosen (or every)
//! provisioning artifact, with its template text, into the target product — a new one in the
//! caller's account and region named as the source (or TargetProductName), or the caller's
//! product given as TargetProductId — and ends the operation SUCCEEDED, or FAILED with a
//! StatusDetail when the source or an artifact went away meanwhile. Tags come along only with
//! `CopyTags` (API_CopyProduct). `--provisioning-delay` holds the operation IN_PROGRESS.

use std::sync::Arc;

use sclocal_api::servicecatalog::CopyProductStatus;
use sclocal_api::ServiceError;

use crate::clock::{Clock, IdSource};
use crate::ids::{
    partition_of, product_arn, ArtifactId, CopyProductToken, ProductId, ProductViewId, Scope,
};
use crate::store::{CopyProductRecord, JobKind, ProductRecord, WriteTx};
use crate::Emulator;

/// Runs the copy job `key`, whose lease this worker holds.
pub(crate) async fn copy_product_step(em: &Emulator, key: &str) -> Result<(), ServiceError> {
    let key = key.to_string();
    let worker = em.worker.clone();
    let clock: Arc<dyn Clock> = em.clock.clone();
    let ids: Arc<dyn IdSource> = em.ids.clone();
    let delay = em.settings.provisioning_delay_ms;
    em.store
        .write(move |tx| {
            let now = clock.now_millis();
            if !tx.holds_lease(JobKind::CopyProduct, &key, &worker, now)? {
                return Ok(());
            }
            let op = CopyProductToken::parse(&key)
                .map(|t| tx.copy_product_op(&t))
                .transpose()?
                .flatten();
            let Some(mut op) = op.filter(|op| op.status == CopyProductStatus::IN_PROGRESS) else {
                return Ok(tx.finish_job(JobKind::CopyProduct, &key)?);
            };
            let due = op.created_ms.saturating_add(delay);
            if now < due {
                tx.release_job(JobKind::CopyProduct, &key, &worker, due)?;
                return Ok(());
            }
            match copy(tx, &op, ids.as_ref(), now)? {
                Ok(target) => {
                    op.status = CopyProductStatus::SUCCEEDED;
                    op.target_product_id = Some(target);
                }
                Err(detail) => {
                    op.status = CopyProductStatus::FAILED;
                    op.status_detail = Some(detail);
                }
            }
            tx.update_copy_product_op(&op)?;
            Ok(tx.finish_job(JobKind::CopyProduct, &key)?)
        })
        .await
}

/// Copies what `op` asks for; answers the target product, or why the copy failed.
fn copy(
    tx: &dyn WriteTx,
    op: &CopyProductRecord,
    ids: &dyn IdSource,
    now: i64,
) -> Result<Result<ProductId, String>, ServiceError> {
    let Some(source) = tx.product(&op.source_region, &op.source_product_id)? else {
        return Ok(Err(format!(
            "Source product {} no longer exists.",
            op.source_product_id
        )));
    };
    let artifacts = tx.artifacts(&source.id)?;
    let chosen: Vec<_> = if op.artifact_ids.is_empty() {
        artifacts
    } else {
        let mut chosen = Vec::new();
        for id in &op.artifact_ids {
            match artifacts.iter().find(|a| &a.id == id) {
                Some(a) => chosen.push(a.clone()),
                None => {
                    return Ok(Err(format!(
                        "Provisioning artifact {id} of product {} no longer exists.",
                        source.id
                    )))
                }
            }
        }
        chosen
    };
    let target = if let Some(id) = &op.target_product_id {
        let Some(mut target) = tx.product(&op.region, id)? else {
            return Ok(Err(format!("Target product {id} no longer exists.")));
        };
        if op.copy_tags {
            for tag in &source.tags {
                if !target.tags.iter().any(|(k, _)| *k == tag.0) {
                    target.tags.push(tag.clone());
                }
            }
            tx.update_product(&target)?;
        }
        target
    } else {
        let target = new_product(op, &source, ids, now);
        tx.insert_product(&target)?;
        target
    };
    for a in chosen {
        let mut copied = a.clone();
        copied.id = ArtifactId::generate(ids);
        copied.product_id = target.id.clone();
        copied.created_ms = now;
        copied.idempotency_token = None;
        tx.insert_artifact(&copied)?;
        if let Some(body) = tx.artifact_template(&a.id)? {
            tx.insert_artifact_template(&copied.id, &body)?;
        }
    }
    Ok(Ok(target.id))
}

/// The new product a copy without TargetProductId makes: the source's fields, in the caller's
/// account and region, named TargetProductName when given.
fn new_product(
    op: &CopyProductRecord,
    source: &ProductRecord,
    ids: &dyn IdSource,
    now: i64,
) -> ProductRecord {
    let scope = Scope {
        account: op.account.clone(),
        region: op.region.clone(),
        partition: partition_of(&op.region),
    };
    let id = ProductId::generate(ids);
    ProductRecord {
        arn: product_arn(&scope, &id),
        id,
        view_id: ProductViewId::generate(ids),
        account: op.account.clone(),
        region: op.region.clone(),
        name: op
            .target_product_name
            .clone()
            .unwrap_or_else(|| source.name.clone()),
        owner: source.owner.clone(),
        description: source.description.clone(),
        distributor: source.distributor.clone(),
        support_description: source.support_description.clone(),
        support_email: source.support_email.clone(),
        support_url: source.support_url.clone(),
        product_type: source.product_type,
        tags: if op.copy_tags {
            source.tags.clone()
        } else {
            Vec::new()
        },
        created_ms: now,
        idempotency_token: None,
    }
}
