//! The rules of share operations: one action at a time per portfolio, the terminal status of
//! an operation, and what a finished operation does to its share (aws-behavior.md §5.4, §10).

use sclocal_api::servicecatalog::ModeledError;
use sclocal_api::ServiceError;

use crate::ids::PortfolioId;
use crate::store::{Lock, OpAction, OpStatus, ShareState, WriteTx};

/// "Cannot process more than one portfolio share action at the same time. Try again later."
/// — the exact text AWS returns (LZA-893, aws-behavior.md §10).
pub(crate) fn busy() -> ServiceError {
    ModeledError::InvalidStateException.msg(
        "Cannot process more than one portfolio share action at the same time. Try again later.",
    )
}

/// The one-share-action-at-a-time rule: no share action on a portfolio while an operation
/// on it has not finished. Locks the portfolio first, so concurrent writers (other
/// instances) decide one after the other.
pub(crate) fn ensure_idle(tx: &dyn WriteTx, portfolio: &PortfolioId) -> Result<(), ServiceError> {
    tx.lock(Lock::Portfolio(portfolio))?;
    if tx.unfinished_share_op(portfolio)? {
        Err(busy())
    } else {
        Ok(())
    }
}

/// The terminal status for `total` accounts of which `failed` failed. An error status never
/// comes with an empty error list (Terraform fails the wait on that, TF-STATUS).
pub fn terminal(total: usize, failed: usize) -> OpStatus {
    if failed == 0 {
        OpStatus::Completed
    } else if failed < total {
        OpStatus::CompletedWithErrors
    } else {
        OpStatus::Error
    }
}

/// What a finished operation does to its share.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Finish {
    /// The share goes.
    Remove,
    /// The share is in force, fanned out by this operation.
    Activate,
}

/// What an operation that ended with `status` does to a share in `state`: a delete removes
/// it; a create whose every account failed leaves nothing shared, unless the share was
/// already in force before this (repeated) create; anything else puts it in force.
pub fn finish(action: OpAction, status: OpStatus, state: ShareState) -> Finish {
    match action {
        OpAction::Delete => Finish::Remove,
        OpAction::Create if status == OpStatus::Error && state == ShareState::Creating => {
            Finish::Remove
        }
        OpAction::Create | OpAction::Update => Finish::Activate,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_status_never_reports_an_error_without_errors() {
        assert_eq!(terminal(0, 0), OpStatus::Completed);
        assert_eq!(terminal(5, 0), OpStatus::Completed);
        assert_eq!(terminal(5, 2), OpStatus::CompletedWithErrors);
        assert_eq!(terminal(5, 5), OpStatus::Error);
    }

    #[test]
    fn a_failed_first_create_leaves_nothing_shared() {
        use OpAction::{Create, Delete, Update};
        assert_eq!(
            finish(Create, OpStatus::Error, ShareState::Creating),
            Finish::Remove
        );
        assert_eq!(
            finish(Create, OpStatus::Error, ShareState::Active),
            Finish::Activate
        );
        assert_eq!(
            finish(Create, OpStatus::CompletedWithErrors, ShareState::Creating),
            Finish::Activate
        );
        assert_eq!(
            finish(Update, OpStatus::Error, ShareState::Active),
            Finish::Activate
        );
        assert_eq!(
            finish(Delete, OpStatus::Completed, ShareState::Deleting),
            Finish::Remove
        );
    }
}
