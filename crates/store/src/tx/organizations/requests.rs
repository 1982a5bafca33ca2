//! CreateAccount requests and handshakes.

use sclocal_api::organizations::{
    CreateAccountFailureReason, CreateAccountState, HandshakeState, OrganizationFeatureSet,
};
use sclocal_core::ids::{AccountId, CreateAccountRequestId, HandshakeId, OrgId};
use sclocal_core::store::{CreateAccountRecord, HandshakeRecord, HandshakeTarget, StoreError};

use super::super::{account, limit_arg, tags_from_json, tags_to_json, Tx};
use crate::args;
use crate::sql::{corrupt, parsed, parsed_opt, Arg, Row};

const CAR_COLUMNS: &str = "id, org_id, account_name, email, state, requested_ms, \
     completed_ms, account_id, failure_reason, tags";
const HANDSHAKE_COLUMNS: &str = "id, org_id, target_type, target_id, state, requested_ms, \
     expires_ms, notes, tags, org_arn_mgmt, master_email, master_name, feature_set";

fn car_row(r: &dyn Row) -> Result<CreateAccountRecord, StoreError> {
    Ok(CreateAccountRecord {
        id: parsed(r, 0, CreateAccountRequestId::parse)?,
        org_id: parsed(r, 1, OrgId::parse)?,
        account_name: r.text(2)?,
        email: r.text(3)?,
        state: parsed(r, 4, CreateAccountState::from_wire)?,
        requested_ms: r.int(5)?,
        completed_ms: r.opt_int(6)?,
        account_id: parsed_opt(r, 7, AccountId::parse)?,
        failure_reason: parsed_opt(r, 8, CreateAccountFailureReason::from_wire)?,
        tags: tags_from_json(r, 9)?,
    })
}

fn handshake_row(r: &dyn Row) -> Result<HandshakeRecord, StoreError> {
    let target_type = r.text(2)?;
    let target_id = r.text(3)?;
    let target = match target_type.as_str() {
        "ACCOUNT" => HandshakeTarget::Account(
            AccountId::parse(&target_id).ok_or_else(|| corrupt(3, &target_id))?,
        ),
        "EMAIL" => HandshakeTarget::Email(target_id),
        other => return Err(corrupt(2, other)),
    };
    Ok(HandshakeRecord {
        id: parsed(r, 0, HandshakeId::parse)?,
        org_id: parsed(r, 1, OrgId::parse)?,
        target,
        state: parsed(r, 4, HandshakeState::from_wire)?,
        requested_ms: r.int(5)?,
        expires_ms: r.int(6)?,
        notes: r.opt_text(7)?,
        tags: tags_from_json(r, 8)?,
        management_account: account(r, 9)?,
        master_email: r.text(10)?,
        master_name: r.text(11)?,
        feature_set: parsed(r, 12, OrganizationFeatureSet::from_wire)?,
    })
}

pub(super) fn create_account_requests(
    tx: &Tx<'_>,
    clause: &str,
    key: &str,
) -> Result<Vec<CreateAccountRecord>, StoreError> {
    tx.conn.all(
        &format!("SELECT {CAR_COLUMNS} FROM org_create_account WHERE {clause} ORDER BY seq"),
        args![key],
        car_row,
    )
}

/// The latest `limit` requests of every organization, newest first.
pub(super) fn recent_create_account_requests(
    tx: &Tx<'_>,
    limit: usize,
) -> Result<Vec<CreateAccountRecord>, StoreError> {
    tx.conn.all(
        &format!("SELECT {CAR_COLUMNS} FROM org_create_account ORDER BY seq DESC LIMIT ?1"),
        args![limit_arg(limit)],
        car_row,
    )
}

pub(super) fn put_create_account_request(
    tx: &Tx<'_>,
    r: &CreateAccountRecord,
) -> Result<(), StoreError> {
    tx.conn.execute(
        "INSERT INTO org_create_account (id, org_id, account_name, email, state, requested_ms,
         completed_ms, account_id, failure_reason, tags)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT (id) DO UPDATE SET org_id = excluded.org_id,
         account_name = excluded.account_name, email = excluded.email,
         state = excluded.state, requested_ms = excluded.requested_ms,
         completed_ms = excluded.completed_ms, account_id = excluded.account_id,
         failure_reason = excluded.failure_reason, tags = excluded.tags",
        args![
            r.id.as_str(),
            r.org_id.as_str(),
            &r.account_name,
            &r.email,
            r.state.as_str(),
            r.requested_ms,
            r.completed_ms,
            r.account_id.as_ref().map(AccountId::as_str),
            r.failure_reason.map(CreateAccountFailureReason::as_str),
            &tags_to_json(&r.tags)
        ],
    )?;
    Ok(())
}

pub(super) fn handshakes(
    tx: &Tx<'_>,
    clause: &str,
    args: &[Arg<'_>],
) -> Result<Vec<HandshakeRecord>, StoreError> {
    tx.conn.all(
        &format!("SELECT {HANDSHAKE_COLUMNS} FROM org_handshakes WHERE {clause} ORDER BY seq"),
        args,
        handshake_row,
    )
}

pub(super) fn insert_handshake(tx: &Tx<'_>, h: &HandshakeRecord) -> Result<(), StoreError> {
    let target_type = match h.target {
        HandshakeTarget::Account(_) => "ACCOUNT",
        HandshakeTarget::Email(_) => "EMAIL",
    };
    tx.conn.execute(
        "INSERT INTO org_handshakes (id, org_id, target_type, target_id, state, requested_ms,
         expires_ms, notes, tags, org_arn_mgmt, master_email, master_name, feature_set)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        args![
            h.id.as_str(),
            h.org_id.as_str(),
            target_type,
            h.target.id(),
            h.state.as_str(),
            h.requested_ms,
            h.expires_ms,
            h.notes.as_deref(),
            &tags_to_json(&h.tags),
            h.management_account.as_str(),
            &h.master_email,
            &h.master_name,
            h.feature_set.as_str()
        ],
    )?;
    Ok(())
}
