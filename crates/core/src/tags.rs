//! Tags, the rules every tagged resource shares: Service Catalog portfolios and products,
//! Organizations accounts, OUs, roots and (later) policies. Each service answers a broken rule
//! with its own error (Service Catalog `InvalidParametersException`, Organizations
//! `InvalidInputException` with a reason); the rules themselves live here once.

/// Tags in insertion order, as (key, value).
pub type Tags = Vec<(String, String)>;

/// A tag rule a request broke.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TagError {
    /// A key appears twice in one request.
    DuplicateKey(String),
    /// A key starts with the reserved `aws:` prefix (any case).
    ReservedPrefix(String),
    /// The resource would have more than its quota of tags.
    TooMany {
        /// The quota.
        max: usize,
        /// How many it would have.
        would_have: usize,
    },
}

/// The tags of a request, refusing a key given twice.
pub fn unique(pairs: impl IntoIterator<Item = (String, String)>) -> Result<Tags, TagError> {
    let mut out: Tags = Vec::new();
    for (key, value) in pairs {
        if out.iter().any(|(k, _)| *k == key) {
            return Err(TagError::DuplicateKey(key));
        }
        out.push((key, value));
    }
    Ok(out)
}

/// Refuses keys with the reserved `aws:` prefix ("You can't add tags whose keys begin with
/// the reserved prefix", organizations-behavior.md §3.2).
pub fn no_reserved_keys(tags: &[(String, String)]) -> Result<(), TagError> {
    match tags
        .iter()
        .find(|(k, _)| k.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("aws:")))
    {
        Some((k, _)) => Err(TagError::ReservedPrefix(k.clone())),
        None => Ok(()),
    }
}

/// Removes `remove`, then adds `add` (an added key that exists takes the new value), as
/// UpdatePortfolio's and UpdateProduct's RemoveTags/AddTags do; at most `max` may remain.
pub fn change(tags: &mut Tags, add: Tags, remove: &[String], max: usize) -> Result<(), TagError> {
    let add = unique(add)?;
    tags.retain(|(k, _)| !remove.contains(k));
    upsert(tags, add);
    check_count(tags.len(), max)
}

/// Adds `add` to `tags`, replacing the value of keys that exist (TagResource); at most `max`
/// may result, else nothing changes.
pub fn put(tags: &mut Tags, add: Tags, max: usize) -> Result<(), TagError> {
    let mut next = tags.clone();
    upsert(&mut next, add);
    check_count(next.len(), max)?;
    *tags = next;
    Ok(())
}

fn upsert(tags: &mut Tags, add: Tags) {
    for (key, value) in add {
        match tags.iter_mut().find(|(k, _)| *k == key) {
            Some(existing) => existing.1 = value,
            None => tags.push((key, value)),
        }
    }
}

fn check_count(would_have: usize, max: usize) -> Result<(), TagError> {
    if would_have > max {
        Err(TagError::TooMany { max, would_have })
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(k: &str, v: &str) -> (String, String) {
        (k.into(), v.into())
    }

    #[test]
    fn a_key_twice_in_one_request_is_refused() {
        assert_eq!(unique(vec![t("a", "1"), t("b", "2")]).unwrap().len(), 2);
        assert_eq!(
            unique(vec![t("a", "1"), t("a", "2")]),
            Err(TagError::DuplicateKey("a".into()))
        );
    }

    #[test]
    fn changes_remove_then_add_and_keep_order() {
        let mut tags = vec![t("a", "1"), t("b", "2")];
        change(&mut tags, vec![t("b", "3"), t("c", "4")], &["a".into()], 20).unwrap();
        assert_eq!(tags, vec![t("b", "3"), t("c", "4")]);
        let err = change(&mut tags, vec![t("d", "5")], &[], 2).unwrap_err();
        assert_eq!(
            err,
            TagError::TooMany {
                max: 2,
                would_have: 3
            }
        );
    }

    #[test]
    fn put_is_all_or_nothing() {
        let mut tags = vec![t("a", "1")];
        put(&mut tags, vec![t("a", "2")], 1).unwrap();
        assert_eq!(tags, vec![t("a", "2")]);
        assert!(put(&mut tags, vec![t("b", "1")], 1).is_err());
        assert_eq!(tags, vec![t("a", "2")]);
    }

    #[test]
    fn reserved_prefix_in_any_case() {
        assert!(no_reserved_keys(&[t("AWS:x", "1")]).is_err());
        assert!(no_reserved_keys(&[t("aws", "1"), t("awsx", "2")]).is_ok());
    }
}
