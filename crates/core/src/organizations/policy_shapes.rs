//! Policies as the API shows them (governance.md §1.3, §2.1, §2.2): the AWS-managed policies,
//! policy ARNs, the `PolicySummary`/`Policy`/`PolicyTargetSummary` shapes, and the lookups
//! every policy operation shares — a policy by id (customer or AWS-managed) and a target of
//! the caller's organization.

use sclocal_api::organizations::{
    InvalidInputExceptionReason, ModeledError, OrganizationFeatureSet, Policy, PolicySummary,
    PolicyTargetSummary, PolicyType, TargetType,
};
use sclocal_api::ServiceError;

use super::caller::{invalid, Caller};
use super::shapes::arn;
use crate::ids::{PolicyId, TargetId};
use crate::policy::{arn_type_segment, FULL_AWS_ACCESS_CONTENT, RCP_FULL_AWS_ACCESS_CONTENT};
use crate::store::{OrgRecord, PolicyRecord, ReadTx};

/// `p-FullAWSAccess`.
pub(crate) const FULL_AWS_ACCESS: &str = "p-FullAWSAccess";
/// `p-RCPFullAWSAccess`.
pub(crate) const RCP_FULL_AWS_ACCESS: &str = "p-RCPFullAWSAccess";

/// An AWS-managed policy (§1.3).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Managed {
    /// Its id.
    pub id: &'static str,
    /// Its name.
    pub name: &'static str,
    /// Its description.
    pub description: &'static str,
    /// Its type.
    pub policy_type: PolicyType,
    /// Its content.
    pub content: &'static str,
}

/// The AWS-managed policies. `RCPFullAWSAccess`'s description is inferred.
pub(crate) const MANAGED: [Managed; 2] = [
    Managed {
        id: FULL_AWS_ACCESS,
        name: "FullAWSAccess",
        description: "Allows access to every operation",
        policy_type: PolicyType::SERVICE_CONTROL_POLICY,
        content: FULL_AWS_ACCESS_CONTENT,
    },
    Managed {
        id: RCP_FULL_AWS_ACCESS,
        name: "RCPFullAWSAccess",
        description: "Allows access to every resource",
        policy_type: PolicyType::RESOURCE_CONTROL_POLICY,
        content: RCP_FULL_AWS_ACCESS_CONTENT,
    },
];

/// The AWS-managed policy `id`, if it is one.
pub(crate) fn managed(id: &str) -> Option<&'static Managed> {
    MANAGED.iter().find(|m| m.id == id)
}

impl Managed {
    /// Its ARN in `partition`: it names the `aws` account and no organization
    /// (`arn:<p>:organizations::aws:policy/<type>/<id>`, §2.1).
    pub(crate) fn arn(&self, partition: &str) -> String {
        format!(
            "arn:{partition}:organizations::aws:policy/{}/{}",
            arn_type_segment(self.policy_type),
            self.id
        )
    }
}

/// A customer policy's ARN: `arn:<p>:organizations::<management>:policy/<org>/<type>/<id>`
/// (§2.1).
pub(crate) fn customer_policy_arn(
    org: &OrgRecord,
    policy_type: PolicyType,
    id: &PolicyId,
) -> String {
    arn(
        org,
        "policy",
        &format!("{}/{id}", arn_type_segment(policy_type)),
    )
}

/// The AWS-managed policy AWS attaches everywhere when `policy_type` is enabled.
pub(crate) fn default_policy(policy_type: PolicyType) -> Option<&'static Managed> {
    MANAGED.iter().find(|m| m.policy_type == policy_type)
}

/// A policy, customer or AWS-managed, as the API shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PolicyView {
    /// `p-…`.
    pub id: PolicyId,
    /// Its ARN.
    pub arn: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Type.
    pub policy_type: PolicyType,
    /// Content, verbatim.
    pub content: String,
    /// Whether AWS manages it.
    pub aws_managed: bool,
    /// Version of the content (0 for AWS-managed policies, which never change).
    pub version: i64,
}

impl PolicyView {
    /// A customer policy of `c`'s organization.
    pub(super) fn customer(c: &Caller, p: PolicyRecord) -> PolicyView {
        let arn = customer_policy_arn(&c.org, p.policy_type, &p.id);
        PolicyView {
            id: p.id,
            arn,
            name: p.name,
            description: p.description,
            policy_type: p.policy_type,
            content: p.content,
            aws_managed: false,
            version: p.version,
        }
    }

    /// An AWS-managed policy, whose ARN names the `aws` account and no organization.
    pub fn managed(partition: &str, m: &Managed) -> PolicyView {
        PolicyView {
            id: PolicyId::parse(m.id).unwrap_or_else(|| unreachable!("managed ids parse")),
            arn: m.arn(partition),
            name: m.name.into(),
            description: m.description.into(),
            policy_type: m.policy_type,
            content: m.content.into(),
            aws_managed: true,
            version: 0,
        }
    }

    /// The `PolicySummary` shape.
    pub fn summary(&self) -> PolicySummary {
        PolicySummary {
            id: Some(self.id.to_string()),
            arn: Some(self.arn.clone()),
            name: Some(self.name.clone()),
            description: Some(self.description.clone()),
            r#type: Some(self.policy_type),
            aws_managed: Some(self.aws_managed),
        }
    }

    /// The `Policy` shape.
    pub fn policy(&self) -> Policy {
        Policy {
            policy_summary: Some(self.summary()),
            content: Some(self.content.clone()),
        }
    }
}

/// The ARN of the policies of `policy_type` in `c`'s organization, as a resource policy
/// names them (`…:policy/o-…/tag_policy/*`).
pub(super) fn policy_space(c: &Caller, policy_type: PolicyType) -> String {
    arn(
        &c.org,
        "policy",
        &format!("{}/*", arn_type_segment(policy_type)),
    )
}

/// A model-valid policy id as the domain type.
pub(super) fn policy_id(s: &str) -> Result<PolicyId, ServiceError> {
    PolicyId::parse(s).ok_or_else(|| {
        invalid(
            InvalidInputExceptionReason::INVALID_SYNTAX_POLICY_ID,
            "You specified an invalid policy ID.",
        )
    })
}

/// A model-valid target id as the domain type.
pub(super) fn target_id(s: &str) -> Result<TargetId, ServiceError> {
    TargetId::parse(s).ok_or_else(|| {
        invalid(
            InvalidInputExceptionReason::INVALID_PATTERN_TARGET_ID,
            "You specified a policy target ID that doesn't match the required pattern.",
        )
    })
}

/// The policy `id` as `c` sees it: a customer policy of its organization or an AWS-managed
/// one; PolicyNotFoundException otherwise.
pub(super) fn find_policy(
    tx: &dyn ReadTx,
    c: &Caller,
    id: &PolicyId,
) -> Result<PolicyView, ServiceError> {
    if let Some(m) = managed(id.as_str()) {
        return Ok(PolicyView::managed(&c.org.partition, m));
    }
    match tx.policy(&c.org.id, id)? {
        Some(p) => Ok(PolicyView::customer(c, p)),
        None => Err(ModeledError::PolicyNotFoundException
            .msg("We can't find a policy with the PolicyId that you specified.")),
    }
}

/// A target of `c`'s organization as `PolicyTargetSummary` shows it; TargetNotFoundException
/// when it is not one.
pub(super) fn find_target(
    tx: &dyn ReadTx,
    c: &Caller,
    id: &TargetId,
) -> Result<PolicyTargetSummary, ServiceError> {
    let found = match id {
        TargetId::Root(r) if *r == c.org.root_id => Some(("root", "Root".to_string())),
        TargetId::Root(_) => None,
        TargetId::Ou(o) => tx
            .ou(o)?
            .filter(|o| o.org_id == c.org.id)
            .map(|o| ("ou", o.name)),
        TargetId::Account(a) => tx
            .account(a)?
            .filter(|a| a.placement.as_ref().is_some_and(|p| p.org_id == c.org.id))
            .map(|a| ("account", a.name)),
    };
    let Some((kind, name)) = found else {
        return Err(
            ModeledError::TargetNotFoundException.msg("You specified a target that doesn't exist.")
        );
    };
    Ok(PolicyTargetSummary {
        target_id: Some(id.to_string()),
        arn: Some(arn(&c.org, kind, id.as_str())),
        name: Some(name),
        r#type: Some(match id {
            TargetId::Root(_) => TargetType::ROOT,
            TargetId::Ou(_) => TargetType::ORGANIZATIONAL_UNIT,
            TargetId::Account(_) => TargetType::ACCOUNT,
        }),
    })
}

/// In a consolidated-billing organization no policy type is available (§4.1).
pub(super) fn ensure_available(c: &Caller) -> Result<(), ServiceError> {
    if c.org.feature_set == OrganizationFeatureSet::CONSOLIDATED_BILLING {
        return Err(ModeledError::PolicyTypeNotAvailableForOrganizationException.msg(
            "You can't use the specified policy type with the feature set currently enabled for this organization.",
        ));
    }
    Ok(())
}

/// PolicyTypeNotEnabledException unless `policy_type` is enabled on the root (§3).
pub(super) fn ensure_enabled(
    tx: &dyn ReadTx,
    c: &Caller,
    policy_type: PolicyType,
) -> Result<(), ServiceError> {
    if tx.enabled_policy_types(&c.org.id)?.contains(&policy_type) {
        Ok(())
    } else {
        Err(ModeledError::PolicyTypeNotEnabledException
            .msg("This operation can be performed only for enabled policy types."))
    }
}
