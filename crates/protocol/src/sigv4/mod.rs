//! AWS Signature Version 4 on the server side (protocol.md §6 and §7).
//!
//! This module owns the whole SigV4 story for an incoming request and nothing else:
//!
//! - `authorization`: parsing the `Authorization: AWS4-HMAC-SHA256 …` header, with AWS's
//!   own wording for every way it can be malformed;
//! - `canonical`: the canonical request, the string to sign, the signing key and the
//!   signature, built from the request exactly as received;
//! - `date`: the request time's format and the clock-skew check;
//! - `verify`: the three [`AuthMode`]s, the credential-scope checks and the constant-time
//!   signature comparison;
//! - `identity`: credentials, redacted secrets, the caller after verification, and the
//!   account ↔ access-key-id conventions.
//!
//! [`AuthError`] carries everything the protocol layer needs to render the error the way AWS
//! does, for awsJson ([`AuthError::code`]) and for STS awsQuery ([`AuthError::query_code`],
//! [`AuthError::query_status`]).
//!
//! Nothing here reads the clock: `now` is always passed in.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::unreachable,
        clippy::todo,
        clippy::unimplemented
    )
)]

mod authorization;
mod canonical;
mod date;
mod error;
mod identity;
mod verify;

pub use authorization::{access_key_id, parse_authorization, Authorization, ALGORITHM, TERMINATOR};
pub use canonical::{
    canonical_headers, canonical_query, canonical_request, canonical_uri, sha256_hex, signature,
    signing_key, string_to_sign, RequestParts, EMPTY_PAYLOAD_SHA256, UNSIGNED_PAYLOAD,
};
pub use date::{format_amz_date, parse_amz_date, DEFAULT_SKEW};
pub use error::{AuthError, INVALID_SIGNATURE_MESSAGE, UNRECOGNIZED_CLIENT_MESSAGE};
pub use identity::{
    access_key_for_account, account_from_access_key, is_account_id, Credential, CredentialLookup,
    Secret, VerifiedCaller,
};
pub use verify::{verify, verify_with_skew, AuthMode};
