//! EnableAllFeatures and CreateGovCloudAccount (governance.md §4.2, §8.1): the two
//! management-account operations that depend on what the organization is.
//!
//! DEVIATION(aws): EnableAllFeatures does not run the member-approval handshake of §4.2
//! (invited members accepting `APPROVE_ALL_FEATURES`, the management account finalising): the
//! switch completes at once and the answer is the parent handshake, already `ACCEPTED`.

use sclocal_api::organizations::{
    ActionType, ConstraintViolationExceptionReason as Cv, CreateGovCloudAccountRequest,
    CreateGovCloudAccountResponse, EnableAllFeaturesRequest, EnableAllFeaturesResponse, Handshake,
    HandshakeConstraintViolationExceptionReason as Hcv, HandshakeParty, HandshakePartyType,
    HandshakeResource, HandshakeResourceType, HandshakeState, ModeledError, OrganizationFeatureSet,
};
use sclocal_api::primitives::Timestamp;
use sclocal_api::{RequestContext, ServiceError};

use super::caller::{constraint, manager};
use crate::ids::HandshakeId;
use crate::store::{Lock, OrgRecord};
use crate::Emulator;

/// Enable-all-features handshakes expire after 90 days (§4.2).
const EXPIRY_MS: i64 = 90 * 24 * 3600 * 1000;

/// EnableAllFeatures: a consolidated-billing organization becomes ALL (root policy types
/// stay empty).
pub(crate) async fn enable_all_features(
    em: &Emulator,
    cx: &RequestContext,
    _input: EnableAllFeaturesRequest,
) -> Result<EnableAllFeaturesResponse, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let id = HandshakeId::generate(em.ids.as_ref());
    let now = em.now();
    em.org_write(move |tx| {
        let c = manager(tx, &scope)?;
        tx.lock(Lock::Organization(&c.org.id))?;
        if c.org.feature_set == OrganizationFeatureSet::ALL {
            return Err(
                ModeledError::HandshakeConstraintViolationException.with_reason(
                    Hcv::ORGANIZATION_ALREADY_HAS_ALL_FEATURES.as_str(),
                    "This organization has already enabled all features.",
                ),
            );
        }
        let mut org = c.org.clone();
        org.feature_set = OrganizationFeatureSet::ALL;
        tx.set_feature_set(&org.id, OrganizationFeatureSet::ALL)?;
        Ok(EnableAllFeaturesResponse {
            handshake: Some(all_features_handshake(&org, &id, now)),
        })
    })
    .await
}

fn all_features_handshake(org: &OrgRecord, id: &HandshakeId, now: i64) -> Handshake {
    Handshake {
        id: Some(id.to_string()),
        arn: Some(format!(
            "arn:{}:organizations::{}:handshake/{}/enable_all_features/{id}",
            org.partition, org.management_account, org.id
        )),
        parties: Some(vec![HandshakeParty {
            id: org.id.to_string(),
            r#type: HandshakePartyType::ORGANIZATION,
        }]),
        state: Some(HandshakeState::ACCEPTED),
        requested_timestamp: Some(Timestamp::from_millis(now)),
        expiration_timestamp: Some(Timestamp::from_millis(now + EXPIRY_MS)),
        action: Some(ActionType::ENABLE_ALL_FEATURES),
        resources: Some(vec![HandshakeResource {
            value: Some(org.id.to_string()),
            r#type: Some(HandshakeResourceType::ORGANIZATION),
            resources: None,
        }]),
    }
}

/// CreateGovCloudAccount: no management account here is paired with a GovCloud account, so
/// AWS's answer for that case (§8.1).
pub(crate) async fn create_gov_cloud_account(
    em: &Emulator,
    cx: &RequestContext,
    _input: CreateGovCloudAccountRequest,
) -> Result<CreateGovCloudAccountResponse, ServiceError> {
    let scope = Emulator::scope(cx)?;
    em.store
        .read(move |tx| {
            let c = manager(tx, &scope)?;
            if c.org.feature_set == OrganizationFeatureSet::CONSOLIDATED_BILLING {
                return Err(constraint(
                    Cv::ORGANIZATION_NOT_IN_ALL_FEATURES_MODE,
                    "You can perform the operation only in an organization with all features enabled.",
                ));
            }
            Err(constraint(
                Cv::MASTER_ACCOUNT_NOT_GOVCLOUD_ENABLED,
                "To complete this operation, the management account must have an associated account in the AWS GovCloud (US-West) Region.",
            ))
        })
        .await
}
