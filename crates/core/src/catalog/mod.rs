//! Service Catalog: the `ServiceCatalog` trait implemented on [`Emulator`], one module per
//! resource. Only operations emulated so far are overridden; the rest keep the generated
//! "not implemented" default.

mod portfolio;

use async_trait::async_trait;
use sclocal_api::servicecatalog::{
    CreatePortfolioInput, CreatePortfolioOutput, DeletePortfolioInput, DeletePortfolioOutput,
    DescribePortfolioInput, DescribePortfolioOutput, ListPortfoliosInput, ListPortfoliosOutput,
    ServiceCatalog, UpdatePortfolioInput, UpdatePortfolioOutput,
};
use sclocal_api::{RequestContext, ServiceError};

use crate::Emulator;

#[async_trait]
impl ServiceCatalog for Emulator {
    async fn create_portfolio(
        &self,
        cx: &RequestContext,
        input: CreatePortfolioInput,
    ) -> Result<CreatePortfolioOutput, ServiceError> {
        portfolio::create(self, cx, input).await
    }

    async fn describe_portfolio(
        &self,
        cx: &RequestContext,
        input: DescribePortfolioInput,
    ) -> Result<DescribePortfolioOutput, ServiceError> {
        portfolio::describe(self, cx, input).await
    }

    async fn update_portfolio(
        &self,
        cx: &RequestContext,
        input: UpdatePortfolioInput,
    ) -> Result<UpdatePortfolioOutput, ServiceError> {
        portfolio::update(self, cx, input).await
    }

    async fn delete_portfolio(
        &self,
        cx: &RequestContext,
        input: DeletePortfolioInput,
    ) -> Result<DeletePortfolioOutput, ServiceError> {
        portfolio::delete(self, cx, input).await
    }

    async fn list_portfolios(
        &self,
        cx: &RequestContext,
        input: ListPortfoliosInput,
    ) -> Result<ListPortfoliosOutput, ServiceError> {
        portfolio::list(self, cx, input).await
    }
}
