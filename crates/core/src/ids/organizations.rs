//! AWS Organizations identifiers, with the model's patterns (organizations-behavior.md §1.1):
//! `o-` + 10–32, `r-` + 4–32, `ou-<root suffix>-<8–32>`, `h-` + 8–32, `car-` + 8–32 characters
//! of `[a-z0-9]`, and `p-` + 8–128 of `[0-9a-zA-Z_]` for policies.

use std::fmt;

use super::account::AccountId;
use super::format::{id_type, lower_alnum, org_suffix, prefixed};
use crate::clock::{hex_chars, IdSource};

id_type!(
    /// An organization (`o-…`).
    OrgId,
    |s| prefixed(s, "o-", 10, 32, lower_alnum)
);
id_type!(
    /// An organization's root (`r-…`).
    RootId,
    |s| prefixed(s, "r-", 4, 32, lower_alnum)
);
id_type!(
    /// An organizational unit (`ou-<root suffix>-<suffix>`).
    OuId,
    |s| s.strip_prefix("ou-").is_some_and(|rest| {
        rest.split_once('-').is_some_and(|(root, own)| {
            (4..=32).contains(&root.len())
                && (8..=32).contains(&own.len())
                && root.bytes().all(lower_alnum)
                && own.bytes().all(lower_alnum)
        })
    })
);
id_type!(
    /// A handshake (`h-…`).
    HandshakeId,
    |s| prefixed(s, "h-", 8, 32, lower_alnum)
);
id_type!(
    /// A CreateAccount request (`car-…`).
    CreateAccountRequestId,
    |s| prefixed(s, "car-", 8, 32, lower_alnum)
);
id_type!(
    /// A policy (`p-…`; AWS-managed ones such as `p-FullAWSAccess` share the pattern).
    PolicyId,
    |s| prefixed(s, "p-", 8, 128, |b| b.is_ascii_alphanumeric() || b == b'_')
);
id_type!(
    /// The organization's resource policy (`rp-…`; governance.md §2.1).
    ResourcePolicyId,
    |s| prefixed(s, "rp-", 4, 128, |b| b.is_ascii_alphanumeric() || b == b'_')
);

impl OrgId {
    /// A new organization id: `o-` and 10 characters.
    pub fn generate(ids: &dyn IdSource) -> Self {
        OrgId(format!("o-{}", org_suffix(ids, 10)))
    }
}

impl RootId {
    /// A new root id: `r-` and 4 characters.
    pub fn generate(ids: &dyn IdSource) -> Self {
        RootId(format!("r-{}", org_suffix(ids, 4)))
    }

    /// The part after `r-`, which every OU id of the organization repeats.
    pub fn suffix(&self) -> &str {
        &self.0[2..]
    }
}

impl OuId {
    /// A new OU id under `root`: `ou-<root suffix>-<8 characters>`.
    pub fn generate(root: &RootId, ids: &dyn IdSource) -> Self {
        Self::with_suffix(root, &org_suffix(ids, 8))
    }

    /// The OU id under `root` with its own part `suffix` (the bootstrap picks suffixes).
    pub fn with_suffix(root: &RootId, suffix: &str) -> Self {
        OuId(format!("ou-{}-{suffix}", root.suffix()))
    }
}

impl HandshakeId {
    /// A new handshake id: `h-` and 32 hex characters, as AWS issues them.
    pub fn generate(ids: &dyn IdSource) -> Self {
        HandshakeId(format!("h-{}", hex_chars(ids, 32)))
    }
}

impl CreateAccountRequestId {
    /// A new request id: `car-` and 32 hex characters, as AWS issues them.
    pub fn generate(ids: &dyn IdSource) -> Self {
        CreateAccountRequestId(format!("car-{}", hex_chars(ids, 32)))
    }
}

impl PolicyId {
    /// A new policy id: `p-` and 8 characters.
    pub fn generate(ids: &dyn IdSource) -> Self {
        PolicyId(format!("p-{}", org_suffix(ids, 8)))
    }
}

impl ResourcePolicyId {
    /// A new resource policy id: `rp-` and 8 characters.
    pub fn generate(ids: &dyn IdSource) -> Self {
        ResourcePolicyId(format!("rp-{}", org_suffix(ids, 8)))
    }
}

/// Where an account or OU sits: the root or an OU (ParentId).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ParentId {
    /// The organization's root.
    Root(RootId),
    /// An organizational unit.
    Ou(OuId),
}

impl ParentId {
    /// Parses a root or OU id.
    pub fn parse(s: &str) -> Option<Self> {
        RootId::parse(s)
            .map(ParentId::Root)
            .or_else(|| OuId::parse(s).map(ParentId::Ou))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        match self {
            ParentId::Root(r) => r.as_str(),
            ParentId::Ou(o) => o.as_str(),
        }
    }
}

impl fmt::Display for ParentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a policy attaches to, or what Organizations tags: a root, an OU or an account
/// (TargetId, ResourceId).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TargetId {
    /// The root.
    Root(RootId),
    /// An OU.
    Ou(OuId),
    /// An account.
    Account(AccountId),
}

impl TargetId {
    /// Parses a root, OU or account id.
    pub fn parse(s: &str) -> Option<Self> {
        RootId::parse(s)
            .map(TargetId::Root)
            .or_else(|| OuId::parse(s).map(TargetId::Ou))
            .or_else(|| AccountId::parse(s).map(TargetId::Account))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        match self {
            TargetId::Root(r) => r.as_str(),
            TargetId::Ou(o) => o.as_str(),
            TargetId::Account(a) => a.as_str(),
        }
    }
}

impl fmt::Display for TargetId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<ParentId> for TargetId {
    fn from(p: ParentId) -> Self {
        match p {
            ParentId::Root(r) => TargetId::Root(r),
            ParentId::Ou(o) => TargetId::Ou(o),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::SeqIds;

    #[test]
    fn organization_ids_follow_the_model_patterns() {
        assert!(OrgId::parse("o-abcdefghij").is_some());
        assert!(OrgId::parse("o-abc").is_none());
        assert!(OrgId::parse("o-ABCDEFGHIJ").is_none());
        assert!(RootId::parse("r-ab12").is_some());
        assert!(OuId::parse("ou-ab12-abcdefgh").is_some());
        assert!(OuId::parse("ou-ab12-abc").is_none());
        assert!(OuId::parse("ou-ab12").is_none());
        assert!(HandshakeId::parse("h-abcdefgh12").is_some());
        assert!(CreateAccountRequestId::parse("car-abcdefgh12").is_some());
        assert!(PolicyId::parse("p-FullAWSAccess").is_some());
        assert!(PolicyId::parse("p-short").is_none());
        assert!(ResourcePolicyId::parse("rp-abcd1234").is_some());
        assert!(ResourcePolicyId::parse("rp-ab").is_none());
    }

    #[test]
    fn generated_ids_parse_and_ous_carry_their_root() {
        let ids = SeqIds::default();
        let root = RootId::generate(&ids);
        assert!(RootId::parse(root.as_str()).is_some());
        let ou = OuId::generate(&root, &ids);
        assert!(OuId::parse(ou.as_str()).is_some(), "{ou}");
        assert!(ou.as_str().starts_with(&format!("ou-{}-", root.suffix())));
        assert!(OrgId::parse(OrgId::generate(&ids).as_str()).is_some());
        assert!(HandshakeId::parse(HandshakeId::generate(&ids).as_str()).is_some());
        let car = CreateAccountRequestId::generate(&ids);
        assert!(CreateAccountRequestId::parse(car.as_str()).is_some());
        assert!(PolicyId::parse(PolicyId::generate(&ids).as_str()).is_some());
    }

    #[test]
    fn parents_and_targets_tell_their_kind() {
        assert!(matches!(ParentId::parse("r-ab12"), Some(ParentId::Root(_))));
        assert!(matches!(
            ParentId::parse("ou-ab12-abcdefgh"),
            Some(ParentId::Ou(_))
        ));
        assert!(ParentId::parse("123456789012").is_none());
        assert!(matches!(
            TargetId::parse("123456789012"),
            Some(TargetId::Account(_))
        ));
    }
}
