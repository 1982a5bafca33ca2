//! Wildcard patterns of the IAM policy language, compiled once when a policy is parsed and
//! matched per request without allocating (unless the pattern holds a policy variable).
//!
//! * Actions: case-insensitive, `*` (any run) and `?` (one character) anywhere (governance.md
//!   §6.3; "wildcards anywhere in action strings", OBS-FULL-IAM).
//! * ARNs (`Resource`, `NotResource`, `Arn*` operators): case-sensitive and matched per
//!   colon-separated segment, as IAM does: "You can use wildcard characters (* and ?) within
//!   any ARN segment" (IAM User Guide, reference_policies_elements_resource.html). The sixth
//!   segment is the rest of the ARN, colons included. A pattern with fewer segments whose last
//!   one ends in `*` (`arn:aws:*`) lets that `*` run over the remaining colons ("If the *
//!   wildcard is the last character of a resource ARN segment, it can expand to match beyond
//!   the colon boundaries").
//! * Text (`StringLike`): case-sensitive, the whole string.
//! * Literal (`StringEquals`): `*` and `?` are plain characters.
//!
//! Policy variables (`${aws:username}`, `${aws:PrincipalTag/team, 'none'}`, and the escapes
//! `${*}`, `${?}`, `${$}`) are recognised when the document's version allows them
//! (reference_policies_variables.html). A variable's value is inserted literally. A variable
//! whose key has no single value in the request and no default makes the pattern match
//! nothing.

use super::context::Context;

/// How a pattern compares characters and where it may be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum GlobKind {
    /// `Action`/`NotAction`: case-insensitive wildcards, no variables.
    Action,
    /// ARNs: case-sensitive wildcards per segment.
    Arn,
    /// `StringLike`: case-sensitive wildcards over the whole string.
    Text,
    /// `StringEquals` and friends: no wildcards.
    Literal,
    /// `StringEqualsIgnoreCase`: no wildcards, ASCII case folded.
    LiteralIgnoreCase,
}

impl GlobKind {
    fn folds(self) -> bool {
        matches!(self, GlobKind::Action | GlobKind::LiteralIgnoreCase)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Char(char),
    Star,
    One,
    /// Index into [`Glob::vars`].
    Var(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Variable {
    /// Lower-case context key.
    key: String,
    default: Option<String>,
}

/// A compiled pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Glob {
    /// One token run for whole-string patterns, up to six for ARNs.
    segments: Vec<Vec<Token>>,
    /// ARN pattern with fewer than six segments whose last one ends in `*`.
    open_tail: bool,
    arn: bool,
    fold: bool,
    vars: Vec<Variable>,
}

impl Glob {
    /// Compiles `pattern`; `variables` says whether `${…}` is interpreted.
    pub(crate) fn compile(pattern: &str, kind: GlobKind, variables: bool) -> Glob {
        let (tokens, vars) = tokenize(pattern, kind, variables && kind != GlobKind::Action);
        let fold = kind.folds();
        let is_arn = kind == GlobKind::Arn && pattern.starts_with("arn:");
        if !is_arn {
            return Glob {
                segments: vec![tokens],
                open_tail: false,
                arn: false,
                fold,
                vars,
            };
        }
        let mut segments: Vec<Vec<Token>> = vec![Vec::new()];
        for t in tokens {
            if t == Token::Char(':') && segments.len() < 6 {
                segments.push(Vec::new());
            } else if let Some(last) = segments.last_mut() {
                last.push(t);
            }
        }
        let open_tail =
            segments.len() < 6 && segments.last().and_then(|s| s.last()) == Some(&Token::Star);
        Glob {
            segments,
            open_tail,
            arn: true,
            fold,
            vars,
        }
    }

    /// Whether `text` matches, resolving variables from `context`.
    pub(crate) fn matches(&self, text: &str, context: &Context) -> bool {
        if self.vars.is_empty() {
            return self.matches_resolved(&self.segments, text);
        }
        let mut resolved = Vec::with_capacity(self.segments.len());
        for segment in &self.segments {
            let mut out = Vec::with_capacity(segment.len());
            for token in segment {
                if let Token::Var(i) = token {
                    let var = &self.vars[*i];
                    let value = match context.single(&var.key) {
                        Some(v) => v,
                        None => match &var.default {
                            Some(d) => d.as_str(),
                            None => return false,
                        },
                    };
                    let fold = self.fold;
                    out.extend(
                        value
                            .chars()
                            .map(|c| Token::Char(if fold { c.to_ascii_lowercase() } else { c })),
                    );
                } else {
                    out.push(token.clone());
                }
            }
            resolved.push(out);
        }
        self.matches_resolved(&resolved, text)
    }

    fn matches_resolved(&self, segments: &[Vec<Token>], text: &str) -> bool {
        if !self.arn {
            return glob_match(&segments[0], text, self.fold);
        }
        let mut parts = text.splitn(segments.len(), ':');
        for (i, segment) in segments.iter().enumerate() {
            let Some(part) = parts.next() else {
                return false;
            };
            let last = i + 1 == segments.len();
            if last && segments.len() < 6 && !self.open_tail && part.contains(':') {
                // A closed pattern of n segments names ARNs of exactly n segments.
                return false;
            }
            if !glob_match(segment, part, self.fold) {
                return false;
            }
        }
        true
    }
}

/// Splits a pattern into tokens, collecting `${…}` variables when asked.
fn tokenize(pattern: &str, kind: GlobKind, variables: bool) -> (Vec<Token>, Vec<Variable>) {
    let wildcards = !matches!(kind, GlobKind::Literal | GlobKind::LiteralIgnoreCase);
    let fold = kind.folds();
    let mut tokens = Vec::with_capacity(pattern.len());
    let mut vars = Vec::new();
    let mut rest = pattern;
    while let Some(c) = rest.chars().next() {
        if variables && rest.starts_with("${") {
            if let Some(end) = rest.find('}') {
                let inner = &rest[2..end];
                rest = &rest[end + 1..];
                match inner {
                    "*" | "?" | "$" => tokens.extend(inner.chars().map(Token::Char)),
                    _ => {
                        tokens.push(Token::Var(vars.len()));
                        vars.push(parse_variable(inner));
                    }
                }
                continue;
            }
        }
        rest = &rest[c.len_utf8()..];
        tokens.push(match c {
            '*' if wildcards => Token::Star,
            '?' if wildcards => Token::One,
            _ if fold => Token::Char(c.to_ascii_lowercase()),
            _ => Token::Char(c),
        });
    }
    (tokens, vars)
}

/// `aws:username` or `aws:PrincipalTag/team, 'default'`.
fn parse_variable(inner: &str) -> Variable {
    let (key, default) = match inner.split_once(',') {
        Some((key, default)) => {
            let d = default.trim();
            let d = d
                .strip_prefix('\'')
                .and_then(|d| d.strip_suffix('\''))
                .unwrap_or(d);
            (key, Some(d.to_string()))
        }
        None => (inner, None),
    };
    Variable {
        key: key.trim().to_ascii_lowercase(),
        default,
    }
}

/// Greedy wildcard matching with a single backtrack point (the last `*`): linear for the
/// usual patterns and O(pattern × text) at worst, never exponential.
fn glob_match(tokens: &[Token], text: &str, fold: bool) -> bool {
    let eq = |p: char, c: char| {
        if fold {
            p == c.to_ascii_lowercase()
        } else {
            p == c
        }
    };
    let (mut p, mut t) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    loop {
        let next = text[t..].chars().next();
        match (tokens.get(p), next) {
            (Some(Token::Star), _) => {
                if p + 1 == tokens.len() {
                    // A trailing `*` takes whatever is left: the common `*` and `svc:*`.
                    return true;
                }
                star = Some((p + 1, t));
                p += 1;
                continue;
            }
            (Some(Token::One), Some(c)) => {
                p += 1;
                t += c.len_utf8();
                continue;
            }
            (Some(Token::Char(pc)), Some(c)) if eq(*pc, c) => {
                p += 1;
                t += c.len_utf8();
                continue;
            }
            (None, None) => return true,
            _ => {}
        }
        // Mismatch: let the last `*` swallow one more character, or fail.
        let Some((sp, st)) = star else {
            return false;
        };
        let Some(c) = text[st..].chars().next() else {
            return false;
        };
        star = Some((sp, st + c.len_utf8()));
        p = sp;
        t = st + c.len_utf8();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(pattern: &str, kind: GlobKind, text: &str) -> bool {
        Glob::compile(pattern, kind, true).matches(text, &Context::new())
    }

    #[test]
    fn actions_are_case_insensitive_with_wildcards_anywhere() {
        let a = GlobKind::Action;
        assert!(m(
            "ServiceCatalog:*PORTFOLIO",
            a,
            "servicecatalog:CreatePortfolio"
        ));
        assert!(!m(
            "ServiceCatalog:*PORTFOLIO",
            a,
            "servicecatalog:ListPortfolios"
        ));
        assert!(m(
            "servicecatalog:*Portfolio*",
            a,
            "servicecatalog:ListPortfolios"
        ));
        assert!(m("sts:Assume?ole", a, "sts:AssumeRole"));
        assert!(!m("sts:Assume?ole", a, "sts:AssumeRRole"));
        assert!(m("*", a, "organizations:LeaveOrganization"));
        assert!(m("s*:*Role", a, "sts:AssumeRole"));
        assert!(!m("sts:AssumeRole", a, "sts:AssumeRoleWithSAML"));
    }

    #[test]
    fn arns_match_per_segment_and_case_sensitively() {
        let k = GlobKind::Arn;
        let p = "arn:aws:iam::*:role/PlatformAdmin";
        assert!(m(p, k, "arn:aws:iam::222222222222:role/PlatformAdmin"));
        assert!(!m(p, k, "arn:aws:iam::222222222222:role/platformadmin"));
        assert!(!m(p, k, "arn:aws:iam::222222222222:role/Developer"));
        assert!(m(
            "arn:aws:catalog:*:*:portfolio/*",
            k,
            "arn:aws:catalog:eu-west-1:1:portfolio/port-a"
        ));
        assert!(!m(
            "arn:aws:catalog:*:*:portfolio/*",
            k,
            "arn:aws:catalog:eu-west-1:1:product/prod-a"
        ));
        // The resource segment keeps its colons and `*` runs over them.
        assert!(m(
            "arn:aws:logs:*:*:log-group:*",
            k,
            "arn:aws:logs:us-east-1:1:log-group:a:b"
        ));
        // `*` inside a segment stays inside it.
        assert!(!m("arn:aws:iam::1*:root", k, "arn:aws:iam::1:2:root"));
        // A trailing `*` of a short pattern runs over the remaining segments.
        assert!(m("arn:aws:*", k, "arn:aws:s3:::bucket"));
        assert!(!m("arn:aws:s3", k, "arn:aws:s3:::bucket"));
        assert!(m("arn:aws:iam::?:root", k, "arn:aws:iam::7:root"));
        assert!(m("*", k, "arn:aws:s3:::b") && m("*", k, "*"));
        assert!(!m("arn:aws:s3:::b", k, "*"));
    }

    #[test]
    fn text_and_literal_kinds() {
        assert!(m("us-*-1", GlobKind::Text, "us-east-1"));
        assert!(!m("us-*-1", GlobKind::Text, "US-east-1"));
        assert!(m("a*b", GlobKind::Literal, "a*b"));
        assert!(!m("a*b", GlobKind::Literal, "axxb"));
        assert!(m("", GlobKind::Text, "") && !m("", GlobKind::Text, "x"));
        assert!(m("é?", GlobKind::Text, "éü"));
        assert!(m("Dev*", GlobKind::LiteralIgnoreCase, "dEV*"));
        assert!(!m("Dev*", GlobKind::LiteralIgnoreCase, "dEVx"));
    }

    #[test]
    fn variables_resolve_from_the_context() {
        let mut cx = Context::new();
        cx.insert("aws:PrincipalAccount", "111111111111");
        cx.insert("aws:username", "al*ce");
        let role = Glob::compile(
            "arn:aws:iam::${aws:PrincipalAccount}:role/*",
            GlobKind::Arn,
            true,
        );
        assert!(role.matches("arn:aws:iam::111111111111:role/x", &cx));
        assert!(!role.matches("arn:aws:iam::222222222222:role/x", &cx));
        // A substituted value is literal: its `*` is a plain character.
        let user = Glob::compile("home/${aws:username}/*", GlobKind::Text, true);
        assert!(user.matches("home/al*ce/notes", &cx));
        assert!(!user.matches("home/alice/notes", &cx));
        // Missing key: no match, unless a default is given.
        let tag = Glob::compile("${aws:PrincipalTag/team}", GlobKind::Text, true);
        assert!(!tag.matches("", &cx));
        let dflt = Glob::compile("${aws:PrincipalTag/team, 'none'}", GlobKind::Text, true);
        assert!(dflt.matches("none", &cx));
        // Escapes and disabled variables.
        assert!(m("a${*}b", GlobKind::Text, "a*b") && !m("a${*}b", GlobKind::Text, "axb"));
        let off = Glob::compile("${aws:username}", GlobKind::Text, false);
        assert!(off.matches("${aws:username}", &cx));
    }

    #[test]
    fn hostile_patterns_stay_polynomial() {
        let pattern = "*a".repeat(200) + "b";
        let text = "a".repeat(5000);
        assert!(!m(&pattern, GlobKind::Text, &text));
    }
}
