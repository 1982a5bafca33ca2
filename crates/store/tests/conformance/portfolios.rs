//! Portfolios and sessions: records round-trip, lookups are scoped to their region (and
//! owner), idempotency tokens and counts back core's idempotency and quota rules, and the
//! two listings page through everything exactly once in creation order.

use sclocal_core::store::{Page, PortfolioRecord, SessionRecord};

use super::harness::{acct, each_engine, every_page, pid, portfolio, read, write};

fn ids(portfolios: &[PortfolioRecord]) -> Vec<String> {
    portfolios.iter().map(|p| p.id.to_string()).collect()
}

#[tokio::test]
async fn portfolios_round_trip_update_and_delete() {
    each_engine(|store| async move {
        let owner = acct(111_111_111_111);
        let p = portfolio("port-aaaaaaaaaaaaa", &owner, "us-east-1");
        let bare = PortfolioRecord {
            id: pid("port-bare"),
            description: None,
            tags: vec![],
            idempotency_token: None,
            ..portfolio("port-bare", &owner, "us-east-1")
        };
        let (a, b) = (p.clone(), bare.clone());
        write(&store, move |tx| {
            tx.insert_portfolio(&a)?;
            tx.insert_portfolio(&b)
        })
        .await;
        let found = read(&store, |tx| {
            Ok((
                tx.portfolio("us-east-1", &pid("port-aaaaaaaaaaaaa"))?,
                tx.portfolio("us-east-1", &pid("port-bare"))?,
                tx.portfolio("eu-west-1", &pid("port-aaaaaaaaaaaaa"))?,
                tx.portfolio("us-east-1", &pid("port-missing"))?,
            ))
        })
        .await;
        assert_eq!(found, (Some(p.clone()), Some(bare), None, None));

        // The mutable fields change; the others are not the update's to change.
        let changed = PortfolioRecord {
            display_name: "Renamed".into(),
            description: None,
            provider_name: "Another team".into(),
            tags: vec![("cost".into(), "43".into()), ("new".into(), "x".into())],
            ..p.clone()
        };
        let attempt = PortfolioRecord {
            arn: "arn:aws:catalog:us-east-1:999999999999:portfolio/other".into(),
            created_ms: 5,
            idempotency_token: Some("other".into()),
            ..changed.clone()
        };
        write(&store, move |tx| tx.update_portfolio(&attempt)).await;
        let id = p.id.clone();
        let updated = read(&store, move |tx| tx.portfolio("us-east-1", &id)).await;
        assert_eq!(updated, Some(changed));

        let deleted = write(&store, |tx| {
            Ok((
                tx.delete_portfolio("eu-west-1", &pid("port-aaaaaaaaaaaaa"))?,
                tx.delete_portfolio("us-east-1", &pid("port-aaaaaaaaaaaaa"))?,
                tx.delete_portfolio("us-east-1", &pid("port-aaaaaaaaaaaaa"))?,
            ))
        })
        .await;
        assert_eq!(deleted, (false, true, false));
        let gone = read(&store, |tx| {
            tx.portfolio("us-east-1", &pid("port-aaaaaaaaaaaaa"))
        })
        .await;
        assert_eq!(gone, None);
    })
    .await;
}

#[tokio::test]
async fn tokens_and_counts_are_per_owner_and_region() {
    each_engine(|store| async move {
        let (one, two) = (acct(111_111_111_111), acct(222_222_222_222));
        let mut rows = vec![
            portfolio("port-1", &one, "us-east-1"),
            portfolio("port-2", &one, "us-east-1"),
            portfolio("port-3", &one, "eu-west-1"),
            portfolio("port-4", &two, "us-east-1"),
        ];
        // Every one of them created with the same token.
        for p in &mut rows {
            p.idempotency_token = Some("same".into());
        }
        rows[1].idempotency_token = Some("other".into());
        let stored = rows.clone();
        write(&store, move |tx| {
            stored.iter().try_for_each(|p| tx.insert_portfolio(p))
        })
        .await;
        let (a, b) = (one.clone(), two.clone());
        let found = read(&store, move |tx| {
            Ok((
                tx.portfolio_by_token(&a, "us-east-1", "same")?,
                tx.portfolio_by_token(&a, "us-east-1", "other")?,
                tx.portfolio_by_token(&a, "eu-west-1", "same")?,
                tx.portfolio_by_token(&b, "us-east-1", "same")?,
                tx.portfolio_by_token(&b, "us-east-1", "other")?,
            ))
        })
        .await;
        let expected = (
            Some(rows[0].clone()),
            Some(rows[1].clone()),
            Some(rows[2].clone()),
            Some(rows[3].clone()),
            None,
        );
        assert_eq!(found, expected);
        let counts = read(&store, move |tx| {
            Ok([
                tx.portfolio_count(&one, "us-east-1")?,
                tx.portfolio_count(&one, "eu-west-1")?,
                tx.portfolio_count(&two, "us-east-1")?,
                tx.portfolio_count(&two, "eu-west-1")?,
            ])
        })
        .await;
        assert_eq!(counts, [2, 1, 1, 0]);
    })
    .await;
}

#[tokio::test]
async fn portfolio_listings_page_through_everything_once_in_creation_order() {
    each_engine(|store| async move {
        let (one, two) = (acct(111_111_111_111), acct(222_222_222_222));
        // Ids that sort differently from their creation order, interleaved across scopes.
        let mut mine = Vec::new();
        let mut everything = Vec::new();
        for i in 0..23 {
            let id = format!("port-{:02}", 99 - i);
            let (owner, region) = match i % 3 {
                0 => (&one, "us-east-1"),
                1 => (&two, "us-east-1"),
                _ => (&one, "eu-west-1"),
            };
            if i % 3 == 0 {
                mine.push(id.clone());
            }
            everything.push(id.clone());
            let p = portfolio(&id, owner, region);
            write(&store, move |tx| tx.insert_portfolio(&p)).await;
        }
        for limit in [1, 2, 3, 8, 23, 100] {
            let owner = one.clone();
            let of = every_page(&store, limit, move |tx, after| {
                tx.portfolios_of(&owner, "us-east-1", after, limit)
            })
            .await;
            assert_eq!(ids(&of), mine, "portfolios_of by {limit}");
            let all = every_page(&store, limit, move |tx, after| {
                tx.all_portfolios(after, limit)
            })
            .await;
            assert_eq!(ids(&all), everything, "all_portfolios by {limit}");
        }
        let none = read(&store, |tx| {
            tx.portfolios_of(&acct(333_333_333_333), "us-east-1", None, 10)
        })
        .await;
        assert_eq!(
            none,
            Page {
                items: vec![],
                next: None
            }
        );
    })
    .await;
}

#[tokio::test]
async fn sessions_round_trip() {
    each_engine(|store| async move {
        let s = SessionRecord {
            access_key_id: "ASIAEXAMPLE".into(),
            secret_access_key: "secret".into(),
            session_token: "token".into(),
            account: acct(222_222_222_222),
            principal_arn: "arn:aws:sts::222222222222:assumed-role/Admin/s1".into(),
            expires_ms: 1_700_000_900_000,
            scoped_policies: 2,
            source_identity: Some("alice".into()),
        };
        let stored = s.clone();
        write(&store, move |tx| tx.insert_session(&stored)).await;
        let found = read(&store, |tx| {
            Ok((tx.session("ASIAEXAMPLE")?, tx.session("ASIAOTHER")?))
        })
        .await;
        assert_eq!(found, (Some(s), None));
    })
    .await;
}
