//! The request time: `X-Amz-Date`'s ISO 8601 basic format (`YYYYMMDDTHHMMSSZ`), read and
//! written, and the clock-skew check with AWS's messages (protocol.md §6). Nothing here reads
//! the clock: `now` is passed in.

use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time};

use super::error::AuthError;

/// The clock-skew window of Coral awsJson services (STS and IAM use 15 minutes; see
/// [`verify_with_skew`](super::verify::verify_with_skew)).
pub const DEFAULT_SKEW: time::Duration = time::Duration::minutes(5);

/// Reject a request time more than `skew` before or after `now`, with AWS's messages.
pub(super) fn check_skew(
    request: i64,
    now: OffsetDateTime,
    skew: time::Duration,
) -> Result<(), AuthError> {
    let now = now.unix_timestamp();
    let window = skew.whole_seconds().max(0);
    let minutes = skew.whole_minutes().max(0);
    let earliest = now.saturating_sub(window);
    let latest = now.saturating_add(window);
    if request < earliest {
        return Err(AuthError::SignatureExpired {
            message: format!(
                "Signature expired: {} is now earlier than {} ({} - {minutes} min.)",
                format_unix(request),
                format_unix(earliest),
                format_unix(now)
            ),
        });
    }
    if request > latest {
        return Err(AuthError::SignatureExpired {
            message: format!(
                "Signature not yet current: {} is still later than {} ({} + {minutes} min.)",
                format_unix(request),
                format_unix(latest),
                format_unix(now)
            ),
        });
    }
    Ok(())
}

/// Parse `YYYYMMDDTHHMMSSZ` (ISO 8601 basic format, UTC) into a Unix timestamp.
pub(super) fn parse_basic(value: &str) -> Option<i64> {
    let b = value.as_bytes();
    if b.len() != 16 || b.get(8) != Some(&b'T') || b.get(15) != Some(&b'Z') {
        return None;
    }
    let num = |range: std::ops::Range<usize>| -> Option<u32> {
        let digits = b.get(range)?;
        digits.iter().try_fold(0u32, |acc, &d| {
            d.is_ascii_digit().then(|| acc * 10 + u32::from(d - b'0'))
        })
    };
    let year = i32::try_from(num(0..4)?).ok()?;
    let month = Month::try_from(u8::try_from(num(4..6)?).ok()?).ok()?;
    let day = u8::try_from(num(6..8)?).ok()?;
    let hour = u8::try_from(num(9..11)?).ok()?;
    let minute = u8::try_from(num(11..13)?).ok()?;
    let second = u8::try_from(num(13..15)?).ok()?;
    let date = Date::from_calendar_date(year, month, day).ok()?;
    let time = Time::from_hms(hour, minute, second).ok()?;
    Some(
        PrimitiveDateTime::new(date, time)
            .assume_utc()
            .unix_timestamp(),
    )
}

/// Parse an `X-Amz-Date` value (`YYYYMMDDTHHMMSSZ`).
pub fn parse_amz_date(value: &str) -> Option<OffsetDateTime> {
    parse_basic(value.trim()).and_then(|t| OffsetDateTime::from_unix_timestamp(t).ok())
}

/// Format a time as an `X-Amz-Date` value (`YYYYMMDDTHHMMSSZ`, UTC, whole seconds).
pub fn format_amz_date(time: OffsetDateTime) -> String {
    format_unix(time.unix_timestamp())
}

pub(super) fn format_unix(timestamp: i64) -> String {
    match OffsetDateTime::from_unix_timestamp(timestamp) {
        Ok(t) => format!(
            "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
            t.year(),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute(),
            t.second()
        ),
        // Outside the representable range (only for absurd `now` values).
        Err(_) => timestamp.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    const AMZ_DATE: &str = "20261129T053905Z";
    const NOW: OffsetDateTime = datetime!(2026-11-29 05:39:05 UTC);

    #[test]
    fn aws_documented_expiry_format() {
        let now = datetime!(2019-04-30 10:59:09 UTC);
        let request = parse_basic("20190430T075732Z").unwrap();
        assert_eq!(
            check_skew(request, now, DEFAULT_SKEW),
            Err(AuthError::SignatureExpired {
                message: "Signature expired: 20190430T075732Z is now earlier than \
                          20190430T105409Z (20190430T105909Z - 5 min.)"
                    .into()
            })
        );
        let err = check_skew(request, now, time::Duration::minutes(15)).unwrap_err();
        assert!(
            err.to_string().ends_with("(20190430T105909Z - 15 min.)"),
            "{err}"
        );
    }

    #[test]
    fn amz_date_helpers() {
        assert_eq!(parse_amz_date(AMZ_DATE), Some(NOW));
        assert_eq!(format_amz_date(NOW), AMZ_DATE);
        for bad in [
            "",
            "20261129",
            "20261129T053905",
            "20261129T053905z",
            "20261329T053905Z",
            "20260230T000000Z",
            "20261129T246000Z",
            "2026112aT053905Z",
            "+0261129T053905Z",
            "２0261129T05390Z",
        ] {
            assert_eq!(parse_amz_date(bad), None, "{bad:?}");
        }
    }
}
