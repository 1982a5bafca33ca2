//! Naming rules: AWS member names to Rust field names, operation names to method names.

/// `PortfolioShareToken` → `portfolio_share_token`, `PrincipalARN` → `principal_arn`,
/// `AWSOrganizationsAccess` → `aws_organizations_access`.
pub fn snake_case(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() {
            let prev = i.checked_sub(1).map(|j| chars[j]);
            let next = chars.get(i + 1).copied();
            let boundary = match prev {
                Some(p) if p.is_ascii_lowercase() || p.is_ascii_digit() => true,
                Some(p) if p.is_ascii_uppercase() => next.is_some_and(|n| n.is_ascii_lowercase()),
                _ => false,
            };
            if boundary && !out.ends_with('_') {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    out
}

/// A field or method identifier, escaped when it is a Rust keyword.
pub fn field_ident(member: &str) -> String {
    let s = snake_case(member);
    match s.as_str() {
        "type" | "match" | "ref" | "mod" | "use" | "fn" | "in" | "loop" | "move" | "self"
        | "super" | "crate" | "struct" | "enum" | "trait" | "impl" | "where" | "async"
        | "await" | "dyn" | "box" | "final" | "override" | "abstract" | "macro" | "yield"
        | "priv" | "virtual" | "unsized" | "become" | "do" | "try" | "gen" | "static" | "const"
        | "let" | "mut" | "pub" | "return" | "while" | "for" | "if" | "else" | "break"
        | "continue" | "true" | "false" | "as" | "extern" | "unsafe" => {
            format!("r#{s}")
        }
        _ => s,
    }
}

/// An enum variant keeps the Smithy spelling of the wire value where that is an identifier;
/// other characters become `_` and a leading digit gets a `_` prefix.
pub fn variant_ident(value: &str) -> String {
    let mut s: String = value
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
    }
    if s == "Self" {
        s.push('_');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_handles_acronyms() {
        assert_eq!(snake_case("PortfolioShareToken"), "portfolio_share_token");
        assert_eq!(snake_case("PrincipalARN"), "principal_arn");
        assert_eq!(
            snake_case("AWSOrganizationsAccess"),
            "aws_organizations_access"
        );
        assert_eq!(snake_case("ARN"), "arn");
        assert_eq!(snake_case("Id"), "id");
        assert_eq!(
            snake_case("DescribeProvisioningArtifact"),
            "describe_provisioning_artifact"
        );
        assert_eq!(field_ident("Type"), "r#type");
    }
}
