//! Organizational units.

use sclocal_core::ids::{OrgId, OuId, ParentId};
use sclocal_core::store::{OuRecord, StoreError};

use super::super::Tx;
use crate::args;
use crate::sql::{parsed, Row};

const COLUMNS: &str = "id, org_id, parent_id, name, path";

fn row(r: &dyn Row) -> Result<OuRecord, StoreError> {
    Ok(OuRecord {
        id: parsed(r, 0, OuId::parse)?,
        org_id: parsed(r, 1, OrgId::parse)?,
        parent_id: parsed(r, 2, ParentId::parse)?,
        name: r.text(3)?,
        path: r.text(4)?,
    })
}

pub(super) fn ou(tx: &Tx<'_>, id: &OuId) -> Result<Option<OuRecord>, StoreError> {
    tx.conn.first(
        &format!("SELECT {COLUMNS} FROM org_units WHERE id = ?1"),
        args![id.as_str()],
        row,
    )
}

pub(super) fn ou_named(
    tx: &Tx<'_>,
    parent: &ParentId,
    name: &str,
) -> Result<Option<OuRecord>, StoreError> {
    tx.conn.first(
        &format!("SELECT {COLUMNS} FROM org_units WHERE parent_id = ?1 AND name = ?2"),
        args![parent.as_str(), name],
        row,
    )
}

pub(super) fn child_ous(tx: &Tx<'_>, parent: &ParentId) -> Result<Vec<OuRecord>, StoreError> {
    tx.conn.all(
        &format!("SELECT {COLUMNS} FROM org_units WHERE parent_id = ?1 ORDER BY seq"),
        args![parent.as_str()],
        row,
    )
}

pub(super) fn insert_ou(tx: &Tx<'_>, ou: &OuRecord) -> Result<(), StoreError> {
    tx.conn.execute(
        "INSERT INTO org_units (id, org_id, parent_id, name, path) VALUES (?1, ?2, ?3, ?4, ?5)",
        args![
            ou.id.as_str(),
            ou.org_id.as_str(),
            ou.parent_id.as_str(),
            &ou.name,
            &ou.path
        ],
    )?;
    Ok(())
}
