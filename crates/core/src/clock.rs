//! Time and randomness, injected so behaviour is reproducible in tests. The only place that
//! reads the system clock or the OS random source.

use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::Mutex;

use rand::{RngCore, SeedableRng};

/// A source of the current time.
pub trait Clock: Send + Sync {
    /// Milliseconds since the Unix epoch.
    fn now_millis(&self) -> i64;
}

/// The real clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    #[expect(
        clippy::disallowed_methods,
        reason = "the one place that reads the system clock"
    )]
    fn now_millis(&self) -> i64 {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        i64::try_from(now.as_millis()).unwrap_or(i64::MAX)
    }
}

/// A clock that only moves when told to.
#[derive(Debug)]
pub struct FixedClock(AtomicI64);

impl FixedClock {
    /// A clock stopped at `millis`.
    pub fn new(millis: i64) -> Self {
        FixedClock(AtomicI64::new(millis))
    }

    /// Moves the clock forward.
    pub fn advance(&self, millis: i64) {
        self.0.fetch_add(millis, Ordering::SeqCst);
    }
}

impl Clock for FixedClock {
    fn now_millis(&self) -> i64 {
        self.0.load(Ordering::SeqCst)
    }
}

/// A source of random bytes for identifiers.
pub trait IdSource: Send + Sync {
    /// Fills `buf` with random bytes.
    fn fill(&self, buf: &mut [u8]);
}

/// Cryptographically seeded randomness.
#[derive(Debug)]
pub struct RandomIds(Mutex<rand::rngs::StdRng>);

impl Default for RandomIds {
    fn default() -> Self {
        RandomIds(Mutex::new(rand::rngs::StdRng::from_entropy()))
    }
}

impl IdSource for RandomIds {
    fn fill(&self, buf: &mut [u8]) {
        match self.0.lock() {
            Ok(mut rng) => rng.fill_bytes(buf),
            Err(poisoned) => poisoned.into_inner().fill_bytes(buf),
        }
    }
}

/// Deterministic ids for tests: a counter spread over the bytes.
#[derive(Debug, Default)]
pub struct SeqIds(AtomicU64);

impl IdSource for SeqIds {
    fn fill(&self, buf: &mut [u8]) {
        let n = self.0.fetch_add(1, Ordering::SeqCst);
        let mut rng = rand::rngs::StdRng::seed_from_u64(n);
        rng.fill_bytes(buf);
    }
}

/// Lowercase RFC 4648 base32 alphabet, the characters AWS uses in Service Catalog ids.
const BASE32: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";

/// `n` random characters from `[a-z2-7]`.
pub fn base32_chars(ids: &dyn IdSource, n: usize) -> String {
    let mut buf = vec![0u8; n];
    ids.fill(&mut buf);
    buf.iter()
        .map(|b| BASE32[usize::from(b & 31)] as char)
        .collect()
}

/// `n` random characters from `[0-9a-z]`.
pub fn alnum_chars(ids: &dyn IdSource, n: usize) -> String {
    const ALNUM: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut buf = vec![0u8; n];
    ids.fill(&mut buf);
    buf.iter()
        .map(|b| ALNUM[usize::from(*b) % 36] as char)
        .collect()
}

/// `n` random lowercase hex characters.
pub fn hex_chars(ids: &dyn IdSource, n: usize) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut buf = vec![0u8; n];
    ids.fill(&mut buf);
    buf.iter()
        .map(|b| HEX[usize::from(b & 15)] as char)
        .collect()
}

/// A random UUID in its 8-4-4-4-12 lowercase hex form (request ids, stack ids).
pub fn uuid_text(ids: &dyn IdSource) -> String {
    let h = hex_chars(ids, 32);
    format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..]
    )
}

/// `n` random decimal digits.
pub fn digits(ids: &dyn IdSource, n: usize) -> String {
    let mut buf = vec![0u8; n];
    ids.fill(&mut buf);
    buf.iter().map(|b| char::from(b'0' + b % 10)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_use_their_alphabets() {
        let ids = SeqIds::default();
        let s = base32_chars(&ids, 13);
        assert_eq!(s.len(), 13);
        assert!(s.bytes().all(|c| BASE32.contains(&c)));
        assert!(digits(&ids, 12).bytes().all(|c| c.is_ascii_digit()));
        let uuid = uuid_text(&ids);
        assert_eq!(
            uuid.split('-').map(str::len).collect::<Vec<_>>(),
            [8, 4, 4, 4, 12]
        );
        assert_ne!(base32_chars(&ids, 13), base32_chars(&ids, 13));
        let clock = FixedClock::new(5);
        clock.advance(10);
        assert_eq!(clock.now_millis(), 15);
    }
}
