//! The error an operation returns. Three tiers (smithy-rs): protocol rejections live in
//! `sclocal-protocol`; here are modeled errors (built only through the generated
//! `ModeledError` handles, so no hand-written code spells an error code) and internal failures.
//! Besides them, errors injected before an operation by the [`crate::hook`] (fault rules an
//! operator configures) carry the code they were given.

use crate::model::{ErrorDef, OperationDef, ServiceModel};

/// A failed operation.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// An error the model (or AWS's common-error list) defines.
    #[error("{}: {message}", def.name)]
    Modeled {
        /// The error's model entry.
        def: &'static ErrorDef,
        /// Human-readable message.
        message: String,
        /// The `Reason` member, for the Organizations errors that have one.
        reason: Option<String>,
    },
    /// The operation is routed but not emulated.
    #[error("{0} is not emulated by sclocal")]
    NotImplemented(&'static str),
    /// The input document did not fit the operation's types.
    #[error("serialization: {0}")]
    Serialization(String),
    /// A bug or a storage failure: logged with details, rendered without them.
    #[error(transparent)]
    Internal(#[from] InternalError),
    /// An error injected before the operation ran (an operator's fault rule, e.g.
    /// `ThrottlingException` with 400): its code need not be in the model, because it stands
    /// for AWS's front end, not for the service. Rendered like a modeled error in every
    /// protocol (awsQuery `<Type>` is `Sender` below 500, `Receiver` from 500) and never
    /// turned into an internal failure by [`restrict`]. Build it with
    /// [`ServiceError::injected`].
    #[error("{code} (injected): {message}")]
    Injected {
        /// The error code (`__type` in awsJson, the shape name in RPC v2 CBOR, `<Code>` in
        /// awsQuery).
        code: String,
        /// HTTP status, 400 to 599.
        status: u16,
        /// Human-readable message.
        message: String,
    },
}

impl ServiceError {
    /// A modeled error; used by the generated `ModeledError` handles.
    pub fn modeled(def: &'static ErrorDef, message: String, reason: Option<String>) -> Self {
        ServiceError::Modeled {
            def,
            message,
            reason,
        }
    }

    /// An injected error (see [`ServiceError::Injected`]). A status outside 400–599 would not
    /// read as an error to clients, so it is brought into that range.
    pub fn injected(code: impl Into<String>, status: u16, message: impl Into<String>) -> Self {
        ServiceError::Injected {
            code: code.into(),
            status: status.clamp(400, 599),
            message: message.into(),
        }
    }

    /// The default body of every generated trait method.
    pub fn not_implemented(operation: &'static str) -> Self {
        ServiceError::NotImplemented(operation)
    }

    /// The modeled error's name, if this is one.
    pub fn code(&self) -> Option<&'static str> {
        match self {
            ServiceError::Modeled { def, .. } => Some(def.name),
            _ => None,
        }
    }

    /// The message, for modeled errors.
    pub fn message(&self) -> Option<&str> {
        match self {
            ServiceError::Modeled { message, .. } => Some(message),
            _ => None,
        }
    }
}

/// An unexpected failure. Its text goes to the log, never to the client.
#[derive(Debug, thiserror::Error)]
#[error("{context}: {source}")]
pub struct InternalError {
    context: String,
    #[source]
    source: Box<dyn std::error::Error + Send + Sync>,
}

impl InternalError {
    /// Wraps a source error with what was being done.
    pub fn new(
        context: impl Into<String>,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        InternalError {
            context: context.into(),
            source: source.into(),
        }
    }
}

/// Keeps an operation honest: a modeled error that the operation's model entry does not list,
/// and that is not one of AWS's common errors, is a bug in the emulator; it becomes an internal
/// failure (logged) instead of reaching the client with a name the model says cannot happen.
/// Injected errors pass: an operator asked for them.
pub fn restrict<T>(
    result: Result<T, ServiceError>,
    operation: &OperationDef,
    model: &ServiceModel,
) -> Result<T, ServiceError> {
    match result {
        Err(ServiceError::Modeled { def, message, .. })
            if !def.common && !operation.errors.contains(&def.name) =>
        {
            tracing::error!(
                operation = operation.name,
                service = model.module,
                error = def.name,
                %message,
                "operation produced an error its model does not list"
            );
            Err(ServiceError::Internal(InternalError::new(
                format!("{} returned unlisted {}", operation.name, def.name),
                message,
            )))
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::servicecatalog::{ModeledError, Operation, MODEL};

    #[test]
    fn restrict_turns_unlisted_errors_internal_and_lets_injected_ones_pass() {
        let op = Operation::CreatePortfolioShare.def();
        let unlisted: Result<(), _> = Err(ModeledError::DuplicateResourceException.msg("x"));
        assert!(matches!(
            restrict(unlisted, op, &MODEL),
            Err(ServiceError::Internal(_))
        ));
        let listed: Result<(), _> = Err(ModeledError::ResourceNotFoundException.msg("x"));
        assert_eq!(
            restrict(listed, op, &MODEL).unwrap_err().code(),
            Some("ResourceNotFoundException")
        );
        let injected: Result<(), _> = Err(ServiceError::injected("SlowDown", 503, "Slow down"));
        let Err(ServiceError::Injected {
            code,
            status,
            message,
        }) = restrict(injected, op, &MODEL)
        else {
            panic!("an injected error must pass")
        };
        assert_eq!(
            (code.as_str(), status, message.as_str()),
            ("SlowDown", 503, "Slow down")
        );
    }

    #[test]
    fn injected_statuses_stay_errors() {
        for (given, kept) in [(200, 400), (400, 400), (429, 429), (599, 599), (700, 599)] {
            let ServiceError::Injected { status, .. } = ServiceError::injected("X", given, "")
            else {
                panic!()
            };
            assert_eq!(status, kept);
        }
    }
}
