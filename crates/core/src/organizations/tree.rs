//! OUs and the tree: Create/Describe/Update/DeleteOrganizationalUnit,
//! ListOrganizationalUnitsForParent, ListChildren, ListParents (organizations-behavior.md
//! §5.5–5.11).

use sclocal_api::organizations::{
    Child, ChildType, ConstraintViolationExceptionReason as Cv, CreateOrganizationalUnitRequest,
    CreateOrganizationalUnitResponse, DeleteOrganizationalUnitOutput,
    DeleteOrganizationalUnitRequest, DescribeOrganizationalUnitRequest,
    DescribeOrganizationalUnitResponse, ListChildrenRequest, ListChildrenResponse,
    ListOrganizationalUnitsForParentRequest, ListOrganizationalUnitsForParentResponse,
    ListParentsRequest, ListParentsResponse, ModeledError, Parent, ParentType,
    UpdateOrganizationalUnitRequest, UpdateOrganizationalUnitResponse,
};
use sclocal_api::{RequestContext, ServiceError};

use super::common::{
    constraint, cursor, id_chars, manager, ou, paged, reader, tag_pairs, Caller, MAX_TAGS,
    OU_NOT_FOUND, PARENT_NOT_FOUND,
};
use super::tags::check_tags;
use crate::page;
use crate::store::{OuRecord, OuWrite};
use crate::Emulator;

/// OUs per organization (§8).
const MAX_OUS: usize = 2000;
/// OU nesting below the root (§5.5).
const MAX_DEPTH: usize = 5;
const DUPLICATE_OU: &str = "An OU with the same name already exists.";

/// A parent (root or OU) of the caller's org and its OU path; `None` when unknown.
pub(super) async fn parent_path(
    em: &Emulator,
    c: &Caller,
    parent_id: &str,
) -> Result<Option<String>, ServiceError> {
    if parent_id == c.org.root_id {
        return Ok(Some(String::new()));
    }
    Ok(em
        .store
        .ou(parent_id)
        .await?
        .filter(|o| o.org_id == c.org.id)
        .map(|o| o.path))
}

async fn own_ou(em: &Emulator, c: &Caller, id: &str) -> Result<OuRecord, ServiceError> {
    em.store
        .ou(id)
        .await?
        .filter(|o| o.org_id == c.org.id)
        .ok_or_else(|| ModeledError::OrganizationalUnitNotFoundException.msg(OU_NOT_FOUND))
}

pub(super) async fn create(
    em: &Emulator,
    cx: &RequestContext,
    input: CreateOrganizationalUnitRequest,
) -> Result<CreateOrganizationalUnitResponse, ServiceError> {
    let c = manager(em, cx).await?;
    let tags = tag_pairs(input.tags);
    check_tags(&tags)?;
    if tags.len() > MAX_TAGS {
        return Err(constraint(
            Cv::MAX_TAG_LIMIT_EXCEEDED,
            "You have exceeded the number of tags allowed on this resource.",
        ));
    }
    let parent = parent_path(em, &c, &input.parent_id)
        .await?
        .ok_or_else(|| ModeledError::ParentNotFoundException.msg(PARENT_NOT_FOUND))?;
    if parent.matches('/').count() >= MAX_DEPTH {
        return Err(constraint(
            Cv::OU_DEPTH_LIMIT_EXCEEDED,
            "You attempted to create an OU tree that is too many levels deep.",
        ));
    }
    let id = format!(
        "ou-{}-{}",
        c.org.root_id.trim_start_matches("r-"),
        id_chars(em, 8)
    );
    let record = OuRecord {
        path: format!("{parent}{id}/"),
        id,
        org_id: c.org.id.clone(),
        parent_id: input.parent_id,
        name: input.name,
    };
    match em.store.insert_ou(&record, &tags, MAX_OUS).await? {
        OuWrite::Done => Ok(CreateOrganizationalUnitResponse {
            organizational_unit: Some(ou(&c.org, &record)),
        }),
        OuWrite::Duplicate => {
            Err(ModeledError::DuplicateOrganizationalUnitException.msg(DUPLICATE_OU))
        }
        OuWrite::LimitReached => Err(constraint(
            Cv::OU_NUMBER_LIMIT_EXCEEDED,
            "You have reached the maximum number of OUs that you can have in an organization.",
        )),
    }
}

pub(super) async fn describe(
    em: &Emulator,
    cx: &RequestContext,
    input: DescribeOrganizationalUnitRequest,
) -> Result<DescribeOrganizationalUnitResponse, ServiceError> {
    let c = reader(em, cx).await?;
    let record = own_ou(em, &c, &input.organizational_unit_id).await?;
    Ok(DescribeOrganizationalUnitResponse {
        organizational_unit: Some(ou(&c.org, &record)),
    })
}

pub(super) async fn update(
    em: &Emulator,
    cx: &RequestContext,
    input: UpdateOrganizationalUnitRequest,
) -> Result<UpdateOrganizationalUnitResponse, ServiceError> {
    let c = manager(em, cx).await?;
    let mut record = own_ou(em, &c, &input.organizational_unit_id).await?;
    if let Some(name) = input.name {
        if em.store.rename_ou(&record.id, &name).await? == OuWrite::Duplicate {
            return Err(ModeledError::DuplicateOrganizationalUnitException.msg(DUPLICATE_OU));
        }
        record.name = name;
    }
    Ok(UpdateOrganizationalUnitResponse {
        organizational_unit: Some(ou(&c.org, &record)),
    })
}

pub(super) async fn delete(
    em: &Emulator,
    cx: &RequestContext,
    input: DeleteOrganizationalUnitRequest,
) -> Result<DeleteOrganizationalUnitOutput, ServiceError> {
    let c = manager(em, cx).await?;
    let record = own_ou(em, &c, &input.organizational_unit_id).await?;
    if !em.store.delete_ou(&record.id).await? {
        return Err(ModeledError::OrganizationalUnitNotEmptyException.msg(
            "The specified OU is not empty. Move all accounts to another root or to other OUs, \
             remove all child OUs, and try the operation again.",
        ));
    }
    Ok(DeleteOrganizationalUnitOutput::default())
}

pub(super) async fn list_for_parent(
    em: &Emulator,
    cx: &RequestContext,
    input: ListOrganizationalUnitsForParentRequest,
) -> Result<ListOrganizationalUnitsForParentResponse, ServiceError> {
    let c = reader(em, cx).await?;
    if parent_path(em, &c, &input.parent_id).await?.is_none() {
        return Err(ModeledError::ParentNotFoundException.msg(PARENT_NOT_FOUND));
    }
    let ous = em.store.child_ous(&input.parent_id).await?;
    let kind = format!("ListOrganizationalUnitsForParent:{}", input.parent_id);
    let (ous, next) = paged(ous, &kind, input.next_token.as_deref(), input.max_results)?;
    Ok(ListOrganizationalUnitsForParentResponse {
        organizational_units: Some(ous.iter().map(|o| ou(&c.org, o)).collect()),
        next_token: next,
    })
}

pub(super) async fn list_children(
    em: &Emulator,
    cx: &RequestContext,
    input: ListChildrenRequest,
) -> Result<ListChildrenResponse, ServiceError> {
    let c = reader(em, cx).await?;
    super::account::complete_due(em, &c.org.id).await?;
    if parent_path(em, &c, &input.parent_id).await?.is_none() {
        return Err(ModeledError::ParentNotFoundException.msg(PARENT_NOT_FOUND));
    }
    let kind = format!(
        "ListChildren:{}:{}",
        input.parent_id,
        input.child_type.as_str()
    );
    let child = |id: String| Child {
        id: Some(id),
        r#type: Some(input.child_type),
    };
    let (children, next) = if input.child_type == ChildType::ACCOUNT {
        let from = cursor(&kind, input.next_token.as_deref())?;
        let size = super::common::page_size(input.max_results);
        let accounts = em
            .store
            .list_accounts(&c.org.id, Some(&input.parent_id), from, size)
            .await?;
        (
            accounts
                .items
                .into_iter()
                .map(|a| child(a.id.to_string()))
                .collect(),
            accounts.next.map(|n| page::encode(&kind, n)),
        )
    } else {
        let ous = em.store.child_ous(&input.parent_id).await?;
        let (ous, next) = paged(ous, &kind, input.next_token.as_deref(), input.max_results)?;
        (ous.into_iter().map(|o| child(o.id)).collect(), next)
    };
    Ok(ListChildrenResponse {
        children: Some(children),
        next_token: next,
    })
}

pub(super) async fn list_parents(
    em: &Emulator,
    cx: &RequestContext,
    input: ListParentsRequest,
) -> Result<ListParentsResponse, ServiceError> {
    let c = reader(em, cx).await?;
    let parent_id = if let Some(id) = crate::ids::AccountId::parse(&input.child_id) {
        em.store
            .account(&id)
            .await?
            .filter(|a| a.org_id.as_deref() == Some(c.org.id.as_str()))
            .and_then(|a| a.parent_id)
    } else {
        em.store
            .ou(&input.child_id)
            .await?
            .filter(|o| o.org_id == c.org.id)
            .map(|o| o.parent_id)
    };
    let parent_id = parent_id.ok_or_else(|| {
        ModeledError::ChildNotFoundException.msg("You specified a child that doesn't exist.")
    })?;
    let kind = if parent_id == c.org.root_id {
        ParentType::ROOT
    } else {
        ParentType::ORGANIZATIONAL_UNIT
    };
    let parent = Parent {
        id: Some(parent_id),
        r#type: Some(kind),
    };
    let (parents, next) = paged(
        vec![parent],
        &format!("ListParents:{}", input.child_id),
        input.next_token.as_deref(),
        input.max_results,
    )?;
    Ok(ListParentsResponse {
        parents: Some(parents),
        next_token: next,
    })
}
