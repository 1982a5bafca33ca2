//! What organization sharing keeps beside the shares: frozen audiences (replaced per
//! organization, dropped with their share), members' rejections, share operations with their
//! per-account outcomes (the first outcome of an account stands), and the injected fan-out
//! faults (replaced wholesale).

use sclocal_core::ids::{AccountId, OrgId};
use sclocal_core::store::{
    AccountOutcome, OpAction, OpStatus, ShareFault, ShareOpRecord, ShareRecord, ShareState,
    ShareTarget,
};

use super::harness::{acct, each_engine, pid, read, write};
use super::shares::{org, share, to_account, to_org, to_ou, token};

pub fn op(id: &str, portfolio: &str, target: ShareTarget) -> ShareOpRecord {
    ShareOpRecord {
        token: token(id),
        action: OpAction::Create,
        portfolio_id: pid(portfolio),
        region: "us-east-1".into(),
        owner: acct(111_111_111_111),
        org_id: target.kind().is_organization().then(org),
        target,
        status: OpStatus::NotStarted,
        not_before_ms: 1_700_000_001_000,
        cursor: 0,
        total: None,
        created_ms: 1_700_000_000_000,
    }
}

fn outcome(n: u64, error: Option<&str>) -> AccountOutcome {
    AccountOutcome {
        account: acct(n),
        error: error.map(|e| (e.to_string(), format!("{e} for {n}"))),
    }
}

#[tokio::test]
async fn frozen_audiences_are_replaced_per_organization_and_go_with_their_share() {
    each_engine(|store| async move {
        let other_org = OrgId::parse("o-bbbbbbbbbb").unwrap();
        let theirs = ShareTarget::Organization(other_org.clone());
        let mut creating = share("port-c", to_org());
        creating.state = ShareState::Creating;
        let mut deleting = share("port-d", to_ou("ou-abcd-apps0000"));
        deleting.state = ShareState::Deleting;
        let mut elsewhere = share("port-e", to_org());
        elsewhere.region = "eu-west-1".into();
        let rows = [
            share("port-a", to_org()),
            share("port-b", theirs.clone()),
            creating,
            deleting,
            elsewhere,
        ];
        let (a, b) = (acct(444_444_444_444), acct(555_555_555_555));
        let (fa, fb, t) = (a.clone(), b.clone(), theirs.clone());
        write(&store, move |tx| {
            rows.iter().try_for_each(|s| tx.insert_share(s))?;
            tx.replace_frozen(
                &org(),
                &[
                    (pid("port-a"), to_org(), fb.clone()),
                    (pid("port-a"), to_org(), fa.clone()),
                    (pid("port-c"), to_org(), fa.clone()),
                    (pid("port-d"), to_ou("ou-abcd-apps0000"), fa.clone()),
                    (pid("port-e"), to_org(), fa.clone()),
                ],
            )?;
            tx.replace_frozen(&other_org, &[(pid("port-b"), t, fa.clone())])
        })
        .await;
        let ids = |shares: Vec<ShareRecord>| -> Vec<String> {
            shares.iter().map(|s| s.portfolio_id.to_string()).collect()
        };
        let (who, t) = (a.clone(), theirs.clone());
        let found = read(&store, move |tx| {
            Ok((
                tx.frozen_audience(&pid("port-a"), &to_org())?,
                tx.frozen_audience(&pid("port-b"), &t)?,
                tx.frozen_shares_for("us-east-1", &who)?,
                tx.frozen_shares_for("eu-west-1", &who)?,
            ))
        })
        .await;
        assert_eq!(found.0, [a.clone(), b.clone()], "in account order");
        assert_eq!(found.1, vec![a.clone()]);
        // In force only: not the CREATING share; in the region asked.
        assert_eq!(ids(found.2), ["port-a", "port-b", "port-d"]);
        assert_eq!(ids(found.3), ["port-e"]);

        // Replacing the first organization's audiences leaves the other's alone.
        let fb = b.clone();
        write(&store, move |tx| {
            tx.replace_frozen(&org(), &[(pid("port-a"), to_org(), fb)])
        })
        .await;
        let (who, t) = (a.clone(), theirs.clone());
        let replaced = read(&store, move |tx| {
            Ok((
                tx.frozen_audience(&pid("port-a"), &to_org())?,
                tx.frozen_audience(&pid("port-d"), &to_ou("ou-abcd-apps0000"))?,
                tx.frozen_audience(&pid("port-b"), &t)?,
                tx.frozen_shares_for("us-east-1", &who)?,
            ))
        })
        .await;
        assert_eq!(
            (replaced.0, replaced.1, replaced.2),
            (vec![b.clone()], vec![], vec![a.clone()])
        );
        assert_eq!(ids(replaced.3), ["port-b"]);

        // A deleted share takes its audience along; a new share of the same target starts empty.
        write(&store, |tx| {
            tx.delete_share(&pid("port-a"), &to_org())?;
            tx.insert_share(&share("port-a", to_org()))
        })
        .await;
        let gone = read(&store, move |tx| {
            Ok((
                tx.frozen_audience(&pid("port-a"), &to_org())?,
                tx.frozen_shares_for("us-east-1", &b)?.len(),
            ))
        })
        .await;
        assert_eq!(gone, (vec![], 0));
        // Replacing with nothing thaws an organization (trusted access enabled again).
        let t = theirs.clone();
        let thawed = write(&store, move |tx| {
            tx.replace_frozen(&OrgId::parse("o-bbbbbbbbbb").unwrap(), &[])?;
            Ok((
                tx.frozen_audience(&pid("port-b"), &t)?,
                tx.frozen_shares_for("us-east-1", &a)?,
            ))
        })
        .await;
        assert_eq!(thawed, (vec![], vec![]));
    })
    .await;
}

#[tokio::test]
async fn members_rejections_of_organization_shares() {
    each_engine(|store| async move {
        let (a, b) = (acct(444_444_444_444), acct(555_555_555_555));
        let (ra, rb) = (a.clone(), b.clone());
        write(&store, move |tx| {
            tx.set_org_rejection(&pid("port-z"), &rb, true)?;
            tx.set_org_rejection(&pid("port-z"), &ra, true)?;
            tx.set_org_rejection(&pid("port-z"), &ra, true)?;
            tx.set_org_rejection(&pid("port-a"), &rb, true)?;
            tx.set_org_rejection(&pid("port-y"), &ra, true)?;
            tx.set_org_rejection(&pid("port-y"), &ra, false)?;
            // Clearing what was never recorded changes nothing.
            tx.set_org_rejection(&pid("port-x"), &ra, false)
        })
        .await;
        let (ra, rb) = (a.clone(), b.clone());
        let found = read(&store, move |tx| {
            Ok((
                tx.org_rejecters(&pid("port-z"))?,
                tx.org_rejecters(&pid("port-y"))?,
                tx.org_rejections(&rb)?
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>(),
                tx.org_rejections(&ra)?
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>(),
            ))
        })
        .await;
        let expected: (Vec<AccountId>, Vec<AccountId>, Vec<String>, Vec<String>) = (
            vec![a, b],
            vec![],
            vec!["port-a".into(), "port-z".into()],
            vec!["port-z".into()],
        );
        assert_eq!(found, expected);
    })
    .await;
}

#[tokio::test]
async fn share_operations_round_trip_and_progress() {
    each_engine(|store| async move {
        let actions = [OpAction::Create, OpAction::Update, OpAction::Delete];
        let statuses = [
            OpStatus::NotStarted,
            OpStatus::InProgress,
            OpStatus::Completed,
            OpStatus::CompletedWithErrors,
            OpStatus::Error,
        ];
        let mut ops = Vec::new();
        for (i, status) in statuses.into_iter().enumerate() {
            let target = if i == 0 {
                to_account(222_222_222_222)
            } else {
                to_ou("ou-abcd-apps0000")
            };
            ops.push(ShareOpRecord {
                action: actions[i % 3],
                status,
                cursor: i64::try_from(i).unwrap() * 100,
                total: (i > 1).then_some(7),
                ..op(&format!("share-op{i}"), &format!("port-{i}"), target)
            });
        }
        let stored = ops.clone();
        write(&store, move |tx| {
            stored.iter().try_for_each(|o| tx.insert_share_op(o))
        })
        .await;
        let found = read(&store, |tx| {
            let mut out = Vec::new();
            for i in 0..5 {
                out.push((
                    tx.share_op(&token(&format!("share-op{i}")))?,
                    tx.unfinished_share_op(&pid(&format!("port-{i}")))?,
                ));
            }
            out.push((
                tx.share_op(&token("share-missing"))?,
                tx.unfinished_share_op(&pid("port-none"))?,
            ));
            Ok(out)
        })
        .await;
        let mut expected: Vec<_> = ops
            .iter()
            .map(|o| (Some(o.clone()), !o.status.is_terminal()))
            .collect();
        expected.push((None, false));
        assert_eq!(
            found, expected,
            "NOT_STARTED and IN_PROGRESS are unfinished"
        );

        write(&store, |tx| {
            tx.set_op_progress(
                &token("share-op0"),
                222_222_222_222,
                3,
                OpStatus::InProgress,
            )?;
            tx.set_op_status(&token("share-op1"), OpStatus::Completed)
        })
        .await;
        let after = read(&store, |tx| {
            Ok((
                tx.share_op(&token("share-op0"))?,
                tx.share_op(&token("share-op1"))?,
                tx.unfinished_share_op(&pid("port-0"))?,
                tx.unfinished_share_op(&pid("port-1"))?,
            ))
        })
        .await;
        let progressed = ShareOpRecord {
            cursor: 222_222_222_222,
            total: Some(3),
            status: OpStatus::InProgress,
            ..ops[0].clone()
        };
        let completed = ShareOpRecord {
            status: OpStatus::Completed,
            ..ops[1].clone()
        };
        assert_eq!(after, (Some(progressed), Some(completed), true, false));
    })
    .await;
}

#[tokio::test]
async fn the_first_outcome_of_an_account_stands_and_counts_once() {
    each_engine(|store| async move {
        write(&store, |tx| {
            tx.insert_share_op(&op("share-one", "port-a", to_org()))?;
            tx.insert_share_op(&op("share-two", "port-b", to_org()))?;
            tx.record_outcomes(
                &token("share-one"),
                &[outcome(5, None), outcome(3, Some("ThrottlingException"))],
            )?;
            // A resumed step records the same accounts again, with other results: ignored.
            tx.record_outcomes(
                &token("share-one"),
                &[
                    outcome(3, None),
                    outcome(5, Some("AccessDenied")),
                    outcome(4, None),
                ],
            )?;
            tx.record_outcomes(&token("share-two"), &[outcome(3, None)])
        })
        .await;
        let found = read(&store, |tx| {
            Ok((
                tx.op_outcomes(&token("share-one"))?,
                tx.op_counts(&token("share-one"))?,
                tx.op_counts(&token("share-two"))?,
                tx.op_counts(&token("share-none"))?,
                [
                    tx.failed_in(&token("share-one"), &acct(3))?,
                    tx.failed_in(&token("share-one"), &acct(5))?,
                    tx.failed_in(&token("share-two"), &acct(3))?,
                    tx.failed_in(&token("share-one"), &acct(9))?,
                ],
            ))
        })
        .await;
        let outcomes = vec![
            outcome(3, Some("ThrottlingException")),
            outcome(4, None),
            outcome(5, None),
        ];
        assert_eq!(
            found,
            (
                outcomes,
                (3, 1),
                (1, 0),
                (0, 0),
                [true, false, false, false]
            )
        );
    })
    .await;
}

#[tokio::test]
async fn share_faults_are_replaced_wholesale() {
    each_engine(|store| async move {
        let fault = |n: u64, error: &str| ShareFault {
            account: acct(n),
            error: error.into(),
            message: format!("{error} injected for {n}"),
        };
        let first = vec![
            fault(7, "ThrottlingException"),
            fault(2, "AccessDeniedException"),
        ];
        let stored = first.clone();
        write(&store, move |tx| tx.set_share_faults(&stored)).await;
        let mut found = read(&store, |tx| tx.share_faults()).await;
        found.sort_by(|a, b| a.account.cmp(&b.account));
        assert_eq!(found, [first[1].clone(), first[0].clone()]);
        let second = vec![fault(9, "InternalServiceException")];
        let stored = second.clone();
        write(&store, move |tx| tx.set_share_faults(&stored)).await;
        assert_eq!(read(&store, |tx| tx.share_faults()).await, second);
        write(&store, |tx| tx.set_share_faults(&[])).await;
        assert_eq!(read(&store, |tx| tx.share_faults()).await, vec![]);
    })
    .await;
}
