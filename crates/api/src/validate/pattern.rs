//! Model patterns as Rust regexes: the model writes Java patterns, matched in full (settled in
//! `shared/spec/open-questions-resolved.md` §8.2).

/// Turns a Java-style model pattern into a Rust regex matched in full: `\d` and `\w` are ASCII
/// in Java but Unicode in Rust, so they are spelled out.
pub fn full_match(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut in_class = false;
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('d') => out.push_str(if in_class { "0-9" } else { "[0-9]" }),
                Some('w') => out.push_str(if in_class {
                    "0-9A-Za-z_"
                } else {
                    "[0-9A-Za-z_]"
                }),
                Some(n) => {
                    out.push('\\');
                    out.push(n);
                }
                None => out.push_str("\\\\"),
            },
            '[' if !in_class => {
                in_class = true;
                out.push(c);
                if chars.peek() == Some(&'^') {
                    out.push('^');
                    chars.next();
                }
                if chars.peek() == Some(&']') {
                    out.push_str("\\]");
                    chars.next();
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    format!("^(?:{out})$")
}

#[cfg(test)]
mod tests {
    use regex::Regex;

    use super::full_match;
    use crate::model::ShapeKind;
    use crate::{organizations, servicecatalog, sts};

    #[test]
    fn every_model_pattern_compiles() {
        for model in [&servicecatalog::MODEL, &organizations::MODEL, &sts::MODEL] {
            for s in model.shapes {
                if let ShapeKind::String {
                    pattern: Some(p), ..
                } = s.kind
                {
                    assert!(Regex::new(&full_match(p)).is_ok(), "{} {p}", s.name);
                }
            }
        }
    }

    #[test]
    fn java_classes_become_ascii() {
        assert_eq!(full_match("[\\w+=,.@-]*"), "^(?:[0-9A-Za-z_+=,.@-]*)$");
        assert_eq!(full_match("^\\d{12}$"), "^(?:^[0-9]{12}$)$");
        let re = Regex::new(&full_match("[\\w+=,.@-]*")).unwrap();
        assert!(!re.is_match("é"));
    }
}
