//! Organizations' records: CreateAccount requests and handshakes round-trip every field and
//! enum value; trusted access, delegated administrators and tags follow their documented
//! semantics; and deleting an organization takes everything of it and leaves its accounts
//! standalone.

use sclocal_api::organizations::{
    CreateAccountFailureReason, CreateAccountState, HandshakeState, OrganizationFeatureSet,
};
use sclocal_core::ids::{CreateAccountRequestId, HandshakeId};
use sclocal_core::store::{
    CreateAccountRecord, DelegatedAdminRecord, HandshakeRecord, HandshakeTarget,
    ServiceAccessRecord, SERVICE_CATALOG_PRINCIPAL,
};

use super::harness::{acct, each_engine, read, write};
use super::org_fixtures::org_id;

pub fn request(n: u32, org: &str) -> CreateAccountRecord {
    CreateAccountRecord {
        id: CreateAccountRequestId::parse(&format!("car-{n:08}")).unwrap(),
        org_id: org_id(org),
        account_name: format!("new {n}"),
        email: format!("new{n}@example.com"),
        state: CreateAccountState::IN_PROGRESS,
        requested_ms: 1_000 + i64::from(n),
        completed_ms: None,
        account_id: None,
        failure_reason: None,
        tags: vec![("b".into(), "2".into()), ("a".into(), "1".into())],
    }
}

pub fn handshake(n: u32, org: &str, target: HandshakeTarget) -> HandshakeRecord {
    HandshakeRecord {
        id: HandshakeId::parse(&format!("h-{n:08}")).unwrap(),
        org_id: org_id(org),
        target,
        state: HandshakeState::OPEN,
        requested_ms: 2_000,
        expires_ms: 3_000,
        notes: Some("join us".into()),
        tags: vec![("z".into(), "26".into()), ("y".into(), "25".into())],
        management_account: acct(111_111_111_111),
        master_email: "boss@example.com".into(),
        master_name: "Boss".into(),
        feature_set: OrganizationFeatureSet::CONSOLIDATED_BILLING,
    }
}

pub fn car(n: u32) -> CreateAccountRequestId {
    CreateAccountRequestId::parse(&format!("car-{n:08}")).unwrap()
}

pub fn hs(n: u32) -> HandshakeId {
    HandshakeId::parse(&format!("h-{n:08}")).unwrap()
}

#[tokio::test]
async fn create_account_requests_round_trip_and_are_replaced_by_id() {
    each_engine(|store| async move {
        let mut requests = vec![request(1, "o-aaaaaaaaaa"), request(2, "o-bbbbbbbbbb")];
        // Every state and failure reason survives the round trip.
        for (n, reason) in (10..).zip(CreateAccountFailureReason::ALL) {
            requests.push(CreateAccountRecord {
                state: CreateAccountState::FAILED,
                completed_ms: Some(9_000),
                failure_reason: Some(*reason),
                tags: vec![],
                ..request(n, "o-aaaaaaaaaa")
            });
        }
        let stored = requests.clone();
        write(&store, move |tx| {
            stored
                .iter()
                .try_for_each(|r| tx.put_create_account_request(r))
        })
        .await;
        let ids: Vec<_> = requests.iter().map(|r| r.id.clone()).collect();
        let found = read(&store, move |tx| {
            ids.iter()
                .map(|id| tx.create_account_request(id))
                .collect::<Result<Vec<_>, _>>()
        })
        .await;
        assert_eq!(
            found,
            requests.iter().cloned().map(Some).collect::<Vec<_>>()
        );
        // Replaced whole: the request succeeds and names its account.
        let done = CreateAccountRecord {
            account_name: "renamed".into(),
            tags: vec![("c".into(), "3".into())],
            state: CreateAccountState::SUCCEEDED,
            completed_ms: Some(5_000),
            account_id: Some(acct(123_456_789_012)),
            ..requests[0].clone()
        };
        let stored = done.clone();
        write(&store, move |tx| tx.put_create_account_request(&stored)).await;
        let (one, of_a, of_b, missing) = read(&store, |tx| {
            Ok((
                tx.create_account_request(&car(1))?,
                tx.create_account_requests(&org_id("o-aaaaaaaaaa"))?,
                tx.create_account_requests(&org_id("o-bbbbbbbbbb"))?,
                tx.create_account_request(&car(99))?,
            ))
        })
        .await;
        assert_eq!(one, Some(done.clone()));
        let mut expected_a = vec![done];
        expected_a.extend(requests[2..].iter().cloned());
        assert_eq!(
            of_a, expected_a,
            "in request order, the replaced one in its place"
        );
        assert_eq!((of_b, missing), (vec![requests[1].clone()], None));
    })
    .await;
}

#[tokio::test]
async fn handshakes_round_trip_and_are_found_by_sender_and_recipient() {
    each_engine(|store| async move {
        let to_account = HandshakeTarget::Account(acct(444_444_444_444));
        let to_email = HandshakeTarget::Email("invitee@example.com".into());
        let mut sent = vec![
            handshake(1, "o-aaaaaaaaaa", to_account.clone()),
            handshake(2, "o-bbbbbbbbbb", to_email.clone()),
            handshake(
                3,
                "o-aaaaaaaaaa",
                HandshakeTarget::Account(acct(555_555_555_555)),
            ),
        ];
        for (n, state) in (10..).zip(HandshakeState::ALL) {
            sent.push(HandshakeRecord {
                state: *state,
                notes: None,
                tags: vec![],
                feature_set: OrganizationFeatureSet::ALL,
                ..handshake(n, "o-aaaaaaaaaa", to_email.clone())
            });
        }
        let stored = sent.clone();
        write(&store, move |tx| {
            stored.iter().try_for_each(|h| tx.insert_handshake(h))
        })
        .await;
        let ids: Vec<_> = sent.iter().map(|h| h.id.clone()).collect();
        let found = read(&store, move |tx| {
            ids.iter()
                .map(|id| tx.handshake(id))
                .collect::<Result<Vec<_>, _>>()
        })
        .await;
        assert_eq!(found, sent.iter().cloned().map(Some).collect::<Vec<_>>());

        let keys =
            |hs: Vec<HandshakeRecord>| hs.into_iter().map(|h| h.id.to_string()).collect::<Vec<_>>();
        let (of_a, received, by_id_only) = read(&store, |tx| {
            Ok((
                tx.org_handshakes(&org_id("o-aaaaaaaaaa"))?,
                tx.received_handshakes(&acct(444_444_444_444), "invitee@example.com")?,
                tx.received_handshakes(&acct(555_555_555_555), "other@example.com")?,
            ))
        })
        .await;
        let mut expected_a = vec!["h-00000001".to_string(), "h-00000003".into()];
        expected_a.extend((10..16).map(|n| format!("h-{n:08}")));
        assert_eq!(keys(of_a), expected_a);
        let mut expected_received = vec!["h-00000001".to_string(), "h-00000002".into()];
        expected_received.extend((10..16).map(|n| format!("h-{n:08}")));
        assert_eq!(keys(received), expected_received);
        assert_eq!(keys(by_id_only), ["h-00000003"]);

        write(&store, |tx| {
            tx.set_handshake_state(&hs(1), HandshakeState::ACCEPTED)
        })
        .await;
        let accepted = read(&store, |tx| tx.handshake(&hs(1))).await;
        let expected = HandshakeRecord {
            state: HandshakeState::ACCEPTED,
            ..sent[0].clone()
        };
        assert_eq!(accepted, Some(expected));
    })
    .await;
}

#[tokio::test]
async fn trusted_access_and_delegated_administrators() {
    each_engine(|store| async move {
        let (a, b) = (org_id("o-aaaaaaaaaa"), org_id("o-bbbbbbbbbb"));
        let sc = SERVICE_CATALOG_PRINCIPAL;
        let changed = write(&store, move |tx| {
            Ok([
                tx.set_service_access(&a, sc, Some(10))?,
                tx.set_service_access(&a, "ram.amazonaws.com", Some(20))?,
                // Enabling again keeps the first date and changes nothing.
                tx.set_service_access(&a, sc, Some(30))?,
                tx.set_service_access(&b, "ram.amazonaws.com", None)?,
            ])
        })
        .await;
        assert_eq!(changed, [true, true, false, false]);
        let (a, b) = (org_id("o-aaaaaaaaaa"), org_id("o-bbbbbbbbbb"));
        let access = read(&store, move |tx| {
            Ok((
                tx.service_access(&a)?,
                tx.service_access_enabled(&a, sc)?,
                tx.service_access_enabled(&b, sc)?,
            ))
        })
        .await;
        let enabled = |principal: &str, enabled_ms| ServiceAccessRecord {
            principal: principal.into(),
            enabled_ms,
        };
        let expected = vec![enabled(sc, 10), enabled("ram.amazonaws.com", 20)];
        assert_eq!(access, (expected, true, false));
        let a = org_id("o-aaaaaaaaaa");
        let disabled = write(&store, move |tx| {
            Ok((
                tx.set_service_access(&a, sc, None)?,
                tx.set_service_access(&a, sc, None)?,
                tx.service_access_enabled(&a, sc)?,
            ))
        })
        .await;
        assert_eq!(disabled, (true, false, false));

        let admin = |n: u64, principal: &str, enabled_ms| DelegatedAdminRecord {
            account: acct(n),
            principal: principal.into(),
            enabled_ms,
        };
        let (a, b) = (org_id("o-aaaaaaaaaa"), org_id("o-bbbbbbbbbb"));
        let rows = [
            admin(2, sc, 1),
            admin(3, sc, 2),
            admin(2, "ram.amazonaws.com", 3),
        ];
        let stored = rows.clone();
        write(&store, move |tx| {
            stored
                .iter()
                .try_for_each(|d| tx.insert_delegated_admin(&a, d))?;
            // A registration that exists is kept as it was.
            tx.insert_delegated_admin(&a, &admin(2, sc, 99))?;
            tx.insert_delegated_admin(&b, &admin(4, sc, 5))
        })
        .await;
        let (a, b) = (org_id("o-aaaaaaaaaa"), org_id("o-bbbbbbbbbb"));
        let admins = read(&store, move |tx| {
            Ok((
                tx.delegated_admins(&a)?,
                tx.is_delegated_admin(&a, &acct(3), sc)?,
                tx.is_delegated_admin(&a, &acct(3), "ram.amazonaws.com")?,
                tx.is_delegated_admin(&b, &acct(3), sc)?,
            ))
        })
        .await;
        assert_eq!(admins, (rows.to_vec(), true, false, false));
        let a = org_id("o-aaaaaaaaaa");
        let removed = write(&store, move |tx| {
            Ok((
                tx.delete_delegated_admin(&a, &acct(2), sc)?,
                tx.delete_delegated_admin(&a, &acct(2), sc)?,
                tx.delegated_admins(&a)?.len(),
            ))
        })
        .await;
        assert_eq!(removed, (true, false, 2));
    })
    .await;
}

#[tokio::test]
async fn org_tags_are_replaced_keeping_the_place_of_the_keys_that_stay() {
    each_engine(|store| async move {
        let tags = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
            pairs
                .iter()
                .map(|(k, v)| ((*k).into(), (*v).into()))
                .collect()
        };
        let first = tags(&[("b", "1"), ("a", "2"), ("c", "3")]);
        let second = tags(&[("c", "30"), ("d", "4"), ("b", "1")]);
        write(&store, move |tx| {
            tx.set_org_tags("111111111111", &first)?;
            tx.set_org_tags("r-abcd", &[("k".into(), "v".into())])?;
            tx.set_org_tags("111111111111", &second)
        })
        .await;
        let found = read(&store, |tx| {
            Ok((
                tx.org_tags("111111111111")?,
                tx.org_tags("r-abcd")?,
                tx.org_tags("r-none")?,
            ))
        })
        .await;
        // "a" is gone; "b" and "c" keep their places, "c" with its new value; "d" comes last.
        let expected = (
            tags(&[("b", "1"), ("c", "30"), ("d", "4")]),
            tags(&[("k", "v")]),
            vec![],
        );
        assert_eq!(found, expected);
        write(&store, |tx| tx.set_org_tags("111111111111", &[])).await;
        let cleared = read(&store, |tx| tx.org_tags("111111111111")).await;
        assert_eq!(cleared, vec![]);
    })
    .await;
}
