//! The README's table of supported operations stays true: every operation of the three
//! services is probed through its generated dispatcher, and the ones that do not answer
//! "not implemented" must be exactly the ones the README lists.

use std::collections::BTreeSet;
use std::sync::Arc;

use sclocal_api::codec::Encoding;
use sclocal_api::{organizations, servicecatalog, sts, RequestContext, ServiceError};
use sclocal_core::clock::{FixedClock, SeqIds};
use sclocal_core::{Emulator, Settings};
use sclocal_store::SqliteStore;

fn emulator() -> Emulator {
    Emulator::new(
        Arc::new(SqliteStore::in_memory().unwrap()),
        Arc::new(FixedClock::new(1_700_000_000_000)),
        Arc::new(SeqIds::default()),
        Settings::default(),
    )
}

fn cx() -> RequestContext {
    RequestContext {
        account_id: "111111111111".into(),
        principal_arn: "arn:aws:iam::111111111111:root".into(),
        access_key_id: None,
        region: "us-east-1".into(),
        request_id: "test".into(),
    }
}

async fn emulated() -> BTreeSet<(String, String)> {
    let em = emulator();
    let cx = cx();
    let mut out = BTreeSet::new();
    for op in servicecatalog::Operation::ALL {
        let r = servicecatalog::dispatch(&em, &cx, *op, op.default_input(), Encoding::Json).await;
        if !matches!(r, Err(ServiceError::NotImplemented(_))) {
            out.insert(("Service Catalog".to_string(), op.name().to_string()));
        }
    }
    for op in organizations::Operation::ALL {
        let r = organizations::dispatch(&em, &cx, *op, op.default_input(), Encoding::Json).await;
        if !matches!(r, Err(ServiceError::NotImplemented(_))) {
            out.insert(("Organizations".to_string(), op.name().to_string()));
        }
    }
    for op in sts::Operation::ALL {
        let r = sts::dispatch(&em, &cx, *op, op.default_input(), Encoding::Json).await;
        if !matches!(r, Err(ServiceError::NotImplemented(_))) {
            out.insert(("STS".to_string(), op.name().to_string()));
        }
    }
    out
}

fn readme_table() -> BTreeSet<(String, String)> {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md")).unwrap();
    let start = readme
        .find("<!-- operations:begin -->")
        .expect("begin marker");
    let end = readme.find("<!-- operations:end -->").expect("end marker");
    readme[start..end]
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| Service |"))
        .map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            (cells[1].to_string(), cells[2].to_string())
        })
        .collect()
}

#[tokio::test]
async fn readme_lists_exactly_the_emulated_operations() {
    let emulated = emulated().await;
    let listed = readme_table();
    assert!(!emulated.is_empty());
    let missing: Vec<_> = emulated.difference(&listed).collect();
    let extra: Vec<_> = listed.difference(&emulated).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "README is missing {missing:?} and lists unemulated {extra:?}"
    );
}
