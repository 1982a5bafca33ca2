//! The reads the operator's console makes beyond the AWS operations: every organization
//! paged in creation order, the count of accounts directly under a parent, the latest share
//! operations and CreateAccount requests of the whole store (newest first, bounded), and the
//! regions that hold portfolios.

use sclocal_core::ids::ShareToken;
use sclocal_core::store::ShareTarget;

use super::harness::{acct, each_engine, every_page, portfolio, read, write};
use super::org_fixtures::{member, organization, ou, parent};
use super::org_records::request;
use super::share_ops::op;

#[tokio::test]
async fn organizations_page_in_creation_order() {
    each_engine(|store| async move {
        write(&store, |tx| {
            for (i, id) in ["o-cccccccccc", "o-aaaaaaaaaa", "o-bbbbbbbbbb"]
                .iter()
                .enumerate()
            {
                let n = 111_111_111_111 * (u64::try_from(i).unwrap() + 1);
                tx.insert_organization(&organization(id, n, &format!("r-aaa{i}")))?;
            }
            Ok(())
        })
        .await;
        let all = every_page(&store, 2, |tx, after| tx.organizations(after, 2)).await;
        let ids: Vec<_> = all.iter().map(|o| o.id.to_string()).collect();
        assert_eq!(ids, ["o-cccccccccc", "o-aaaaaaaaaa", "o-bbbbbbbbbb"]);
        assert_eq!(all[1].management_account, acct(222_222_222_222));
        let one = every_page(&store, 5, |tx, after| tx.organizations(after, 5)).await;
        assert_eq!(one.len(), 3);
    })
    .await;
}

#[tokio::test]
async fn child_account_counts_are_direct_children_only() {
    each_engine(|store| async move {
        const ORG: &str = "o-aaaaaaaaaa";
        write(&store, |tx| {
            tx.insert_organization(&organization(ORG, 111_111_111_111, "r-abcd"))?;
            tx.insert_ou(&ou("ou-abcd-apps0000", ORG, "r-abcd", ""))?;
            tx.put_account(&member(111_111_111_111, ORG, "r-abcd", ""))?;
            tx.put_account(&member(222_222_222_222, ORG, "r-abcd", ""))?;
            tx.put_account(&member(
                333_333_333_333,
                ORG,
                "ou-abcd-apps0000",
                "ou-abcd-apps0000/",
            ))?;
            Ok(())
        })
        .await;
        let counts = read(&store, |tx| {
            Ok((
                tx.child_account_count(&parent("r-abcd"))?,
                tx.child_account_count(&parent("ou-abcd-apps0000"))?,
                tx.child_account_count(&parent("ou-abcd-none0000"))?,
            ))
        })
        .await;
        assert_eq!(counts, (2, 1, 0));
    })
    .await;
}

#[tokio::test]
async fn the_latest_operations_and_requests_come_newest_first() {
    each_engine(|store| async move {
        write(&store, |tx| {
            for i in 0..4 {
                let target = ShareTarget::Account(acct(222_222_222_222));
                tx.insert_share_op(&op(&format!("share-recent{i}"), "port-a", target))?;
                tx.put_create_account_request(&request(i, "o-aaaaaaaaaa"))?;
            }
            Ok(())
        })
        .await;
        let (ops, requests, none) = read(&store, |tx| {
            Ok((
                tx.recent_share_ops(3)?,
                tx.recent_create_account_requests(3)?,
                tx.recent_share_ops(0)?,
            ))
        })
        .await;
        let tokens: Vec<_> = ops.iter().map(|o| o.token.clone()).collect();
        let expected: Vec<_> = [3, 2, 1]
            .iter()
            .map(|i| ShareToken::parse(&format!("share-recent{i}")).unwrap())
            .collect();
        assert_eq!(tokens, expected);
        let ids: Vec<_> = requests.iter().map(|r| r.id.to_string()).collect();
        assert_eq!(ids, ["car-00000003", "car-00000002", "car-00000001"]);
        assert_eq!(requests[0], request(3, "o-aaaaaaaaaa"));
        assert!(none.is_empty());
    })
    .await;
}

#[tokio::test]
async fn portfolio_regions_are_distinct_and_ordered() {
    each_engine(|store| async move {
        assert!(read(&store, |tx| tx.portfolio_regions()).await.is_empty());
        write(&store, |tx| {
            let owner = acct(111_111_111_111);
            tx.insert_portfolio(&portfolio("port-a", &owner, "us-west-2"))?;
            tx.insert_portfolio(&portfolio("port-b", &owner, "eu-west-1"))?;
            tx.insert_portfolio(&portfolio("port-c", &acct(222_222_222_222), "us-west-2"))?;
            Ok(())
        })
        .await;
        let regions = read(&store, |tx| tx.portfolio_regions()).await;
        assert_eq!(regions, ["eu-west-1", "us-west-2"]);
    })
    .await;
}
