//! Template URLs → S3 objects (spec provisioning §6.1). A provisioning artifact names its
//! template by URL (`LoadTemplateFromURL`); with `--templates DIR` sclocal serves the object
//! `BUCKET/KEY` from `DIR/BUCKET/KEY`. This module turns every URL form AWS accepts for an S3
//! object into a checked `(bucket, key)` and refuses anything else, so the file source never
//! sees a name that could leave its directory (§28: the path-safety check lives here, once).

use percent_encoding::percent_decode_str;

/// S3's limit on a key: 1,024 bytes of UTF-8 (S3 user guide, "Naming Amazon S3 objects").
const MAX_KEY_BYTES: usize = 1024;
/// Bucket names are 3..63 characters today; legacy us-east-1 buckets went up to 255.
const MAX_BUCKET_BYTES: usize = 255;

/// An S3 object named by a template URL: a bucket and a key that are safe to use as
/// directory and file names below a template directory.
///
/// Invariants (checked by every constructor): the bucket is 1..=255 characters of
/// `[A-Za-z0-9._-]` and neither `.` nor `..`; the key is 1..=1024 bytes, contains no backslash
/// or NUL, and every `/`-separated segment is non-empty and neither `.` nor `..` (so it is never
/// absolute and never climbs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct S3Location {
    bucket: String,
    key: String,
}

impl S3Location {
    /// The object a template URL names, or `None` when the URL is no S3 object URL (the
    /// artifact then stays opaque, §6.1). Accepted forms, `http` or `https`, any port, query
    /// string and fragment ignored, hosts under `amazonaws.com` (and `amazonaws.com.cn`):
    ///
    /// * virtual-hosted: `BUCKET.s3.amazonaws.com/KEY`, `BUCKET.s3.REGION.amazonaws.com/KEY`,
    ///   `BUCKET.s3-REGION.amazonaws.com/KEY`, `BUCKET.s3.dualstack.REGION.amazonaws.com/KEY`;
    /// * path-style: `s3.amazonaws.com/BUCKET/KEY`, `s3.REGION.amazonaws.com/BUCKET/KEY`,
    ///   `s3-REGION.amazonaws.com/BUCKET/KEY` (the legacy dash form of AWS's CLI examples),
    ///   `s3.dualstack.REGION.amazonaws.com/BUCKET/KEY`;
    /// * `s3://BUCKET/KEY` (the form the engine flow's artifacts use, §20).
    ///
    /// In HTTP(S) URLs the bucket and key are percent-decoded once, as S3 decodes a request
    /// path; `s3://` URIs carry raw keys (as the AWS CLI reads them) and are not decoded.
    pub fn from_url(url: &str) -> Option<Self> {
        let (scheme, rest) = url.split_once("://")?;
        // The query string and fragment never name the object.
        let rest = rest.split(['?', '#']).next().unwrap_or_default();
        let (authority, path) = rest.split_once('/')?;
        match scheme.to_ascii_lowercase().as_str() {
            "s3" => Self::new(authority, path),
            "https" | "http" => match endpoint(&host(authority)?)? {
                Endpoint::VirtualHosted(bucket) => Self::new(&bucket, &decode(path)?),
                Endpoint::PathStyle => {
                    let (bucket, key) = path.split_once('/')?;
                    Self::new(&decode(bucket)?, &decode(key)?)
                }
            },
            _ => None,
        }
    }

    /// A checked location from a bucket and an already decoded key, `None` when either could
    /// name something outside the bucket's directory (see the type's invariants).
    pub fn new(bucket: &str, key: &str) -> Option<Self> {
        (bucket_is_safe(bucket) && key_is_safe(key)).then(|| Self {
            bucket: bucket.to_owned(),
            key: key.to_owned(),
        })
    }

    /// The bucket: one safe directory name.
    pub fn bucket(&self) -> &str {
        &self.bucket
    }

    /// The key, `/`-separated.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The key's segments: each a safe file or directory name.
    pub fn key_segments(&self) -> impl Iterator<Item = &str> {
        self.key.split('/')
    }
}

/// Which part of an S3 URL names the bucket.
#[derive(Debug, PartialEq, Eq)]
enum Endpoint {
    /// The bucket is the host's first labels; the whole path is the key.
    VirtualHosted(String),
    /// The path's first segment is the bucket.
    PathStyle,
}

/// The lower-cased host of a URL authority: no user info, no port, no trailing dot.
fn host(authority: &str) -> Option<String> {
    if authority.contains('@') {
        return None;
    }
    let host = match authority.rsplit_once(':') {
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => host,
        Some(_) => return None,
        None => authority,
    };
    let host = host.strip_suffix('.').unwrap_or(host);
    Some(host.to_ascii_lowercase())
}

/// Classifies an S3 host. The bucket may itself contain dots (and even an `s3` label), so the
/// endpoint is the shortest tail of labels that is an S3 endpoint.
fn endpoint(host: &str) -> Option<Endpoint> {
    let rest = host
        .strip_suffix(".amazonaws.com")
        .or_else(|| host.strip_suffix(".amazonaws.com.cn"))?;
    let labels: Vec<&str> = rest.split('.').collect();
    let start = (0..labels.len())
        .rev()
        .find(|&i| is_s3_endpoint(&labels[i..]))?;
    Some(if start == 0 {
        Endpoint::PathStyle
    } else {
        Endpoint::VirtualHosted(labels[..start].join("."))
    })
}

/// `s3`, `s3.REGION`, `s3.dualstack.REGION` or `s3-REGION` (labels before `amazonaws.com`).
fn is_s3_endpoint(labels: &[&str]) -> bool {
    match labels {
        ["s3"] => true,
        ["s3", region] | ["s3", "dualstack", region] => is_region(region),
        [label] => label.strip_prefix("s3-").is_some_and(is_region),
        _ => false,
    }
}

/// An AWS region name such as `us-east-1` or `us-gov-west-1`, or the legacy `external-1`
/// of `s3-external-1.amazonaws.com`. Keeps `s3-website-…` and `s3-accesspoint` hosts out.
fn is_region(name: &str) -> bool {
    if name == "external-1" {
        return true;
    }
    let parts: Vec<&str> = name.split('-').collect();
    match parts.as_slice() {
        [country, middle @ .., number] if !middle.is_empty() => {
            country.len() == 2
                && country.bytes().all(|b| b.is_ascii_lowercase())
                && middle
                    .iter()
                    .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase()))
                && !number.is_empty()
                && number.bytes().all(|b| b.is_ascii_digit())
        }
        _ => false,
    }
}

/// Percent-decodes once (S3 semantics); `None` when the result is not UTF-8.
fn decode(raw: &str) -> Option<String> {
    percent_decode_str(raw)
        .decode_utf8()
        .ok()
        .map(std::borrow::Cow::into_owned)
}

fn bucket_is_safe(bucket: &str) -> bool {
    (1..=MAX_BUCKET_BYTES).contains(&bucket.len())
        && bucket != "."
        && bucket != ".."
        && bucket
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

fn key_is_safe(key: &str) -> bool {
    (1..=MAX_KEY_BYTES).contains(&key.len())
        && !key.contains(['\\', '\0'])
        && key
            .split('/')
            .all(|segment| !segment.is_empty() && segment != "." && segment != "..")
}

#[cfg(test)]
mod tests;
