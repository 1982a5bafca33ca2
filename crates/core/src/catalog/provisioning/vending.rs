//! Vending (provisioning.md §21.3–§21.6): the provisioning job's step for a record of an
//! Account Factory product. At most five vending operations of an account run at once, as in
//! Control Tower; a record beyond them stays IN_PROGRESS, its job given back until a slot is
//! free. A launch validates the six parameters as CloudFormation would (extra keys, such as
//! LZA's retired VPC ones, are ignored), resolves the OU, creates the account through
//! Organizations' CreateAccount machinery, places it in the OU, and only then succeeds with
//! the outputs of §21.4; organization and OU shares reach the account from that commit on,
//! since the audience is computed from where the account is (`catalog::audience`). An update
//! moves the account to another OU; a terminate unenrolls it (moved to the root, not closed).

use std::fmt::Write as _;

use sclocal_api::organizations::CreateAccountFailureReason;
use sclocal_api::ServiceError;

use super::outcome::{cloudformation_failure, to_given, Outcome};
use super::settle::finish_record;
use super::step_context::StepCx;
use crate::catalog::account_factory::{resolve_ou, OU_PARAMETER};
use crate::catalog::artifact_template::template_of;
use crate::clock::uuid_text;
use crate::cloudformation::{
    resolve_parameters, GivenParameter, ResolvedOutput, ResolvedParameters,
};
use crate::ids::{AccountId, OrgId};
use crate::organizations::seam::{create_vended_account, org_units, place_vended_account};
use crate::store::{
    JobKind, Lock, ProvisionedProductRecord, ProvisioningRecord, RecordType, WriteTx,
};

/// Vending operations that run at once per management account (§21.3, AFT's
/// `concurrent_account_factory_actions` default).
pub(crate) const MAX_CONCURRENT: usize = 5;
/// How long a queued record waits before looking for a free slot again.
const WAIT_FOR_SLOT_MS: i64 = 100;

/// One step of a vending record: wait for a slot, then for `--provisioning-delay` from when
/// the slot was taken, then do the work and finish the record.
pub(super) fn step(
    tx: &dyn WriteTx,
    cx: &StepCx<'_>,
    record: ProvisioningRecord,
    mut product: ProvisionedProductRecord,
    product_changed: bool,
) -> Result<(), ServiceError> {
    let hold = |tx: &dyn WriteTx, until: i64| -> Result<(), ServiceError> {
        if product_changed {
            tx.update_provisioned_product(&product)?;
        }
        tx.update_record(&record)?;
        tx.release_job(JobKind::Provisioning, cx.key, cx.worker, until)?;
        Ok(())
    };
    let started = if let Some(started) = tx.vending_slot(&record.id)? {
        started
    } else {
        // Slots are counted and taken under the account's lock, so that workers of several
        // instances never hold more than five between them.
        tx.lock(Lock::AccountRegion(&record.account, &record.region))?;
        if tx.vending_slots_taken(&record.account)? >= MAX_CONCURRENT {
            return hold(tx, cx.now + WAIT_FOR_SLOT_MS);
        }
        tx.take_vending_slot(&record.id, &record.account, cx.now)?;
        cx.now
    };
    let due = started.saturating_add(cx.settings.delay_ms);
    if cx.now < due {
        return hold(tx, due);
    }
    // Vending creates and moves accounts: the runner moves the Organizations epoch on after
    // the commit, so cached SCP decisions see the account where it now is.
    cx.organizations_changed.set(true);
    let outcome = vend(tx, cx, &record, &mut product)?;
    tx.free_vending_slot(&record.id)?;
    finish_record(tx, record, product, outcome, cx.now)?;
    Ok(tx.finish_job(JobKind::Provisioning, cx.key)?)
}

/// What the record comes to, doing its work on Organizations.
fn vend(
    tx: &dyn WriteTx,
    cx: &StepCx<'_>,
    record: &ProvisioningRecord,
    product: &mut ProvisionedProductRecord,
) -> Result<Outcome, ServiceError> {
    let unchanged = Outcome::Succeeded {
        parameters: product.parameters.clone(),
        outputs: product.outputs.clone(),
    };
    let Some(factory) = tx.account_factory(&record.product_id)? else {
        // Unreachable while factories are never removed; a launch must not succeed without
        // an account.
        return Ok(match record.record_type {
            RecordType::ProvisionProduct => {
                Outcome::Failed("The Account Factory of this product is not set up.".into())
            }
            _ => unchanged,
        });
    };
    let org = factory.org_id;
    let account = product.physical_id.as_deref().and_then(AccountId::parse);
    match record.record_type {
        RecordType::ProvisionProduct | RecordType::UpdateProvisionedProduct => {}
        RecordType::TerminateProvisionedProduct => {
            // Unenrolled: the account stays in the organization, under the root (§21.6).
            if let Some(account) = &account {
                place_vended_account(tx, &org, account, None)?;
            }
            return Ok(unchanged);
        }
        _ => return Ok(unchanged),
    }
    let update = record.record_type == RecordType::UpdateProvisionedProduct;
    let parameters = match parameters(tx, record, update.then_some(&product.parameters))? {
        Ok(p) => p,
        Err(text) => {
            return Ok(Outcome::Failed(cloudformation_failure(
                &text,
                &uuid_text(cx.ids),
            )))
        }
    };
    let value = |key: &str| parameters.value(key).unwrap_or_default().to_string();
    let ous = org_units(tx, &org)?;
    let ou = match resolve_ou(&ous, &value(OU_PARAMETER)) {
        Ok(ou) => ou,
        Err(text) => return Ok(Outcome::Failed(text)),
    };
    let account = if update {
        // [inferred] only the OU may change (AFT refuses other changes itself, §21.6).
        for key in ["AccountName", "AccountEmail"] {
            if product.parameters.value(key) != parameters.value(key) {
                return Ok(Outcome::Failed(format!(
                    "InvalidParameterException {key} cannot be changed once the account is \
                     provisioned."
                )));
            }
        }
        let placed = match &account {
            Some(a) => place_vended_account(tx, &org, a, Some(ou))?,
            None => false,
        };
        match account.filter(|_| placed) {
            Some(a) => a,
            None => {
                return Ok(Outcome::Failed(
                    "InvalidParameterException The managed account is no longer in the \
                     organization."
                        .into(),
                ))
            }
        }
    } else {
        let (name, email) = (value("AccountName"), value("AccountEmail"));
        let limit = cx.settings.org_account_limit;
        match create_vended_account(tx, cx.ids, &org, (&name, &email), ou, cx.now, limit)? {
            Ok(a) => a,
            Err(reason) => return Ok(Outcome::Failed(create_account_failure(reason))),
        }
    };
    product.physical_id = Some(account.to_string());
    let outputs = outputs(&account, &parameters, &org);
    Ok(Outcome::Succeeded {
        parameters,
        outputs,
    })
}

/// The record's parameters in force: the template's six, as CloudFormation validates them;
/// keys the template does not declare are dropped, not refused (§21.2).
fn parameters(
    tx: &dyn WriteTx,
    record: &ProvisioningRecord,
    previous: Option<&ResolvedParameters>,
) -> Result<Result<ResolvedParameters, String>, ServiceError> {
    let Some(template) = template_of(tx, &record.artifact_id)? else {
        return Ok(Err("The Account Factory template is missing.".into()));
    };
    let given: Vec<GivenParameter> = record
        .parameters
        .iter()
        .filter(|p| template.parameters.iter().any(|s| s.key == p.key))
        .map(to_given)
        .collect();
    Ok(resolve_parameters(&template.parameters, &given, previous).map_err(|e| e.to_string()))
}

/// The failure text of a vending whose CreateAccount failed (§21.5): observed for a used
/// email (LZA-162); [inferred] for the others.
fn create_account_failure(reason: CreateAccountFailureReason) -> String {
    match reason {
        CreateAccountFailureReason::EMAIL_ALREADY_EXISTS => {
            "InvalidParameterException the email address provided is associated with another \
             account."
                .into()
        }
        other => format!("AWS Organizations CreateAccount failed: {}", other.as_str()),
    }
}

/// The outputs of a vended account (§21.4, descriptions as observed).
fn outputs(account: &AccountId, p: &ResolvedParameters, org: &OrgId) -> Vec<ResolvedOutput> {
    let out = |key: &str, value: String, description: &str| ResolvedOutput {
        key: key.into(),
        value,
        description: Some(description.into()),
    };
    let value = |key: &str| p.value(key).unwrap_or_default().to_string();
    vec![
        out("AccountId", account.to_string(), "Managed Account Id"),
        out(
            "AccountEmail",
            value("AccountEmail"),
            "Email Id associated with the Account",
        ),
        out(
            "SSOUserEmail",
            value("SSOUserEmail"),
            "SSO User email associated with the Account.",
        ),
        out(
            "SSOUserPortal",
            sso_portal(org),
            "SSO User Portal to federate into the managed Account.",
        ),
    ]
}

/// The organization's IAM Identity Center portal: `https://d-<10 hex>.awsapps.com/start`,
/// stable per organization (§21.4, *Emulator*).
fn sso_portal(org: &OrgId) -> String {
    let hex = org.as_str().bytes().fold(String::new(), |mut out, b| {
        // Writing to a String cannot fail.
        let _ = write!(out, "{b:02x}");
        out
    });
    let tail = &hex[hex.len().saturating_sub(10)..];
    format!("https://d-{tail}.awsapps.com/start")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_portal_is_stable_and_shaped_like_identity_centers() {
        let org = OrgId::parse("o-abcdefghij").unwrap();
        let portal = sso_portal(&org);
        assert_eq!(portal, sso_portal(&org));
        let id = portal
            .strip_prefix("https://d-")
            .and_then(|p| p.strip_suffix(".awsapps.com/start"))
            .unwrap();
        assert_eq!(id.len(), 10);
        assert!(id.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(portal, sso_portal(&OrgId::parse("o-zzzzzzzzzz").unwrap()));
    }
}
