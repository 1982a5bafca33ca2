//! TagResource, UntagResource, ListTagsForResource on accounts, OUs, roots, policies and the
//! resource policy
//! (organizations-behavior.md §5.34), and the tag rules (`crate::tags`) in Organizations'
//! words.

use sclocal_api::organizations::{
    ConstraintViolationExceptionReason as Cv, InvalidInputExceptionReason,
    ListTagsForResourceRequest, ListTagsForResourceResponse, ModeledError, Tag, TagResourceOutput,
    TagResourceRequest, UntagResourceOutput, UntagResourceRequest,
};
use sclocal_api::{RequestContext, ServiceError};

use super::caller::{constraint, invalid, manager, reader, Caller};
use crate::ids::{PolicyId, ResourcePolicyId, TargetId};
use crate::page::Api;
use crate::store::ReadTx;
use crate::tags::{self, TagError, Tags};
use crate::Emulator;

/// Tags per account, OU or root (§8).
pub(super) const MAX_TAGS: usize = 50;

/// A request's tags, refused as §3.2 says: no `aws:` keys, no key twice, at most `max`.
pub(super) fn request_tags(tags: Option<Vec<Tag>>, max: usize) -> Result<Tags, ServiceError> {
    let pairs: Tags = tags
        .unwrap_or_default()
        .into_iter()
        .map(|t| (t.key, t.value))
        .collect();
    tags::no_reserved_keys(&pairs).map_err(|e| refusal(&e))?;
    let pairs = tags::unique(pairs).map_err(|e| refusal(&e))?;
    if pairs.len() > max {
        return Err(refusal(&TagError::TooMany {
            max,
            would_have: pairs.len(),
        }));
    }
    Ok(pairs)
}

fn refusal(e: &TagError) -> ServiceError {
    match e {
        TagError::ReservedPrefix(_) => invalid(
            InvalidInputExceptionReason::INVALID_SYSTEM_TAGS_PARAMETER,
            "You can't add tags whose keys begin with the reserved prefix \"aws:\".",
        ),
        TagError::DuplicateKey(_) => invalid(
            InvalidInputExceptionReason::DUPLICATE_TAG_KEY,
            "Tag keys must be unique among the tags attached to the same entity.",
        ),
        TagError::TooMany { .. } => constraint(
            Cv::MAX_TAG_LIMIT_EXCEEDED,
            "You have exceeded the number of tags allowed on this resource.",
        ),
    }
}

/// The resource must be the root, an OU or a member account of the caller's organization.
fn target(tx: &dyn ReadTx, c: &Caller, id: &str) -> Result<(), ServiceError> {
    // Governance §2.3, §5: customer policies and the resource policy carry tags too.
    if let Some(p) = PolicyId::parse(id) {
        if tx.policy(&c.org.id, &p)?.is_some() {
            return Ok(());
        }
    }
    if let Some(rp) = ResourcePolicyId::parse(id) {
        if tx.resource_policy(&c.org.id)?.is_some_and(|r| r.id == rp) {
            return Ok(());
        }
    }
    let found = match TargetId::parse(id) {
        Some(TargetId::Root(r)) => r == c.org.root_id,
        Some(TargetId::Account(a)) => tx
            .account(&a)?
            .and_then(|a| a.placement)
            .is_some_and(|p| p.org_id == c.org.id),
        Some(TargetId::Ou(o)) => tx.ou(&o)?.is_some_and(|o| o.org_id == c.org.id),
        None => false,
    };
    if found {
        Ok(())
    } else {
        Err(ModeledError::TargetNotFoundException.msg("You specified a target that doesn't exist."))
    }
}

/// TagResource: adds tags, replacing the values of keys that exist.
pub(crate) async fn tag_resource(
    em: &Emulator,
    cx: &RequestContext,
    input: TagResourceRequest,
) -> Result<TagResourceOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    em.org_write(move |tx| {
        let c = manager(tx, &scope)?;
        let add = request_tags(Some(input.tags), usize::MAX)?;
        target(tx, &c, &input.resource_id)?;
        let mut current = tx.org_tags(&input.resource_id)?;
        tags::put(&mut current, add, MAX_TAGS).map_err(|e| refusal(&e))?;
        tx.set_org_tags(&input.resource_id, &current)?;
        Ok(TagResourceOutput::default())
    })
    .await
}

/// UntagResource: removes tags by key; absent keys are ignored.
pub(crate) async fn untag_resource(
    em: &Emulator,
    cx: &RequestContext,
    input: UntagResourceRequest,
) -> Result<UntagResourceOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    em.org_write(move |tx| {
        let c = manager(tx, &scope)?;
        target(tx, &c, &input.resource_id)?;
        let mut current = tx.org_tags(&input.resource_id)?;
        current.retain(|(k, _)| !input.tag_keys.contains(k));
        tx.set_org_tags(&input.resource_id, &current)?;
        Ok(UntagResourceOutput::default())
    })
    .await
}

/// ListTagsForResource.
pub(crate) async fn list_tags_for_resource(
    em: &Emulator,
    cx: &RequestContext,
    input: ListTagsForResourceRequest,
) -> Result<ListTagsForResourceResponse, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let size = Api::Organizations.size(None);
    em.store
        .read(move |tx| {
            let c = reader(tx, &scope)?;
            target(tx, &c, &input.resource_id)?;
            let tags = tx.org_tags(&input.resource_id)?;
            let kind = format!("ListTagsForResource:{}", input.resource_id);
            let (tags, next) =
                Api::Organizations.slice(tags, &kind, input.next_token.as_deref(), size)?;
            Ok(ListTagsForResourceResponse {
                tags: Some(
                    tags.into_iter()
                        .map(|(key, value)| Tag { key, value })
                        .collect(),
                ),
                next_token: next,
            })
        })
        .await
}
