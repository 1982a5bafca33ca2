//! The types of the generated shape tables: enough of the Smithy model to validate inputs
//! with AWS's messages and to encode CBOR timestamps and awsQuery documents.

/// One service's model.
#[derive(Debug)]
pub struct ServiceModel {
    /// Module name (`servicecatalog`, `organizations`, `sts`).
    pub module: &'static str,
    /// Smithy namespace, e.g. `com.amazonaws.servicecatalog`.
    pub namespace: &'static str,
    /// awsJson `X-Amz-Target` prefix (also the RPC v2 service name), if the service has one.
    pub target_prefix: Option<&'static str>,
    /// `SigV4` signing name.
    pub signing_name: &'static str,
    /// awsQuery XML namespace.
    pub xml_namespace: Option<&'static str>,
    /// API version (`Version=` for awsQuery).
    pub api_version: &'static str,
    /// Every shape, indexed by position.
    pub shapes: &'static [ShapeDef],
    /// Every operation.
    pub operations: &'static [OperationDef],
    /// Every modeled error plus AWS's common errors.
    pub errors: &'static [ErrorDef],
}

impl ServiceModel {
    /// The shape at `index`.
    pub fn shape(&self, index: usize) -> &'static ShapeDef {
        &self.shapes[index]
    }

    /// Looks an operation up by name.
    pub fn operation(&self, name: &str) -> Option<&'static OperationDef> {
        self.operations.iter().find(|o| o.name == name)
    }

    /// Looks an error up by shape name.
    pub fn error(&self, name: &str) -> Option<&'static ErrorDef> {
        self.errors.iter().find(|e| e.name == name)
    }
}

/// A named shape.
#[derive(Debug)]
pub struct ShapeDef {
    /// The shape's name in the model.
    pub name: &'static str,
    /// What it is and its constraints.
    pub kind: ShapeKind,
}

/// Shape kinds with the constraints the model attaches to them.
#[derive(Debug)]
pub enum ShapeKind {
    /// A string, possibly an enum.
    String {
        /// Minimum length in characters.
        min: Option<i64>,
        /// Maximum length in characters.
        max: Option<i64>,
        /// Java-style pattern, matched in full.
        pattern: Option<&'static str>,
        /// Allowed values; empty when not an enum.
        enum_values: &'static [&'static str],
    },
    /// An integer or long.
    Integer {
        /// Minimum value.
        min: Option<i64>,
        /// Maximum value.
        max: Option<i64>,
    },
    /// A boolean.
    Boolean,
    /// A double or float.
    Double,
    /// A point in time.
    Timestamp,
    /// Bytes.
    Blob {
        /// Minimum length.
        min: Option<i64>,
        /// Maximum length.
        max: Option<i64>,
    },
    /// A list.
    List {
        /// Member shape index.
        member: usize,
        /// Minimum number of items.
        min: Option<i64>,
        /// Maximum number of items.
        max: Option<i64>,
    },
    /// A map with string keys.
    Map {
        /// Key shape index.
        key: usize,
        /// Value shape index.
        value: usize,
        /// Minimum number of entries.
        min: Option<i64>,
        /// Maximum number of entries.
        max: Option<i64>,
    },
    /// A structure.
    Structure {
        /// Members in model order.
        members: &'static [MemberDef],
    },
}

/// A structure member.
#[derive(Debug)]
pub struct MemberDef {
    /// Wire name (`PascalCase`).
    pub name: &'static str,
    /// Shape index.
    pub shape: usize,
    /// Whether the model marks it required.
    pub required: bool,
}

/// An operation.
#[derive(Debug)]
pub struct OperationDef {
    /// AWS name.
    pub name: &'static str,
    /// The IAM action that authorizes it, e.g. `servicecatalog:CreatePortfolioShare` (what
    /// policies and the operation hook name it by).
    pub action: &'static str,
    /// Input shape index.
    pub input: Option<usize>,
    /// Output shape index.
    pub output: Option<usize>,
    /// Names of the errors the model lists for it.
    pub errors: &'static [&'static str],
    /// Whether clients send it unsigned (the model's `smithy.api#noAuth`: STS
    /// AssumeRoleWithWebIdentity and AssumeRoleWithSAML).
    pub unsigned: bool,
}

/// An error the service can return.
#[derive(Debug)]
pub struct ErrorDef {
    /// Shape name, used as `__type` in awsJson and RPC v2 CBOR.
    pub name: &'static str,
    /// awsQuery `<Code>` (the model's `error.code`, else the name).
    pub code: &'static str,
    /// HTTP status.
    pub status: u16,
    /// Whether the client is at fault (`Sender` in awsQuery).
    pub sender_fault: bool,
    /// Whether the shape has a `Reason` member.
    pub has_reason: bool,
    /// Not in the model: one of AWS's common errors.
    pub common: bool,
}
