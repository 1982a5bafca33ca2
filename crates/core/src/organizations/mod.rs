//! AWS Organizations: the `Organizations` trait implemented on [`Emulator`]
//! (organizations-behavior.md). Each method only delegates to the module of its resource;
//! policies, EnableAllFeatures, responsibility transfers and resource policies keep the
//! generated "not implemented" default.

mod account;
pub mod bootstrap;
mod common;
mod handshake;
mod membership;
mod organization;
pub(crate) mod service_access;
mod tags;
mod tree;

pub(crate) use account::complete_due;
use sclocal_api::organizations as org;
use sclocal_api::{RequestContext, ServiceError};

use crate::Emulator;

#[async_trait::async_trait]
impl org::Organizations for Emulator {
    async fn accept_handshake(
        &self,
        cx: &RequestContext,
        input: org::AcceptHandshakeRequest,
    ) -> Result<org::AcceptHandshakeResponse, ServiceError> {
        handshake::accept(self, cx, input).await
    }

    async fn cancel_handshake(
        &self,
        cx: &RequestContext,
        input: org::CancelHandshakeRequest,
    ) -> Result<org::CancelHandshakeResponse, ServiceError> {
        handshake::cancel(self, cx, input).await
    }

    async fn close_account(
        &self,
        cx: &RequestContext,
        input: org::CloseAccountRequest,
    ) -> Result<org::CloseAccountOutput, ServiceError> {
        membership::close(self, cx, input).await
    }

    async fn create_account(
        &self,
        cx: &RequestContext,
        input: org::CreateAccountRequest,
    ) -> Result<org::CreateAccountResponse, ServiceError> {
        account::create(self, cx, input).await
    }

    async fn create_organization(
        &self,
        cx: &RequestContext,
        input: org::CreateOrganizationRequest,
    ) -> Result<org::CreateOrganizationResponse, ServiceError> {
        organization::create(self, cx, input).await
    }

    async fn create_organizational_unit(
        &self,
        cx: &RequestContext,
        input: org::CreateOrganizationalUnitRequest,
    ) -> Result<org::CreateOrganizationalUnitResponse, ServiceError> {
        tree::create(self, cx, input).await
    }

    async fn decline_handshake(
        &self,
        cx: &RequestContext,
        input: org::DeclineHandshakeRequest,
    ) -> Result<org::DeclineHandshakeResponse, ServiceError> {
        handshake::decline(self, cx, input).await
    }

    async fn delete_organization(
        &self,
        cx: &RequestContext,
        input: org::DeleteOrganizationInput,
    ) -> Result<org::DeleteOrganizationOutput, ServiceError> {
        organization::delete(self, cx, input).await
    }

    async fn delete_organizational_unit(
        &self,
        cx: &RequestContext,
        input: org::DeleteOrganizationalUnitRequest,
    ) -> Result<org::DeleteOrganizationalUnitOutput, ServiceError> {
        tree::delete(self, cx, input).await
    }

    async fn deregister_delegated_administrator(
        &self,
        cx: &RequestContext,
        input: org::DeregisterDelegatedAdministratorRequest,
    ) -> Result<org::DeregisterDelegatedAdministratorOutput, ServiceError> {
        service_access::deregister(self, cx, input).await
    }

    async fn describe_account(
        &self,
        cx: &RequestContext,
        input: org::DescribeAccountRequest,
    ) -> Result<org::DescribeAccountResponse, ServiceError> {
        membership::describe(self, cx, input).await
    }

    async fn describe_create_account_status(
        &self,
        cx: &RequestContext,
        input: org::DescribeCreateAccountStatusRequest,
    ) -> Result<org::DescribeCreateAccountStatusResponse, ServiceError> {
        account::describe_status(self, cx, input).await
    }

    async fn describe_handshake(
        &self,
        cx: &RequestContext,
        input: org::DescribeHandshakeRequest,
    ) -> Result<org::DescribeHandshakeResponse, ServiceError> {
        handshake::describe(self, cx, input).await
    }

    async fn describe_organization(
        &self,
        cx: &RequestContext,
        input: org::DescribeOrganizationInput,
    ) -> Result<org::DescribeOrganizationResponse, ServiceError> {
        organization::describe(self, cx, input).await
    }

    async fn describe_organizational_unit(
        &self,
        cx: &RequestContext,
        input: org::DescribeOrganizationalUnitRequest,
    ) -> Result<org::DescribeOrganizationalUnitResponse, ServiceError> {
        tree::describe(self, cx, input).await
    }

    async fn disable_aws_service_access(
        &self,
        cx: &RequestContext,
        input: org::DisableAWSServiceAccessRequest,
    ) -> Result<org::DisableAWSServiceAccessOutput, ServiceError> {
        service_access::disable(self, cx, input).await
    }

    async fn enable_aws_service_access(
        &self,
        cx: &RequestContext,
        input: org::EnableAWSServiceAccessRequest,
    ) -> Result<org::EnableAWSServiceAccessOutput, ServiceError> {
        service_access::enable(self, cx, input).await
    }

    async fn invite_account_to_organization(
        &self,
        cx: &RequestContext,
        input: org::InviteAccountToOrganizationRequest,
    ) -> Result<org::InviteAccountToOrganizationResponse, ServiceError> {
        handshake::invite(self, cx, input).await
    }

    async fn leave_organization(
        &self,
        cx: &RequestContext,
        input: org::LeaveOrganizationInput,
    ) -> Result<org::LeaveOrganizationOutput, ServiceError> {
        membership::leave(self, cx, input).await
    }

    async fn list_aws_service_access_for_organization(
        &self,
        cx: &RequestContext,
        input: org::ListAWSServiceAccessForOrganizationRequest,
    ) -> Result<org::ListAWSServiceAccessForOrganizationResponse, ServiceError> {
        service_access::list(self, cx, input).await
    }

    async fn list_accounts(
        &self,
        cx: &RequestContext,
        input: org::ListAccountsRequest,
    ) -> Result<org::ListAccountsResponse, ServiceError> {
        membership::list(self, cx, input).await
    }

    async fn list_accounts_for_parent(
        &self,
        cx: &RequestContext,
        input: org::ListAccountsForParentRequest,
    ) -> Result<org::ListAccountsForParentResponse, ServiceError> {
        membership::list_for_parent(self, cx, input).await
    }

    async fn list_children(
        &self,
        cx: &RequestContext,
        input: org::ListChildrenRequest,
    ) -> Result<org::ListChildrenResponse, ServiceError> {
        tree::list_children(self, cx, input).await
    }

    async fn list_create_account_status(
        &self,
        cx: &RequestContext,
        input: org::ListCreateAccountStatusRequest,
    ) -> Result<org::ListCreateAccountStatusResponse, ServiceError> {
        account::list_status(self, cx, input).await
    }

    async fn list_delegated_administrators(
        &self,
        cx: &RequestContext,
        input: org::ListDelegatedAdministratorsRequest,
    ) -> Result<org::ListDelegatedAdministratorsResponse, ServiceError> {
        service_access::list_admins(self, cx, input).await
    }

    async fn list_delegated_services_for_account(
        &self,
        cx: &RequestContext,
        input: org::ListDelegatedServicesForAccountRequest,
    ) -> Result<org::ListDelegatedServicesForAccountResponse, ServiceError> {
        service_access::list_services(self, cx, input).await
    }

    async fn list_handshakes_for_account(
        &self,
        cx: &RequestContext,
        input: org::ListHandshakesForAccountRequest,
    ) -> Result<org::ListHandshakesForAccountResponse, ServiceError> {
        handshake::list_for_account(self, cx, input).await
    }

    async fn list_handshakes_for_organization(
        &self,
        cx: &RequestContext,
        input: org::ListHandshakesForOrganizationRequest,
    ) -> Result<org::ListHandshakesForOrganizationResponse, ServiceError> {
        handshake::list_for_org(self, cx, input).await
    }

    async fn list_organizational_units_for_parent(
        &self,
        cx: &RequestContext,
        input: org::ListOrganizationalUnitsForParentRequest,
    ) -> Result<org::ListOrganizationalUnitsForParentResponse, ServiceError> {
        tree::list_for_parent(self, cx, input).await
    }

    async fn list_parents(
        &self,
        cx: &RequestContext,
        input: org::ListParentsRequest,
    ) -> Result<org::ListParentsResponse, ServiceError> {
        tree::list_parents(self, cx, input).await
    }

    async fn list_roots(
        &self,
        cx: &RequestContext,
        input: org::ListRootsRequest,
    ) -> Result<org::ListRootsResponse, ServiceError> {
        organization::list_roots(self, cx, input).await
    }

    async fn list_tags_for_resource(
        &self,
        cx: &RequestContext,
        input: org::ListTagsForResourceRequest,
    ) -> Result<org::ListTagsForResourceResponse, ServiceError> {
        tags::list(self, cx, input).await
    }

    async fn move_account(
        &self,
        cx: &RequestContext,
        input: org::MoveAccountRequest,
    ) -> Result<org::MoveAccountOutput, ServiceError> {
        membership::move_account(self, cx, input).await
    }

    async fn register_delegated_administrator(
        &self,
        cx: &RequestContext,
        input: org::RegisterDelegatedAdministratorRequest,
    ) -> Result<org::RegisterDelegatedAdministratorOutput, ServiceError> {
        service_access::register(self, cx, input).await
    }

    async fn remove_account_from_organization(
        &self,
        cx: &RequestContext,
        input: org::RemoveAccountFromOrganizationRequest,
    ) -> Result<org::RemoveAccountFromOrganizationOutput, ServiceError> {
        membership::remove(self, cx, input).await
    }

    async fn tag_resource(
        &self,
        cx: &RequestContext,
        input: org::TagResourceRequest,
    ) -> Result<org::TagResourceOutput, ServiceError> {
        tags::tag(self, cx, input).await
    }

    async fn untag_resource(
        &self,
        cx: &RequestContext,
        input: org::UntagResourceRequest,
    ) -> Result<org::UntagResourceOutput, ServiceError> {
        tags::untag(self, cx, input).await
    }

    async fn update_organizational_unit(
        &self,
        cx: &RequestContext,
        input: org::UpdateOrganizationalUnitRequest,
    ) -> Result<org::UpdateOrganizationalUnitResponse, ServiceError> {
        tree::update(self, cx, input).await
    }
}
