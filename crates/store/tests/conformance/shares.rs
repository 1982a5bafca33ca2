//! Portfolio shares: every field round-trips for every kind of target; flags, state, fan-out
//! token and acceptance change as documented; the listings page and filter as documented
//! (by kind, recipient, organization, principals, state and region); and the account-share
//! count that the quota reads is kept as shares come and go.

use sclocal_core::ids::{OrgId, OuId, ShareToken};
use sclocal_core::store::{ReadTx, ShareKind, ShareRecord, ShareState, ShareTarget};

use super::harness::{acct, each_engine, every_page, pid, read, write};

pub fn org() -> OrgId {
    OrgId::parse("o-aaaaaaaaaa").unwrap()
}

pub fn token(id: &str) -> ShareToken {
    ShareToken::parse(id).unwrap()
}

pub fn to_account(n: u64) -> ShareTarget {
    ShareTarget::Account(acct(n))
}

pub fn to_member(n: u64) -> ShareTarget {
    ShareTarget::MemberAccount(acct(n))
}

pub fn to_ou(id: &str) -> ShareTarget {
    ShareTarget::OrganizationalUnit(OuId::parse(id).unwrap())
}

pub fn to_org() -> ShareTarget {
    ShareTarget::Organization(org())
}

/// An active share of `portfolio` (owned by 111111111111 in us-east-1) with `target`; an
/// organization share is accepted and names its organization.
pub fn share(portfolio: &str, target: ShareTarget) -> ShareRecord {
    let organization = target.kind().is_organization();
    ShareRecord {
        portfolio_id: pid(portfolio),
        region: "us-east-1".into(),
        owner: acct(111_111_111_111),
        org_id: organization.then(org),
        accepted: organization,
        share_tag_options: true,
        share_principals: organization,
        state: ShareState::Active,
        fanout_token: organization.then(|| token("share-first")),
        created_ms: 1_700_000_000_000,
        target,
    }
}

#[tokio::test]
async fn shares_round_trip_for_every_target_and_change_as_documented() {
    each_engine(|store| async move {
        let mut rows = vec![
            share("port-a", to_account(222_222_222_222)),
            share("port-a", to_member(222_222_222_222)),
            share("port-a", to_ou("ou-abcd-apps0000")),
            share("port-a", to_org()),
        ];
        rows[0].share_tag_options = false;
        rows[3].state = ShareState::Creating;
        rows[2].state = ShareState::Deleting;
        let stored = rows.clone();
        write(&store, move |tx| {
            stored.iter().try_for_each(|s| tx.insert_share(s))
        })
        .await;
        let keys: Vec<_> = rows.iter().map(|s| s.target.clone()).collect();
        let found = read(&store, move |tx| {
            let mut out = keys
                .iter()
                .map(|t| tx.share(&pid("port-a"), t))
                .collect::<Result<Vec<_>, _>>()?;
            out.push(tx.share(&pid("port-b"), &to_org())?);
            out.push(tx.share(&pid("port-a"), &to_account(333_333_333_333))?);
            Ok(out)
        })
        .await;
        let mut expected: Vec<_> = rows.iter().cloned().map(Some).collect();
        expected.extend([None, None]);
        assert_eq!(
            found, expected,
            "an account and a member-account share are two shares"
        );

        write(&store, |tx| {
            let a = pid("port-a");
            tx.set_share_flags(&a, &to_org(), Some(false), None)?;
            tx.set_share_flags(&a, &to_ou("ou-abcd-apps0000"), None, Some(false))?;
            tx.set_share_flags(&a, &to_member(222_222_222_222), None, None)?;
            tx.set_share_state(
                &a,
                &to_org(),
                ShareState::Active,
                Some(&token("share-second")),
            )?;
            // No token: the share keeps the last operation that fanned it out.
            tx.set_share_state(&a, &to_ou("ou-abcd-apps0000"), ShareState::Active, None)?;
            tx.set_accepted(&a, &to_account(222_222_222_222), true)
        })
        .await;
        let keys: Vec<_> = rows.iter().map(|s| s.target.clone()).collect();
        let found = read(&store, move |tx| {
            keys.iter()
                .map(|t| tx.share(&pid("port-a"), t))
                .collect::<Result<Vec<_>, _>>()
        })
        .await;
        let mut changed = rows.clone();
        changed[0].accepted = true;
        changed[2].share_principals = false;
        changed[2].state = ShareState::Active;
        changed[3].share_tag_options = false;
        changed[3].state = ShareState::Active;
        changed[3].fanout_token = Some(token("share-second"));
        assert_eq!(found, changed.into_iter().map(Some).collect::<Vec<_>>());

        write(&store, |tx| {
            tx.delete_share(&pid("port-a"), &to_member(222_222_222_222))
        })
        .await;
        let left = read(&store, |tx| tx.portfolio_shares(&pid("port-a"))).await;
        let kinds: Vec<_> = left.iter().map(|s| s.target.kind()).collect();
        assert_eq!(
            kinds,
            [
                ShareKind::Account,
                ShareKind::OrganizationalUnit,
                ShareKind::Organization
            ]
        );
    })
    .await;
}

#[tokio::test]
async fn a_portfolios_shares_page_by_kind_once_in_creation_order() {
    each_engine(|store| async move {
        // Account shares interleaved with organization-node shares, recipients out of order.
        let accounts: Vec<u64> = (0..17).map(|i| 900_000_000_000 - i * 1_000).collect();
        let list = accounts.clone();
        write(&store, move |tx| {
            for (i, n) in list.iter().enumerate() {
                tx.insert_share(&share("port-a", to_account(*n)))?;
                tx.insert_share(&share("port-b", to_account(*n)))?;
                if i % 4 == 0 {
                    tx.insert_share(&share("port-a", to_member(*n)))?;
                }
            }
            Ok(())
        })
        .await;
        for limit in [1, 2, 5, 17, 40] {
            let all = every_page(&store, limit, move |tx, after| {
                tx.shares_of_portfolio(&pid("port-a"), ShareKind::Account, after, limit)
            })
            .await;
            let ids: Vec<u64> = all
                .iter()
                .map(|s| s.target.principal().parse().unwrap())
                .collect();
            assert_eq!(ids, accounts, "by {limit}");
            assert!(all.iter().all(|s| s.portfolio_id == pid("port-a")));
        }
        let members = every_page(&store, 2, |tx, after| {
            tx.shares_of_portfolio(
                &pid("port-a"),
                ShareKind::OrganizationMemberAccount,
                after,
                2,
            )
        })
        .await;
        assert_eq!(members.len(), 5);
        let orgs = read(&store, |tx| {
            tx.shares_of_portfolio(&pid("port-a"), ShareKind::Organization, None, 10)
        })
        .await;
        assert_eq!((orgs.items, orgs.next), (vec![], None));
        let every = read(&store, |tx| tx.portfolio_shares(&pid("port-a"))).await;
        assert_eq!(every.len(), 17 + 5);
    })
    .await;
}

#[tokio::test]
async fn the_account_share_count_follows_inserts_and_deletes() {
    each_engine(|store| async move {
        let count = |p: &'static str| move |tx: &dyn ReadTx| tx.account_share_count(&pid(p));
        assert_eq!(read(&store, count("port-a")).await, 0);
        write(&store, |tx| {
            for n in [2, 3, 4] {
                tx.insert_share(&share("port-a", to_account(n)))?;
            }
            // Member-account shares count too; organization and OU shares do not.
            tx.insert_share(&share("port-a", to_member(5)))?;
            tx.insert_share(&share("port-a", to_org()))?;
            tx.insert_share(&share("port-a", to_ou("ou-abcd-apps0000")))?;
            tx.insert_share(&share("port-b", to_account(2)))
        })
        .await;
        assert_eq!(read(&store, count("port-a")).await, 4);
        assert_eq!(read(&store, count("port-b")).await, 1);
        write(&store, |tx| {
            tx.delete_share(&pid("port-a"), &to_account(3))?;
            tx.delete_share(&pid("port-a"), &to_org())?;
            // Deleting what is not there counts nothing.
            tx.delete_share(&pid("port-a"), &to_account(9))
        })
        .await;
        assert_eq!(read(&store, count("port-a")).await, 3);
        write(&store, |tx| {
            tx.insert_share(&share("port-a", to_account(3)))
        })
        .await;
        assert_eq!(read(&store, count("port-a")).await, 4);
    })
    .await;
}

/// A share of portfolio `p` in `region`, in `state`, of organization `org_id`.
fn placed(
    p: &str,
    target: ShareTarget,
    region: &str,
    state: ShareState,
    org_id: &str,
) -> ShareRecord {
    ShareRecord {
        region: region.into(),
        state,
        org_id: Some(OrgId::parse(org_id).unwrap()),
        ..share(p, target)
    }
}

fn portfolios(shares: &[ShareRecord]) -> Vec<&str> {
    shares.iter().map(|s| s.portfolio_id.as_str()).collect()
}

#[tokio::test]
async fn recipients_find_the_shares_addressed_to_them() {
    each_engine(|store| async move {
        let (active, creating, deleting) = (
            ShareState::Active,
            ShareState::Creating,
            ShareState::Deleting,
        );
        let o = "o-aaaaaaaaaa";
        // Account shares start unaccepted; the recipient accepted port-2.
        let mut accepted = share("port-2", to_account(222_222_222_222));
        accepted.accepted = true;
        let rows = vec![
            share("port-1", to_account(222_222_222_222)),
            accepted,
            ShareRecord {
                region: "eu-west-1".into(),
                ..share("port-3", to_account(222_222_222_222))
            },
            share("port-4", to_member(222_222_222_222)),
            placed("port-5", to_org(), "us-east-1", active, o),
            placed(
                "port-6",
                to_ou("ou-abcd-apps0000"),
                "us-east-1",
                deleting,
                o,
            ),
            placed(
                "port-7",
                to_ou("ou-abcd-apps0000"),
                "us-east-1",
                creating,
                o,
            ),
            placed("port-8", to_ou("ou-abcd-team0000"), "us-east-1", active, o),
            placed("port-9", to_org(), "eu-west-1", active, o),
            placed(
                "port-10",
                ShareTarget::Organization(OrgId::parse("o-bbbbbbbbbb").unwrap()),
                "us-east-1",
                active,
                "o-bbbbbbbbbb",
            ),
        ];
        write(&store, move |tx| {
            rows.iter().try_for_each(|s| tx.insert_share(s))
        })
        .await;
        let who = acct(222_222_222_222);
        let found = read(&store, move |tx| {
            let principals = ["o-aaaaaaaaaa", "ou-abcd-apps0000", who.as_str()];
            Ok([
                tx.account_shares_to("us-east-1", &who, false)?,
                tx.account_shares_to("us-east-1", &who, true)?,
                tx.account_shares_to("eu-west-1", &who, false)?,
                tx.org_shares_to("us-east-1", &org(), &principals)?,
                tx.org_shares_to("us-east-1", &org(), &["ou-abcd-team0000"])?,
                tx.org_shares_to("eu-west-1", &org(), &principals)?,
                tx.org_shares_to("us-east-1", &org(), &[])?,
                tx.org_shares_in(&org())?,
            ])
        })
        .await;
        let found: Vec<Vec<&str>> = found.iter().map(|s| portfolios(s)).collect();
        let expected: Vec<Vec<&str>> = vec![
            vec!["port-1", "port-2"],
            vec!["port-2"],
            vec!["port-3"],
            // In force only (not CREATING), any organization node whose principal is listed.
            vec!["port-4", "port-5", "port-6"],
            vec!["port-8"],
            vec!["port-9"],
            vec![],
            vec!["port-4", "port-5", "port-6", "port-7", "port-8", "port-9"],
        ];
        assert_eq!(found, expected);
    })
    .await;
}
