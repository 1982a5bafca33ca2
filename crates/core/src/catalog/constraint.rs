//! Constraints: Create, Describe, Update, DeleteConstraint and ListConstraintsForPortfolio
//! for LAUNCH, NOTIFICATION, RESOURCE_UPDATE, STACKSET and TEMPLATE
//! (https://docs.aws.amazon.com/servicecatalog/latest/dg/API_CreateConstraint.html). Only the
//! portfolio owner changes them; recipients of an imported portfolio see them (§3.3).

use sclocal_api::servicecatalog::{
    CreateConstraintInput, CreateConstraintOutput, DeleteConstraintInput, DeleteConstraintOutput,
    DescribeConstraintInput, DescribeConstraintOutput, ListConstraintsForPortfolioInput,
    ListConstraintsForPortfolioOutput, ModeledError, Status, UpdateConstraintInput,
    UpdateConstraintOutput,
};
use sclocal_api::{RequestContext, ServiceError};
use serde_json::{Map, Value};

use super::access::{owned_portfolio, visible_portfolio};
use super::views::constraint_detail;
use crate::ids::{ConstraintId, ProductId, Scope};
use crate::page::Api;
use crate::store::{ConstraintRecord, ConstraintType, Lock, ReadTx};
use crate::Emulator;

/// Types of which a (portfolio, product) pair may carry one each; TEMPLATE may repeat.
const SINGLE: &[ConstraintType] = &[
    ConstraintType::Launch,
    ConstraintType::Notification,
    ConstraintType::ResourceUpdate,
    ConstraintType::StackSet,
];

/// CreateConstraint on a product of one of the caller's portfolios; the same token answers
/// the first call's constraint.
pub(crate) async fn create_constraint(
    em: &Emulator,
    cx: &RequestContext,
    input: CreateConstraintInput,
) -> Result<CreateConstraintOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let id = ConstraintId::generate(em.ids.as_ref());
    let record = em
        .store
        .write(move |tx| {
            let portfolio = owned_portfolio(tx, &scope, &input.portfolio_id)?;
            let not_held = || {
                ModeledError::ResourceNotFoundException.msg(format!(
                    "Product {} is not associated with portfolio {}",
                    input.product_id, portfolio.id
                ))
            };
            let product = ProductId::parse(&input.product_id).ok_or_else(not_held)?;
            if !tx
                .portfolio_links(&portfolio.id)?
                .iter()
                .any(|l| l.product_id == product)
            {
                return Err(not_held());
            }
            let kind = check_parameters(&input.r#type, &input.parameters)?;
            tx.lock(Lock::AccountRegion(&scope.account, &scope.region))?;
            if let Some(existing) =
                tx.constraint_by_token(&scope.account, &scope.region, &input.idempotency_token)?
            {
                return Ok(existing);
            }
            check_unique(&tx.portfolio_constraints(&portfolio.id)?, &product, kind)?;
            let record = ConstraintRecord {
                id,
                account: scope.account.clone(),
                region: scope.region.clone(),
                portfolio_id: portfolio.id,
                product_id: product,
                constraint_type: kind,
                description: input.description,
                parameters: input.parameters,
                idempotency_token: Some(input.idempotency_token),
            };
            tx.insert_constraint(&record)?;
            Ok(record)
        })
        .await?;
    Ok(CreateConstraintOutput {
        constraint_detail: Some(constraint_detail(&record)),
        constraint_parameters: Some(record.parameters),
        status: Some(Status::AVAILABLE),
    })
}

/// DescribeConstraint: shown to whoever reaches the portfolio, recipients included.
pub(crate) async fn describe_constraint(
    em: &Emulator,
    cx: &RequestContext,
    input: DescribeConstraintInput,
) -> Result<DescribeConstraintOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    em.store
        .read(move |tx| {
            let c = ConstraintId::parse(&input.id)
                .map(|id| tx.constraint(&scope.region, &id))
                .transpose()?
                .flatten()
                .ok_or_else(|| not_found(&input.id))?;
            visible_portfolio(tx, &scope, c.portfolio_id.as_str())
                .map_err(|_| not_found(&input.id))?;
            Ok(DescribeConstraintOutput {
                constraint_detail: Some(constraint_detail(&c)),
                constraint_parameters: Some(c.parameters),
                status: Some(Status::AVAILABLE),
            })
        })
        .await
}

/// UpdateConstraint: description and parameters.
pub(crate) async fn update_constraint(
    em: &Emulator,
    cx: &RequestContext,
    input: UpdateConstraintInput,
) -> Result<UpdateConstraintOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let c = em
        .store
        .write(move |tx| {
            let mut c = owned(tx, &scope, &input.id)?;
            if let Some(parameters) = input.parameters {
                check_parameters(c.constraint_type.as_str(), &parameters)?;
                c.parameters = parameters;
            }
            if let Some(description) = input.description {
                c.description = Some(description);
            }
            tx.update_constraint(&c)?;
            Ok(c)
        })
        .await?;
    Ok(UpdateConstraintOutput {
        constraint_detail: Some(constraint_detail(&c)),
        constraint_parameters: Some(c.parameters),
        status: Some(Status::AVAILABLE),
    })
}

/// DeleteConstraint.
pub(crate) async fn delete_constraint(
    em: &Emulator,
    cx: &RequestContext,
    input: DeleteConstraintInput,
) -> Result<DeleteConstraintOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    em.store
        .write(move |tx| {
            let c = owned(tx, &scope, &input.id)?;
            if !tx.delete_constraint(&c.id)? {
                return Err(not_found(c.id.as_str()));
            }
            Ok(DeleteConstraintOutput {})
        })
        .await
}

/// ListConstraintsForPortfolio, optionally for one product.
pub(crate) async fn list_constraints_for_portfolio(
    em: &Emulator,
    cx: &RequestContext,
    input: ListConstraintsForPortfolioInput,
) -> Result<ListConstraintsForPortfolioOutput, ServiceError> {
    let scope = Emulator::scope(cx)?;
    let size = Api::Catalog.size(input.page_size);
    em.store
        .read(move |tx| {
            let visible = visible_portfolio(tx, &scope, &input.portfolio_id)?;
            let mut constraints = tx.portfolio_constraints(&visible.portfolio.id)?;
            if let Some(product) = &input.product_id {
                constraints.retain(|c| c.product_id.as_str() == product);
            }
            let (page, next) = Api::Catalog.slice(
                constraints,
                "ListConstraintsForPortfolio",
                input.page_token.as_deref(),
                size,
            )?;
            Ok(ListConstraintsForPortfolioOutput {
                constraint_details: Some(page.iter().map(constraint_detail).collect()),
                next_page_token: next,
            })
        })
        .await
}

fn owned(tx: &dyn ReadTx, scope: &Scope, id: &str) -> Result<ConstraintRecord, ServiceError> {
    let parsed = ConstraintId::parse(id).ok_or_else(|| not_found(id))?;
    match tx.constraint(&scope.region, &parsed)? {
        Some(c) if c.account == scope.account => Ok(c),
        _ => Err(not_found(id)),
    }
}

/// One LAUNCH, NOTIFICATION, RESOURCE_UPDATE or STACKSET constraint per product and
/// portfolio, and never LAUNCH beside STACKSET (API_CreateConstraint).
fn check_unique(
    existing: &[ConstraintRecord],
    product_id: &ProductId,
    kind: ConstraintType,
) -> Result<(), ServiceError> {
    let clash = |other: ConstraintType| {
        existing
            .iter()
            .any(|c| c.product_id == *product_id && c.constraint_type == other)
    };
    let exclusive = match kind {
        ConstraintType::Launch => Some(ConstraintType::StackSet),
        ConstraintType::StackSet => Some(ConstraintType::Launch),
        _ => None,
    };
    if SINGLE.contains(&kind) && clash(kind) {
        return Err(ModeledError::DuplicateResourceException.msg(format!(
            "A {} constraint already exists for product {product_id} in this portfolio.",
            kind.as_str()
        )));
    }
    if let Some(other) = exclusive.filter(|o| clash(*o)) {
        return Err(invalid(&format!(
            "A {} constraint cannot be added to a product that has a {} constraint.",
            kind.as_str(),
            other.as_str()
        )));
    }
    Ok(())
}

/// The type and Parameters document of a constraint (API_CreateConstraint, "Parameters"):
/// the type, when the document fits it. DEVIATION(aws): the texts are ours; AWS answers
/// InvalidParametersException.
fn check_parameters(kind: &str, parameters: &str) -> Result<ConstraintType, ServiceError> {
    check_document(kind, parameters)?;
    ConstraintType::parse(kind).ok_or_else(|| {
        invalid(&format!(
            "Constraint type {kind} is not one of LAUNCH, NOTIFICATION, RESOURCE_UPDATE, STACKSET, TEMPLATE."
        ))
    })
}

fn check_document(kind: &str, parameters: &str) -> Result<(), ServiceError> {
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
