//! The resource each emulated operation acts on, in one table (governance.md §6.5): what an
//! SCP's `Resource` is matched against and what a denial names. The table says which input
//! member names the resource and of what kind; [`resource_arn`] turns that into the ARN the
//! way AWS prints it (a portfolio's ARN carries its owner's account, so it is looked up).
//!
//! Inferred per the spec from the Service Authorization Reference's resource types: Service
//! Catalog's portfolio- and product-scoped actions name the portfolio or product, everything
//! else `arn:<p>:catalog:<region>:<caller>:*` (OBS-SC-DENY); Organizations names the root,
//! OU, account, policy or handshake the call names, else `*`; STS the role, the federated
//! user or the target account's root, else `*`.

use serde_json::Value;

use sclocal_api::RequestContext;

use crate::ids::{partition_of, AccountId, PolicyId, PortfolioId, ProductId, TargetId};
use crate::organizations::policy_shapes::{customer_policy_arn, managed};
use crate::store::{ReadTx, StoreError};

/// What an operation's resource is, and which input member names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resource {
    /// A Service Catalog portfolio, by id.
    Portfolio(&'static str),
    /// A Service Catalog product, by id.
    Product(&'static str),
    /// A Service Catalog portfolio or product, by an id of either kind (TagOption and budget
    /// associations).
    CatalogResource(&'static str),
    /// An Organizations root, OU or account, by id.
    OrgEntity(&'static str),
    /// An Organizations handshake, by id.
    Handshake(&'static str),
    /// An Organizations policy, by id.
    Policy(&'static str),
    /// An IAM role, by ARN (AssumeRole and its kin).
    Role(&'static str),
    /// A federated user of the caller's account, by name (GetFederationToken).
    FederatedUser(&'static str),
    /// An account's root user, by account id or ARN (AssumeRoot).
    AccountRoot(&'static str),
    /// Nothing in particular: `arn:…:catalog:<region>:<caller>:*` for Service Catalog, `*`
    /// elsewhere.
    Any,
}

/// The resource of `operation` of the service signing as `service`.
#[expect(
    clippy::too_many_lines,
    reason = "one table, one arm per resource kind"
)]
pub fn resource_of(service: &str, operation: &str) -> Resource {
    use Resource::{
        AccountRoot, Any, CatalogResource, FederatedUser, Handshake, OrgEntity, Policy, Portfolio,
        Product, Role,
    };
    if let Some(resource) = provisioning_resource(service, operation) {
        return resource;
    }
    match (service, operation) {
        (
            "servicecatalog",
            "AcceptPortfolioShare"
            | "RejectPortfolioShare"
            | "CreatePortfolioShare"
            | "UpdatePortfolioShare"
            | "DeletePortfolioShare"
            | "DescribePortfolioShares"
            | "ListPortfolioAccess"
            | "ListOrganizationPortfolioAccess"
            | "AssociatePrincipalWithPortfolio"
            | "DisassociatePrincipalFromPortfolio"
            | "ListPrincipalsForPortfolio"
            | "AssociateProductWithPortfolio"
            | "DisassociateProductFromPortfolio"
            | "ListConstraintsForPortfolio"
            | "CreateConstraint"
            | "SearchProductsAsAdmin",
        ) => Portfolio("PortfolioId"),
        ("servicecatalog", "DescribePortfolio" | "UpdatePortfolio" | "DeletePortfolio") => {
            Portfolio("Id")
        }
        (
            "servicecatalog",
            "DescribeProductAsAdmin" | "UpdateProduct" | "DeleteProduct" | "DescribeProduct",
        ) => Product("Id"),
        (
            "servicecatalog",
            "CreateProvisioningArtifact"
            | "DescribeProvisioningArtifact"
            | "UpdateProvisioningArtifact"
            | "DeleteProvisioningArtifact"
            | "ListProvisioningArtifacts"
            | "ListLaunchPaths"
            | "ListPortfoliosForProduct"
            | "ProvisionProduct"
            | "DescribeProvisioningParameters"
            | "CreateProvisionedProductPlan"
            | "ListBudgetsForResource"
            | "AssociateServiceActionWithProvisioningArtifact"
            | "DisassociateServiceActionFromProvisioningArtifact"
            | "ListServiceActionsForProvisioningArtifact"
            | "ImportAsProvisionedProduct"
            | "UpdateProvisionedProduct",
        ) => Product("ProductId"),
        (
            "servicecatalog",
            "AssociateTagOptionWithResource"
            | "DisassociateTagOptionFromResource"
            | "AssociateBudgetWithResource"
            | "DisassociateBudgetFromResource",
        ) => CatalogResource("ResourceId"),
        (
            "organizations",
            "DescribeAccount"
            | "RemoveAccountFromOrganization"
            | "CloseAccount"
            | "MoveAccount"
            | "RegisterDelegatedAdministrator"
            | "DeregisterDelegatedAdministrator"
            | "ListDelegatedServicesForAccount"
            | "ListEffectivePolicyValidationErrors",
        ) => OrgEntity("AccountId"),
        (
            "organizations",
            "DescribeOrganizationalUnit" | "UpdateOrganizationalUnit" | "DeleteOrganizationalUnit",
        ) => OrgEntity("OrganizationalUnitId"),
        (
            "organizations",
            "CreateOrganizationalUnit"
            | "ListOrganizationalUnitsForParent"
            | "ListAccountsForParent"
            | "ListChildren",
        ) => OrgEntity("ParentId"),
        ("organizations", "ListParents") => OrgEntity("ChildId"),
        ("organizations", "TagResource" | "UntagResource" | "ListTagsForResource") => {
            OrgEntity("ResourceId")
        }
        ("organizations", "EnablePolicyType" | "DisablePolicyType") => OrgEntity("RootId"),
        ("organizations", "ListPoliciesForTarget" | "DescribeEffectivePolicy") => {
            OrgEntity("TargetId")
        }
        (
            "organizations",
            "DescribePolicy"
            | "UpdatePolicy"
            | "DeletePolicy"
            | "AttachPolicy"
            | "DetachPolicy"
            | "ListTargetsForPolicy",
        ) => Policy("PolicyId"),
        (
            "organizations",
            "AcceptHandshake" | "DeclineHandshake" | "CancelHandshake" | "DescribeHandshake",
        ) => Handshake("HandshakeId"),
        ("sts", "AssumeRole" | "AssumeRoleWithWebIdentity" | "AssumeRoleWithSAML") => {
            Role("RoleArn")
        }
        ("sts", "GetFederationToken") => FederatedUser("Name"),
        ("sts", "AssumeRoot") => AccountRoot("TargetPrincipal"),
        _ => Any,
    }
}

/// The provisioning operations' resources (provisioning.md): launching names the product
/// (ProvisionProduct, DescribeProvisioningParameters and CreateProvisionedProductPlan are in
/// the product block of [`resource_of`]); what is done to a provisioned product, record or plan
/// is account-level, as the Service Authorization Reference lists no resource type for it.
fn provisioning_resource(service: &str, operation: &str) -> Option<Resource> {
    if service != "servicecatalog" {
        return None;
    }
    Some(match operation {
        "ImportAsProvisionedProduct" => Resource::Product("ProductId"),
        "DescribeProvisionedProduct"
        | "SearchProvisionedProducts"
        | "ScanProvisionedProducts"
        | "UpdateProvisionedProduct"
        | "UpdateProvisionedProductProperties"
        | "TerminateProvisionedProduct"
        | "GetProvisionedProductOutputs"
        | "ListStackInstancesForProvisionedProduct"
        | "DescribeRecord"
        | "ListRecordHistory"
        | "DescribeProvisionedProductPlan"
        | "ExecuteProvisionedProductPlan"
        | "DeleteProvisionedProductPlan"
        | "ListProvisionedProductPlans"
        | "NotifyProvisionProductEngineWorkflowResult"
        | "NotifyUpdateProvisionedProductEngineWorkflowResult"
        | "NotifyTerminateProvisionedProductEngineWorkflowResult" => Resource::Any,
        _ => return None,
    })
}

/// The ARN of the resource `operation` acts on, for the caller `cx` and its validated input.
pub fn resource_arn(
    tx: &dyn ReadTx,
    cx: &RequestContext,
    service: &str,
    operation: &str,
    input: &Value,
) -> Result<String, StoreError> {
    let partition = partition_of(&cx.region);
    let member = |name: &str| input.get(name).and_then(Value::as_str);
    let catalog_any = || format!("arn:{partition}:catalog:{}:{}:*", cx.region, cx.account_id);
    let resource = match resource_of(service, operation) {
        // A TagOption or budget association names a portfolio or a product by its id.
        Resource::CatalogResource(m) if member(m).is_some_and(|id| id.starts_with("port-")) => {
            Resource::Portfolio(m)
        }
        Resource::CatalogResource(m) => Resource::Product(m),
        other => other,
    };
    Ok(match resource {
        Resource::Portfolio(m) => match member(m).and_then(PortfolioId::parse) {
            Some(id) => match tx.portfolio(&cx.region, &id)? {
                Some(p) => p.arn,
                None => format!(
                    "arn:{partition}:catalog:{}:{}:portfolio/{id}",
                    cx.region, cx.account_id
                ),
            },
            None => catalog_any(),
        },
        Resource::Product(m) => match member(m).and_then(ProductId::parse) {
            Some(id) => match tx.product(&cx.region, &id)? {
                Some(p) => p.arn,
                None => format!(
                    "arn:{partition}:catalog:{}:{}:product/{id}",
                    cx.region, cx.account_id
                ),
            },
            None => catalog_any(),
        },
        Resource::CatalogResource(_) => catalog_any(),
        Resource::OrgEntity(m) => org_entity(tx, cx, member(m))?,
        Resource::Handshake(m) => org_named(tx, cx, "handshake/", "/invite", member(m))?,
        Resource::Policy(m) => policy(tx, cx, member(m))?,
        Resource::Role(m) => member(m).unwrap_or("*").to_string(),
        Resource::FederatedUser(m) => format!(
            "arn:{partition}:sts::{}:federated-user/{}",
            cx.account_id,
            member(m).unwrap_or_default()
        ),
        Resource::AccountRoot(m) => {
            let target = member(m).unwrap_or_default();
            let account = target
                .rsplit([':', '/'])
                .find(|s| AccountId::parse(s).is_some());
            format!("arn:{partition}:iam::{}:root", account.unwrap_or(target))
        }
        Resource::Any if service == "servicecatalog" => catalog_any(),
        Resource::Any => "*".into(),
    })
}

/// A policy's ARN (`…:policy/<org>/<type>/<id>`, or AWS's own for the AWS-managed ones) as
/// the caller's organization shows it; the organization's policy space when it is not found.
fn policy(tx: &dyn ReadTx, cx: &RequestContext, id: Option<&str>) -> Result<String, StoreError> {
    let Some(id) = id.and_then(PolicyId::parse) else {
        return Ok("*".into());
    };
    if let Some(m) = managed(id.as_str()) {
        return Ok(m.arn(partition_of(&cx.region)));
    }
    let Some(caller) = AccountId::parse(&cx.account_id) else {
        return Ok("*".into());
    };
    let Some(org) = tx.organization_of(&caller)? else {
        return Ok("*".into());
    };
    Ok(match tx.policy(&org.id, &id)? {
        Some(p) => customer_policy_arn(&org, p.policy_type, &id),
        None => org_named(tx, cx, "policy/", "", Some(id.as_str()))?,
    })
}

/// `arn:<p>:organizations::<mgmt>:<kind>/<org>/<id>` for a root, OU or account of the
/// caller's organization; `*` when the caller has none or the id is not one.
fn org_entity(
    tx: &dyn ReadTx,
    cx: &RequestContext,
    id: Option<&str>,
) -> Result<String, StoreError> {
    let kind = match id.and_then(TargetId::parse) {
        Some(TargetId::Root(_)) => "root/",
        Some(TargetId::Ou(_)) => "ou/",
        Some(TargetId::Account(_)) => "account/",
        None => return Ok("*".into()),
    };
    org_named(tx, cx, kind, "", id)
}

/// `arn:<p>:organizations::<mgmt>:<kind><org><middle>/<id>` in the caller's organization;
/// `*` when the caller has none.
fn org_named(
    tx: &dyn ReadTx,
    cx: &RequestContext,
    kind: &str,
    middle: &str,
    id: Option<&str>,
) -> Result<String, StoreError> {
    let (Some(id), Some(caller)) = (id, AccountId::parse(&cx.account_id)) else {
        return Ok("*".into());
    };
    Ok(match tx.organization_of(&caller)? {
        Some(org) => format!(
            "arn:{}:organizations::{}:{kind}{}{middle}/{id}",
            org.partition, org.management_account, org.id
        ),
        None => "*".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_names_each_operations_resource() {
        assert_eq!(
            resource_of("servicecatalog", "CreatePortfolioShare"),
            Resource::Portfolio("PortfolioId")
        );
        assert_eq!(
            resource_of("servicecatalog", "DeletePortfolio"),
            Resource::Portfolio("Id")
        );
        assert_eq!(
            resource_of("servicecatalog", "ProvisionProduct"),
            Resource::Product("ProductId")
        );
        assert_eq!(
            resource_of("servicecatalog", "CreatePortfolio"),
            Resource::Any
        );
        assert_eq!(
            resource_of("organizations", "MoveAccount"),
            Resource::OrgEntity("AccountId")
        );
        assert_eq!(resource_of("sts", "AssumeRole"), Resource::Role("RoleArn"));
        assert_eq!(resource_of("sts", "GetCallerIdentity"), Resource::Any);
        assert_eq!(
            resource_of("servicecatalog", "AssociateTagOptionWithResource"),
            Resource::CatalogResource("ResourceId")
        );
        assert_eq!(
            resource_of("organizations", "ListEffectivePolicyValidationErrors"),
            Resource::OrgEntity("AccountId")
        );
    }

    #[test]
    fn launching_names_the_product_and_the_rest_is_account_level() {
        for op in [
            "ProvisionProduct",
            "DescribeProvisioningParameters",
            "CreateProvisionedProductPlan",
            "ImportAsProvisionedProduct",
        ] {
            assert_eq!(
                resource_of("servicecatalog", op),
                Resource::Product("ProductId"),
                "{op}"
            );
        }
        for op in [
            "TerminateProvisionedProduct",
            "DescribeRecord",
            "ExecuteProvisionedProductPlan",
        ] {
            assert_eq!(resource_of("servicecatalog", op), Resource::Any, "{op}");
        }
    }
}
