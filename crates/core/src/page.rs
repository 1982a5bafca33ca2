//! Paging, for every list operation of every service: page sizes, opaque page tokens, and
//! the refusal of a bad token in each service's own words.
//!
//! A token names the list it belongs to (`kind`, which includes the list's filters) and a
//! position: an offset into a list computed in memory, or a store [`Cursor`]. A token from
//! another list, or one that was tampered with, is refused rather than misread.

use base64::Engine as _;
use sclocal_api::organizations::InvalidInputExceptionReason;
use sclocal_api::{organizations, servicecatalog, ServiceError};

use crate::store::Cursor;

const ENGINE: base64::engine::GeneralPurpose = base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// Whose list it is: page sizes and the bad-token error differ by service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Api {
    /// Service Catalog: `PageSize` 0..100, 0 or absent meaning 20; `PageToken`.
    Catalog,
    /// Organizations: `MaxResults` 1..20, absent meaning 20 (organizations-behavior.md §3.4);
    /// `NextToken`.
    Organizations,
}

/// Service Catalog's default page size, used when a request gives none or 0.
const CATALOG_DEFAULT: usize = 20;
/// Organizations' default and largest page.
const ORGANIZATIONS_MAX: usize = 20;

impl Api {
    /// The page size for a request's `PageSize` / `MaxResults`.
    pub fn size(self, requested: Option<i32>) -> usize {
        let requested = requested
            .and_then(|n| usize::try_from(n).ok())
            .filter(|n| *n > 0);
        match self {
            Api::Catalog => requested.unwrap_or(CATALOG_DEFAULT),
            Api::Organizations => requested.map_or(ORGANIZATIONS_MAX, |n| n.min(ORGANIZATIONS_MAX)),
        }
    }

    /// The refusal of a token that is not one this list handed out.
    pub fn bad_token(self) -> ServiceError {
        match self {
            Api::Catalog => servicecatalog::ModeledError::InvalidParametersException
                .msg("The page token is invalid."),
            Api::Organizations => organizations::ModeledError::InvalidInputException.with_reason(
                InvalidInputExceptionReason::INVALID_NEXT_TOKEN.as_str(),
                "The specified token is invalid. Get the value for the NextToken parameter \
                 from the response to a previous call of the operation.",
            ),
        }
    }

    /// Where a request starts in a store-paged list: `None` for the first page.
    pub fn cursor(self, kind: &str, token: Option<&str>) -> Result<Option<Cursor>, ServiceError> {
        Ok(self.position(kind, token)?.map(Cursor::new))
    }

    /// The token of the page after one that ended at `next`.
    pub fn token(kind: &str, next: Option<Cursor>) -> Option<String> {
        next.map(|c| encode(kind, c.position()))
    }

    /// One page of a list computed in memory: the items and the token of the next page.
    pub fn slice<T>(
        self,
        items: Vec<T>,
        kind: &str,
        token: Option<&str>,
        size: usize,
    ) -> Result<(Vec<T>, Option<String>), ServiceError> {
        let start = match self.position(kind, token)? {
            None => 0,
            // Service Catalog refuses an offset past the end; Organizations answers an empty
            // page (the list may have shrunk since the token was handed out).
            Some(p) => match (usize::try_from(p), self) {
                (Ok(p), _) if p <= items.len() => p,
                (Ok(_), Api::Organizations) => items.len(),
                _ => return Err(self.bad_token()),
            },
        };
        let total = items.len();
        let end = start.saturating_add(size.max(1)).min(total);
        let next = (end < total)
            .then(|| i64::try_from(end).ok())
            .flatten()
            .map(|p| encode(kind, p));
        let page = items.into_iter().skip(start).take(end - start).collect();
        Ok((page, next))
    }

    fn position(self, kind: &str, token: Option<&str>) -> Result<Option<i64>, ServiceError> {
        match token {
            None | Some("") => Ok(None),
            Some(t) => decode(kind, t).map(Some).ok_or_else(|| self.bad_token()),
        }
    }
}

/// Encodes a position for the list called `kind`.
fn encode(kind: &str, position: i64) -> String {
    ENGINE.encode(format!("{kind}:{position}"))
}

/// Decodes a token made by [`encode`] for the same `kind`.
fn decode(kind: &str, token: &str) -> Option<i64> {
    let raw = ENGINE.decode(token).ok()?;
    let text = String::from_utf8(raw).ok()?;
    let (k, position) = text.rsplit_once(':')?;
    (k == kind).then(|| position.parse().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_round_trip_and_are_bound_to_their_list() {
        let t = encode("portfolios", 42);
        assert_eq!(decode("portfolios", &t), Some(42));
        assert_eq!(decode("shares", &t), None);
        let scoped = encode("DescribePortfolioShares:port-a:ACCOUNT", 7);
        assert_eq!(
            decode("DescribePortfolioShares:port-a:ACCOUNT", &scoped),
            Some(7)
        );
        assert_eq!(
            decode("DescribePortfolioShares:port-b:ACCOUNT", &scoped),
            None
        );
        assert_eq!(decode("portfolios", "garbage!"), None);
    }

    #[test]
    fn pages_follow_each_other() {
        let api = Api::Catalog;
        let (first, next) = api.slice((0..5).collect(), "L", None, 2).unwrap();
        assert_eq!(first, vec![0, 1]);
        let token = next.unwrap();
        let (second, next) = api.slice((0..5).collect(), "L", Some(&token), 2).unwrap();
        assert_eq!(second, vec![2, 3]);
        let (last, next) = api
            .slice((0..5).collect(), "L", next.as_deref(), 2)
            .unwrap();
        assert_eq!((last, next), (vec![4], None));
        let err = api
            .slice((0..5).collect::<Vec<i32>>(), "M", Some(&token), 2)
            .unwrap_err();
        assert_eq!(err.code(), Some("InvalidParametersException"));
    }

    #[test]
    fn sizes_follow_each_service() {
        assert_eq!(Api::Catalog.size(None), 20);
        assert_eq!(Api::Catalog.size(Some(0)), 20);
        assert_eq!(Api::Catalog.size(Some(100)), 100);
        assert_eq!(Api::Organizations.size(None), 20);
        assert_eq!(Api::Organizations.size(Some(5)), 5);
        assert_eq!(Api::Organizations.size(Some(50)), 20);
        assert_eq!(
            Api::Organizations.bad_token().code(),
            Some("InvalidInputException")
        );
    }

    #[test]
    fn store_cursors_ride_in_tokens() {
        let token = Api::token("K", Some(Cursor::new(9))).unwrap();
        assert_eq!(
            Api::Catalog.cursor("K", Some(&token)).unwrap(),
            Some(Cursor::new(9))
        );
        assert_eq!(Api::Catalog.cursor("K", None).unwrap(), None);
        assert!(Api::Catalog.cursor("other", Some(&token)).is_err());
    }
}
