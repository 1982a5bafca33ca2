//! Wire primitives whose encoding differs per protocol.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A point in time with millisecond precision. In documents it is epoch seconds as a number
/// (awsJson: `1700000000.123`); the CBOR codec tags it (tag 1) and awsQuery prints ISO 8601.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Timestamp {
    millis: i64,
}

impl Timestamp {
    /// From milliseconds since the Unix epoch.
    pub fn from_millis(millis: i64) -> Self {
        Timestamp { millis }
    }

    /// Milliseconds since the Unix epoch.
    pub fn millis(self) -> i64 {
        self.millis
    }

    /// Seconds since the epoch as a float.
    #[expect(
        clippy::cast_precision_loss,
        reason = "epoch millis fit in f64's 53 bits"
    )]
    pub fn as_secs_f64(self) -> f64 {
        self.millis as f64 / 1000.0
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.millis % 1000 == 0 {
            s.serialize_i64(self.millis / 1000)
        } else {
            s.serialize_f64(self.as_secs_f64())
        }
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let secs = f64::deserialize(d)?;
        if !secs.is_finite() || secs.abs() > 1e14 {
            return Err(serde::de::Error::custom("timestamp out of range"));
        }
        #[expect(clippy::cast_possible_truncation, reason = "range checked above")]
        Ok(Timestamp {
            millis: (secs * 1000.0).round() as i64,
        })
    }
}

/// Bytes; base64 in awsJson documents.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Blob(pub String);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_epoch_seconds() {
        let t = Timestamp::from_millis(1_700_000_000_123);
        assert_eq!(serde_json::to_string(&t).unwrap(), "1700000000.123");
        assert_eq!(
            serde_json::to_string(&Timestamp::from_millis(5000)).unwrap(),
            "5"
        );
        let back: Timestamp = serde_json::from_str("1700000000.123").unwrap();
        assert_eq!(back, t);
    }
}
