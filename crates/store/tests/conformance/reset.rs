//! `Store::reset` wipes all state — every domain, the counts the engine keeps for the quota
//! included — and the store goes on working from empty.

use sclocal_core::ids::{OrgId, TagOptionId};
use std::sync::Arc;

use sclocal_core::store::{
    AccountOutcome, HandshakeTarget, JobKind, SessionRecord, ShareFault, Store,
};

use super::catalog_links::{constraint, link, tag_option};
use super::harness::{acct, each_engine, pid, portfolio, read, write};
use super::org_fixtures::{member, organization, ou, ou_id};
use super::org_records::{car, handshake, hs, request};
use super::products::{artifact, prod, product};
use super::share_ops::op;
use super::shares::{org, share, to_account, to_org, token};

/// One record of every kind the store keeps.
async fn one_of_everything(store: &Arc<dyn Store>) {
    let owner = acct(111_111_111_111);
    let who = acct(222_222_222_222);
    write(store, move |tx| {
        tx.insert_portfolio(&portfolio("port-a", &owner, "us-east-1"))?;
        tx.insert_session(&SessionRecord {
            access_key_id: "ASIARESET".into(),
            secret_access_key: "s".into(),
            session_token: "t".into(),
            account: who.clone(),
            principal_arn: "arn:aws:sts::222222222222:assumed-role/R/s".into(),
            expires_ms: 1,
            scoped_policies: 0,
            source_identity: None,
        })?;
        tx.insert_product(&product("prod-a", &owner))?;
        tx.insert_artifact(&artifact("pa-a", "prod-a"))?;
        tx.insert_link(&link("port-a", "prod-a", None))?;
        tx.insert_constraint(&constraint("cons-a", "port-a", "prod-a"))?;
        let tag = tag_option("tag-a", &owner, "k", "v");
        tx.insert_tag_option(&tag)?;
        tx.link_tag_option(&tag.id, "prod-a")?;
        tx.insert_share(&share("port-a", to_account(222_222_222_222)))?;
        tx.insert_share(&share("port-a", to_org()))?;
        let frozen = [(pid("port-a"), to_org(), who.clone())];
        tx.replace_frozen(&org(), &frozen)?;
        tx.set_org_rejection(&pid("port-a"), &who, true)?;
        tx.insert_share_op(&op("share-a", "port-a", to_org()))?;
        let outcome = AccountOutcome {
            account: who.clone(),
            error: None,
        };
        tx.record_outcomes(&token("share-a"), &[outcome])?;
        let fault = ShareFault {
            account: who.clone(),
            error: "ThrottlingException".into(),
            message: "m".into(),
        };
        tx.set_share_faults(&[fault])?;
        tx.insert_organization(&organization("o-aaaaaaaaaa", 111_111_111_111, "r-abcd"))?;
        tx.insert_ou(&ou("ou-abcd-apps0000", "o-aaaaaaaaaa", "r-abcd", ""))?;
        tx.put_account(&member(111_111_111_111, "o-aaaaaaaaaa", "r-abcd", ""))?;
        tx.put_create_account_request(&request(1, "o-aaaaaaaaaa"))?;
        let target = HandshakeTarget::Account(who.clone());
        tx.insert_handshake(&handshake(1, "o-aaaaaaaaaa", target))?;
        tx.set_org_tags("r-abcd", &[("k".into(), "v".into())])?;
        tx.enqueue_job(JobKind::ShareOperation, "share-a", 1)
    })
    .await;
}

#[tokio::test]
async fn reset_wipes_every_domain_and_the_store_goes_on_from_empty() {
    each_engine(|store| async move {
        one_of_everything(&store).await;
        store.reset().await.unwrap();

        let owner = acct(111_111_111_111);
        let left = read(&store, move |tx| {
            let o = OrgId::parse("o-aaaaaaaaaa").unwrap();
            let a = pid("port-a");
            Ok((
                [
                    tx.portfolio_count(&owner, "us-east-1")?,
                    tx.account_products(&owner, "us-east-1")?.len(),
                    tx.artifacts(&prod("prod-a"))?.len(),
                    tx.product_links(&prod("prod-a"))?.len(),
                    tx.portfolio_constraints(&a)?.len(),
                    tx.account_tag_options(&owner, "us-east-1")?.len(),
                    tx.tag_option_resources(&TagOptionId::parse("tag-a").unwrap())?
                        .len(),
                    tx.portfolio_shares(&a)?.len(),
                    tx.account_share_count(&a)?,
                    tx.frozen_audience(&a, &to_org())?.len(),
                    tx.org_rejecters(&a)?.len(),
                    tx.share_faults()?.len(),
                    tx.op_counts(&token("share-a"))?.0,
                ],
                [
                    tx.member_count(&o)?,
                    tx.ou_count(&o)?,
                    tx.create_account_requests(&o)?.len(),
                    tx.org_handshakes(&o)?.len(),
                    tx.org_tags("r-abcd")?.len(),
                    tx.job_count()?,
                ],
                (
                    tx.session("ASIARESET")?,
                    tx.organization(&o)?,
                    tx.ou(&ou_id("ou-abcd-apps0000"))?,
                    tx.create_account_request(&car(1))?,
                    tx.handshake(&hs(1))?,
                    tx.next_job_due()?,
                    tx.share_op(&token("share-a"))?,
                ),
            ))
        })
        .await;
        assert_eq!(
            left,
            ([0; 13], [0; 6], (None, None, None, None, None, None, None))
        );

        // The store goes on from empty: the quota count starts again from nothing.
        let owner = acct(111_111_111_111);
        let again = write(&store, move |tx| {
            tx.insert_portfolio(&portfolio("port-a", &owner, "us-east-1"))?;
            tx.insert_share(&share("port-a", to_account(333_333_333_333)))?;
            tx.record_outcomes(
                &token("share-a"),
                &[AccountOutcome {
                    account: owner,
                    error: None,
                }],
            )?;
            Ok((
                tx.account_share_count(&pid("port-a"))?,
                tx.op_counts(&token("share-a"))?,
            ))
        })
        .await;
        assert_eq!(again, (1, (1, 0)));
    })
    .await;
}
