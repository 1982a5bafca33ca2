//! Account Factories and vending slots: a factory is found by product and by account and
//! region, a second insert changes nothing; a slot is taken once, counted per account and
//! given back.

use sclocal_core::ids::{ArtifactId, OrgId, PortfolioId, ProductId, RecordId};
use sclocal_core::store::AccountFactoryRecord;

use super::harness::{acct, each_engine, read, write};

fn factory(product: &str, account: u64, region: &str) -> AccountFactoryRecord {
    AccountFactoryRecord {
        product_id: ProductId::parse(product).unwrap(),
        account: acct(account),
        region: region.into(),
        org_id: OrgId::parse("o-abcdefghij").unwrap(),
        portfolio_id: PortfolioId::parse("port-factory").unwrap(),
        artifact_id: ArtifactId::parse("pa-factory").unwrap(),
    }
}

#[tokio::test]
async fn factories_are_found_by_product_and_by_account_and_region() {
    each_engine(|store| async move {
        let first = factory("prod-factory", 111_111_111_111, "us-east-1");
        let again = AccountFactoryRecord {
            artifact_id: ArtifactId::parse("pa-other").unwrap(),
            ..first.clone()
        };
        let other = factory("prod-other", 111_111_111_111, "eu-west-1");
        let rows = [first.clone(), again, other.clone()];
        write(&store, move |tx| {
            rows.iter().try_for_each(|f| tx.insert_account_factory(f))
        })
        .await;
        let found = read(&store, |tx| {
            Ok((
                tx.account_factory(&ProductId::parse("prod-factory").unwrap())?,
                tx.account_factory(&ProductId::parse("prod-none").unwrap())?,
                tx.account_factory_in(&acct(111_111_111_111), "eu-west-1")?,
                tx.account_factory_in(&acct(222_222_222_222), "us-east-1")?,
            ))
        })
        .await;
        assert_eq!(found, (Some(first), None, Some(other), None));
    })
    .await;
}

#[tokio::test]
async fn vending_slots_are_taken_once_counted_per_account_and_freed() {
    each_engine(|store| async move {
        let rec = |id: &str| RecordId::parse(id).unwrap();
        write(&store, move |tx| {
            tx.take_vending_slot(&rec("rec-a"), &acct(111_111_111_111), 10)?;
            tx.take_vending_slot(&rec("rec-a"), &acct(111_111_111_111), 20)?;
            tx.take_vending_slot(&rec("rec-b"), &acct(111_111_111_111), 30)?;
            tx.take_vending_slot(&rec("rec-c"), &acct(222_222_222_222), 40)?;
            Ok(())
        })
        .await;
        let before = read(&store, move |tx| {
            Ok((
                tx.vending_slot(&rec("rec-a"))?,
                tx.vending_slot(&rec("rec-z"))?,
                tx.vending_slots_taken(&acct(111_111_111_111))?,
                tx.vending_slots_taken(&acct(333_333_333_333))?,
            ))
        })
        .await;
        assert_eq!(before, (Some(10), None, 2, 0));
        write(&store, move |tx| tx.free_vending_slot(&rec("rec-a"))).await;
        let after = read(&store, move |tx| {
            Ok((
                tx.vending_slot(&rec("rec-a"))?,
                tx.vending_slots_taken(&acct(111_111_111_111))?,
            ))
        })
        .await;
        assert_eq!(after, (None, 1));
    })
    .await;
}
