//! How handshakes look on the wire (organizations-behavior.md §4): parties and resources in
//! AWS's order, the state as of now, and the HandshakeFilter of the listings.

use sclocal_api::organizations::{
    ActionType, Handshake, HandshakeParty, HandshakePartyType, HandshakeResource,
    HandshakeResourceType, HandshakeState, InvalidInputExceptionReason,
};
use sclocal_api::primitives::Timestamp;
use sclocal_api::ServiceError;

use super::caller::invalid;
use crate::ids::Scope;
use crate::page::Api;
use crate::store::{HandshakeRecord, HandshakeTarget};

/// The state as of `now`: an OPEN invitation past its expiry reads EXPIRED (§6.2, lazily).
pub(super) fn state(h: &HandshakeRecord, now: i64) -> HandshakeState {
    if h.state == HandshakeState::OPEN && h.expires_ms <= now {
        HandshakeState::EXPIRED
    } else {
        h.state
    }
}

type Filter = Option<sclocal_api::organizations::HandshakeFilter>;

/// Applies a HandshakeFilter (one member at most, §5.25) and pages.
pub(super) fn filtered(
    all: Vec<HandshakeRecord>,
    kind: &str,
    filter: &Filter,
    token: Option<&str>,
    size: usize,
) -> Result<(Vec<HandshakeRecord>, Option<String>), ServiceError> {
    let mut kind = kind.to_string();
    let mut items = all;
    if let Some(f) = filter {
        if f.action_type.is_some() && f.parent_handshake_id.is_some() {
            return Err(invalid(
                InvalidInputExceptionReason::MAX_LIMIT_EXCEEDED_FILTER,
                "You can specify only one filter parameter for the operation.",
            ));
        }
        if let Some(action) = f.action_type {
            items.retain(|_| action == ActionType::INVITE);
            kind.push_str(action.as_str());
        }
        if f.parent_handshake_id.is_some() {
            // INVITE handshakes have no parent.
            items.clear();
            kind.push_str(":parent");
        }
    }
    Api::Organizations.slice(items, &kind, token, size)
}

/// The Handshake shape (§4): parties, and resources in AWS's order.
pub(super) fn shape(scope: &Scope, h: &HandshakeRecord, now: i64) -> Handshake {
    let partition = scope.partition;
    let res = |t: HandshakeResourceType, v: &str, children: Option<Vec<HandshakeResource>>| {
        HandshakeResource {
            value: Some(v.to_string()),
            r#type: Some(t),
            resources: children,
        }
    };
    let (target_kind, party_kind) = match h.target {
        HandshakeTarget::Account(_) => {
            (HandshakeResourceType::ACCOUNT, HandshakePartyType::ACCOUNT)
        }
        HandshakeTarget::Email(_) => (HandshakeResourceType::EMAIL, HandshakePartyType::EMAIL),
    };
    let mut resources = vec![
        res(
            HandshakeResourceType::ORGANIZATION,
            h.org_id.as_str(),
            Some(vec![
                res(HandshakeResourceType::MASTER_EMAIL, &h.master_email, None),
                res(HandshakeResourceType::MASTER_NAME, &h.master_name, None),
                res(
                    HandshakeResourceType::ORGANIZATION_FEATURE_SET,
                    h.feature_set.as_str(),
                    None,
                ),
            ]),
        ),
        res(target_kind, h.target.id(), None),
    ];
    if let Some(notes) = &h.notes {
        resources.push(res(HandshakeResourceType::NOTES, notes, None));
    }
    Handshake {
        id: Some(h.id.to_string()),
        arn: Some(format!(
            "arn:{partition}:organizations::{}:handshake/{}/invite/{}",
            h.management_account, h.org_id, h.id
        )),
        parties: Some(vec![
            HandshakeParty {
                id: h.org_id.to_string(),
                r#type: HandshakePartyType::ORGANIZATION,
            },
            HandshakeParty {
                id: h.target.id().to_string(),
                r#type: party_kind,
            },
        ]),
        state: Some(state(h, now)),
        requested_timestamp: Some(Timestamp::from_millis(h.requested_ms)),
        expiration_timestamp: Some(Timestamp::from_millis(h.expires_ms)),
        action: Some(ActionType::INVITE),
        resources: Some(resources),
    }
}
