//! The responsibility-transfer operations (governance.md §8.2; billing transfers between
//! organizations). Shallow by design (the issue allows it): sclocal's accounts carry no
//! billing, so an invitation passes the caller, target and date checks and is then refused
//! with `UNMET_BILLING_PREREQUISITE` (inferred); no transfer ever exists, so the listings are
//! empty and the operations on one transfer answer ResponsibilityTransferNotFoundException.

use sclocal_api::organizations::{
    ConstraintViolationExceptionReason as Cv, DescribeResponsibilityTransferRequest,
    DescribeResponsibilityTransferResponse, HandshakePartyType, InvalidInputExceptionReason,
    InviteOrganizationToTransferResponsibilityRequest,
    InviteOrganizationToTransferResponsibilityResponse, ListInboundResponsibilityTransfersRequest,
    ListInboundResponsibilityTransfersResponse, ListOutboundResponsibilityTransfersRequest,
    ListOutboundResponsibilityTransfersResponse, ModeledError,
    TerminateResponsibilityTransferRequest, TerminateResponsibilityTransferResponse,
    UpdateResponsibilityTransferRequest, UpdateResponsibilityTransferResponse,
};
use sclocal_api::{RequestContext, ServiceError};

use super::caller::{constraint, invalid, manager};
use crate::ids::{AccountId, Scope};
use crate::Emulator;

const NOT_FOUND: &str = "We can't find a responsibility transfer with the ID that you specified.";

/// The management account, or the refusal every transfer operation gives others.
async fn management(em: &Emulator, scope: Scope) -> Result<(), ServiceError> {
    em.store
        .read(move |tx| manager(tx, &scope).map(|_| ()))
        .await
}

/// InviteOrganizationToTransferResponsibility.
pub(crate) async fn invite_organization_to_transfer_responsibility(
    em: &Emulator,
    cx: &RequestContext,
    input: InviteOrganizationToTransferResponsibilityRequest,
) -> Result<InviteOrganizationToTransferResponsibilityResponse, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let start = input.start_timestamp.millis();
    let beginning_of_month = time::OffsetDateTime::from_unix_timestamp(start.div_euclid(1000))
        .is_ok_and(|t| t.day() == 1 && t.hour() == 0 && t.minute() == 0 && t.second() == 0);
    let target = input.target;
    em.store
        .read(move |tx| {
            let c = manager(tx, &scope)?;
            if !beginning_of_month {
                return Err(invalid(
                    InvalidInputExceptionReason::START_DATE_NOT_BEGINNING_OF_MONTH,
                    "The start date must be the beginning of a month.",
                ));
            }
            let other_management = match target.r#type {
                HandshakePartyType::ACCOUNT => AccountId::parse(&target.id)
                    .map(|a| tx.organization_of(&a))
                    .transpose()?
                    .flatten()
                    .filter(|o| o.management_account.as_str() == target.id),
                _ => None,
            };
            match other_management {
                Some(o) if o.id == c.org.id => Err(
                    ModeledError::HandshakeConstraintViolationException.with_reason(
                        "SOURCE_AND_TARGET_CANNOT_MATCH",
                        "The source and target of a transfer must differ.",
                    ),
                ),
                Some(_) => Err(constraint(
                    Cv::UNMET_BILLING_PREREQUISITE,
                    "The billing prerequisites for transferring responsibility are not met.",
                )),
                None => Err(
                    ModeledError::HandshakeConstraintViolationException.with_reason(
                        "TARGET_ACCOUNT_VALIDATION_FAILURE",
                        "The target must be the management account of another organization.",
                    ),
                ),
            }
        })
        .await
}

/// ListInboundResponsibilityTransfers: none.
pub(crate) async fn list_inbound_responsibility_transfers(
    em: &Emulator,
    cx: &RequestContext,
    _input: ListInboundResponsibilityTransfersRequest,
) -> Result<ListInboundResponsibilityTransfersResponse, ServiceError> {
    management(em, Emulator::scope(cx)?).await?;
    Ok(ListInboundResponsibilityTransfersResponse {
        responsibility_transfers: Some(Vec::new()),
        next_token: None,
    })
}

/// ListOutboundResponsibilityTransfers: none.
pub(crate) async fn list_outbound_responsibility_transfers(
    em: &Emulator,
    cx: &RequestContext,
    _input: ListOutboundResponsibilityTransfersRequest,
) -> Result<ListOutboundResponsibilityTransfersResponse, ServiceError> {
    management(em, Emulator::scope(cx)?).await?;
    Ok(ListOutboundResponsibilityTransfersResponse {
        responsibility_transfers: Some(Vec::new()),
        next_token: None,
    })
}

/// DescribeResponsibilityTransfer: no transfer exists.
pub(crate) async fn describe_responsibility_transfer(
    em: &Emulator,
    cx: &RequestContext,
    _input: DescribeResponsibilityTransferRequest,
) -> Result<DescribeResponsibilityTransferResponse, ServiceError> {
    management(em, Emulator::scope(cx)?).await?;
    Err(ModeledError::ResponsibilityTransferNotFoundException.msg(NOT_FOUND))
}

/// UpdateResponsibilityTransfer: no transfer exists.
pub(crate) async fn update_responsibility_transfer(
    em: &Emulator,
    cx: &RequestContext,
    _input: UpdateResponsibilityTransferRequest,
) -> Result<UpdateResponsibilityTransferResponse, ServiceError> {
    management(em, Emulator::scope(cx)?).await?;
    Err(ModeledError::ResponsibilityTransferNotFoundException.msg(NOT_FOUND))
}

/// TerminateResponsibilityTransfer: no transfer exists.
pub(crate) async fn terminate_responsibility_transfer(
    em: &Emulator,
    cx: &RequestContext,
    _input: TerminateResponsibilityTransferRequest,
) -> Result<TerminateResponsibilityTransferResponse, ServiceError> {
    management(em, Emulator::scope(cx)?).await?;
    Err(ModeledError::ResponsibilityTransferNotFoundException.msg(NOT_FOUND))
}
