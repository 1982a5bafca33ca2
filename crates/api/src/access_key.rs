//! Access key ids and the accounts they name (protocol.md §7): a 12-digit key is that
//! account; structured `AKIA`/`ASIA`/`LKIA`/`LSIA` keys carry their account in characters
//! 5–14 (base32 → big-endian u48 `z`, `account = (z & 0x7fffffffff80) >> 7`), which is how
//! AWS's own keys encode it. Used by `SigV4` verification to find the caller's account and by
//! STS to mint temporary keys that decode to the role's account.

/// Whether `value` is a 12-digit account id.
pub fn is_account_id(value: &str) -> bool {
    value.len() == 12 && value.bytes().all(|b| b.is_ascii_digit())
}

/// The prefixes of structured access key ids whose account can be decoded.
const STRUCTURED_PREFIXES: [&str; 4] = ["AKIA", "ASIA", "LKIA", "LSIA"];

/// Bits 46..7 of `z` hold the account.
const ACCOUNT_MASK: u64 = 0x7fff_ffff_ff80;

/// The largest 12-digit account id.
const MAX_ACCOUNT: u64 = 999_999_999_999;

/// Account for an access key id when no credential lookup names one: a 12-digit key → that
/// account; a structured `AKIA`/`ASIA`/`LKIA`/`LSIA` key (≥ 20 characters) → the account
/// decoded from it (protocol.md §7); anything else → `None`.
pub fn account_from_access_key(access_key_id: &str) -> Option<String> {
    if is_account_id(access_key_id) {
        return Some(access_key_id.to_owned());
    }
    if access_key_id.len() < 20
        || !STRUCTURED_PREFIXES
            .iter()
            .any(|p| access_key_id.starts_with(p))
    {
        return None;
    }
    let chunk = access_key_id.as_bytes().get(4..14)?;
    let mut bits: u64 = 0;
    for &c in chunk {
        bits = (bits << 5) | u64::from(base32_value(c)?);
    }
    // 10 characters are 50 bits; the first 6 bytes are the top 48 of them.
    let z = bits >> 2;
    let account = (z & ACCOUNT_MASK) >> 7;
    (account <= MAX_ACCOUNT).then(|| format!("{account:012}"))
}

/// The inverse, for minting temporary credentials: an access key id with the given 4-char
/// prefix (e.g. `"ASIA"`) that decodes to `account_id`.
///
/// `entropy` supplies the bits that carry no account (so the result is deterministic in
/// tests): byte 0 gives the top bit of `z` and the two spare bits, byte 1 the seven low bits,
/// bytes 2–7 the six trailing characters; bytes 8–15 are not used at present. The result is
/// the prefix plus 16 base32 characters. `account_id` should be 1–12 digits; anything else is
/// encoded as account 0. `prefix` should be one of `AKIA`, `ASIA`, `LKIA`, `LSIA` for
/// [`account_from_access_key`] to decode the result.
pub fn access_key_for_account(prefix: &str, account_id: &str, entropy: &[u8; 16]) -> String {
    let account = if !account_id.is_empty()
        && account_id.len() <= 12
        && account_id.bytes().all(|b| b.is_ascii_digit())
    {
        account_id.parse::<u64>().unwrap_or(0)
    } else {
        0
    };
    let [e0, e1, e2, e3, e4, e5, e6, e7, ..] = *entropy;
    let top = u64::from(e0 >> 7);
    let spare = u64::from(e0 & 0b11);
    let low = u64::from(e1 & 0x7f);
    let z = (top << 47) | ((account << 7) & ACCOUNT_MASK) | low;
    let bits = (z << 2) | spare;

    let mut key = String::with_capacity(prefix.len() + 16);
    key.push_str(prefix);
    for i in (0..10u32).rev() {
        // Each 5-bit group fits in a u8 after masking.
        key.push(base32_char(((bits >> (5 * i)) & 0x1f) as u8));
    }
    for e in [e2, e3, e4, e5, e6, e7] {
        key.push(base32_char(e & 0x1f));
    }
    key
}

/// RFC 4648 base32 value of an uppercase alphabet character.
fn base32_value(c: u8) -> Option<u8> {
    match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'2'..=b'7' => Some(c - b'2' + 26),
        _ => None,
    }
}

/// RFC 4648 base32 character for a value in `0..32` (higher bits are ignored).
fn base32_char(v: u8) -> char {
    let v = v & 0x1f;
    if v < 26 {
        char::from(b'A' + v)
    } else {
        char::from(b'2' + (v - 26))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twelve_digit_keys_are_accounts() {
        assert_eq!(
            account_from_access_key("111111111111").as_deref(),
            Some("111111111111")
        );
        assert_eq!(
            account_from_access_key("000000000000").as_deref(),
            Some("000000000000")
        );
        assert_eq!(account_from_access_key("11111111111"), None);
        assert_eq!(account_from_access_key("1111111111111"), None);
    }

    #[test]
    fn structured_keys_decode() {
        assert_eq!(
            account_from_access_key("LSIAQAAAAAAVNCBMPNSG").as_deref(),
            Some("000000000042")
        );
        assert_eq!(
            account_from_access_key("ASIAY34FZKBOKMUTVV7A").as_deref(),
            Some("609629065308")
        );
    }

    #[test]
    fn other_keys_are_none() {
        for key in [
            "test",
            "",
            "AKIAIOSFODNN7EXAMP", // too short
            "XXXXQAAAAAAVNCBMPNSG",
            "LSIAqaaaaaavncbmpnsg",
            "LSIA0AAAAAAVNCBMPNSG",
            "LSIAQAAAAAAVNCBMé",
            "LSIAQAAAAé€VNCBMPNSGG",
            "€€€€€€€€€€€€€€€€€€€€",
        ] {
            assert_eq!(account_from_access_key(key), None, "{key:?}");
        }
    }

    #[test]
    fn too_large_decoded_account_is_none() {
        // All account bits set: 2^40 - 1 > 999_999_999_999.
        assert_eq!(account_from_access_key("ASIA7777777777777777"), None);
    }

    #[test]
    fn round_trip() {
        let entropies: [[u8; 16]; 4] = [
            [0; 16],
            [0xff; 16],
            [0x81, 0x7f, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14],
            [0x5a, 0xa5, 31, 30, 29, 28, 27, 26, 0, 0, 0, 0, 0, 0, 0, 0],
        ];
        let accounts = [
            "000000000000",
            "000000000042",
            "111111111111",
            "123456789012",
            "609629065308",
            "999999999999",
        ];
        for prefix in STRUCTURED_PREFIXES {
            for entropy in &entropies {
                for account in accounts {
                    let key = access_key_for_account(prefix, account, entropy);
                    assert_eq!(key.len(), 20, "{key}");
                    assert!(key.starts_with(prefix));
                    assert!(key[4..].bytes().all(|c| base32_value(c).is_some()), "{key}");
                    assert_eq!(
                        account_from_access_key(&key).as_deref(),
                        Some(account),
                        "{prefix} {account} {entropy:?} → {key}"
                    );
                }
            }
        }
    }

    #[test]
    fn minting_is_deterministic_and_uses_entropy() {
        let a = access_key_for_account("ASIA", "111111111111", &[7; 16]);
        let b = access_key_for_account("ASIA", "111111111111", &[7; 16]);
        let c = access_key_for_account("ASIA", "111111111111", &[9; 16]);
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(
            account_from_access_key(&access_key_for_account("LSIA", "42", &[0; 16])).as_deref(),
            Some("000000000042")
        );
        // A non-numeric account cannot be encoded and falls back to account 0.
        assert_eq!(
            account_from_access_key(&access_key_for_account("LSIA", "abc", &[0; 16])).as_deref(),
            Some("000000000000")
        );
    }
}
