//! Deleting an organization: everything of it goes (OUs, CreateAccount requests, handshakes,
//! trusted access, delegated administrators, root and OU tags), its accounts stay known as
//! standalone accounts with their own tags, and another organization keeps everything.

use std::sync::Arc;

use sclocal_core::store::{
    DelegatedAdminRecord, HandshakeTarget, Store, SERVICE_CATALOG_PRINCIPAL,
};

use super::harness::{acct, each_engine, read, write};
use super::org_fixtures::{member, org_id, organization, ou, ou_id};
use super::org_records::{car, handshake, hs, request};

const SC: &str = SERVICE_CATALOG_PRINCIPAL;

/// Organization `org` (root `root`, management account `n` × 111111111111) with an OU, a
/// member in it, a request, a handshake, trusted access, a delegated administrator and tags
/// on its root, its OU and its member.
async fn one_of_everything(store: &Arc<dyn Store>, org: &'static str, root: &'static str, n: u64) {
    let unit = format!("ou-{}-unit0000", &root[2..]);
    write(store, move |tx| {
        let id = org_id(org);
        let management = n * 111_111_111_111;
        tx.insert_organization(&organization(org, management, root))?;
        tx.insert_ou(&ou(&unit, org, root, ""))?;
        tx.put_account(&member(management, org, root, ""))?;
        tx.put_account(&member(management + 1, org, &unit, &format!("{unit}/")))?;
        let n = u32::try_from(n).unwrap();
        tx.put_create_account_request(&request(n, org))?;
        let target = HandshakeTarget::Account(acct(999_999_999_999));
        tx.insert_handshake(&handshake(n, org, target))?;
        tx.set_service_access(&id, SC, Some(1))?;
        let admin = DelegatedAdminRecord {
            account: acct(management + 1),
            principal: SC.into(),
            enabled_ms: 1,
        };
        tx.insert_delegated_admin(&id, &admin)?;
        for resource in [
            root.to_string(),
            unit.clone(),
            acct(management + 1).to_string(),
        ] {
            tx.set_org_tags(&resource, &[("k".into(), resource.clone())])?;
        }
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn deleting_an_organization_takes_everything_of_it_and_frees_its_accounts() {
    each_engine(|store| async move {
        // Two organizations with one of everything each; only the first is deleted.
        one_of_everything(&store, "o-aaaaaaaaaa", "r-abcd", 1).await;
        one_of_everything(&store, "o-bbbbbbbbbb", "r-bcde", 2).await;
        write(&store, |tx| {
            tx.delete_organization(&organization("o-aaaaaaaaaa", 111_111_111_111, "r-abcd"))
        })
        .await;

        let gone = read(&store, |tx| {
            let a = org_id("o-aaaaaaaaaa");
            Ok((
                tx.organization(&a)?.is_none() && tx.ou(&ou_id("ou-abcd-unit0000"))?.is_none(),
                tx.ou_count(&a)? + tx.member_count(&a)? + tx.accounts_under(&a, None)?.len(),
                tx.create_account_request(&car(1))?.is_none() && tx.handshake(&hs(1))?.is_none(),
                tx.create_account_requests(&a)?.len() + tx.org_handshakes(&a)?.len(),
                tx.service_access(&a)?.len() + tx.delegated_admins(&a)?.len(),
                tx.service_access_enabled(&a, SC)?
                    || tx.is_delegated_admin(&a, &acct(111_111_111_112), SC)?,
                tx.org_tags("r-abcd")?.len() + tx.org_tags("ou-abcd-unit0000")?.len(),
            ))
        })
        .await;
        assert_eq!(gone, (true, 0, true, 0, 0, false, 0));
        // Its accounts stay known, standalone, with their own tags.
        let freed = read(&store, |tx| {
            Ok((
                tx.account(&acct(111_111_111_112))?
                    .map(|a| (a.placement, a.name)),
                tx.membership(&acct(111_111_111_112))?,
                tx.organization_of(&acct(111_111_111_111))?,
                tx.email_exists("a111111111112@example.com")?,
                tx.org_tags("111111111112")?,
            ))
        })
        .await;
        let tag = vec![("k".to_string(), "111111111112".to_string())];
        assert_eq!(
            freed,
            (
                Some((None, "account 111111111112".into())),
                None,
                None,
                true,
                tag
            )
        );
        // The other organization keeps everything.
        let kept = read(&store, |tx| {
            let b = org_id("o-bbbbbbbbbb");
            Ok((
                tx.organization(&b)?.is_some(),
                (tx.ou_count(&b)?, tx.member_count(&b)?),
                (
                    tx.create_account_requests(&b)?.len(),
                    tx.org_handshakes(&b)?.len(),
                ),
                (tx.service_access(&b)?.len(), tx.delegated_admins(&b)?.len()),
                (
                    tx.org_tags("r-bcde")?.len(),
                    tx.org_tags("ou-bcde-unit0000")?.len(),
                ),
            ))
        })
        .await;
        assert_eq!(kept, (true, (1, 2), (1, 1), (1, 1), (1, 1)));
    })
    .await;
}
