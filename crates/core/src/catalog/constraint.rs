//! Constraints: Create, Describe, Update, DeleteConstraint and ListConstraintsForPortfolio
//! for LAUNCH, NOTIFICATION, RESOURCE_UPDATE, STACKSET and TEMPLATE
//! (https://docs.aws.amazon.com/servicecatalog/latest/dg/API_CreateConstraint.html). Only the
//! portfolio owner changes them; recipients of an imported portfolio see them (§3.3).

use sclocal_api::servicecatalog::{
    ConstraintDetail, CreateConstraintInput, CreateConstraintOutput, DeleteConstraintInput,
    DeleteConstraintOutput, DescribeConstraintInput, DescribeConstraintOutput,
    ListConstraintsForPortfolioInput, ListConstraintsForPortfolioOutput, ModeledError, Status,
    UpdateConstraintInput, UpdateConstraintOutput,
};
use sclocal_api::{RequestContext, ServiceError};
use serde_json::{Map, Value};

use super::access::{owned_portfolio, visible_portfolio};
use super::listing::paginate;
use crate::ids::{catalog_id, Scope};
use crate::store::{ConstraintRecord, Inserted};
use crate::Emulator;

/// Types of which a (portfolio, product) pair may carry one each; TEMPLATE may repeat.
const SINGLE: &[&str] = &["LAUNCH", "NOTIFICATION", "RESOURCE_UPDATE", "STACKSET"];

pub(super) async fn create(
    em: &Emulator,
    cx: &RequestContext,
    input: CreateConstraintInput,
) -> Result<CreateConstraintOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let portfolio = owned_portfolio(em, &scope, &input.portfolio_id).await?;
    let held = em
        .store
        .portfolio_links(&portfolio.id)
        .await?
        .iter()
        .any(|l| l.product_id == input.product_id);
    if !held {
        return Err(ModeledError::ResourceNotFoundException.msg(format!(
            "Product {} is not associated with portfolio {}",
            input.product_id, portfolio.id
        )));
    }
    check_parameters(&input.r#type, &input.parameters)?;
    let existing = em.store.portfolio_constraints(&portfolio.id).await?;
    check_unique(&existing, &input.product_id, &input.r#type)?;
    let record = ConstraintRecord {
        id: catalog_id("cons", em.ids.as_ref()),
        account: scope.account.clone(),
        region: scope.region.clone(),
        portfolio_id: portfolio.id,
        product_id: input.product_id,
        constraint_type: input.r#type,
        description: input.description,
        parameters: input.parameters,
        idempotency_token: Some(input.idempotency_token),
    };
    let record = match em.store.insert_constraint(&record).await? {
        Inserted::New(r) | Inserted::Existing(r) => r,
        Inserted::LimitReached => record,
    };
    Ok(CreateConstraintOutput {
        constraint_detail: Some(detail(&record)),
        constraint_parameters: Some(record.parameters),
        status: Some(Status::AVAILABLE),
    })
}

pub(super) async fn describe(
    em: &Emulator,
    cx: &RequestContext,
    input: DescribeConstraintInput,
) -> Result<DescribeConstraintOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let c = em
        .store
        .constraint(&scope.region, &input.id)
        .await?
        .ok_or_else(|| not_found(&input.id))?;
    // Shown to whoever reaches the portfolio, recipients included.
    visible_portfolio(em, &scope, &c.portfolio_id)
        .await
        .map_err(|_| not_found(&input.id))?;
    Ok(DescribeConstraintOutput {
        constraint_detail: Some(detail(&c)),
        constraint_parameters: Some(c.parameters),
        status: Some(Status::AVAILABLE),
    })
}

pub(super) async fn update(
    em: &Emulator,
    cx: &RequestContext,
    input: UpdateConstraintInput,
) -> Result<UpdateConstraintOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let mut c = owned(em, &scope, &input.id).await?;
    if let Some(parameters) = input.parameters {
        check_parameters(&c.constraint_type, &parameters)?;
        c.parameters = parameters;
    }
    if let Some(description) = input.description {
        c.description = Some(description);
    }
    em.store.update_constraint(&c).await?;
    Ok(UpdateConstraintOutput {
        constraint_detail: Some(detail(&c)),
        constraint_parameters: Some(c.parameters),
        status: Some(Status::AVAILABLE),
    })
}

pub(super) async fn delete(
    em: &Emulator,
    cx: &RequestContext,
    input: DeleteConstraintInput,
) -> Result<DeleteConstraintOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let c = owned(em, &scope, &input.id).await?;
    if !em.store.delete_constraint(&c.region, &c.id).await? {
        return Err(not_found(&c.id));
    }
    Ok(DeleteConstraintOutput {})
}

pub(super) async fn list(
    em: &Emulator,
    cx: &RequestContext,
    input: ListConstraintsForPortfolioInput,
) -> Result<ListConstraintsForPortfolioOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let visible = visible_portfolio(em, &scope, &input.portfolio_id).await?;
    let mut constraints = em
        .store
        .portfolio_constraints(&visible.portfolio.id)
        .await?;
    if let Some(product) = &input.product_id {
        constraints.retain(|c| c.product_id == *product);
    }
    let (page, next) = paginate(
        constraints,
        "ListConstraintsForPortfolio",
        input.page_token.as_deref(),
        input.page_size,
    )?;
    Ok(ListConstraintsForPortfolioOutput {
        constraint_details: Some(page.iter().map(detail).collect()),
        next_page_token: next,
    })
}

async fn owned(em: &Emulator, scope: &Scope, id: &str) -> Result<ConstraintRecord, ServiceError> {
    match em.store.constraint(&scope.region, id).await? {
        Some(c) if c.account == scope.account => Ok(c),
        _ => Err(not_found(id)),
    }
}

/// One LAUNCH, NOTIFICATION, RESOURCE_UPDATE or STACKSET constraint per product and
/// portfolio, and never LAUNCH beside STACKSET (API_CreateConstraint).
fn check_unique(
    existing: &[ConstraintRecord],
    product_id: &str,
    kind: &str,
) -> Result<(), ServiceError> {
    let clash = |other: &str| {
        existing
            .iter()
            .any(|c| c.product_id == product_id && c.constraint_type == other)
    };
    let exclusive = match kind {
        "LAUNCH" => Some("STACKSET"),
        "STACKSET" => Some("LAUNCH"),
        _ => None,
    };
    if SINGLE.contains(&kind) && clash(kind) {
        return Err(ModeledError::DuplicateResourceException.msg(format!(
            "A {kind} constraint already exists for product {product_id} in this portfolio."
        )));
    }
    if let Some(other) = exclusive.filter(|o| clash(o)) {
        return Err(invalid(&format!(
            "A {kind} constraint cannot be added to a product that has a {other} constraint."
        )));
    }
    Ok(())
}

/// The Parameters document each type takes (API_CreateConstraint, "Parameters").
/// DEVIATION(aws): the texts are ours; AWS answers InvalidParametersException.
fn check_parameters(kind: &str, parameters: &str) -> Result<(), ServiceError> {
    let doc: Value = serde_json::from_str(parameters)
        .map_err(|_| invalid("Constraint parameters must be a JSON object."))?;
    let obj = doc
        .as_object()
        .ok_or_else(|| invalid("Constraint parameters must be a JSON object."))?;
    match kind {
        "LAUNCH" => {
            let role = obj.get("RoleArn").and_then(Value::as_str);
            let local = obj.get("LocalRoleName").and_then(Value::as_str);
            match (role, local) {
                (Some(arn), None) if arn.starts_with("arn:") && arn.contains(":iam::") => Ok(()),
                (None, Some(name)) if !name.is_empty() => Ok(()),
                _ => Err(invalid(
                    "A LAUNCH constraint takes exactly one of RoleArn (an IAM role ARN) or LocalRoleName.",
                )),
            }
        }
        "NOTIFICATION" => match obj.get("NotificationArns").and_then(Value::as_array) {
            Some(arns)
                if !arns.is_empty()
                    && arns.iter().all(|a| a.as_str().is_some_and(|s| s.contains(":sns:"))) =>
            {
                Ok(())
            }
            _ => Err(invalid(
                "A NOTIFICATION constraint takes NotificationArns, a non-empty list of SNS topic ARNs.",
            )),
        },
        "RESOURCE_UPDATE" => {
            let value = properties(obj).and_then(|p| p.get("TagUpdateOnProvisionedProduct"));
            match value.and_then(Value::as_str) {
                Some("ALLOWED" | "NOT_ALLOWED") => Ok(()),
                _ => Err(invalid(
                    "A RESOURCE_UPDATE constraint takes Version 2.0 and Properties.TagUpdateOnProvisionedProduct ALLOWED or NOT_ALLOWED.",
                )),
            }
        }
        "STACKSET" => check_stackset(obj),
        "TEMPLATE" => match obj.get("Rules") {
            Some(Value::Object(_)) => Ok(()),
            _ => Err(invalid("A TEMPLATE constraint takes a Rules object.")),
        },
        other => Err(invalid(&format!(
            "Constraint type {other} is not one of LAUNCH, NOTIFICATION, RESOURCE_UPDATE, STACKSET, TEMPLATE."
        ))),
    }
}

fn check_stackset(obj: &Map<String, Value>) -> Result<(), ServiceError> {
    let props = properties(obj);
    let list = |key: &str| {
        props
            .and_then(|p| p.get(key))
            .and_then(Value::as_array)
            .is_some_and(|l| !l.is_empty() && l.iter().all(Value::is_string))
    };
    let text = |key: &str| props.and_then(|p| p.get(key)).is_some_and(Value::is_string);
    if list("AccountList") && list("RegionList") && text("AdminRole") && text("ExecutionRole") {
        Ok(())
    } else {
        Err(invalid(
            "A STACKSET constraint takes Version 2.0 and Properties with AccountList, RegionList, AdminRole and ExecutionRole.",
        ))
    }
}

/// `Properties` of a `"Version": "2.0"` document.
fn properties(obj: &Map<String, Value>) -> Option<&Map<String, Value>> {
    (obj.get("Version").and_then(Value::as_str) == Some("2.0"))
        .then(|| obj.get("Properties").and_then(Value::as_object))
        .flatten()
}

fn detail(c: &ConstraintRecord) -> ConstraintDetail {
    ConstraintDetail {
        constraint_id: Some(c.id.clone()),
        r#type: Some(c.constraint_type.clone()),
        description: c.description.clone(),
        owner: Some(c.account.to_string()),
        product_id: Some(c.product_id.clone()),
        portfolio_id: Some(c.portfolio_id.clone()),
    }
}

/// DEVIATION(aws): AWS's text is not recorded.
fn not_found(id: &str) -> ServiceError {
    ModeledError::ResourceNotFoundException.msg(format!("Constraint not found: {id}"))
}

fn invalid(message: &str) -> ServiceError {
    ModeledError::InvalidParametersException.msg(message)
}

#[cfg(test)]
mod tests {
    use super::check_parameters;

    #[test]
    fn parameters_are_checked_per_type() {
        let ok = |k, p| check_parameters(k, p).is_ok();
        assert!(ok(
            "LAUNCH",
            r#"{"RoleArn":"arn:aws:iam::111111111111:role/L"}"#
        ));
        assert!(ok("LAUNCH", r#"{"LocalRoleName":"L"}"#));
        assert!(!ok(
            "LAUNCH",
            r#"{"RoleArn":"arn:aws:iam::111111111111:role/L","LocalRoleName":"L"}"#
        ));
        assert!(!ok("LAUNCH", "not json"));
        assert!(ok(
            "NOTIFICATION",
            r#"{"NotificationArns":["arn:aws:sns:us-east-1:111111111111:t"]}"#
        ));
        assert!(!ok("NOTIFICATION", r#"{"NotificationArns":[]}"#));
        assert!(ok(
            "RESOURCE_UPDATE",
            r#"{"Version":"2.0","Properties":{"TagUpdateOnProvisionedProduct":"ALLOWED"}}"#
        ));
        assert!(!ok(
            "RESOURCE_UPDATE",
            r#"{"Version":"2.0","Properties":{"TagUpdateOnProvisionedProduct":"MAYBE"}}"#
        ));
        assert!(ok(
            "STACKSET",
            r#"{"Version":"2.0","Properties":{"AccountList":["111111111111"],"RegionList":["us-east-1"],"AdminRole":"a","ExecutionRole":"e"}}"#
        ));
        assert!(!ok(
            "STACKSET",
            r#"{"Version":"2.0","Properties":{"AccountList":[]}}"#
        ));
        assert!(ok("TEMPLATE", r#"{"Rules":{"R":{"Assertions":[]}}}"#));
        assert!(!ok("TEMPLATE", "{}"));
        assert!(!ok("BUDGET", "{}"));
    }
}
