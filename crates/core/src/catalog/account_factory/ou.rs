//! `ManagedOrganizationalUnit` (provisioning.md §21.2): the values Control Tower lists (every
//! OU as `Name (ou-id)`; all OUs count as registered in sclocal — a deviation) and the forms
//! a request may name an OU in: `Name (ou-id)` for any OU, a bare `Name` when one OU has it
//! (AFT's top-level form; sclocal also takes a unique nested name), a bare `ou-…` id (LZA's
//! organizationalUnitId) [inferred]. Root, an unknown or ambiguous name, or a name and id that
//! disagree fail the vending, with Control Tower's exception name [inferred texts, §27.10].

use sclocal_api::ServiceError;

use super::names::OU_PARAMETER;
use crate::cloudformation::Template;
use crate::ids::ProductId;
use crate::organizations::seam::org_units;
use crate::store::{OuRecord, ReadTx};

/// How Control Tower lists an OU: `Name (ou-id)`.
pub(crate) fn ou_value(ou: &OuRecord) -> String {
    format!("{} ({})", ou.name, ou.id)
}

/// The OU of `ous` that `value` names, or why none is.
pub(crate) fn resolve_ou<'a>(ous: &'a [OuRecord], value: &str) -> Result<&'a OuRecord, String> {
    let value = value.trim();
    let not_found = || {
        format!(
            "InvalidParameterException The organizational unit {value} is not registered with \
             AWS Control Tower."
        )
    };
    if let Some((name, id)) = value
        .strip_suffix(')')
        .and_then(|v| v.rsplit_once(" ("))
        .filter(|(_, id)| id.starts_with("ou-"))
    {
        return ous
            .iter()
            .find(|o| o.id.as_str() == id && o.name == name)
            .ok_or_else(not_found);
    }
    if let Some(ou) = ous.iter().find(|o| o.id.as_str() == value) {
        return Ok(ou);
    }
    let mut named = ous.iter().filter(|o| o.name == value);
    match (named.next(), named.next()) {
        (Some(ou), None) => Ok(ou),
        (Some(_), Some(_)) => Err(format!(
            "InvalidParameterException More than one organizational unit is named {value}; \
             name it as \"{value} (ou-...)\"."
        )),
        (None, _) => Err(not_found()),
    }
}

/// The template of the Account Factory `product` with `ManagedOrganizationalUnit`'s
/// AllowedValues set to its organization's OUs as they are now (§21.1: Control Tower
/// regenerates them as OUs are registered); other templates as they are.
pub(crate) fn with_ou_values(
    tx: &dyn ReadTx,
    product: &ProductId,
    template: Option<Template>,
) -> Result<Option<Template>, ServiceError> {
    let Some(mut template) = template else {
        return Ok(None);
    };
    let Some(factory) = tx.account_factory(product)? else {
        return Ok(Some(template));
    };
    let values: Vec<String> = org_units(tx, &factory.org_id)?
        .iter()
        .map(ou_value)
        .collect();
    for p in &mut template.parameters {
        if p.key == OU_PARAMETER {
            p.allowed_values.clone_from(&values);
        }
    }
    Ok(Some(template))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{OrgId, OuId, ParentId, RootId};

    fn ou(id: &str, name: &str) -> OuRecord {
        let root = RootId::parse("r-ab12").unwrap();
        OuRecord {
            id: OuId::parse(id).unwrap(),
            org_id: OrgId::parse("o-abcdefghij").unwrap(),
            parent_id: ParentId::Root(root),
            name: name.into(),
            path: format!("{id}/"),
        }
    }

    #[test]
    fn an_ou_is_named_by_name_and_id_by_id_or_by_a_unique_name() {
        let ous = [
            ou("ou-ab12-aaaaaaaa", "Workloads"),
            ou("ou-ab12-bbbbbbbb", "Sandbox"),
            ou("ou-ab12-cccccccc", "Sandbox"),
        ];
        let found = |v: &str| resolve_ou(&ous, v).map(|o| o.id.to_string());
        assert_eq!(
            found("Workloads (ou-ab12-aaaaaaaa)").unwrap(),
            "ou-ab12-aaaaaaaa"
        );
        assert_eq!(
            found("Sandbox (ou-ab12-cccccccc)").unwrap(),
            "ou-ab12-cccccccc"
        );
        assert_eq!(found("ou-ab12-bbbbbbbb").unwrap(), "ou-ab12-bbbbbbbb");
        assert_eq!(found("Workloads").unwrap(), "ou-ab12-aaaaaaaa");
        assert!(found("Sandbox").unwrap_err().contains("More than one"));
        assert!(found("Workloads (ou-ab12-bbbbbbbb)")
            .unwrap_err()
            .contains("not registered"));
        assert!(found("Root").unwrap_err().contains("not registered"));
        assert!(found("ou-ab12-zzzzzzzz")
            .unwrap_err()
            .contains("not registered"));
        assert_eq!(ou_value(&ous[0]), "Workloads (ou-ab12-aaaaaaaa)");
    }
}
