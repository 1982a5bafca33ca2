//! HTTP bytes to `sclocal-api` types and back. Knows nothing of storage or behaviour.
pub mod sigv4;
