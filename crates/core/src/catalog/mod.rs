//! Service Catalog: the `ServiceCatalog` trait implemented on [`Emulator`], one module per
//! resource. Each method only delegates; the behaviour lives in the modules. Operations not
//! listed keep the generated "not implemented" default.

pub mod access;
pub mod org_events;
mod organizations_access;
mod portfolio;
pub mod share;

use async_trait::async_trait;
use sclocal_api::servicecatalog as sc;
use sclocal_api::{RequestContext, ServiceError};

use crate::Emulator;

#[async_trait]
impl sc::ServiceCatalog for Emulator {
    // ---- portfolios ----
    async fn create_portfolio(
        &self,
        cx: &RequestContext,
        input: sc::CreatePortfolioInput,
    ) -> Result<sc::CreatePortfolioOutput, ServiceError> {
        portfolio::create(self, cx, input).await
    }

    async fn describe_portfolio(
        &self,
        cx: &RequestContext,
        input: sc::DescribePortfolioInput,
    ) -> Result<sc::DescribePortfolioOutput, ServiceError> {
        portfolio::describe(self, cx, input).await
    }

    async fn update_portfolio(
        &self,
        cx: &RequestContext,
        input: sc::UpdatePortfolioInput,
    ) -> Result<sc::UpdatePortfolioOutput, ServiceError> {
        portfolio::update(self, cx, input).await
    }

    async fn delete_portfolio(
        &self,
        cx: &RequestContext,
        input: sc::DeletePortfolioInput,
    ) -> Result<sc::DeletePortfolioOutput, ServiceError> {
        portfolio::delete(self, cx, input).await
    }

    async fn list_portfolios(
        &self,
        cx: &RequestContext,
        input: sc::ListPortfoliosInput,
    ) -> Result<sc::ListPortfoliosOutput, ServiceError> {
        portfolio::list(self, cx, input).await
    }

    // ---- organizations access (organizations_access.rs) ----
    async fn enable_aws_organizations_access(
        &self,
        cx: &RequestContext,
        input: sc::EnableAWSOrganizationsAccessInput,
    ) -> Result<sc::EnableAWSOrganizationsAccessOutput, ServiceError> {
        organizations_access::enable(self, cx, input).await
    }

    async fn disable_aws_organizations_access(
        &self,
        cx: &RequestContext,
        input: sc::DisableAWSOrganizationsAccessInput,
    ) -> Result<sc::DisableAWSOrganizationsAccessOutput, ServiceError> {
        organizations_access::disable(self, cx, input).await
    }

    async fn get_aws_organizations_access_status(
        &self,
        cx: &RequestContext,
        input: sc::GetAWSOrganizationsAccessStatusInput,
    ) -> Result<sc::GetAWSOrganizationsAccessStatusOutput, ServiceError> {
        organizations_access::status(self, cx, input).await
    }
    // ---- end organizations access ----

    // ---- sharing (share/) ----
    async fn create_portfolio_share(
        &self,
        cx: &RequestContext,
        input: sc::CreatePortfolioShareInput,
    ) -> Result<sc::CreatePortfolioShareOutput, ServiceError> {
        share::create::create_portfolio_share(self, cx, input).await
    }

    async fn update_portfolio_share(
        &self,
        cx: &RequestContext,
        input: sc::UpdatePortfolioShareInput,
    ) -> Result<sc::UpdatePortfolioShareOutput, ServiceError> {
        share::change::update_portfolio_share(self, cx, input).await
    }

    async fn delete_portfolio_share(
        &self,
        cx: &RequestContext,
        input: sc::DeletePortfolioShareInput,
    ) -> Result<sc::DeletePortfolioShareOutput, ServiceError> {
        share::change::delete_portfolio_share(self, cx, input).await
    }

    async fn describe_portfolio_share_status(
        &self,
        cx: &RequestContext,
        input: sc::DescribePortfolioShareStatusInput,
    ) -> Result<sc::DescribePortfolioShareStatusOutput, ServiceError> {
        share::status::describe_portfolio_share_status(self, cx, input).await
    }

    async fn list_organization_portfolio_access(
        &self,
        cx: &RequestContext,
        input: sc::ListOrganizationPortfolioAccessInput,
    ) -> Result<sc::ListOrganizationPortfolioAccessOutput, ServiceError> {
        share::status::list_organization_portfolio_access(self, cx, input).await
    }

    async fn describe_portfolio_shares(
        &self,
        cx: &RequestContext,
        input: sc::DescribePortfolioSharesInput,
    ) -> Result<sc::DescribePortfolioSharesOutput, ServiceError> {
        share::listing::describe_portfolio_shares(self, cx, input).await
    }

    async fn list_portfolio_access(
        &self,
        cx: &RequestContext,
        input: sc::ListPortfolioAccessInput,
    ) -> Result<sc::ListPortfolioAccessOutput, ServiceError> {
        share::listing::list_portfolio_access(self, cx, input).await
    }

    async fn accept_portfolio_share(
        &self,
        cx: &RequestContext,
        input: sc::AcceptPortfolioShareInput,
    ) -> Result<sc::AcceptPortfolioShareOutput, ServiceError> {
        share::accept::accept_portfolio_share(self, cx, input).await
    }

    async fn reject_portfolio_share(
        &self,
        cx: &RequestContext,
        input: sc::RejectPortfolioShareInput,
    ) -> Result<sc::RejectPortfolioShareOutput, ServiceError> {
        share::accept::reject_portfolio_share(self, cx, input).await
    }

    async fn list_accepted_portfolio_shares(
        &self,
        cx: &RequestContext,
        input: sc::ListAcceptedPortfolioSharesInput,
    ) -> Result<sc::ListAcceptedPortfolioSharesOutput, ServiceError> {
        share::accept::list_accepted_portfolio_shares(self, cx, input).await
    }

    // ---- end sharing ----

    // ---- products, provisioning artifacts, principals, TagOptions, constraints ----
    // ---- end products ----
}
