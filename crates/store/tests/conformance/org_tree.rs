//! Organizations' tree: organizations, accounts and OUs round-trip; `membership` gives the OU
//! path; `accounts_under` finds every account below an OU at any depth, and only those (an OU
//! whose id is a prefix of a sibling's included); `accounts_of` pages in join order, which an
//! update of an account keeps.

use std::sync::Arc;

use sclocal_api::organizations::{AccountJoinedMethod, AccountStatus, OrganizationFeatureSet};
use sclocal_core::ids::{AccountId, RootId};
use sclocal_core::store::{AccountRecord, Membership, OrgRecord, Store};

use super::harness::{acct, each_engine, every_page, read, write};
use super::org_fixtures::{member, org_id, organization, ou, ou_id, parent};

const ORG: &str = "o-aaaaaaaaaa";
const ROOT: &str = "r-abcd";
const APPS: &str = "ou-abcd-apps0000";
const TEAM: &str = "ou-abcd-team0000";
const PREFIX: &str = "ou-abcd-aaaa0000";
const LONGER: &str = "ou-abcd-aaaa00000";
const AFTER: &str = "ou-abcd-aaaa0000z";
const EMPTY: &str = "ou-abcd-empty000";

/// The other organization: the other feature set, in another partition.
fn second_organization() -> OrgRecord {
    OrgRecord {
        feature_set: OrganizationFeatureSet::CONSOLIDATED_BILLING,
        partition: "aws-cn".into(),
        ..organization("o-bbbbbbbbbb", 888_888_888_888, "r-bcde")
    }
}

/// One organization (and a second, to be told apart) with OUs three deep and sibling OUs
/// whose ids share a prefix. Accounts join out of id order.
async fn tree(store: &Arc<dyn Store>) {
    write(store, |tx| {
        tx.insert_organization(&organization(ORG, 111_111_111_111, ROOT))?;
        tx.insert_organization(&second_organization())?;
        let apps_path = format!("{APPS}/");
        for o in [
            ou(APPS, ORG, ROOT, ""),
            ou(TEAM, ORG, APPS, &apps_path),
            ou(PREFIX, ORG, ROOT, ""),
            ou(LONGER, ORG, ROOT, ""),
            ou(AFTER, ORG, ROOT, ""),
            ou(EMPTY, ORG, ROOT, ""),
            ou("ou-bcde-other000", "o-bbbbbbbbbb", "r-bcde", ""),
        ] {
            tx.insert_ou(&o)?;
        }
        let team_path = format!("{APPS}/{TEAM}/");
        for a in [
            member(111_111_111_111, ORG, ROOT, ""),
            member(444_444_444_444, ORG, TEAM, &team_path),
            member(222_222_222_222, ORG, ROOT, ""),
            member(333_333_333_333, ORG, APPS, &apps_path),
            member(555_555_555_555, ORG, PREFIX, &format!("{PREFIX}/")),
            member(666_666_666_666, ORG, LONGER, &format!("{LONGER}/")),
            member(777_777_777_777, ORG, AFTER, &format!("{AFTER}/")),
            member(888_888_888_888, "o-bbbbbbbbbb", "r-bcde", ""),
            member(
                999_999_999_999,
                "o-bbbbbbbbbb",
                "ou-bcde-other000",
                "ou-bcde-other000/",
            ),
        ] {
            tx.put_account(&a)?;
        }
        Ok(())
    })
    .await;
}

fn numbers(ids: &[AccountId]) -> Vec<i64> {
    ids.iter().map(|a| a.number() / 111_111_111_111).collect()
}

#[tokio::test]
async fn accounts_under_an_ou_are_every_account_below_it_and_only_those() {
    each_engine(|store| async move {
        tree(&store).await;
        let under = read(&store, |tx| {
            let org = org_id(ORG);
            let mut out = vec![tx.accounts_under(&org, None)?];
            for o in [APPS, TEAM, PREFIX, LONGER, AFTER, EMPTY, "ou-bcde-other000"] {
                out.push(tx.accounts_under(&org, Some(&ou_id(o)))?);
            }
            out.push(tx.accounts_under(&org_id("o-bbbbbbbbbb"), Some(&ou_id(APPS)))?);
            out.push(tx.accounts_under(&org_id("o-cccccccccc"), None)?);
            Ok(out)
        })
        .await;
        let under: Vec<Vec<i64>> = under.iter().map(|ids| numbers(ids)).collect();
        let expected: Vec<Vec<i64>> = vec![
            vec![1, 4, 2, 3, 5, 6, 7], // the whole organization, management account first
            vec![4, 3],                // APPS and TEAM below it, in join order
            vec![4],
            vec![5], // not the sibling whose id it prefixes
            vec![6],
            vec![7],
            vec![],
            vec![], // an OU of another organization
            vec![],
            vec![],
        ];
        assert_eq!(under, expected);
    })
    .await;
}

#[tokio::test]
async fn membership_and_organization_of_an_account() {
    each_engine(|store| async move {
        tree(&store).await;
        let standalone = AccountRecord {
            placement: None,
            ..member(123_456_789_012, ORG, ROOT, "")
        };
        write(&store, move |tx| tx.put_account(&standalone)).await;
        let (deep, management, none) = read(&store, |tx| {
            Ok((
                tx.membership(&acct(444_444_444_444))?,
                tx.membership(&acct(111_111_111_111))?,
                tx.membership(&acct(123_456_789_012))?,
            ))
        })
        .await;
        let deep = deep.unwrap();
        assert_eq!(
            deep,
            Membership {
                org_id: org_id(ORG),
                management_account: acct(111_111_111_111),
                root_id: RootId::parse(ROOT).unwrap(),
                ou_path: vec![ou_id(APPS), ou_id(TEAM)],
            }
        );
        assert!(deep.is_management(&acct(111_111_111_111)));
        assert!(!deep.is_management(&acct(444_444_444_444)));
        assert!(management.unwrap().ou_path.is_empty());
        assert_eq!(none, None);
        let orgs = read(&store, |tx| {
            Ok((
                tx.organization(&org_id(ORG))?,
                tx.organization(&org_id("o-cccccccccc"))?,
                tx.organization_of(&acct(111_111_111_111))?,
                tx.organization_of(&acct(999_999_999_999))?,
                tx.organization_of(&acct(123_456_789_012))?,
            ))
        })
        .await;
        let a = organization(ORG, 111_111_111_111, ROOT);
        let expected = (
            Some(a.clone()),
            None,
            Some(a),
            Some(second_organization()),
            None,
        );
        assert_eq!(orgs, expected);
    })
    .await;
}

#[tokio::test]
async fn accounts_round_trip_and_an_update_keeps_their_join_order() {
    each_engine(|store| async move {
        tree(&store).await;
        let mut varied = Vec::new();
        for (i, status) in (0..).zip(AccountStatus::ALL) {
            for (j, method) in (0..).zip(AccountJoinedMethod::ALL) {
                let mut a = member(100_000_000_000 + i * 10 + j, ORG, APPS, &format!("{APPS}/"));
                a.status = *status;
                a.placement.as_mut().unwrap().joined_method = *method;
                varied.push(a);
            }
        }
        let left = AccountRecord {
            placement: None,
            status: AccountStatus::SUSPENDED,
            ..member(123_456_789_012, ORG, ROOT, "")
        };
        let stored = varied
            .iter()
            .cloned()
            .chain([left.clone()])
            .collect::<Vec<_>>();
        let ids: Vec<_> = stored.iter().map(|a| a.id.clone()).collect();
        write(&store, move |tx| {
            stored.iter().try_for_each(|a| tx.put_account(a))
        })
        .await;
        let found = read(&store, move |tx| {
            ids.iter()
                .map(|id| tx.account(id))
                .collect::<Result<Vec<_>, _>>()
        })
        .await;
        let expected: Vec<_> = varied.into_iter().chain([left]).map(Some).collect();
        assert_eq!(found, expected);
        let checks = read(&store, |tx| {
            Ok((
                tx.account(&acct(101_010_101_010))?,
                tx.email_exists("a123456789012@example.com")?, // left the organization
                tx.email_exists("a444444444444@example.com")?,
                tx.email_exists("nobody@example.com")?,
                tx.member_count(&org_id(ORG))?,
                tx.member_count(&org_id("o-bbbbbbbbbb"))?,
            ))
        })
        .await;
        assert_eq!(checks, (None, true, true, false, 13, 2));

        // 222 moves into TEAM under a new name: it keeps its place in join order.
        let moved = AccountRecord {
            name: "renamed".into(),
            email: "moved@example.com".into(),
            ..member(222_222_222_222, ORG, TEAM, &format!("{APPS}/{TEAM}/"))
        };
        let stored = moved.clone();
        write(&store, move |tx| tx.put_account(&stored)).await;
        let org = org_id(ORG);
        let all = every_page(&store, 3, move |tx, after| {
            tx.accounts_of(&org, None, after, 3)
        })
        .await;
        let order: Vec<_> = all
            .iter()
            .take(5)
            .map(|a| a.id.number() / 111_111_111_111)
            .collect();
        assert_eq!(order, [1, 4, 2, 3, 5]);
        assert_eq!(all[2], moved);
        let under = read(&store, |tx| {
            Ok((
                tx.accounts_under(&org_id(ORG), Some(&ou_id(TEAM)))?,
                tx.email_exists("a222222222222@example.com")?,
                tx.member_count(&org_id(ORG))?,
            ))
        })
        .await;
        assert_eq!(
            (numbers(&under.0), under.1, under.2),
            (vec![4, 2], false, 13)
        );
    })
    .await;
}

#[tokio::test]
async fn accounts_of_pages_an_organization_or_one_parent_once_in_join_order() {
    each_engine(|store| async move {
        tree(&store).await;
        // Enough accounts that every page size crosses pages, joined out of id order.
        write(&store, |tx| {
            for i in (0..30_u64).rev() {
                tx.put_account(&member(
                    300_000_000_000 + i,
                    ORG,
                    EMPTY,
                    &format!("{EMPTY}/"),
                ))?;
            }
            Ok(())
        })
        .await;
        let everyone: Vec<u64> = [1, 4, 2, 3, 5, 6, 7]
            .iter()
            .map(|n| n * 111_111_111_111)
            .chain((0..30).rev().map(|i| 300_000_000_000 + i))
            .collect();
        let ids = |accounts: Vec<AccountRecord>| -> Vec<u64> {
            accounts
                .iter()
                .map(|a| a.id.number().try_into().unwrap())
                .collect()
        };
        for limit in [1, 4, 7, 37, 50] {
            let org = org_id(ORG);
            let all = every_page(&store, limit, move |tx, after| {
                tx.accounts_of(&org, None, after, limit)
            })
            .await;
            assert_eq!(ids(all), everyone, "by {limit}");
            let (org, empty) = (org_id(ORG), parent(EMPTY));
            let one = every_page(&store, limit, move |tx, after| {
                tx.accounts_of(&org, Some(&empty), after, limit)
            })
            .await;
            assert_eq!(ids(one), everyone[7..], "under one parent by {limit}");
        }
        let (org, root) = (org_id(ORG), parent(ROOT));
        let at_root = every_page(&store, 10, move |tx, after| {
            tx.accounts_of(&org, Some(&root), after, 10)
        })
        .await;
        assert_eq!(ids(at_root), [111_111_111_111, 222_222_222_222]);
    })
    .await;
}

#[tokio::test]
async fn ous_round_trip_by_id_and_name_and_know_their_children() {
    each_engine(|store| async move {
        tree(&store).await;
        let apps_path = format!("{APPS}/");
        let found = read(&store, |tx| {
            Ok((
                tx.ou(&ou_id(TEAM))?,
                tx.ou(&ou_id("ou-abcd-missing0"))?,
                tx.ou_named(&parent(APPS), &format!("name of {TEAM}"))?,
                tx.ou_named(&parent(ROOT), &format!("name of {TEAM}"))?,
                tx.ou_count(&org_id(ORG))?,
                tx.ou_count(&org_id("o-bbbbbbbbbb"))?,
            ))
        })
        .await;
        let team = ou(TEAM, ORG, APPS, &apps_path);
        assert_eq!(found, (Some(team.clone()), None, Some(team), None, 6, 1));
        let children = read(&store, |tx| {
            Ok((
                tx.child_ous(&parent(ROOT))?
                    .into_iter()
                    .map(|o| o.id.to_string())
                    .collect::<Vec<_>>(),
                tx.child_ous(&parent(TEAM))?,
                [APPS, TEAM, PREFIX, EMPTY, ROOT]
                    .iter()
                    .map(|p| tx.has_children(&parent(p)))
                    .collect::<Result<Vec<_>, _>>()?,
            ))
        })
        .await;
        assert_eq!(children.0, [APPS, PREFIX, LONGER, AFTER, EMPTY]);
        assert_eq!(children.1, vec![]);
        // APPS holds an account and an OU, TEAM and PREFIX an account each, EMPTY nothing.
        assert_eq!(children.2, [true, true, true, false, true]);

        write(&store, |tx| {
            tx.rename_ou(&ou_id(EMPTY), "Sandbox")?;
            tx.delete_ou(&ou_id(AFTER))
        })
        .await;
        let after = read(&store, |tx| {
            Ok((
                tx.ou_named(&parent(ROOT), "Sandbox")?.map(|o| o.id),
                tx.ou_named(&parent(ROOT), &format!("name of {EMPTY}"))?,
                tx.ou(&ou_id(EMPTY))?.map(|o| (o.name, o.path)),
                tx.ou(&ou_id(AFTER))?,
                tx.ou_count(&org_id(ORG))?,
            ))
        })
        .await;
        let renamed = Some(("Sandbox".to_string(), format!("{EMPTY}/")));
        assert_eq!(after, (Some(ou_id(EMPTY)), None, renamed, None, 5));
    })
    .await;
}
