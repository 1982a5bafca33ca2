//! What the console's pages share: the state they read and act through, and the paging
//! parameters of their addresses.

use std::sync::Arc;

use sclocal_core::clock::IdSource;
use sclocal_core::store::Cursor;

use crate::admin::Admin;

/// Items per page (accounts, organizations, portfolios, OUs).
pub const PAGE: usize = 100;

/// What the console's pages need.
#[derive(Clone)]
pub struct Console {
    /// The admin paths it acts and reads through (emulator, fault rules).
    pub admin: Admin,
    /// Randomness for the cross-site tokens.
    pub ids: Arc<dyn IdSource>,
}

/// Where a page of a list starts: a store cursor (`?after=`, `?orgs=`, `?portfolios=`) or an
/// offset (`?ous=`, `?offset=`).
#[derive(Debug, Default, serde::Deserialize)]
pub struct Paging {
    after: Option<i64>,
    orgs: Option<i64>,
    portfolios: Option<i64>,
    ous: Option<usize>,
    offset: Option<usize>,
}

impl Paging {
    /// The cursor carried by parameter `name`.
    pub fn cursor(&self, name: &str) -> Option<Cursor> {
        let position = match name {
            "after" => self.after,
            "orgs" => self.orgs,
            "portfolios" => self.portfolios,
            _ => None,
        };
        position.map(Cursor::new)
    }

    /// The offset of `?ous=` or `?offset=`.
    pub fn offset(&self) -> usize {
        self.ous.or(self.offset).unwrap_or(0)
    }
}
