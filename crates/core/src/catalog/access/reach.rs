//! How a caller reaches a portfolio: as its owner, or through an import with the flags of
//! the shares that brought it.

use crate::store::PortfolioRecord;

/// How a caller reaches a portfolio.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reach {
    /// The caller owns it.
    Owner,
    /// The caller imported it (an accepted account share, or an organization share).
    Imported(Import),
}

/// An imported portfolio's share flags, as seen by the recipient.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Import {
    /// Through an organization share (`AWS_ORGANIZATIONS`) rather than an accepted account
    /// share (`IMPORTED`).
    pub via_organization: bool,
    /// The owner's TagOptions are visible (ShareTagOptions).
    pub share_tag_options: bool,
    /// The owner's IAM_PATTERN principal associations apply (SharePrincipals).
    pub share_principals: bool,
}

/// A portfolio and how the caller reaches it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visible {
    /// The portfolio.
    pub portfolio: PortfolioRecord,
    /// How the caller reaches it.
    pub reach: Reach,
}

impl Visible {
    /// Whether the caller imported it through a share that carries TagOptions.
    pub fn shares_tag_options(&self) -> bool {
        matches!(&self.reach, Reach::Imported(i) if i.share_tag_options)
    }

    /// Whether the caller imported it through a share that carries principals.
    pub fn shares_principals(&self) -> bool {
        matches!(&self.reach, Reach::Imported(i) if i.share_principals)
    }

    /// Whether the caller imported it.
    pub fn is_imported(&self) -> bool {
        matches!(self.reach, Reach::Imported(_))
    }
}
