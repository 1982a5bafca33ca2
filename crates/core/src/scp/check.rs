//! SCP enforcement in front of every request (governance.md §6): the caller's account's
//! [`Governance`], cached per account and checked against the emulator's Organizations epoch
//! (so an attach, a detach, an update or a move applies to the very next request), the
//! request context of §6.4, and the refusal of §6.6 in each service's words.
//!
//! The resource ARN costs a store read for portfolio- and product-scoped calls, so it is
//! looked up only when an attached statement names resources, or to word a denial.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use sclocal_api::hook::Call;
use sclocal_api::{RequestContext, ServiceError};
use serde_json::Value;

use super::levels::{governance, never_evaluated, service_linked, Documents, Governance, Levels};
use crate::ids::AccountId;
use crate::organizations::policy_caller::principal_key;
use crate::policy::context::{CallerFacts, Context, PrincipalType};
use crate::policy::{denial_message, ControlPolicyKind, Decision, Request};
use crate::resources::resource_arn;
use crate::sts::caller::CallerKind;
use crate::Emulator;

/// Decides every request against the SCPs in effect for its caller.
#[derive(Debug)]
pub struct ScpEnforcer {
    documents: Arc<Documents>,
    /// Per account: the epoch the entry was read at and what it found.
    accounts: RwLock<HashMap<String, (u64, Governance)>>,
}

impl Default for ScpEnforcer {
    fn default() -> Self {
        ScpEnforcer {
            documents: Arc::new(Documents::default()),
            accounts: RwLock::new(HashMap::new()),
        }
    }
}

impl ScpEnforcer {
    /// `Ok` when the SCPs let `call` through; the service's AccessDenied otherwise.
    ///
    /// # Errors
    /// The refusal, or a store failure.
    pub async fn check(&self, em: &Emulator, call: &Call<'_>) -> Result<(), ServiceError> {
        if never_evaluated(call.action) || service_linked(&call.cx.principal_arn) {
            return Ok(());
        }
        let Governance::Governed(levels) = self.governance(em, &call.cx.account_id).await? else {
            return Ok(());
        };
        let context = request_context(call, &levels, em.now());
        let mut resource = if levels.any_resource {
            None
        } else {
            Some(lookup_resource(em, call).await?)
        };
        for action in actions(call) {
            let request = Request {
                action,
                resource: resource.as_deref().unwrap_or("*"),
                context: &context,
            };
            let decision = levels.decide(&request);
            if decision == Decision::Allow {
                continue;
            }
            let arn = match resource.take() {
                Some(r) => r,
                None => lookup_resource(em, call).await?,
            };
            let message = denial_message(
                ControlPolicyKind::ServiceControl,
                &decision,
                &call.cx.principal_arn,
                action,
                &arn,
            )
            .unwrap_or_default();
            return Err(refusal(call.service, message));
        }
        Ok(())
    }

    /// What SCPs mean for `account`, from the cache when nothing changed since it was read.
    ///
    /// # Errors
    /// A store failure.
    pub async fn governance(
        &self,
        em: &Emulator,
        account: &str,
    ) -> Result<Governance, ServiceError> {
        // Read before the store, so a change committed meanwhile makes the entry stale.
        let epoch = em.org_epoch();
        if let Some((at, found)) = self
            .accounts
            .read()
            .ok()
            .and_then(|m| m.get(account).cloned())
        {
            if at == epoch {
                return Ok(found);
            }
        }
        let Some(id) = AccountId::parse(account) else {
            return Ok(Governance::Exempt);
        };
        let documents = Arc::clone(&self.documents);
        let found = em
            .store
            .read(move |tx| Ok(governance(tx, &id, &documents)?))
            .await?;
        if let Ok(mut m) = self.accounts.write() {
            m.insert(account.to_string(), (epoch, found.clone()));
        }
        Ok(found)
    }
}

/// The actions a call is evaluated for: its own, and for AssumeRole with tags or a source
/// identity `sts:TagSession` / `sts:SetSourceIdentity` (§6.5).
fn actions<'a>(call: &Call<'a>) -> Vec<&'a str> {
    let mut actions = vec![call.action];
    if call.service == "sts" {
        let has = |m: &str| call.input.get(m).is_some_and(|v| !v.is_null());
        if has("Tags") {
            actions.push("sts:TagSession");
        }
        if has("SourceIdentity") {
            actions.push("sts:SetSourceIdentity");
        }
    }
    actions
}

/// The resource ARN of the call (`resources.rs`), read from the store.
async fn lookup_resource(em: &Emulator, call: &Call<'_>) -> Result<String, ServiceError> {
    let cx: RequestContext = call.cx.clone();
    let input: Value = call.input.clone();
    let (service, operation) = (call.service, call.operation);
    em.store
        .read(move |tx| Ok(resource_arn(tx, &cx, service, operation, &input)?))
        .await
}

/// The request context of §6.4 for a governed caller.
fn request_context(call: &Call<'_>, levels: &Levels, now_millis: i64) -> Context {
    let cx = call.cx;
    let arn = cx.principal_arn.as_str();
    let kind = CallerKind::of(arn).unwrap_or(CallerKind::Root);
    let tail = arn.rsplit('/').next().unwrap_or_default();
    let (principal_type, userid, username) = match kind {
        CallerKind::Root => (PrincipalType::Account, cx.account_id.clone(), None),
        CallerKind::User => (
            PrincipalType::User,
            crate::sts::user_id(&cx.account_id, arn),
            Some(tail),
        ),
        CallerKind::RoleSession => (
            PrincipalType::AssumedRole,
            crate::sts::user_id(&cx.account_id, arn),
            None,
        ),
        CallerKind::FederatedUser => (
            PrincipalType::FederatedUser,
            format!("{}:{tail}", cx.account_id),
            None,
        ),
    };
    let principal = principal_key(arn);
    // Organizations is a global service: its calls request us-east-1 (§6.4).
    let region = if call.service == "organizations" {
        "us-east-1"
    } else {
        cx.region.as_str()
    };
    let facts = CallerFacts {
        principal_arn: &principal,
        account: &cx.account_id,
        org_id: Some(levels.org_id.as_str()),
        org_path: Some(&levels.org_path),
        principal_type,
        userid: &userid,
        username,
        region,
        now_millis,
        secure_transport: false,
        source_ip: None,
    };
    let mut context = facts.context();
    if let Some(Value::Array(tags)) = call.input.get("Tags") {
        let pairs = tags.iter().filter_map(|t| {
            let key = t.get("Key").and_then(Value::as_str)?;
            let value = t.get("Value").and_then(Value::as_str).unwrap_or_default();
            Some((key, value))
        });
        context.insert_request_tags(pairs);
    }
    context
}

/// The service's AccessDenied with `message` (§6.6): `AccessDeniedException` in Service
/// Catalog and Organizations, `AccessDenied` (403) in STS.
fn refusal(service: &str, message: String) -> ServiceError {
    match service {
        "sts" => sclocal_api::sts::ModeledError::AccessDenied.msg(message),
        "organizations" => {
            sclocal_api::organizations::ModeledError::AccessDeniedException.msg(message)
        }
        _ => sclocal_api::servicecatalog::ModeledError::AccessDeniedException.msg(message),
    }
}
