//! CreateOrganization, DescribeOrganization, DeleteOrganization, ListRoots
//! (organizations-behavior.md §5.1–5.4).

use sclocal_api::organizations::{
    AccountJoinedMethod, AccountStatus, CreateOrganizationRequest, CreateOrganizationResponse,
    DeleteOrganizationInput, DeleteOrganizationOutput, DescribeOrganizationInput,
    DescribeOrganizationResponse, ListRootsRequest, ListRootsResponse, ModeledError,
    OrganizationFeatureSet,
};
use sclocal_api::{RequestContext, ServiceError};

use super::caller::{caller, manager, reader};
use super::policy_type::root_shape;
use super::shapes::{default_account, organization};
use crate::ids::{OrgId, ParentId, RootId};
use crate::page::Api;
use crate::store::{Lock, OrgRecord, Placement, ReadTx};
use crate::Emulator;

const ALREADY: &str = "The AWS account is already a member of an organization.";

/// CreateOrganization: the caller becomes the management account, under the root.
pub(crate) async fn create_organization(
    em: &Emulator,
    cx: &RequestContext,
    input: CreateOrganizationRequest,
) -> Result<CreateOrganizationResponse, ServiceError> {
    let scope = Emulator::scope(cx)?;
    // Governance §4.1: CONSOLIDATED_BILLING is honoured; ALL is the default.
    let feature_set = input.feature_set.unwrap_or(OrganizationFeatureSet::ALL);
    let org = OrgRecord {
        id: OrgId::generate(em.ids.as_ref()),
        management_account: scope.account.clone(),
        root_id: RootId::generate(em.ids.as_ref()),
        feature_set,
        partition: scope.partition.into(),
        created_ms: em.now(),
    };
    em.org_write(move |tx| {
        tx.lock(Lock::Account(&scope.account))?;
        if tx.organization_of(&scope.account)?.is_some() {
            return Err(ModeledError::AlreadyInOrganizationException.msg(ALREADY));
        }
        // A known account keeps its name and email.
        let mut mgmt = tx
            .account(&scope.account)?
            .unwrap_or_else(|| default_account(&scope.account));
        mgmt.placement = Some(Placement {
            org_id: org.id.clone(),
            parent_id: ParentId::Root(org.root_id.clone()),
            path: String::new(),
            joined_method: AccountJoinedMethod::INVITED,
            joined_ms: org.created_ms,
        });
        mgmt.status = AccountStatus::ACTIVE;
        tx.insert_organization(&org)?;
        tx.put_account(&mgmt)?;
        Ok(CreateOrganizationResponse {
            organization: Some(organization(&org, mgmt.email)),
        })
    })
    .await
}

/// DescribeOrganization: any account of the organization may read it (§5.2).
pub(crate) async fn describe_organization(
    em: &Emulator,
    cx: &RequestContext,
    _input: DescribeOrganizationInput,
) -> Result<DescribeOrganizationResponse, ServiceError> {
    let scope = Emulator::scope(cx)?;
    em.store
        .read(move |tx| {
            let c = caller(tx, &scope)?;
            let email = management_email(tx, &c.org)?;
            Ok(DescribeOrganizationResponse {
                organization: Some(organization(&c.org, email)),
            })
        })
        .await
}

/// DeleteOrganization: only once every member but the management account has gone.
pub(crate) async fn delete_organization(
    em: &Emulator,
    cx: &RequestContext,
    _input: DeleteOrganizationInput,
) -> Result<DeleteOrganizationOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    em.org_write(move |tx| {
            let c = manager(tx, &scope)?;
            tx.lock(Lock::Organization(&c.org.id))?;
            if tx.member_count(&c.org.id)? > 1 {
                return Err(ModeledError::OrganizationNotEmptyException.msg(
                    "To delete an organization you must first remove all member accounts (except the master).",
                ));
            }
            tx.delete_organization(&c.org)?;
            Ok(DeleteOrganizationOutput::default())
        })
        .await
}

/// ListRoots: the one root.
pub(crate) async fn list_roots(
    em: &Emulator,
    cx: &RequestContext,
    input: ListRootsRequest,
) -> Result<ListRootsResponse, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let size = Api::Organizations.size(input.max_results);
    em.store
        .read(move |tx| {
            let c = reader(tx, &scope)?;
            let root = root_shape(tx, &c.org)?;
            let (roots, next) = Api::Organizations.slice(
                vec![root],
                "ListRoots",
                input.next_token.as_deref(),
                size,
            )?;
            Ok(ListRootsResponse {
                roots: Some(roots),
                next_token: next,
            })
        })
        .await
}

/// The management account's email.
pub(super) fn management_email(tx: &dyn ReadTx, org: &OrgRecord) -> Result<String, ServiceError> {
    Ok(tx.account(&org.management_account)?.map_or_else(
        || default_account(&org.management_account).email,
        |a| a.email,
    ))
}
