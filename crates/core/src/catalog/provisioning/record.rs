//! DescribeRecord and ListRecordHistory (provisioning.md §11;
//! https://docs.aws.amazon.com/servicecatalog/latest/dg/API_DescribeRecord.html and
//! API_ListRecordHistory.html). Records outlive their product: a terminated product's history
//! stays listed and describable.

use sclocal_api::servicecatalog::{
    DescribeRecordInput, DescribeRecordOutput, ListRecordHistoryInput, ListRecordHistoryOutput,
    ModeledError,
};
use sclocal_api::{RequestContext, ServiceError};

use super::access_level::Level;
use super::engine::record_not_found;
use super::views::record_detail;
use crate::ids::RecordId;
use crate::page::Api;
use crate::Emulator;

/// DescribeRecord: a record of the caller's account and region, with the outputs the product
/// had after it, paged. DEVIATION(aws): AWS restricts records to the product's current owner;
/// without IAM, any principal of the account may describe them (§11).
pub(crate) async fn describe_record(
    em: &Emulator,
    cx: &RequestContext,
    input: DescribeRecordInput,
) -> Result<DescribeRecordOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let size = Api::Catalog.size(input.page_size);
    em.store
        .read(move |tx| {
            let record = RecordId::parse(&input.id)
                .map(|id| tx.record(&id))
                .transpose()?
                .flatten()
                .filter(|r| r.account == scope.account && r.region == scope.region)
                .ok_or_else(|| record_not_found(&input.id))?;
            let outputs: Vec<_> = record
                .outputs
                .iter()
                .map(crate::cloudformation::outputs::ResolvedOutput::to_api)
                .collect();
            let kind = format!("DescribeRecord/{}", record.id);
            let (page, next) =
                Api::Catalog.slice(outputs, &kind, input.page_token.as_deref(), size)?;
            Ok(DescribeRecordOutput {
                record_detail: Some(record_detail(&record)),
                record_outputs: Some(page),
                next_page_token: next,
            })
        })
        .await
}

/// ListRecordHistory: the account's records, newest first ("in reverse chronological
/// order"), at the access level asked (default User), optionally of one product
/// (`SearchFilter {Key: product}`) or one provisioned product (`provisionedproduct`).
pub(crate) async fn list_record_history(
    em: &Emulator,
    cx: &RequestContext,
    input: ListRecordHistoryInput,
) -> Result<ListRecordHistoryOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let caller = cx.principal_arn.clone();
    let size = Api::Catalog.size(input.page_size);
    let level = Level::of(input.access_level_filter.as_ref(), Level::User)?;
    let filter = match &input.search_filter {
        Some(f) => match (f.key.as_deref(), f.value.clone()) {
            (Some("product" | "provisionedproduct"), Some(value)) => {
                Some((f.key.clone().unwrap_or_default(), value))
            }
            (None, _) | (_, None) => None,
            (Some(other), Some(_)) => {
                // DEVIATION(aws): the text is ours.
                return Err(ModeledError::InvalidParametersException.msg(format!(
                    "SearchFilter Key {other} is not one of product, provisionedproduct."
                )));
            }
        },
        None => None,
    };
    em.store
        .read(move |tx| {
            let mut records: Vec<_> = tx
                .account_records(&scope.account, &scope.region)?
                .into_iter()
                .filter(|r| level.sees(&caller, &r.user_arn, &r.user_arn_session))
                .filter(|r| match &filter {
                    Some((key, value)) if key == "product" => r.product_id == *value.as_str(),
                    Some((_, value)) => r.provisioned_product_id == *value.as_str(),
                    None => true,
                })
                .collect();
            records.reverse();
            let kind = format!(
                "ListRecordHistory/{level:?}/{}",
                filter
                    .as_ref()
                    .map_or(String::new(), |(k, v)| format!("{k}={v}"))
            );
            let (page, next) =
                Api::Catalog.slice(records, &kind, input.page_token.as_deref(), size)?;
            Ok(ListRecordHistoryOutput {
                record_details: Some(page.iter().map(record_detail).collect()),
                next_page_token: next,
            })
        })
        .await
}
