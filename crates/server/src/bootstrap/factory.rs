//! The bootstrap file's `account_factory` key (provisioning.md §21.1): `true` (Control
//! Tower's home region, `us-east-1`), `false`, or `{region: R}`; and the Account Factories a
//! parsed plan asks for, which the core sets up once the plan's organizations exist.

use sclocal_core::catalog::account_factory::FactoryRequest;
use sclocal_core::organizations::bootstrap::BootstrapPlan;
use serde::Deserialize;

/// `account_factory: true | false | {region: …}` (provisioning.md §21.1).
pub(super) enum FactoryEntry {
    On(bool),
    In(FactoryRegion),
}

/// Visits a bool or a map directly (an untagged enum would lose the region's own error).
struct FactoryVisitor;

impl<'de> serde::de::Visitor<'de> for FactoryVisitor {
    type Value = FactoryEntry;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("true, false or {region: <region>}")
    }

    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<FactoryEntry, E> {
        Ok(FactoryEntry::On(v))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<FactoryEntry, A::Error> {
        FactoryRegion::deserialize(serde::de::value::MapAccessDeserializer::new(map))
            .map(FactoryEntry::In)
    }
}

impl<'de> Deserialize<'de> for FactoryEntry {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(FactoryVisitor)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FactoryRegion {
    #[serde(deserialize_with = "region")]
    pub(super) region: String,
}

/// A region name such as `eu-west-1`, checked while parsing so the error carries the line.
fn region<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let raw = String::deserialize(d)?;
    let parts: Vec<&str> = raw.split('-').collect();
    let ok = parts.len() >= 3
        && parts[..parts.len() - 1]
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase()))
        && parts[parts.len() - 1].bytes().all(|b| b.is_ascii_digit())
        && !parts[parts.len() - 1].is_empty();
    if ok {
        Ok(raw)
    } else {
        Err(serde::de::Error::custom(format!(
            "account_factory region {raw:?} is not a region name"
        )))
    }
}

/// The Account Factory's region when none is named (Control Tower's home region).
pub(super) const FACTORY_REGION: &str = "us-east-1";

/// The Account Factories a plan asks for, made once its organizations exist.
pub(super) fn factories(plan: &BootstrapPlan) -> Vec<FactoryRequest> {
    plan.orgs
        .iter()
        .filter_map(|o| {
            o.account_factory.as_ref().map(|region| FactoryRequest {
                management: o.management.id.clone(),
                region: region.clone(),
            })
        })
        .collect()
}
