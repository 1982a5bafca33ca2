//! What a launch path's constraints mean at launch (provisioning.md §9): the launch role
//! (LAUNCH), whether tags may change (RESOURCE_UPDATE), the stack set's accounts and regions
//! (STACKSET), the rules over the parameters (TEMPLATE) and the topics to notify
//! (NOTIFICATION). CreateConstraint checked each document's shape (`catalog::constraint`);
//! here they are read.

use sclocal_api::servicecatalog::{ModeledError, StackInstanceStatus};
use sclocal_api::ServiceError;
use serde_json::{Map, Value};

use crate::ids::{ProductId, Scope};
use crate::store::{ConstraintRecord, ConstraintType, ReadTx, StackInstance};

/// The constraints of one path (a portfolio and a product), read.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct PathConstraints {
    /// LAUNCH `RoleArn`.
    role_arn: Option<String>,
    /// LAUNCH `LocalRoleName`.
    local_role: Option<String>,
    /// RESOURCE_UPDATE `TagUpdateOnProvisionedProduct: ALLOWED`.
    pub tag_update_allowed: bool,
    /// STACKSET `AccountList` and `RegionList`.
    pub stack_set: Option<(Vec<String>, Vec<String>)>,
    /// The `Rules` of every TEMPLATE constraint, in creation order.
    pub rules: Vec<Map<String, Value>>,
    /// NOTIFICATION `NotificationArns`.
    pub notification_arns: Vec<String>,
    /// Every constraint's type and description (ConstraintSummaries).
    pub summaries: Vec<(ConstraintType, Option<String>)>,
}

impl PathConstraints {
    /// The constraints on `product` in `portfolio` (the path), as the portfolio holds them.
    pub(crate) fn of_path(
        tx: &dyn ReadTx,
        portfolio: &crate::ids::PortfolioId,
        product: &ProductId,
    ) -> Result<Self, ServiceError> {
        let rows = tx.portfolio_constraints(portfolio)?;
        Ok(Self::read(rows.iter().filter(|c| c.product_id == *product)))
    }

    /// Reads constraint records.
    pub(crate) fn read<'a>(rows: impl Iterator<Item = &'a ConstraintRecord>) -> Self {
        let mut out = Self::default();
        for c in rows {
            out.summaries
                .push((c.constraint_type, c.description.clone()));
            let Ok(Value::Object(doc)) = serde_json::from_str::<Value>(&c.parameters) else {
                continue;
            };
            let props = doc.get("Properties").and_then(Value::as_object);
            let text = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_string);
            let list = |key: &str| {
                props
                    .and_then(|p| p.get(key))
                    .or_else(|| doc.get(key))
                    .and_then(Value::as_array)
                    .map(|l| {
                        l.iter()
                            .filter_map(Value::as_str)
                            .map(str::to_string)
                            .collect()
                    })
                    .unwrap_or_default()
            };
            match c.constraint_type {
                ConstraintType::Launch => {
                    out.role_arn = text(doc.get("RoleArn"));
                    out.local_role = text(doc.get("LocalRoleName"));
                }
                ConstraintType::ResourceUpdate => {
                    out.tag_update_allowed =
                        text(props.and_then(|p| p.get("TagUpdateOnProvisionedProduct"))).as_deref()
                            == Some("ALLOWED");
                }
                ConstraintType::StackSet => {
                    out.stack_set = Some((list("AccountList"), list("RegionList")));
                }
                ConstraintType::Template => {
                    if let Some(Value::Object(rules)) = doc.get("Rules") {
                        out.rules.push(rules.clone());
                    }
                }
                ConstraintType::Notification => out.notification_arns = list("NotificationArns"),
            }
        }
        out
    }

    /// The record's LaunchRoleArn: the RoleArn, or for LocalRoleName the role of that name in
    /// the launching account ("the IAM role with that name in the account will be used",
    /// API_CreateConstraint) — which is what makes it work in recipient accounts.
    pub(crate) fn launch_role_arn(&self, scope: &Scope) -> Option<String> {
        self.role_arn.clone().or_else(|| {
            self.local_role
                .as_ref()
                .map(|name| format!("arn:{}:iam::{}:role/{name}", scope.partition, scope.account))
        })
    }

    /// The UsageInstruction `tagUpdateOnProvisionedProduct` (§9.3).
    pub(crate) fn tag_update_instruction(&self) -> &'static str {
        if self.tag_update_allowed {
            "ALLOWED"
        } else {
            "NOT_ALLOWED"
        }
    }

    /// The stack instances a CFN_STACKSET launch makes: the accounts and regions asked for
    /// (default: all of the constraint's), each of which must be in the constraint's lists
    /// (model doc: "should be within the list"; InvalidParametersException [inferred]).
    /// Nothing without a STACKSET constraint.
    pub(crate) fn stack_instances(
        &self,
        accounts: Option<&[String]>,
        regions: Option<&[String]>,
    ) -> Result<Vec<StackInstance>, ServiceError> {
        let Some((all_accounts, all_regions)) = &self.stack_set else {
            return Ok(Vec::new());
        };
        let pick = |asked: Option<&[String]>, all: &[String], what: &str| {
            let asked = asked.filter(|a| !a.is_empty()).unwrap_or(all);
            match asked.iter().find(|a| !all.contains(a)) {
                // DEVIATION(aws): the text is ours.
                Some(stray) => Err(ModeledError::InvalidParametersException.msg(format!(
                    "{what} {stray} is not in the STACKSET constraint's {what} list."
                ))),
                None => Ok(asked.to_vec()),
            }
        };
        let accounts = pick(accounts, all_accounts, "StackSetAccounts")?;
        let regions = pick(regions, all_regions, "StackSetRegions")?;
        Ok(accounts
            .iter()
            .flat_map(|a| {
                regions.iter().map(|r| StackInstance {
                    account: a.clone(),
                    region: r.clone(),
                    status: StackInstanceStatus::CURRENT,
                })
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{AccountId, ConstraintId, PortfolioId};

    fn c(kind: ConstraintType, parameters: &str) -> ConstraintRecord {
        ConstraintRecord {
            id: ConstraintId::parse("cons-a").unwrap(),
            account: AccountId::parse("111111111111").unwrap(),
            region: "us-east-1".into(),
            portfolio_id: PortfolioId::parse("port-a").unwrap(),
            product_id: ProductId::parse("prod-a").unwrap(),
            constraint_type: kind,
            description: None,
            parameters: parameters.into(),
            idempotency_token: None,
        }
    }

    #[test]
    fn a_local_role_is_the_launching_accounts_role() {
        let rows = [c(ConstraintType::Launch, r#"{"LocalRoleName":"SCLaunch"}"#)];
        let path = PathConstraints::read(rows.iter());
        let scope = Scope {
            account: AccountId::parse("222222222222").unwrap(),
            region: "us-east-1".into(),
            partition: "aws",
        };
        assert_eq!(
            path.launch_role_arn(&scope).as_deref(),
            Some("arn:aws:iam::222222222222:role/SCLaunch")
        );
        assert_eq!(path.tag_update_instruction(), "NOT_ALLOWED");
    }

    #[test]
    fn stack_set_preferences_stay_within_the_constraint() {
        let rows = [
            c(
                ConstraintType::StackSet,
                r#"{"Version":"2.0","Properties":{"AccountList":["111111111111","222222222222"],"RegionList":["us-east-1","eu-west-1"],"AdminRole":"a","ExecutionRole":"e"}}"#,
            ),
            c(
                ConstraintType::ResourceUpdate,
                r#"{"Version":"2.0","Properties":{"TagUpdateOnProvisionedProduct":"ALLOWED"}}"#,
            ),
            c(
                ConstraintType::Template,
                r#"{"Rules":{"R":{"Assertions":[]}}}"#,
            ),
        ];
        let path = PathConstraints::read(rows.iter());
        assert!(path.tag_update_allowed);
        assert_eq!(path.rules.len(), 1);
        assert_eq!(path.stack_instances(None, None).unwrap().len(), 4);
        let one = vec!["222222222222".to_string()];
        assert_eq!(path.stack_instances(Some(&one), None).unwrap().len(), 2);
        let stray = vec!["333333333333".to_string()];
        assert!(path.stack_instances(Some(&stray), None).is_err());
        assert!(PathConstraints::default()
            .stack_instances(None, None)
            .unwrap()
            .is_empty());
    }
}
