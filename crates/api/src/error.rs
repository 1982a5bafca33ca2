//! The error an operation returns. Three tiers (smithy-rs): protocol rejections live in
//! `sclocal-protocol`; here are modeled errors (built only through the generated
//! `ModeledError` handles, so no hand-written code spells an error code) and internal failures.

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
