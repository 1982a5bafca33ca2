//! Service control policies in effect for an account (governance.md §6): who SCPs govern,
//! which calls they never see, and the policies directly attached to each level of a governed
//! account's path — root, each OU from the outermost, the account — compiled once per policy
//! version. `check` puts this in front of every request; the access report asks it too.
//!
//! * Governed: every principal of a **member** account of an ALL-features organization whose
//!   root has SCPs enabled (§6.1, §6.2).
//! * Exempt: the management account, accounts outside any organization, service-linked role
//!   sessions (`AWSServiceRoleFor…`, the role path `/aws-service-role/` is not in a session
//!   ARN), consolidated-billing organizations, organizations with SCPs not enabled.
//! * Never evaluated: `sts:GetCallerIdentity`, `sts:GetSessionToken` (authentication
//!   operations), and the unsigned `AssumeRoleWithWebIdentity`/`AssumeRoleWithSAML`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use sclocal_api::organizations::{OrganizationFeatureSet, PolicyType};

use crate::ids::{partition_of, AccountId, OrgId, PolicyId, TargetId};
use crate::organizations::policy_shapes::{customer_policy_arn, managed};
use crate::policy::context::{CallerFacts, PrincipalType};
use crate::policy::{evaluate, AttachedPolicy, Decision, Grammar, PolicyDocument, Request};
use crate::store::{ReadTx, StoreError};

/// The SCP type.
const SCP: PolicyType = PolicyType::SERVICE_CONTROL_POLICY;

/// Whether SCPs never see `action` (§6.2 "Not evaluated at all").
pub fn never_evaluated(action: &str) -> bool {
    matches!(
        action,
        "sts:GetCallerIdentity"
            | "sts:GetSessionToken"
            | "sts:AssumeRoleWithWebIdentity"
            | "sts:AssumeRoleWithSAML"
    )
}

/// Whether `principal_arn` is a service-linked role session, which SCPs do not govern.
pub fn service_linked(principal_arn: &str) -> bool {
    principal_arn
        .split_once(":assumed-role/")
        .is_some_and(|(_, rest)| rest.starts_with("AWSServiceRoleFor"))
}

/// What SCPs mean for one account.
#[derive(Debug, Clone)]
pub enum Governance {
    /// SCPs do not apply (management account, outsider, CB org, SCPs not enabled).
    Exempt,
    /// SCPs apply.
    Governed(Arc<Levels>),
}

/// The SCPs of a governed account's path.
#[derive(Debug)]
pub struct Levels {
    /// The account's organization.
    pub org_id: OrgId,
    /// `o-…/r-…/ou-…/…/` (`aws:PrincipalOrgPaths`).
    pub org_path: String,
    /// Root, OUs outermost first, the account; each in attachment order.
    pub levels: Vec<Vec<AttachedPolicy>>,
    /// Whether no statement depends on the resource, so evaluation may skip looking it up.
    pub any_resource: bool,
}

impl Levels {
    /// The decision for `request`.
    pub fn decide(&self, request: &Request<'_>) -> Decision {
        evaluate(request, &self.levels)
    }

    /// The decision for `account`'s root user calling `action` on `resource` in `region` at
    /// `now_millis` (the access report's question: what SCPs let the account do at all).
    pub fn decide_for_root(
        &self,
        account: &str,
        action: &str,
        resource: &str,
        region: &str,
        now_millis: i64,
    ) -> Decision {
        let principal = format!("arn:{}:iam::{account}:root", partition_of(region));
        let facts = CallerFacts {
            principal_arn: &principal,
            account,
            org_id: Some(self.org_id.as_str()),
            org_path: Some(&self.org_path),
            principal_type: PrincipalType::Account,
            userid: account,
            username: None,
            region,
            now_millis,
            secure_transport: false,
            source_ip: None,
        };
        let context = facts.context();
        self.decide(&Request {
            action,
            resource,
            context: &context,
        })
    }
}

/// Compiled customer SCPs keyed by (id, version): a policy is parsed once per version,
/// whichever accounts it reaches.
#[derive(Debug, Default)]
pub struct Documents {
    compiled: Mutex<HashMap<(PolicyId, i64), Arc<PolicyDocument>>>,
}

impl Documents {
    fn get(&self, id: &PolicyId, version: i64, content: &str) -> Arc<PolicyDocument> {
        let key = (id.clone(), version);
        if let Some(doc) = self.compiled.lock().ok().and_then(|m| m.get(&key).cloned()) {
            return doc;
        }
        // A stored SCP passed validation when it was written; were it ever unreadable it
        // would allow nothing, the safe reading of a broken guardrail.
        let doc = Arc::new(
            PolicyDocument::parse(content, Grammar::ServiceControl)
                .unwrap_or_else(|_| empty_document()),
        );
        if let Ok(mut m) = self.compiled.lock() {
            // Older versions of the same policy are never asked for again.
            m.retain(|(i, _), _| i != id);
            m.insert(key, Arc::clone(&doc));
        }
        doc
    }
}

fn empty_document() -> PolicyDocument {
    // A Deny of nothing: parses, allows nothing, denies nothing.
    PolicyDocument::parse(
        r#"{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"none:none"}}"#,
        Grammar::ServiceControl,
    )
    .unwrap_or_else(|_| unreachable!("a constant document parses"))
}

/// What SCPs mean for `account` now.
///
/// # Errors
/// A store failure.
pub fn governance(
    tx: &dyn ReadTx,
    account: &AccountId,
    documents: &Documents,
) -> Result<Governance, StoreError> {
    let Some(m) = tx.membership(account)? else {
        return Ok(Governance::Exempt);
    };
    if m.is_management(account) {
        return Ok(Governance::Exempt);
    }
    let Some(org) = tx.organization(&m.org_id)? else {
        return Ok(Governance::Exempt);
    };
    if org.feature_set == OrganizationFeatureSet::CONSOLIDATED_BILLING
        || !tx.enabled_policy_types(&org.id)?.contains(&SCP)
    {
        return Ok(Governance::Exempt);
    }
    let mut targets = vec![TargetId::Root(org.root_id.clone())];
    targets.extend(m.ou_path.iter().cloned().map(TargetId::Ou));
    targets.push(TargetId::Account(account.clone()));
    let mut levels = Vec::with_capacity(targets.len());
    let mut any_resource = true;
    for target in &targets {
        let mut level = Vec::new();
        for a in tx.target_attachments(&org.id, target, Some(SCP))? {
            let attached = if let Some(m) = managed(a.policy_id.as_str()) {
                AttachedPolicy {
                    arn: m.arn(&org.partition),
                    document: Arc::new(PolicyDocument::full_aws_access()),
                }
            } else if let Some(p) = tx.policy(&org.id, &a.policy_id)? {
                AttachedPolicy {
                    arn: customer_policy_arn(&org, p.policy_type, &p.id),
                    document: documents.get(&p.id, p.version, &p.content),
                }
            } else {
                continue;
            };
            any_resource &= attached.document.any_resource();
            level.push(attached);
        }
        levels.push(level);
    }
    let mut org_path = format!("{}/{}/", org.id, org.root_id);
    for ou in &m.ou_path {
        org_path.push_str(ou.as_str());
        org_path.push('/');
    }
    Ok(Governance::Governed(Arc::new(Levels {
        org_path,
        org_id: org.id,
        levels,
        any_resource,
    })))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_scps_never_see_and_who_they_never_govern() {
        assert!(never_evaluated("sts:GetCallerIdentity"));
        assert!(never_evaluated("sts:AssumeRoleWithSAML"));
        assert!(!never_evaluated("sts:AssumeRole"));
        assert!(service_linked(
            "arn:aws:sts::222222222222:assumed-role/AWSServiceRoleForOrganizations/s"
        ));
        assert!(!service_linked(
            "arn:aws:sts::222222222222:assumed-role/Admin/AWSServiceRoleFor"
        ));
        assert!(!service_linked("arn:aws:iam::222222222222:root"));
    }

    #[test]
    fn documents_compile_once_per_version() {
        let docs = Documents::default();
        let id = PolicyId::parse("p-abcd1234").unwrap();
        let v1 = r#"{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"sts:*"}}"#;
        let a = docs.get(&id, 1, v1);
        let b = docs.get(&id, 1, "ignored: version 1 is compiled");
        assert!(Arc::ptr_eq(&a, &b));
        let c = docs.get(&id, 2, "not json");
        assert!(!Arc::ptr_eq(&a, &c));
        assert!(c
            .statements()
            .iter()
            .all(|s| s.effect() == crate::policy::Effect::Deny));
        assert_eq!(
            docs.compiled.lock().unwrap().len(),
            1,
            "older versions are dropped"
        );
    }
}
