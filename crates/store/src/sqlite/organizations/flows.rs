//! The units of work with a rule to hold atomically: account creation, invitations, removal,
//! delegated administrators.

use rusqlite::{params, Connection};
use sclocal_core::ids::AccountId;
use sclocal_core::store::{
    AcceptOutcome, AccountRecord, CompleteOutcome, CreateAccountRecord, DelegatedAdminRecord,
    HandshakeRecord, InviteOutcome, RegisterOutcome, StoreError,
};

use super::rows::{org_of, put_tags, quota_used, tags_json};
use super::tree::join;
use crate::sqlite::backend;

pub(crate) fn insert_create_account(
    tx: &Connection,
    r: &CreateAccountRecord,
    max_in_progress: usize,
) -> Result<bool, StoreError> {
    let pending: usize = tx
        .prepare_cached(
            "SELECT COUNT(*) FROM org_create_account WHERE org_id = ?1 AND state = 'IN_PROGRESS'",
        )
        .map_err(backend)?
        .query_row(params![r.org_id], |row| row.get(0))
        .map_err(backend)?;
    if pending >= max_in_progress {
        return Ok(false);
    }
    tx.prepare_cached(
        "INSERT INTO org_create_account (id, org_id, account_name, email, state, requested_ms,
         tags) VALUES (?1, ?2, ?3, ?4, 'IN_PROGRESS', ?5, ?6)",
    )
    .map_err(backend)?
    .execute(params![
        r.id,
        r.org_id,
        r.account_name,
        r.email,
        r.requested_ms,
        tags_json(&r.tags)?
    ])
    .map_err(backend)?;
    Ok(true)
}

pub(crate) fn complete_create_account(
    tx: &Connection,
    r: &CreateAccountRecord,
    a: &AccountRecord,
    now_ms: i64,
    limit: usize,
) -> Result<CompleteOutcome, StoreError> {
    let state: Option<String> = tx
        .query_row(
            "SELECT state FROM org_create_account WHERE id = ?1",
            params![r.id],
            |row| row.get(0),
        )
        .map_err(backend)?;
    if state.as_deref() != Some("IN_PROGRESS") {
        return Ok(CompleteOutcome::Done);
    }
    let id_taken: bool = tx
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM org_accounts WHERE id = ?1)",
            params![a.id.as_str()],
            |row| row.get(0),
        )
        .map_err(backend)?;
    if id_taken {
        return Ok(CompleteOutcome::IdTaken);
    }
    let email_taken: bool = tx
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM org_accounts WHERE email = ?1)",
            params![r.email],
            |row| row.get(0),
        )
        .map_err(backend)?;
    let failure = if email_taken {
        Some("EMAIL_ALREADY_EXISTS")
    } else if quota_used(tx, &r.org_id)? >= limit {
        Some("ACCOUNT_LIMIT_EXCEEDED")
    } else {
        None
    };
    if let Some(reason) = failure {
        tx.execute(
            "UPDATE org_create_account SET state = 'FAILED', failure_reason = ?2,
             completed_ms = ?3 WHERE id = ?1",
            params![r.id, reason, now_ms],
        )
        .map_err(backend)?;
    } else {
        let root: String = tx
            .query_row(
                "SELECT root_id FROM org_organizations WHERE id = ?1",
                params![r.org_id],
                |row| row.get(0),
            )
            .map_err(backend)?;
        join(tx, a, &r.org_id, &root, "", now_ms, "CREATED")?;
        put_tags(tx, a.id.as_str(), &r.tags, usize::MAX)?;
        tx.execute(
            "UPDATE org_create_account SET state = 'SUCCEEDED', account_id = ?2,
             completed_ms = ?3 WHERE id = ?1",
            params![r.id, a.id.as_str(), now_ms],
        )
        .map_err(backend)?;
    }
    Ok(CompleteOutcome::Done)
}

pub(crate) fn insert_handshake(
    tx: &Connection,
    h: &HandshakeRecord,
    limit: usize,
) -> Result<InviteOutcome, StoreError> {
    let duplicate: bool = tx
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM org_handshakes WHERE org_id = ?1 AND target_id = ?2
             AND state IN ('OPEN', 'REQUESTED') AND expires_ms > ?3)",
            params![h.org_id, h.target_id, h.requested_ms],
            |row| row.get(0),
        )
        .map_err(backend)?;
    if duplicate {
        return Ok(InviteOutcome::Duplicate);
    }
    if quota_used(tx, &h.org_id)? >= limit {
        return Ok(InviteOutcome::LimitReached);
    }
    tx.prepare_cached(
        "INSERT INTO org_handshakes (id, org_id, target_type, target_id, state, requested_ms,
         expires_ms, notes, tags, org_arn_mgmt, master_email, master_name, feature_set)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )
    .map_err(backend)?
    .execute(params![
        h.id,
        h.org_id,
        h.target_type,
        h.target_id,
        h.state,
        h.requested_ms,
        h.expires_ms,
        h.notes,
        tags_json(&h.tags)?,
        h.management_account.as_str(),
        h.master_email,
        h.master_name,
        h.feature_set
    ])
    .map_err(backend)?;
    Ok(InviteOutcome::New)
}

pub(crate) fn accept_invite(
    tx: &Connection,
    h: &HandshakeRecord,
    a: &AccountRecord,
    now_ms: i64,
    limit: usize,
) -> Result<AcceptOutcome, StoreError> {
    if org_of(tx, a.id.as_str())?.is_some() {
        return Ok(AcceptOutcome::AlreadyMember);
    }
    // The invite itself holds one slot; the others must leave room for it.
    if quota_used(tx, &h.org_id)? > limit {
        return Ok(AcceptOutcome::LimitReached);
    }
    let root: String = tx
        .query_row(
            "SELECT root_id FROM org_organizations WHERE id = ?1",
            params![h.org_id],
            |row| row.get(0),
        )
        .map_err(backend)?;
    join(tx, a, &h.org_id, &root, "", now_ms, "INVITED")?;
    put_tags(tx, a.id.as_str(), &h.tags, usize::MAX)?;
    tx.execute(
        "UPDATE org_handshakes SET state = 'ACCEPTED' WHERE id = ?1",
        params![h.id],
    )
    .map_err(backend)?;
    Ok(AcceptOutcome::Joined)
}

pub(crate) fn remove_account(
    tx: &Connection,
    org_id: &str,
    account: &AccountId,
) -> Result<bool, StoreError> {
    let is_admin: bool = tx
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM org_delegated_admins WHERE org_id = ?1 AND account = ?2)",
            params![org_id, account.as_str()],
            |row| row.get(0),
        )
        .map_err(backend)?;
    if is_admin {
        return Ok(false);
    }
    tx.execute(
        "UPDATE org_accounts SET org_id = NULL, parent_id = NULL, path = NULL,
         joined_method = NULL, joined_ms = NULL WHERE id = ?1 AND org_id = ?2",
        params![account.as_str(), org_id],
    )
    .map_err(backend)?;
    tx.execute(
        "DELETE FROM org_tags WHERE resource_id = ?1",
        params![account.as_str()],
    )
    .map_err(backend)?;
    Ok(true)
}

pub(crate) fn register_delegated_admin(
    tx: &Connection,
    org_id: &str,
    d: &DelegatedAdminRecord,
    cap: usize,
) -> Result<RegisterOutcome, StoreError> {
    let already: bool = tx
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM org_delegated_admins WHERE org_id = ?1 AND account = ?2
             AND principal = ?3)",
            params![org_id, d.account.as_str(), d.principal],
            |row| row.get(0),
        )
        .map_err(backend)?;
    if already {
        return Ok(RegisterOutcome::Already);
    }
    let count: usize = tx
        .query_row(
            "SELECT COUNT(*) FROM org_delegated_admins WHERE org_id = ?1 AND principal = ?2",
            params![org_id, d.principal],
            |row| row.get(0),
        )
        .map_err(backend)?;
    if count >= cap {
        return Ok(RegisterOutcome::CapReached);
    }
    tx.execute(
        "INSERT INTO org_delegated_admins (org_id, account, principal, enabled_ms)
         VALUES (?1, ?2, ?3, ?4)",
        params![org_id, d.account.as_str(), d.principal, d.enabled_ms],
    )
    .map_err(backend)?;
    Ok(RegisterOutcome::Registered)
}
