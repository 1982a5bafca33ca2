//! TagOptions and their associations with portfolios and products.

use sclocal_core::ids::TagOptionId;
use sclocal_core::store::{StoreError, TagOptionRecord};

use super::super::{account, Tx};
use crate::args;
use crate::sql::{parsed, Arg, Row};

const COLUMNS: &str = "o.id, o.account, o.region, o.key, o.value, o.active, o.created_ms";

fn row(r: &dyn Row) -> Result<TagOptionRecord, StoreError> {
    Ok(TagOptionRecord {
        id: parsed(r, 0, TagOptionId::parse)?,
        account: account(r, 1)?,
        region: r.text(2)?,
        key: r.text(3)?,
        value: r.text(4)?,
        active: r.flag(5)?,
        created_ms: r.int(6)?,
    })
}

pub(super) fn options_where(
    tx: &Tx<'_>,
    clause: &str,
    args: &[Arg<'_>],
) -> Result<Vec<TagOptionRecord>, StoreError> {
    tx.conn.all(
        &format!("SELECT {COLUMNS} FROM sc_tag_options o WHERE {clause} ORDER BY o.seq"),
        args,
        row,
    )
}

pub(super) fn of_resource(tx: &Tx<'_>, resource: &str) -> Result<Vec<TagOptionRecord>, StoreError> {
    tx.conn.all(
        &format!(
            "SELECT {COLUMNS} FROM sc_tag_option_links l
             JOIN sc_tag_options o ON o.id = l.tag_option_id
             WHERE l.resource_id = ?1 ORDER BY l.seq"
        ),
        args![resource],
        row,
    )
}

pub(super) fn insert(tx: &Tx<'_>, t: &TagOptionRecord) -> Result<(), StoreError> {
    tx.conn.execute(
        "INSERT INTO sc_tag_options (id, account, region, key, value, active, created_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        args![
            t.id.as_str(),
            t.account.as_str(),
            &t.region,
            &t.key,
            &t.value,
            t.active,
            t.created_ms
        ],
    )?;
    Ok(())
}
