//! CreateOrganization, DescribeOrganization, DeleteOrganization, ListRoots
//! (organizations-behavior.md §5.1–5.4).

use sclocal_api::organizations::{
    CreateOrganizationRequest, CreateOrganizationResponse, DeleteOrganizationInput,
    DeleteOrganizationOutput, DescribeOrganizationInput, DescribeOrganizationResponse,
    ListRootsRequest, ListRootsResponse, ModeledError, OrganizationFeatureSet, Root,
};
use sclocal_api::{RequestContext, ServiceError};

use super::common::{
    arn, caller, default_account, id_chars, manager, organization, paged, reader, scp_enabled,
};
use crate::store::OrgRecord;
use crate::Emulator;

const ALREADY: &str = "The AWS account is already a member of an organization.";

pub(super) async fn create(
    em: &Emulator,
    cx: &RequestContext,
    input: CreateOrganizationRequest,
) -> Result<CreateOrganizationResponse, ServiceError> {
    let scope = Emulator::scope(cx)?;
    // DEVIATION(aws): CONSOLIDATED_BILLING organizations are not emulated; every organization
    // has all features (the issue: "feature set ALL").
    let _ = input.feature_set;
    let org = OrgRecord {
        id: format!("o-{}", id_chars(em, 10)),
        management_account: scope.account.clone(),
        root_id: format!("r-{}", id_chars(em, 4)),
        feature_set: OrganizationFeatureSet::ALL.as_str().into(),
        partition: scope.partition.into(),
        created_ms: em.clock.now_millis(),
    };
    let mgmt = match em.store.account(&scope.account).await? {
        Some(a) => a,
        None => default_account(&scope.account),
    };
    if !em.store.create_organization(&org, &mgmt).await? {
        return Err(ModeledError::AlreadyInOrganizationException.msg(ALREADY));
    }
    Ok(CreateOrganizationResponse {
        organization: Some(organization(&org, mgmt.email)),
    })
}

pub(super) async fn describe(
    em: &Emulator,
    cx: &RequestContext,
    _input: DescribeOrganizationInput,
) -> Result<DescribeOrganizationResponse, ServiceError> {
    // Any account of the organization may read it (§5.2).
    let c = caller(em, cx).await?;
    let email = management_email(em, &c.org).await?;
    Ok(DescribeOrganizationResponse {
        organization: Some(organization(&c.org, email)),
    })
}

pub(super) async fn delete(
    em: &Emulator,
    cx: &RequestContext,
    _input: DeleteOrganizationInput,
) -> Result<DeleteOrganizationOutput, ServiceError> {
    let c = manager(em, cx).await?;
    if !em.store.delete_organization(&c.org).await? {
        return Err(ModeledError::OrganizationNotEmptyException.msg(
            "To delete an organization you must first remove all member accounts (except the master).",
        ));
    }
    Ok(DeleteOrganizationOutput::default())
}

pub(super) async fn list_roots(
    em: &Emulator,
    cx: &RequestContext,
    input: ListRootsRequest,
) -> Result<ListRootsResponse, ServiceError> {
    let c = reader(em, cx).await?;
    let root = Root {
        id: Some(c.org.root_id.clone()),
        arn: Some(arn(&c.org, "root", &c.org.root_id)),
        name: Some("Root".into()),
        policy_types: Some(scp_enabled()),
    };
    let (roots, next) = paged(
        vec![root],
        "ListRoots",
        input.next_token.as_deref(),
        input.max_results,
    )?;
    Ok(ListRootsResponse {
        roots: Some(roots),
        next_token: next,
    })
}

/// The management account's email.
pub(super) async fn management_email(
    em: &Emulator,
    org: &OrgRecord,
) -> Result<String, ServiceError> {
    Ok(em
        .store
        .account(&org.management_account)
        .await?
        .map_or_else(
            || default_account(&org.management_account).email,
            |a| a.email,
        ))
}
