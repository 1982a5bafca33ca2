//! Paging over lists computed in memory (products, principals, TagOptions, constraints):
//! the lists are short, so a page token is the offset of the next item, bound to its list
//! by `page::encode` so a token from another list is refused.

use sclocal_api::ServiceError;

use super::portfolio::{invalid_page_token, page_size};
use crate::page;

/// One page of `items` from the caller's `token` and `size` (0 or absent: the default).
pub(super) fn paginate<T>(
    items: Vec<T>,
    kind: &str,
    token: Option<&str>,
    size: Option<i32>,
) -> Result<(Vec<T>, Option<String>), ServiceError> {
    let start = match token {
        None | Some("") => 0,
        Some(t) => page::decode(kind, t)
            .and_then(|c| usize::try_from(c).ok())
            .filter(|c| *c <= items.len())
            .ok_or_else(invalid_page_token)?,
    };
    let size = page_size(size);
    let end = start.saturating_add(size).min(items.len());
    let next = (end < items.len())
        .then(|| i64::try_from(end).ok())
        .flatten()
        .map(|c| page::encode(kind, c));
    let page = items.into_iter().skip(start).take(end - start).collect();
    Ok((page, next))
}

#[cfg(test)]
mod tests {
    use super::paginate;

    #[test]
    fn pages_follow_each_other_and_tokens_are_bound_to_their_list() {
        let (first, next) = paginate((0..5).collect(), "L", None, Some(2)).unwrap();
        assert_eq!(first, vec![0, 1]);
        let token = next.unwrap();
        let (second, next) = paginate((0..5).collect(), "L", Some(&token), Some(2)).unwrap();
        assert_eq!(second, vec![2, 3]);
        let (last, next) = paginate((0..5).collect(), "L", next.as_deref(), Some(2)).unwrap();
        assert_eq!((last, next), (vec![4], None));
        assert!(paginate((0..5).collect::<Vec<i32>>(), "M", Some(&token), None).is_err());
    }
}
