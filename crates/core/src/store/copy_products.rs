//! CopyProduct operations (provisioning.md §24): what is copied, from where to where, and how
//! far it got. The job queue carries the copy out (`JobKind::CopyProduct`).

use sclocal_api::servicecatalog::CopyProductStatus;

use super::error::StoreError;
use crate::ids::{AccountId, ArtifactId, CopyProductToken, ProductId};

/// A CopyProduct operation as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyProductRecord {
    /// `copyproduct-…`, the CopyProductToken.
    pub token: CopyProductToken,
    /// The account that asked (the target account).
    pub account: AccountId,
    /// The region it asked in (the target region).
    pub region: String,
    /// The source product.
    pub source_product_id: ProductId,
    /// The source product's region (from its ARN).
    pub source_region: String,
    /// The product copied into: given (TargetProductId) or, once made, the new one.
    pub target_product_id: Option<ProductId>,
    /// TargetProductName (a new product's name; the source's name when absent).
    pub target_product_name: Option<String>,
    /// The artifacts to copy; empty means all of them.
    pub artifact_ids: Vec<ArtifactId>,
    /// CopyOptions `CopyTags`.
    pub copy_tags: bool,
    /// Status.
    pub status: CopyProductStatus,
    /// StatusDetail (why it failed).
    pub status_detail: Option<String>,
    /// The IdempotencyToken of the request.
    pub idempotency_token: String,
    /// When it was asked for, epoch milliseconds.
    pub created_ms: i64,
}

/// Reading CopyProduct operations.
pub trait CopyProductReads {
    /// An operation by token, whichever account asked (callers check).
    fn copy_product_op(
        &self,
        token: &CopyProductToken,
    ) -> Result<Option<CopyProductRecord>, StoreError>;

    /// The account's operation asked for with this IdempotencyToken.
    fn copy_product_op_by_token(
        &self,
        account: &AccountId,
        region: &str,
        idempotency_token: &str,
    ) -> Result<Option<CopyProductRecord>, StoreError>;
}

/// Writing CopyProduct operations.
pub trait CopyProductWrites {
    /// Inserts an operation.
    fn insert_copy_product_op(&self, op: &CopyProductRecord) -> Result<(), StoreError>;

    /// Replaces an operation's status, detail and target product.
    fn update_copy_product_op(&self, op: &CopyProductRecord) -> Result<(), StoreError>;
}
