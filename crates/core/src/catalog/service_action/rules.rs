//! The rules of self-service actions, as pure functions and lookups: who owns an action, what
//! a definition must hold, the parameters a definition declares, and how an action is shown.

use std::collections::BTreeMap;

use sclocal_api::servicecatalog::{
    ModeledError, ServiceActionDefinitionKey, ServiceActionDetail, ServiceActionSummary,
};
use sclocal_api::ServiceError;

use crate::ids::{Scope, ServiceActionId};
use crate::store::{ReadTx, ServiceActionRecord};

/// DEVIATION(aws): AWS's text for an unknown action is not recorded; this follows the
/// product and portfolio ones.
pub(crate) fn action_not_found(id: &str) -> ServiceError {
    ModeledError::ResourceNotFoundException.msg(format!("Service action not found: {id}"))
}

/// The action `id` if the caller's account made it in this region; actions belong to the
/// account that created them [inferred, §22], so others get ResourceNotFoundException.
pub(crate) fn owned_action(
    tx: &dyn ReadTx,
    scope: &Scope,
    id: &str,
) -> Result<ServiceActionRecord, ServiceError> {
    let found = match ServiceActionId::parse(id) {
        Some(parsed) => tx.service_action(&scope.region, &parsed)?,
        None => None,
    };
    found
        .filter(|a| a.account == scope.account)
        .ok_or_else(|| action_not_found(id))
}

/// One parameter a definition declares: `{"Name": …, "Type": "TARGET" | "TEXT_VALUE"}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DeclaredParameter {
    /// Name.
    pub name: String,
    /// Type.
    pub kind: String,
}

/// The parameter types the console and the API document (AG "Self-service actions"):
/// `TARGET` (the provisioned product's resources) and `TEXT_VALUE` (the end user's text).
const PARAMETER_TYPES: [&str; 2] = ["TARGET", "TEXT_VALUE"];

/// Checks a definition: it names its SSM document (`Name`) [inferred, §22] and its
/// `Parameters`, when given, are a JSON list of `{Name, Type}`. Answers the declared
/// parameters, or the InvalidParametersException text.
pub(crate) fn checked_definition(
    definition: &BTreeMap<String, String>,
) -> Result<Vec<DeclaredParameter>, String> {
    let key = |k: ServiceActionDefinitionKey| definition.get(k.as_str());
    if key(ServiceActionDefinitionKey::Name).is_none_or(|n| n.trim().is_empty()) {
        return Err("The Definition must contain a Name (the SSM document).".into());
    }
    let Some(text) = key(ServiceActionDefinitionKey::Parameters) else {
        return Ok(Vec::new());
    };
    let bad = || {
        format!("The Definition's Parameters are not a JSON list of {{\"Name\", \"Type\"}}: {text}")
    };
    let value: serde_json::Value = serde_json::from_str(text).map_err(|_| bad())?;
    let list = value.as_array().ok_or_else(bad)?;
    list.iter()
        .map(|p| {
            let name = p.get("Name").and_then(serde_json::Value::as_str);
            let kind = p.get("Type").and_then(serde_json::Value::as_str);
            match (name, kind) {
                (Some(name), Some(kind)) if !name.is_empty() && PARAMETER_TYPES.contains(&kind) => {
                    Ok(DeclaredParameter {
                        name: name.to_string(),
                        kind: kind.to_string(),
                    })
                }
                _ => Err(bad()),
            }
        })
        .collect()
}

/// ServiceActionSummary of an action.
pub(crate) fn action_summary(a: &ServiceActionRecord) -> ServiceActionSummary {
    ServiceActionSummary {
        id: Some(a.id.to_string()),
        name: Some(a.name.clone()),
        description: a.description.clone(),
        definition_type: Some(a.definition_type),
    }
}

/// ServiceActionDetail of an action.
pub(crate) fn action_detail(a: &ServiceActionRecord) -> ServiceActionDetail {
    ServiceActionDetail {
        service_action_summary: Some(action_summary(a)),
        definition: Some(a.definition.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn def(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
            .collect()
    }

    #[test]
    fn a_definition_names_its_document_and_declares_typed_parameters() {
        assert!(checked_definition(&def(&[("Version", "1")])).is_err());
        assert_eq!(
            checked_definition(&def(&[("Name", "AWS-RestartEC2Instance")])).unwrap(),
            Vec::new()
        );
        let params = checked_definition(&def(&[
            ("Name", "AWS-RestartEC2Instance"),
            (
                "Parameters",
                r#"[{"Name":"InstanceId","Type":"TARGET"},{"Name":"Note","Type":"TEXT_VALUE"}]"#,
            ),
        ]))
        .unwrap();
        assert_eq!(params.len(), 2);
        assert_eq!(params[0].name, "InstanceId");
        assert_eq!(params[1].kind, "TEXT_VALUE");
        for bad in [
            "{}",
            "[{\"Name\":\"x\"}]",
            "[{\"Name\":\"x\",\"Type\":\"OTHER\"}]",
            "nope",
        ] {
            assert!(
                checked_definition(&def(&[("Name", "D"), ("Parameters", bad)])).is_err(),
                "{bad}"
            );
        }
    }
}
