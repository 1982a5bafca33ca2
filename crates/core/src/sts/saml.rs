//! AssumeRoleWithSAML's assertion (governance.md §9): the base64 of a SAML 2.0 `Response`,
//! parsed with a bounded XML reader (no DTD, a node limit and a depth limit). Signatures are
//! not checked. The pieces the response needs come out of it: `Subject` (NameID),
//! `SubjectType` (its Format), `Issuer`, `Audience` (the SubjectConfirmationData Recipient),
//! the `RoleSessionName` and `Role` attributes, and `NotOnOrAfter`
//! (API_AssumeRoleWithSAML.html; IAM User Guide id_roles_providers_create_saml_assertions).

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use roxmltree::{Document, Node, ParsingOptions};

use super::saml_error::SamlError;

const PROTOCOL_NS: &str = "urn:oasis:names:tc:SAML:2.0:protocol";
const ASSERTION_NS: &str = "urn:oasis:names:tc:SAML:2.0:assertion";
/// The `Role` attribute: `RoleArn,PrincipalArn` pairs, in either order.
pub const ROLE_ATTRIBUTE: &str = "https://aws.amazon.com/SAML/Attributes/Role";
/// The `RoleSessionName` attribute.
pub const ROLE_SESSION_NAME_ATTRIBUTE: &str =
    "https://aws.amazon.com/SAML/Attributes/RoleSessionName";
/// The optional `SessionDuration` attribute (seconds).
pub const SESSION_DURATION_ATTRIBUTE: &str =
    "https://aws.amazon.com/SAML/Attributes/SessionDuration";
/// The optional `SourceIdentity` attribute.
pub const SOURCE_IDENTITY_ATTRIBUTE: &str = "https://aws.amazon.com/SAML/Attributes/SourceIdentity";
/// Prefix of session-tag attributes (`…/PrincipalTag:<key>`).
pub const PRINCIPAL_TAG_PREFIX: &str = "https://aws.amazon.com/SAML/Attributes/PrincipalTag:";

/// Elements allowed in one assertion; real ones have a few hundred.
const NODES_LIMIT: u32 = 20_000;
/// Element nesting allowed; real assertions nest fewer than ten deep.
const DEPTH_LIMIT: usize = 64;

/// What sclocal reads from a SAML response.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SamlAssertion {
    /// `Assertion/Issuer` (or the Response's).
    pub issuer: String,
    /// `Subject/NameID`.
    pub name_id: String,
    /// Its `Format` attribute.
    pub name_id_format: Option<String>,
    /// `SubjectConfirmationData/@Recipient`.
    pub recipient: Option<String>,
    /// The earliest `NotOnOrAfter` (SubjectConfirmationData, Conditions), epoch milliseconds.
    pub not_on_or_after_millis: Option<i64>,
    /// The `RoleSessionName` attribute's value.
    pub role_session_name: Option<String>,
    /// `(role ARN, provider ARN)` pairs of the `Role` attribute; `None` without the attribute.
    pub roles: Option<Vec<(String, String)>>,
    /// The `SessionDuration` attribute.
    pub session_duration: Option<i64>,
    /// The `SourceIdentity` attribute.
    pub source_identity: Option<String>,
    /// `PrincipalTag:<key>` attributes (first value each).
    pub principal_tags: Vec<(String, String)>,
}

/// Decodes and parses `saml_assertion` (the request's `SAMLAssertion`).
pub fn parse_saml_response(saml_assertion: &str) -> Result<SamlAssertion, SamlError> {
    // IdPs wrap the base64 in lines; whitespace is not part of it.
    let compact: String = saml_assertion
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    let bytes = STANDARD.decode(compact).map_err(|_| SamlError::NotSaml)?;
    let xml = String::from_utf8(bytes).map_err(|_| SamlError::NotSaml)?;
    let options = ParsingOptions {
        allow_dtd: false,
        nodes_limit: NODES_LIMIT,
        ..ParsingOptions::default()
    };
    let doc = Document::parse_with_options(&xml, options).map_err(|_| SamlError::NotSaml)?;
    let root = doc.root_element();
    if !is(root, PROTOCOL_NS, "Response") || too_deep(root) {
        return Err(SamlError::NotSaml);
    }
    let assertion = root
        .children()
        .find(|n| is(*n, ASSERTION_NS, "Assertion"))
        // DEVIATION(aws): an EncryptedAssertion needs the provider's key, which sclocal never has.
        .ok_or(SamlError::NotSaml)?;
    let issuer = child(assertion, "Issuer")
        .or_else(|| child(root, "Issuer"))
        .and_then(|n| n.text())
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .ok_or(SamlError::NotSaml)?;
    let subject = child(assertion, "Subject").ok_or(SamlError::NotSaml)?;
    let name_id = child(subject, "NameID").ok_or(SamlError::NotSaml)?;
    let confirmation =
        child(subject, "SubjectConfirmation").and_then(|c| child(c, "SubjectConfirmationData"));
    let mut out = SamlAssertion {
        issuer: issuer.to_string(),
        name_id: name_id.text().unwrap_or_default().trim().to_string(),
        name_id_format: name_id.attribute("Format").map(str::to_string),
        recipient: confirmation
            .and_then(|c| c.attribute("Recipient"))
            .map(str::to_string),
        ..SamlAssertion::default()
    };
    let deadlines = [confirmation, child(assertion, "Conditions")];
    for node in deadlines.into_iter().flatten() {
        if let Some(v) = node.attribute("NotOnOrAfter") {
            let at = crate::policy::operator::parse_date_millis(v).ok_or(SamlError::NotSaml)?;
            out.not_on_or_after_millis = Some(out.not_on_or_after_millis.map_or(at, |t| t.min(at)));
        }
    }
    if let Some(statement) = child(assertion, "AttributeStatement") {
        read_attributes(statement, &mut out)?;
    }
    Ok(out)
}

fn read_attributes(statement: Node<'_, '_>, out: &mut SamlAssertion) -> Result<(), SamlError> {
    for attr in statement
        .children()
        .filter(|n| is(*n, ASSERTION_NS, "Attribute"))
    {
        let name = attr.attribute("Name").unwrap_or_default();
        let values: Vec<String> = attr
            .children()
            .filter(|n| is(*n, ASSERTION_NS, "AttributeValue"))
            .map(|n| n.text().unwrap_or_default().trim().to_string())
            .collect();
        let first = values.first().cloned();
        match name {
            ROLE_ATTRIBUTE => {
                let pairs = out.roles.get_or_insert_with(Vec::new);
                pairs.extend(values.iter().filter_map(|v| role_pair(v)));
            }
            ROLE_SESSION_NAME_ATTRIBUTE => out.role_session_name = first,
            SESSION_DURATION_ATTRIBUTE => {
                out.session_duration = Some(
                    first
                        .and_then(|d| d.parse().ok())
                        .ok_or(SamlError::NotSaml)?,
                );
            }
            SOURCE_IDENTITY_ATTRIBUTE => out.source_identity = first,
            _ => {
                if let (Some(key), Some(v)) = (name.strip_prefix(PRINCIPAL_TAG_PREFIX), first) {
                    out.principal_tags.push((key.to_string(), v));
                }
            }
        }
    }
    Ok(())
}

/// `arn:…:role/R,arn:…:saml-provider/P` in either order → `(role, provider)`.
fn role_pair(value: &str) -> Option<(String, String)> {
    let (a, b) = value.split_once(',')?;
    let (a, b) = (a.trim(), b.trim());
    let is_provider = |s: &str| s.contains(":saml-provider/");
    match (is_provider(a), is_provider(b)) {
        (false, true) => Some((a.to_string(), b.to_string())),
        (true, false) => Some((b.to_string(), a.to_string())),
        _ => None,
    }
}

fn is(node: Node<'_, '_>, ns: &str, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name && node.tag_name().namespace() == Some(ns)
}

fn child<'a, 'input>(node: Node<'a, 'input>, name: &str) -> Option<Node<'a, 'input>> {
    node.children().find(|n| is(*n, ASSERTION_NS, name))
}

/// Whether elements nest deeper than [`DEPTH_LIMIT`] (walked without recursion).
fn too_deep(root: Node<'_, '_>) -> bool {
    let mut stack = vec![(root, 1usize)];
    while let Some((node, depth)) = stack.pop() {
        if depth > DEPTH_LIMIT {
            return true;
        }
        stack.extend(
            node.children()
                .filter(Node::is_element)
                .map(|c| (c, depth + 1)),
        );
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(assertion_body: &str) -> String {
        let xml = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_r" Version="2.0">
  <saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">https://idp.example.com/outer</saml:Issuer>
  <samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>
  <Assertion xmlns="urn:oasis:names:tc:SAML:2.0:assertion" ID="_a" Version="2.0">{assertion_body}</Assertion>
</samlp:Response>"#
        );
        // Wrapped the way IdPs post it.
        let b64 = STANDARD.encode(xml);
        b64.as_bytes()
            .chunks(76)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect::<Vec<_>>()
            .join("\n")
    }

    const FULL: &str = r#"
    <Issuer>https://idp.example.com/saml</Issuer>
    <Subject>
      <NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"> alice </NameID>
      <SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">
        <SubjectConfirmationData NotOnOrAfter="2024-05-01T12:05:00Z" Recipient="https://signin.aws.amazon.com/saml"/>
      </SubjectConfirmation>
    </Subject>
    <Conditions NotBefore="2024-05-01T11:55:00Z" NotOnOrAfter="2024-05-01T13:00:00.000Z"/>
    <AttributeStatement>
      <Attribute Name="https://aws.amazon.com/SAML/Attributes/Role">
        <AttributeValue>arn:aws:iam::123456789012:saml-provider/Idp,arn:aws:iam::123456789012:role/Admin</AttributeValue>
        <AttributeValue>arn:aws:iam::123456789012:role/Dev, arn:aws:iam::123456789012:saml-provider/Idp</AttributeValue>
        <AttributeValue>garbage</AttributeValue>
      </Attribute>
      <Attribute Name="https://aws.amazon.com/SAML/Attributes/RoleSessionName"><AttributeValue>alice</AttributeValue></Attribute>
      <Attribute Name="https://aws.amazon.com/SAML/Attributes/SessionDuration"><AttributeValue>1800</AttributeValue></Attribute>
      <Attribute Name="https://aws.amazon.com/SAML/Attributes/SourceIdentity"><AttributeValue>alice-src</AttributeValue></Attribute>
      <Attribute Name="https://aws.amazon.com/SAML/Attributes/PrincipalTag:Team"><AttributeValue>blue</AttributeValue></Attribute>
    </AttributeStatement>"#;

    #[test]
    fn a_full_response_is_read() {
        let a = parse_saml_response(&response(FULL)).unwrap();
        assert_eq!(a.issuer, "https://idp.example.com/saml");
        assert_eq!(a.name_id, "alice");
        assert_eq!(
            a.name_id_format.as_deref(),
            Some("urn:oasis:names:tc:SAML:2.0:nameid-format:persistent")
        );
        assert_eq!(
            a.recipient.as_deref(),
            Some("https://signin.aws.amazon.com/saml")
        );
        // The earlier of the two deadlines.
        assert_eq!(a.not_on_or_after_millis, Some(1_714_565_100_000));
        assert_eq!(a.role_session_name.as_deref(), Some("alice"));
        let idp = "arn:aws:iam::123456789012:saml-provider/Idp".to_string();
        assert_eq!(
            a.roles,
            Some(vec![
                (
                    "arn:aws:iam::123456789012:role/Admin".to_string(),
                    idp.clone()
                ),
                ("arn:aws:iam::123456789012:role/Dev".to_string(), idp),
            ])
        );
        assert_eq!(a.session_duration, Some(1800));
        assert_eq!(a.source_identity.as_deref(), Some("alice-src"));
        assert_eq!(
            a.principal_tags,
            vec![("Team".to_string(), "blue".to_string())]
        );
    }

    #[test]
    fn a_minimal_response_falls_back_to_the_outer_issuer() {
        let a = parse_saml_response(&response("<Subject><NameID>bob</NameID></Subject>")).unwrap();
        assert_eq!(a.issuer, "https://idp.example.com/outer");
        assert_eq!(
            (
                a.name_id.as_str(),
                a.name_id_format,
                a.roles,
                a.not_on_or_after_millis
            ),
            ("bob", None, None, None)
        );
    }

    #[test]
    fn garbage_is_not_saml() {
        let b = |s: &str| STANDARD.encode(s);
        let deep = format!(
            r#"<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">{}{}</samlp:Response>"#,
            "<x>".repeat(100),
            "</x>".repeat(100)
        );
        let dtd = r#"<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"/>"#;
        for input in [
            "not base64!".to_string(),
            b("not xml"),
            STANDARD.encode([0xff, 0xfe, 0x00]),
            b("<Response/>"),
            b(r#"<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"/>"#),
            b(&deep),
            b(dtd),
            response(r"<Issuer>i</Issuer>"),
            response(
                r#"<Issuer>i</Issuer><Subject><NameID>x</NameID><SubjectConfirmation><SubjectConfirmationData NotOnOrAfter="later"/></SubjectConfirmation></Subject>"#,
            ),
            response(
                r#"<Issuer>i</Issuer><Subject><NameID>x</NameID></Subject><AttributeStatement><Attribute Name="https://aws.amazon.com/SAML/Attributes/SessionDuration"><AttributeValue>long</AttributeValue></Attribute></AttributeStatement>"#,
            ),
        ] {
            assert_eq!(
                parse_saml_response(&input),
                Err(SamlError::NotSaml),
                "{input}"
            );
        }
    }

    #[test]
    fn huge_documents_are_bounded() {
        let many = "<x/>".repeat(30_000);
        let xml = format!(
            r#"<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">{many}</samlp:Response>"#
        );
        assert_eq!(
            parse_saml_response(&STANDARD.encode(xml)),
            Err(SamlError::NotSaml)
        );
    }
}
