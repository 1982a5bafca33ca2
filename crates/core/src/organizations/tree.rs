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

use super::account::{caller_org, complete_due_accounts};
use super::caller::{constraint, manager, reader, Caller, OU_NOT_FOUND, PARENT_NOT_FOUND};
use super::shapes::ou;
use super::tags::{request_tags, MAX_TAGS};
use crate::ids::{OuId, ParentId, TargetId};
use crate::page::Api;
use crate::store::{Lock, OuRecord, ReadTx};
use crate::Emulator;

/// OUs per organization (§8).
const MAX_OUS: usize = 2000;
/// OU nesting below the root (§5.5).
const MAX_DEPTH: usize = 5;
const DUPLICATE_OU: &str = "An OU with the same name already exists.";

/// A parent (root or OU) of the caller's org by the id a request gave, and its OU path ("" for
/// the root); `None` when unknown.
pub(super) fn parent_path(
    tx: &dyn ReadTx,
    c: &Caller,
    parent_id: &str,
) -> Result<Option<(ParentId, String)>, ServiceError> {
    Ok(match ParentId::parse(parent_id) {
        Some(ParentId::Root(r)) if r == c.org.root_id => Some((ParentId::Root(r), String::new())),
        Some(ParentId::Ou(o)) => tx
            .ou(&o)?
            .filter(|ou| ou.org_id == c.org.id)
            .map(|ou| (ParentId::Ou(ou.id), ou.path)),
        _ => None,
    })
}

fn own_ou(tx: &dyn ReadTx, c: &Caller, id: &str) -> Result<OuRecord, ServiceError> {
    OuId::parse(id)
        .map(|id| tx.ou(&id))
        .transpose()?
        .flatten()
        .filter(|o| o.org_id == c.org.id)
        .ok_or_else(|| ModeledError::OrganizationalUnitNotFoundException.msg(OU_NOT_FOUND))
}

/// CreateOrganizationalUnit.
pub(crate) async fn create_organizational_unit(
    em: &Emulator,
    cx: &RequestContext,
    input: CreateOrganizationalUnitRequest,
) -> Result<CreateOrganizationalUnitResponse, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let ids = em.ids.clone();
    let now = em.now();
    em.org_write(move |tx| {
        let c = manager(tx, &scope)?;
        let tags = request_tags(input.tags, MAX_TAGS)?;
        let (parent, parent_path) = parent_path(tx, &c, &input.parent_id)?
            .ok_or_else(|| ModeledError::ParentNotFoundException.msg(PARENT_NOT_FOUND))?;
        if parent_path.matches('/').count() >= MAX_DEPTH {
            return Err(constraint(
                Cv::OU_DEPTH_LIMIT_EXCEEDED,
                "You attempted to create an OU tree that is too many levels deep.",
            ));
        }
        tx.lock(Lock::Organization(&c.org.id))?;
        if tx.ou_named(&parent, &input.name)?.is_some() {
            return Err(ModeledError::DuplicateOrganizationalUnitException.msg(DUPLICATE_OU));
        }
        if tx.ou_count(&c.org.id)? >= MAX_OUS {
            return Err(constraint(
                Cv::OU_NUMBER_LIMIT_EXCEEDED,
                "You have reached the maximum number of OUs that you can have in an \
                     organization.",
            ));
        }
        let id = OuId::generate(&c.org.root_id, ids.as_ref());
        let record = OuRecord {
            path: format!("{parent_path}{id}/"),
            id,
            org_id: c.org.id.clone(),
            parent_id: parent,
            name: input.name,
        };
        tx.insert_ou(&record)?;
        tx.set_org_tags(record.id.as_str(), &tags)?;
        let target = crate::ids::TargetId::Ou(record.id.clone());
        super::policy_type::attach_defaults(tx, &c.org.id, &target, now)?;
        Ok(CreateOrganizationalUnitResponse {
            organizational_unit: Some(ou(&c.org, &record)),
        })
    })
    .await
}

/// DescribeOrganizationalUnit.
pub(crate) async fn describe_organizational_unit(
    em: &Emulator,
    cx: &RequestContext,
    input: DescribeOrganizationalUnitRequest,
) -> Result<DescribeOrganizationalUnitResponse, ServiceError> {
    let scope = Emulator::scope(cx)?;
    em.store
        .read(move |tx| {
            let c = reader(tx, &scope)?;
            let record = own_ou(tx, &c, &input.organizational_unit_id)?;
            Ok(DescribeOrganizationalUnitResponse {
                organizational_unit: Some(ou(&c.org, &record)),
            })
        })
        .await
}

/// UpdateOrganizationalUnit: renames; renaming to its own name is not a duplicate (§5.7).
pub(crate) async fn update_organizational_unit(
    em: &Emulator,
    cx: &RequestContext,
    input: UpdateOrganizationalUnitRequest,
) -> Result<UpdateOrganizationalUnitResponse, ServiceError> {
    let scope = Emulator::scope(cx)?;
    em.org_write(move |tx| {
        let c = manager(tx, &scope)?;
        let mut record = own_ou(tx, &c, &input.organizational_unit_id)?;
        if let Some(name) = input.name {
            tx.lock(Lock::Organization(&c.org.id))?;
            if record.name != name && tx.ou_named(&record.parent_id, &name)?.is_some() {
                return Err(ModeledError::DuplicateOrganizationalUnitException.msg(DUPLICATE_OU));
            }
            tx.rename_ou(&record.id, &name)?;
            record.name = name;
        }
        Ok(UpdateOrganizationalUnitResponse {
            organizational_unit: Some(ou(&c.org, &record)),
        })
    })
    .await
}

/// DeleteOrganizationalUnit: only an empty OU.
pub(crate) async fn delete_organizational_unit(
    em: &Emulator,
    cx: &RequestContext,
    input: DeleteOrganizationalUnitRequest,
) -> Result<DeleteOrganizationalUnitOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    em.org_write(move |tx| {
        let c = manager(tx, &scope)?;
        let record = own_ou(tx, &c, &input.organizational_unit_id)?;
        if tx.has_children(&ParentId::Ou(record.id.clone()))? {
            return Err(ModeledError::OrganizationalUnitNotEmptyException.msg(
                "The specified OU is not empty. Move all accounts to another root or to other \
                     OUs, remove all child OUs, and try the operation again.",
            ));
        }
        tx.delete_ou(&record.id)?;
        // Inferred (governance.md §3): a deleted OU's attachments go with it.
        tx.detach_target(&c.org.id, &crate::ids::TargetId::Ou(record.id.clone()))?;
        Ok(DeleteOrganizationalUnitOutput::default())
    })
    .await
}

/// ListOrganizationalUnitsForParent.
pub(crate) async fn list_organizational_units_for_parent(
    em: &Emulator,
    cx: &RequestContext,
    input: ListOrganizationalUnitsForParentRequest,
) -> Result<ListOrganizationalUnitsForParentResponse, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let size = Api::Organizations.size(input.max_results);
    em.store
        .read(move |tx| {
            let c = reader(tx, &scope)?;
            let (parent, _) = parent_path(tx, &c, &input.parent_id)?
                .ok_or_else(|| ModeledError::ParentNotFoundException.msg(PARENT_NOT_FOUND))?;
            let ous = tx.child_ous(&parent)?;
            let kind = format!("ListOrganizationalUnitsForParent:{}", input.parent_id);
            let (ous, next) =
                Api::Organizations.slice(ous, &kind, input.next_token.as_deref(), size)?;
            Ok(ListOrganizationalUnitsForParentResponse {
                organizational_units: Some(ous.iter().map(|o| ou(&c.org, o)).collect()),
                next_token: next,
            })
        })
        .await
}

/// ListChildren: the accounts or OUs directly under a parent.
pub(crate) async fn list_children(
    em: &Emulator,
    cx: &RequestContext,
    input: ListChildrenRequest,
) -> Result<ListChildrenResponse, ServiceError> {
    let scope = Emulator::scope(cx)?;
    complete_due_accounts(em, &caller_org(em, &scope).await?).await?;
    let size = Api::Organizations.size(input.max_results);
    em.store
        .read(move |tx| {
            let c = reader(tx, &scope)?;
            let (parent, _) = parent_path(tx, &c, &input.parent_id)?
                .ok_or_else(|| ModeledError::ParentNotFoundException.msg(PARENT_NOT_FOUND))?;
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
                let from = Api::Organizations.cursor(&kind, input.next_token.as_deref())?;
                let accounts = tx.accounts_of(&c.org.id, Some(&parent), from, size)?;
                (
                    accounts
                        .items
                        .into_iter()
                        .map(|a| child(a.id.to_string()))
                        .collect(),
                    Api::token(&kind, accounts.next),
                )
            } else {
                let ous = tx.child_ous(&parent)?;
                let (ous, next) =
                    Api::Organizations.slice(ous, &kind, input.next_token.as_deref(), size)?;
                (
                    ous.into_iter().map(|o| child(o.id.to_string())).collect(),
                    next,
                )
            };
            Ok(ListChildrenResponse {
                children: Some(children),
                next_token: next,
            })
        })
        .await
}

/// ListParents: the one parent of an account or OU.
pub(crate) async fn list_parents(
    em: &Emulator,
    cx: &RequestContext,
    input: ListParentsRequest,
) -> Result<ListParentsResponse, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let size = Api::Organizations.size(input.max_results);
    em.store
        .read(move |tx| {
            let c = reader(tx, &scope)?;
            let parent = match TargetId::parse(&input.child_id) {
                Some(TargetId::Account(id)) => tx
                    .account(&id)?
                    .and_then(|a| a.placement)
                    .filter(|p| p.org_id == c.org.id)
                    .map(|p| p.parent_id),
                Some(TargetId::Ou(id)) => tx
                    .ou(&id)?
                    .filter(|o| o.org_id == c.org.id)
                    .map(|o| o.parent_id),
                _ => None,
            };
            let parent = parent.ok_or_else(|| {
                ModeledError::ChildNotFoundException
                    .msg("You specified a child that doesn't exist.")
            })?;
            let kind = match parent {
                ParentId::Root(_) => ParentType::ROOT,
                ParentId::Ou(_) => ParentType::ORGANIZATIONAL_UNIT,
            };
            let parent = Parent {
                id: Some(parent.to_string()),
                r#type: Some(kind),
            };
            let (parents, next) = Api::Organizations.slice(
                vec![parent],
                &format!("ListParents:{}", input.child_id),
                input.next_token.as_deref(),
                size,
            )?;
            Ok(ListParentsResponse {
                parents: Some(parents),
                next_token: next,
            })
        })
        .await
}
