//! Service Catalog: the `ServiceCatalog` trait implemented on [`Emulator`], one module per
//! resource. Each method only delegates; the behaviour lives in the modules. Operations not
//! listed keep the generated "not implemented" default.

pub mod access;
pub mod access_report;
pub mod org_events;
mod organizations_access;
mod portfolio;
pub mod share;

// products, provisioning artifacts, principals, TagOptions, constraints
mod constraint;
mod end_user;
mod listing;
mod principal;
mod principal_arn;
mod product;
mod product_link;
mod product_view;
mod provisioning_artifact;
mod tag_option;

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
    async fn create_product(
        &self,
        cx: &RequestContext,
        input: sc::CreateProductInput,
    ) -> Result<sc::CreateProductOutput, ServiceError> {
        product::create(self, cx, input).await
    }

    async fn describe_product_as_admin(
        &self,
        cx: &RequestContext,
        input: sc::DescribeProductAsAdminInput,
    ) -> Result<sc::DescribeProductAsAdminOutput, ServiceError> {
        product::describe_as_admin(self, cx, input).await
    }

    async fn update_product(
        &self,
        cx: &RequestContext,
        input: sc::UpdateProductInput,
    ) -> Result<sc::UpdateProductOutput, ServiceError> {
        product::update(self, cx, input).await
    }

    async fn delete_product(
        &self,
        cx: &RequestContext,
        input: sc::DeleteProductInput,
    ) -> Result<sc::DeleteProductOutput, ServiceError> {
        product::delete(self, cx, input).await
    }

    async fn search_products_as_admin(
        &self,
        cx: &RequestContext,
        input: sc::SearchProductsAsAdminInput,
    ) -> Result<sc::SearchProductsAsAdminOutput, ServiceError> {
        product::search_as_admin(self, cx, input).await
    }

    async fn associate_product_with_portfolio(
        &self,
        cx: &RequestContext,
        input: sc::AssociateProductWithPortfolioInput,
    ) -> Result<sc::AssociateProductWithPortfolioOutput, ServiceError> {
        product_link::associate(self, cx, input).await
    }

    async fn disassociate_product_from_portfolio(
        &self,
        cx: &RequestContext,
        input: sc::DisassociateProductFromPortfolioInput,
    ) -> Result<sc::DisassociateProductFromPortfolioOutput, ServiceError> {
        product_link::disassociate(self, cx, input).await
    }

    async fn list_portfolios_for_product(
        &self,
        cx: &RequestContext,
        input: sc::ListPortfoliosForProductInput,
    ) -> Result<sc::ListPortfoliosForProductOutput, ServiceError> {
        product_link::list_portfolios(self, cx, input).await
    }

    async fn create_provisioning_artifact(
        &self,
        cx: &RequestContext,
        input: sc::CreateProvisioningArtifactInput,
    ) -> Result<sc::CreateProvisioningArtifactOutput, ServiceError> {
        provisioning_artifact::create(self, cx, input).await
    }

    async fn describe_provisioning_artifact(
        &self,
        cx: &RequestContext,
        input: sc::DescribeProvisioningArtifactInput,
    ) -> Result<sc::DescribeProvisioningArtifactOutput, ServiceError> {
        provisioning_artifact::describe(self, cx, input).await
    }

    async fn update_provisioning_artifact(
        &self,
        cx: &RequestContext,
        input: sc::UpdateProvisioningArtifactInput,
    ) -> Result<sc::UpdateProvisioningArtifactOutput, ServiceError> {
        provisioning_artifact::update(self, cx, input).await
    }

    async fn delete_provisioning_artifact(
        &self,
        cx: &RequestContext,
        input: sc::DeleteProvisioningArtifactInput,
    ) -> Result<sc::DeleteProvisioningArtifactOutput, ServiceError> {
        provisioning_artifact::delete(self, cx, input).await
    }

    async fn list_provisioning_artifacts(
        &self,
        cx: &RequestContext,
        input: sc::ListProvisioningArtifactsInput,
    ) -> Result<sc::ListProvisioningArtifactsOutput, ServiceError> {
        provisioning_artifact::list(self, cx, input).await
    }

    async fn associate_principal_with_portfolio(
        &self,
        cx: &RequestContext,
        input: sc::AssociatePrincipalWithPortfolioInput,
    ) -> Result<sc::AssociatePrincipalWithPortfolioOutput, ServiceError> {
        principal::associate(self, cx, input).await
    }

    async fn disassociate_principal_from_portfolio(
        &self,
        cx: &RequestContext,
        input: sc::DisassociatePrincipalFromPortfolioInput,
    ) -> Result<sc::DisassociatePrincipalFromPortfolioOutput, ServiceError> {
        principal::disassociate(self, cx, input).await
    }

    async fn list_principals_for_portfolio(
        &self,
        cx: &RequestContext,
        input: sc::ListPrincipalsForPortfolioInput,
    ) -> Result<sc::ListPrincipalsForPortfolioOutput, ServiceError> {
        principal::list(self, cx, input).await
    }

    async fn create_tag_option(
        &self,
        cx: &RequestContext,
        input: sc::CreateTagOptionInput,
    ) -> Result<sc::CreateTagOptionOutput, ServiceError> {
        tag_option::create(self, cx, input).await
    }

    async fn describe_tag_option(
        &self,
        cx: &RequestContext,
        input: sc::DescribeTagOptionInput,
    ) -> Result<sc::DescribeTagOptionOutput, ServiceError> {
        tag_option::describe(self, cx, input).await
    }

    async fn list_tag_options(
        &self,
        cx: &RequestContext,
        input: sc::ListTagOptionsInput,
    ) -> Result<sc::ListTagOptionsOutput, ServiceError> {
        tag_option::list(self, cx, input).await
    }

    async fn update_tag_option(
        &self,
        cx: &RequestContext,
        input: sc::UpdateTagOptionInput,
    ) -> Result<sc::UpdateTagOptionOutput, ServiceError> {
        tag_option::update(self, cx, input).await
    }

    async fn delete_tag_option(
        &self,
        cx: &RequestContext,
        input: sc::DeleteTagOptionInput,
    ) -> Result<sc::DeleteTagOptionOutput, ServiceError> {
        tag_option::delete(self, cx, input).await
    }

    async fn associate_tag_option_with_resource(
        &self,
        cx: &RequestContext,
        input: sc::AssociateTagOptionWithResourceInput,
    ) -> Result<sc::AssociateTagOptionWithResourceOutput, ServiceError> {
        tag_option::associate(self, cx, input).await
    }

    async fn disassociate_tag_option_from_resource(
        &self,
        cx: &RequestContext,
        input: sc::DisassociateTagOptionFromResourceInput,
    ) -> Result<sc::DisassociateTagOptionFromResourceOutput, ServiceError> {
        tag_option::disassociate(self, cx, input).await
    }

    async fn list_resources_for_tag_option(
        &self,
        cx: &RequestContext,
        input: sc::ListResourcesForTagOptionInput,
    ) -> Result<sc::ListResourcesForTagOptionOutput, ServiceError> {
        tag_option::list_resources(self, cx, input).await
    }

    async fn create_constraint(
        &self,
        cx: &RequestContext,
        input: sc::CreateConstraintInput,
    ) -> Result<sc::CreateConstraintOutput, ServiceError> {
        constraint::create(self, cx, input).await
    }

    async fn describe_constraint(
        &self,
        cx: &RequestContext,
        input: sc::DescribeConstraintInput,
    ) -> Result<sc::DescribeConstraintOutput, ServiceError> {
        constraint::describe(self, cx, input).await
    }

    async fn update_constraint(
        &self,
        cx: &RequestContext,
        input: sc::UpdateConstraintInput,
    ) -> Result<sc::UpdateConstraintOutput, ServiceError> {
        constraint::update(self, cx, input).await
    }

    async fn delete_constraint(
        &self,
        cx: &RequestContext,
        input: sc::DeleteConstraintInput,
    ) -> Result<sc::DeleteConstraintOutput, ServiceError> {
        constraint::delete(self, cx, input).await
    }

    async fn list_constraints_for_portfolio(
        &self,
        cx: &RequestContext,
        input: sc::ListConstraintsForPortfolioInput,
    ) -> Result<sc::ListConstraintsForPortfolioOutput, ServiceError> {
        constraint::list(self, cx, input).await
    }

    async fn search_products(
        &self,
        cx: &RequestContext,
        input: sc::SearchProductsInput,
    ) -> Result<sc::SearchProductsOutput, ServiceError> {
        end_user::search(self, cx, input).await
    }

    async fn describe_product(
        &self,
        cx: &RequestContext,
        input: sc::DescribeProductInput,
    ) -> Result<sc::DescribeProductOutput, ServiceError> {
        end_user::describe_product(self, cx, input).await
    }

    async fn describe_product_view(
        &self,
        cx: &RequestContext,
        input: sc::DescribeProductViewInput,
    ) -> Result<sc::DescribeProductViewOutput, ServiceError> {
        end_user::describe_product_view(self, cx, input).await
    }

    async fn list_launch_paths(
        &self,
        cx: &RequestContext,
        input: sc::ListLaunchPathsInput,
    ) -> Result<sc::ListLaunchPathsOutput, ServiceError> {
        end_user::list_launch_paths(self, cx, input).await
    }
    // ---- end products ----
}
