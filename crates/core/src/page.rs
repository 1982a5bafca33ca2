//! Opaque page tokens. A token names the list it belongs to and a cursor; a token from
//! another list, or one that was tampered with, is refused rather than misread.

use base64::Engine as _;

const ENGINE: base64::engine::GeneralPurpose = base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// Encodes a cursor for the list called `kind`.
pub fn encode(kind: &str, cursor: i64) -> String {
    ENGINE.encode(format!("{kind}:{cursor}"))
}

/// Decodes a token made by [`encode`] for the same `kind`. `None` means the token is invalid.
pub fn decode(kind: &str, token: &str) -> Option<i64> {
    let raw = ENGINE.decode(token).ok()?;
    let text = String::from_utf8(raw).ok()?;
    let (k, cursor) = text.rsplit_once(':')?;
    (k == kind).then(|| cursor.parse().ok()).flatten()
}

#[cfg(test)]
mod tests {
    #[test]
    fn tokens_round_trip_and_are_bound_to_their_list() {
        let t = super::encode("portfolios", 42);
        assert_eq!(super::decode("portfolios", &t), Some(42));
        assert_eq!(super::decode("shares", &t), None);
        let scoped = super::encode("DescribePortfolioShares:port-a:ACCOUNT", 7);
        assert_eq!(
            super::decode("DescribePortfolioShares:port-a:ACCOUNT", &scoped),
            Some(7)
        );
        assert_eq!(
            super::decode("DescribePortfolioShares:port-b:ACCOUNT", &scoped),
            None
        );
        assert_eq!(super::decode("portfolios", "garbage!"), None);
    }
}
