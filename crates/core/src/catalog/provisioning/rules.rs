//! The state machines of records and provisioned products (provisioning.md §3.1, §3.2), as
//! pure functions: which operation may start in which status, and what a finished record makes
//! of its product.
//!
//! ```text
//!  record:  CREATED → IN_PROGRESS → SUCCEEDED | FAILED
//!  product: ProvisionProduct / Import   UNDER_CHANGE → AVAILABLE | ERROR
//!           Update (and a plan on an existing product)  → AVAILABLE | TAINTED
//!           Terminate                   UNDER_CHANGE → gone | TAINTED (gone with IgnoreErrors)
//!           UpdateProvisionedProductProperties  status unchanged (it never puts a product
//!                                               UNDER_CHANGE)
//!           ExecuteProvisionedProductServiceAction  status unchanged likewise [inferred]
//! ```

use sclocal_api::servicecatalog::{ProvisionedProductStatus as Status, RecordStatus};

use crate::store::RecordType;

/// Whether a record is finished.
pub(crate) fn is_finished(status: RecordStatus) -> bool {
    matches!(status, RecordStatus::SUCCEEDED | RecordStatus::FAILED)
}

/// Whether any operation may start on a product in `status` ("stable": AVAILABLE, TAINTED,
/// ERROR; UNDER_CHANGE and PLAN_IN_PROGRESS are transitive, "Wait for an AVAILABLE status
/// before performing operations", model doc of ProvisionedProductStatus).
pub(crate) fn is_stable(status: Status) -> bool {
    matches!(status, Status::AVAILABLE | Status::TAINTED | Status::ERROR)
}

/// Whether a product in `status` may be updated: AVAILABLE or TAINTED; an ERROR product "can
/// only be terminated" (puppet terminates ERROR products before launching again, §13).
pub(crate) fn may_update(status: Status) -> bool {
    matches!(status, Status::AVAILABLE | Status::TAINTED)
}

/// Whether a record moves the product's `LastProvisioningRecordId` (model doc: provision,
/// update, execute a plan, terminate).
pub(crate) fn is_provisioning(record_type: RecordType) -> bool {
    matches!(
        record_type,
        RecordType::ProvisionProduct
            | RecordType::UpdateProvisionedProduct
            | RecordType::TerminateProvisionedProduct
    )
}

/// Whether a record puts its product UNDER_CHANGE while it runs. Properties changes do not;
/// neither do self-service actions. DEVIATION(aws): §3.2 infers UNDER_CHANGE and back for a
/// service action; sclocal runs no SSM document, so the product keeps its status throughout.
pub(crate) fn puts_under_change(record_type: RecordType) -> bool {
    !matches!(
        record_type,
        RecordType::UpdateProvisionedProductProperties | RecordType::ExecuteServiceAction
    )
}

/// What a finished record leaves of its product.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum After {
    /// The product stays, in this status.
    Status(Status),
    /// The product is gone (a termination that succeeded, or failed with IgnoreErrors).
    Gone,
    /// The product keeps whatever status it has.
    Unchanged,
}

/// What a record of `record_type` that `succeeded` (or not) makes of its product.
pub(crate) fn after(record_type: RecordType, succeeded: bool, ignore_errors: bool) -> After {
    match (record_type, succeeded) {
        (RecordType::TerminateProvisionedProduct, true) => After::Gone,
        (RecordType::TerminateProvisionedProduct, false) if ignore_errors => After::Gone,
        (RecordType::TerminateProvisionedProduct | RecordType::UpdateProvisionedProduct, false) => {
            // The previous version stays in force and usable (model doc of TAINTED).
            After::Status(Status::TAINTED)
        }
        (RecordType::UpdateProvisionedProductProperties | RecordType::ExecuteServiceAction, _) => {
            After::Unchanged
        }
        (_, true) => After::Status(Status::AVAILABLE),
        (RecordType::ProvisionProduct | RecordType::ImportProvisionedProduct, false) => {
            After::Status(Status::ERROR)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_finished_record_settles_its_product() {
        use RecordType::*;
        assert_eq!(
            after(ProvisionProduct, true, false),
            After::Status(Status::AVAILABLE)
        );
        assert_eq!(
            after(ProvisionProduct, false, false),
            After::Status(Status::ERROR)
        );
        assert_eq!(
            after(UpdateProvisionedProduct, false, false),
            After::Status(Status::TAINTED)
        );
        assert_eq!(after(TerminateProvisionedProduct, true, false), After::Gone);
        assert_eq!(after(TerminateProvisionedProduct, false, true), After::Gone);
        assert_eq!(
            after(TerminateProvisionedProduct, false, false),
            After::Status(Status::TAINTED)
        );
        assert_eq!(
            after(UpdateProvisionedProductProperties, true, false),
            After::Unchanged
        );
        assert_eq!(
            after(ImportProvisionedProduct, false, false),
            After::Status(Status::ERROR)
        );
    }

    #[test]
    fn only_stable_products_take_operations() {
        assert!(is_stable(Status::ERROR) && !may_update(Status::ERROR));
        assert!(may_update(Status::TAINTED) && may_update(Status::AVAILABLE));
        assert!(!is_stable(Status::UNDER_CHANGE) && !is_stable(Status::PLAN_IN_PROGRESS));
        assert!(is_finished(RecordStatus::FAILED) && !is_finished(RecordStatus::IN_PROGRESS));
        assert!(is_provisioning(RecordType::TerminateProvisionedProduct));
        assert!(!is_provisioning(
            RecordType::UpdateProvisionedProductProperties
        ));
        assert!(!is_provisioning(RecordType::ExecuteServiceAction));
        assert!(!puts_under_change(RecordType::ExecuteServiceAction));
        assert!(puts_under_change(RecordType::UpdateProvisionedProduct));
        assert_eq!(
            after(RecordType::ExecuteServiceAction, true, false),
            After::Unchanged
        );
    }
}
