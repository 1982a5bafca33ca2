//! The request context: the condition keys a request carries (governance.md §6.4), as a small
//! map from key to values. Keys are compared case-insensitively, as IAM does ("Condition key
//! names are not case-sensitive", reference_policies_elements_condition.html); values keep
//! their case. Multivalued keys (`aws:TagKeys`, `aws:PrincipalOrgPaths`) hold several values.
//!
//! [`CallerFacts`] builds the standard keys of a caller in one call, so every request path
//! fills them the same way.

use std::borrow::Cow;

/// `aws:PrincipalArn`.
pub const PRINCIPAL_ARN: &str = "aws:PrincipalArn";
/// `aws:PrincipalAccount`.
pub const PRINCIPAL_ACCOUNT: &str = "aws:PrincipalAccount";
/// `aws:PrincipalOrgID`.
pub const PRINCIPAL_ORG_ID: &str = "aws:PrincipalOrgID";
/// `aws:PrincipalOrgPaths` (multivalued).
pub const PRINCIPAL_ORG_PATHS: &str = "aws:PrincipalOrgPaths";
/// `aws:PrincipalType`.
pub const PRINCIPAL_TYPE: &str = "aws:PrincipalType";
/// `aws:userid`.
pub const USERID: &str = "aws:userid";
/// `aws:username` (IAM users only).
pub const USERNAME: &str = "aws:username";
/// `aws:RequestedRegion`.
pub const REQUESTED_REGION: &str = "aws:RequestedRegion";
/// `aws:CurrentTime` (ISO 8601).
pub const CURRENT_TIME: &str = "aws:CurrentTime";
/// `aws:EpochTime` (seconds).
pub const EPOCH_TIME: &str = "aws:EpochTime";
/// `aws:SecureTransport`.
pub const SECURE_TRANSPORT: &str = "aws:SecureTransport";
/// `aws:SourceIp`.
pub const SOURCE_IP: &str = "aws:SourceIp";
/// `aws:PrincipalIsAWSService`.
pub const PRINCIPAL_IS_AWS_SERVICE: &str = "aws:PrincipalIsAWSService";
/// `aws:ViaAWSService`.
pub const VIA_AWS_SERVICE: &str = "aws:ViaAWSService";
/// `aws:TagKeys` (multivalued): the tag keys in the request.
pub const TAG_KEYS: &str = "aws:TagKeys";
/// `aws:ResourceAccount`.
pub const RESOURCE_ACCOUNT: &str = "aws:ResourceAccount";
/// `aws:ResourceOrgID`.
pub const RESOURCE_ORG_ID: &str = "aws:ResourceOrgID";
/// `organizations:PolicyType`.
pub const ORGANIZATIONS_POLICY_TYPE: &str = "organizations:PolicyType";
/// `organizations:ServicePrincipal`.
pub const ORGANIZATIONS_SERVICE_PRINCIPAL: &str = "organizations:ServicePrincipal";

/// One request as the policy language sees it (governance.md §6.5).
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    /// `service:Operation` as the caller's service spells it, e.g.
    /// `servicecatalog:CreatePortfolio`; matched case-insensitively.
    pub action: &'a str,
    /// The resource ARN, or `*` when the call names none.
    pub resource: &'a str,
    /// The request's condition keys.
    pub context: &'a Context,
}

/// The condition keys of one request: a short list searched linearly, because a request
/// carries a dozen or two keys and building it must cost next to nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Context {
    entries: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    /// As given; compared ignoring ASCII case.
    key: Cow<'static, str>,
    /// Never empty.
    values: Values,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Values {
    One([String; 1]),
    Many(Vec<String>),
}

impl Values {
    fn as_slice(&self) -> &[String] {
        match self {
            Values::One(v) => v,
            Values::Many(v) => v,
        }
    }
}

impl Context {
    /// An empty context.
    pub fn new() -> Context {
        Context {
            entries: Vec::with_capacity(24),
        }
    }

    fn set(&mut self, key: Cow<'static, str>, values: Option<Values>) {
        let at = self
            .entries
            .iter()
            .position(|e| e.key.eq_ignore_ascii_case(&key));
        match (at, values) {
            (Some(i), Some(values)) => self.entries[i].values = values,
            (Some(i), None) => {
                self.entries.swap_remove(i);
            }
            (None, Some(values)) => self.entries.push(Entry { key, values }),
            (None, None) => {}
        }
    }

    /// Sets a single-valued key, replacing any earlier value.
    pub fn insert(&mut self, key: impl Into<Cow<'static, str>>, value: impl Into<String>) {
        self.set(key.into(), Some(Values::One([value.into()])));
    }

    /// Sets a multivalued key; an empty list removes the key (IAM treats an empty set as
    /// missing).
    pub fn insert_all<I, S>(&mut self, key: impl Into<Cow<'static, str>>, values: I)
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let values: Vec<String> = values.into_iter().map(Into::into).collect();
        self.set(
            key.into(),
            (!values.is_empty()).then_some(Values::Many(values)),
        );
    }

    /// `aws:RequestTag/<key>` for each tag and `aws:TagKeys` for their keys.
    pub fn insert_request_tags<'a>(&mut self, tags: impl IntoIterator<Item = (&'a str, &'a str)>) {
        let mut keys = Vec::new();
        for (k, v) in tags {
            self.insert(format!("aws:RequestTag/{k}"), v);
            keys.push(k.to_string());
        }
        self.insert_all(TAG_KEYS, keys);
    }

    /// `aws:ResourceTag/<key>` for each tag of the target resource.
    pub fn insert_resource_tags<'a>(&mut self, tags: impl IntoIterator<Item = (&'a str, &'a str)>) {
        for (k, v) in tags {
            self.insert(format!("aws:ResourceTag/{k}"), v);
        }
    }

    /// `aws:PrincipalTag/<key>` for each session tag of the caller.
    pub fn insert_principal_tags<'a>(
        &mut self,
        tags: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) {
        for (k, v) in tags {
            self.insert(format!("aws:PrincipalTag/{k}"), v);
        }
    }

    /// The values of `key` (any case), or `None` when the request does not carry it.
    pub fn get(&self, key: &str) -> Option<&[String]> {
        self.entries
            .iter()
            .find(|e| e.key.eq_ignore_ascii_case(key))
            .map(|e| e.values.as_slice())
    }

    /// The value of a key that has exactly one (policy variables need one).
    pub(crate) fn single(&self, key: &str) -> Option<&str> {
        match self.get(key) {
            Some([one]) => Some(one),
            _ => None,
        }
    }
}

/// `aws:PrincipalType` values (IAM condition keys reference).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrincipalType {
    /// The account's root user.
    Account,
    /// An IAM user.
    User,
    /// A role session.
    AssumedRole,
    /// A GetFederationToken session.
    FederatedUser,
}

impl PrincipalType {
    /// The key's value.
    pub fn as_str(self) -> &'static str {
        match self {
            PrincipalType::Account => "Account",
            PrincipalType::User => "User",
            PrincipalType::AssumedRole => "AssumedRole",
            PrincipalType::FederatedUser => "FederatedUser",
        }
    }
}

/// What a request knows about its caller and transport: the standard keys of §6.4.
#[derive(Debug, Clone)]
pub struct CallerFacts<'a> {
    /// `aws:PrincipalArn`: the root, user or federated-user ARN, or for a role session the
    /// **role** ARN `arn:aws:iam::A:role/<path/name>`, not the session ARN.
    pub principal_arn: &'a str,
    /// The caller's account.
    pub account: &'a str,
    /// Its organization, when it is a member.
    pub org_id: Option<&'a str>,
    /// Its path in the organization, `o-…/r-…/ou-…/…/` (trailing `/`).
    pub org_path: Option<&'a str>,
    /// The kind of principal.
    pub principal_type: PrincipalType,
    /// `aws:userid`: `A`, `AIDA…`, `AROA…:<session>` or `A:<name>`.
    pub userid: &'a str,
    /// `aws:username`, for IAM users only.
    pub username: Option<&'a str>,
    /// Signing region (`us-east-1` for Organizations, a global service).
    pub region: &'a str,
    /// Now, in milliseconds since the epoch.
    pub now_millis: i64,
    /// Whether the request came over TLS.
    pub secure_transport: bool,
    /// The client's address.
    pub source_ip: Option<&'a str>,
}

impl CallerFacts<'_> {
    /// The context holding every standard key of these facts.
    pub fn context(&self) -> Context {
        let mut cx = Context::new();
        cx.insert(PRINCIPAL_ARN, self.principal_arn);
        cx.insert(PRINCIPAL_ACCOUNT, self.account);
        if let Some(org) = self.org_id {
            cx.insert(PRINCIPAL_ORG_ID, org);
        }
        if let Some(path) = self.org_path {
            cx.insert_all(PRINCIPAL_ORG_PATHS, [path]);
        }
        cx.insert(PRINCIPAL_TYPE, self.principal_type.as_str());
        cx.insert(USERID, self.userid);
        if let Some(name) = self.username {
            cx.insert(USERNAME, name);
        }
        cx.insert(REQUESTED_REGION, self.region);
        cx.insert(CURRENT_TIME, iso8601(self.now_millis));
        cx.insert(EPOCH_TIME, self.now_millis.div_euclid(1000).to_string());
        cx.insert(
            SECURE_TRANSPORT,
            if self.secure_transport {
                "true"
            } else {
                "false"
            },
        );
        if let Some(ip) = self.source_ip {
            cx.insert(SOURCE_IP, ip);
        }
        cx.insert(PRINCIPAL_IS_AWS_SERVICE, "false");
        cx.insert(VIA_AWS_SERVICE, "false");
        cx
    }
}

/// `2024-05-01T12:00:00Z` for a millisecond timestamp.
fn iso8601(millis: i64) -> String {
    let secs = millis.div_euclid(1000);
    time::OffsetDateTime::from_unix_timestamp(secs).map_or_else(
        |_| secs.to_string(),
        |t| {
            format!(
                "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
                t.year(),
                u8::from(t.month()),
                t.day(),
                t.hour(),
                t.minute(),
                t.second()
            )
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_case_insensitive_and_values_are_not() {
        let mut cx = Context::new();
        cx.insert("aws:RequestedRegion", "eu-west-1");
        assert_eq!(
            cx.get("AWS:requestedregion"),
            Some(&["eu-west-1".to_string()][..])
        );
        assert_eq!(cx.single("aws:requestedregion"), Some("eu-west-1"));
        assert_eq!(cx.get("aws:SourceIp"), None);
        // Setting a key again, in any case, replaces it.
        cx.insert("AWS:REQUESTEDREGION", "us-east-1");
        assert_eq!(
            cx.get("aws:RequestedRegion"),
            Some(&["us-east-1".to_string()][..])
        );
        assert_eq!(cx.entries.len(), 1);
        cx.insert_all(TAG_KEYS, ["a", "b"]);
        assert_eq!(cx.single(TAG_KEYS), None);
        assert_eq!(cx.get(TAG_KEYS).map(<[String]>::len), Some(2));
        cx.insert_all(TAG_KEYS, Vec::<String>::new());
        assert_eq!(cx.get(TAG_KEYS), None);
    }

    #[test]
    fn tags_fill_their_keys() {
        let mut cx = Context::new();
        cx.insert_request_tags([("Team", "blue"), ("Env", "dev")]);
        cx.insert_resource_tags([("Owner", "me")]);
        cx.insert_principal_tags([("Dept", "ops")]);
        assert_eq!(cx.single("aws:RequestTag/team"), Some("blue"));
        assert_eq!(
            cx.get(TAG_KEYS).map(<[String]>::to_vec),
            Some(vec!["Team".into(), "Env".into()])
        );
        assert_eq!(cx.single("aws:ResourceTag/Owner"), Some("me"));
        assert_eq!(cx.single("aws:PrincipalTag/Dept"), Some("ops"));
    }

    #[test]
    fn caller_facts_fill_the_standard_keys() {
        let facts = CallerFacts {
            principal_arn: "arn:aws:iam::222222222222:role/Dev",
            account: "222222222222",
            org_id: Some("o-abcdefghij"),
            org_path: Some("o-abcdefghij/r-ab12/ou-ab12-11111111/"),
            principal_type: PrincipalType::AssumedRole,
            userid: "AROAEXAMPLE:s1",
            username: None,
            region: "eu-west-1",
            now_millis: 1_714_564_800_500,
            secure_transport: false,
            source_ip: Some("127.0.0.1"),
        };
        let cx = facts.context();
        assert_eq!(
            cx.single(PRINCIPAL_ARN),
            Some("arn:aws:iam::222222222222:role/Dev")
        );
        assert_eq!(cx.single(PRINCIPAL_TYPE), Some("AssumedRole"));
        assert_eq!(cx.single(CURRENT_TIME), Some("2024-05-01T12:00:00Z"));
        assert_eq!(cx.single(EPOCH_TIME), Some("1714564800"));
        assert_eq!(cx.single(SECURE_TRANSPORT), Some("false"));
        assert_eq!(cx.single(USERNAME), None);
        assert_eq!(
            cx.single(PRINCIPAL_ORG_PATHS),
            Some("o-abcdefghij/r-ab12/ou-ab12-11111111/")
        );
        assert_eq!(cx.single(VIA_AWS_SERVICE), Some("false"));
    }
}
