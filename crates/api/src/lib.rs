//! Wire-level types of the three emulated AWS services, generated from their botocore models,
//! plus the few hand-written pieces every service shares: the request context, the error type,
//! the shape-table types, the model-driven validator and the hook that runs before every
//! operation. No I/O, no async runtime.
pub mod access_key;
pub mod codec;
pub mod context;
pub mod error;
pub mod hook;
pub mod model;
pub mod organizations;
pub mod primitives;
pub mod servicecatalog;
pub mod sts;
pub mod validate;

pub use context::RequestContext;
pub use error::{InternalError, ServiceError};
