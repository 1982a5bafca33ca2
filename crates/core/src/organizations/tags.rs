//! TagResource, UntagResource, ListTagsForResource on accounts, OUs and roots
//! (organizations-behavior.md §5.34).

use sclocal_api::organizations::{
    ConstraintViolationExceptionReason as Cv, InvalidInputExceptionReason,
    ListTagsForResourceRequest, ListTagsForResourceResponse, ModeledError, Tag, TagResourceOutput,
    TagResourceRequest, UntagResourceOutput, UntagResourceRequest,
};
use sclocal_api::{RequestContext, ServiceError};

use super::common::{constraint, invalid, manager, paged, reader, tag_pairs, Caller, MAX_TAGS};
use crate::ids::AccountId;
use crate::Emulator;

/// Rules beyond the model: no `aws:` keys, no key twice in one request (§3.2).
pub(super) fn check_tags(tags: &[(String, String)]) -> Result<(), ServiceError> {
    if tags
        .iter()
        .any(|(k, _)| k.to_ascii_lowercase().starts_with("aws:"))
    {
        return Err(invalid(
            InvalidInputExceptionReason::INVALID_SYSTEM_TAGS_PARAMETER,
            "You can't add tags whose keys begin with the reserved prefix \"aws:\".",
        ));
    }
    for (i, (k, _)) in tags.iter().enumerate() {
        if tags[..i].iter().any(|(other, _)| other == k) {
            return Err(invalid(
                InvalidInputExceptionReason::DUPLICATE_TAG_KEY,
                "Tag keys must be unique among the tags attached to the same entity.",
            ));
        }
    }
    Ok(())
}

/// The resource must be the root, an OU or a member account of the caller's organization.
async fn target(em: &Emulator, c: &Caller, id: &str) -> Result<(), ServiceError> {
    let found = if id == c.org.root_id {
        true
    } else if let Some(account) = AccountId::parse(id) {
        em.store
            .account(&account)
            .await?
            .is_some_and(|a| a.org_id.as_deref() == Some(c.org.id.as_str()))
    } else {
        em.store.ou(id).await?.is_some_and(|o| o.org_id == c.org.id)
    };
    if found {
        Ok(())
    } else {
        Err(ModeledError::TargetNotFoundException.msg("You specified a target that doesn't exist."))
    }
}

pub(super) async fn tag(
    em: &Emulator,
    cx: &RequestContext,
    input: TagResourceRequest,
) -> Result<TagResourceOutput, ServiceError> {
    let c = manager(em, cx).await?;
    let tags = tag_pairs(Some(input.tags));
    check_tags(&tags)?;
    target(em, &c, &input.resource_id).await?;
    if !em
        .store
        .put_tags(&input.resource_id, &tags, MAX_TAGS)
        .await?
    {
        return Err(constraint(
            Cv::MAX_TAG_LIMIT_EXCEEDED,
            "You have exceeded the number of tags allowed on this resource.",
        ));
    }
    Ok(TagResourceOutput::default())
}

pub(super) async fn untag(
    em: &Emulator,
    cx: &RequestContext,
    input: UntagResourceRequest,
) -> Result<UntagResourceOutput, ServiceError> {
    let c = manager(em, cx).await?;
    target(em, &c, &input.resource_id).await?;
    em.store
        .remove_tags(&input.resource_id, &input.tag_keys)
        .await?;
    Ok(UntagResourceOutput::default())
}

pub(super) async fn list(
    em: &Emulator,
    cx: &RequestContext,
    input: ListTagsForResourceRequest,
) -> Result<ListTagsForResourceResponse, ServiceError> {
    let c = reader(em, cx).await?;
    target(em, &c, &input.resource_id).await?;
    let tags = em.store.tags(&input.resource_id).await?;
    let kind = format!("ListTagsForResource:{}", input.resource_id);
    let (tags, next) = paged(tags, &kind, input.next_token.as_deref(), None)?;
    Ok(ListTagsForResourceResponse {
        tags: Some(
            tags.into_iter()
                .map(|(key, value)| Tag { key, value })
                .collect(),
        ),
        next_token: next,
    })
}
