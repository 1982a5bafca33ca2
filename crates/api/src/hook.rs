//! The one place cross-cutting checks run before an operation (DESIGN.md house rule 18): the
//! protocol handler calls an [`OperationHook`] after it has authenticated the caller and
//! validated the input, and before it dispatches. A hook that fails stops the request: its
//! error is rendered in the request's protocol and the operation never runs, so nothing
//! touches state. SCP enforcement (deny with `AccessDeniedException`, STS `AccessDenied`) and
//! operator fault rules (an injected error, or latency: a sleep inside the hook) plug in here.
//! smithy-rs plugins and s3s's `S3Access` play the same part.

use async_trait::async_trait;
use serde_json::Value;

use crate::{RequestContext, ServiceError};

/// What a hook is told about the call it may stop.
#[derive(Debug, Clone, Copy)]
pub struct Call<'a> {
    /// The authenticated caller.
    pub cx: &'a RequestContext,
    /// The service's signing name: `servicecatalog`, `organizations` or `sts`.
    pub service: &'static str,
    /// The operation's AWS name, e.g. `CreatePortfolioShare`.
    pub operation: &'static str,
    /// The IAM action, e.g. `servicecatalog:CreatePortfolioShare`.
    pub action: &'static str,
    /// The validated input document (member names as on the wire; timestamps as epoch
    /// seconds whatever the protocol).
    pub input: &'a Value,
}

/// Runs before every operation.
#[async_trait]
pub trait OperationHook: Send + Sync {
    /// `Ok(())` lets the call through. An error answers the request instead of the
    /// operation: a modeled error through the service's `ModeledError` handles (for a denial,
    /// `AccessDeniedException` in Service Catalog, where it is one of AWS's common errors, and
    /// in Organizations, where it is modeled; `AccessDenied` in STS), or
    /// [`ServiceError::injected`] for a code the model does not know. Errors from here are not
    /// checked against the operation's error list: they come from AWS's front end, which may
    /// answer any operation with them.
    async fn before(&self, call: &Call<'_>) -> Result<(), ServiceError>;
}

/// A hook that lets every call through.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoHook;

#[async_trait]
impl OperationHook for NoHook {
    async fn before(&self, _call: &Call<'_>) -> Result<(), ServiceError> {
        Ok(())
    }
}

/// Several hooks run in order: the first that fails answers the request and the rest do not
/// run. The server puts the operator's fault rules first (a throttled request is refused at
/// the front door, before any policy is evaluated), then policy enforcement.
pub struct Hooks(Vec<std::sync::Arc<dyn OperationHook>>);

impl Hooks {
    /// The hooks, in the order they run.
    pub fn new(hooks: Vec<std::sync::Arc<dyn OperationHook>>) -> Self {
        Hooks(hooks)
    }
}

#[async_trait]
impl OperationHook for Hooks {
    async fn before(&self, call: &Call<'_>) -> Result<(), ServiceError> {
        for hook in &self.0 {
            hook.before(call).await?;
        }
        Ok(())
    }
}
