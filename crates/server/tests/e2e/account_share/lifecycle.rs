//! An account share's life: offered, accepted and seen by the recipient, repeated, updated and
//! deleted by the owner, and rejected by the recipient, before or after accepting.

use aws_sdk_servicecatalog::error::ProvideErrorMetadata;
use aws_sdk_servicecatalog::types::{PortfolioShareType, ShareStatus};

use super::{account_shares, imported, OWNER, RECIPIENT};
use crate::helpers::{portfolio, spawn_app};

#[tokio::test]
async fn share_accept_and_see_it_as_the_recipient() {
    let app = spawn_app().await;
    let (owner, recipient) = (app.catalog(OWNER), app.catalog(RECIPIENT));
    let id = portfolio(&owner, "P").await;
    let out = owner
        .create_portfolio_share()
        .portfolio_id(&id)
        .account_id(RECIPIENT)
        .share_tag_options(true)
        .share_principals(false)
        .send()
        .await
        .unwrap();
    assert_eq!(
        out.portfolio_share_token(),
        None,
        "account shares have no token"
    );
    assert_eq!(
        account_shares(&owner, &id).await,
        [(RECIPIENT.to_string(), false, true, false)]
    );
    let access = owner
        .list_portfolio_access()
        .portfolio_id(&id)
        .send()
        .await
        .unwrap();
    assert_eq!(access.account_ids(), [RECIPIENT]);

    // Not visible before it is accepted.
    assert!(imported(&recipient, PortfolioShareType::Imported)
        .await
        .is_empty());
    let err = recipient
        .describe_portfolio()
        .id(&id)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(err.is_resource_not_found_exception());

    recipient
        .accept_portfolio_share()
        .portfolio_id(&id)
        .send()
        .await
        .unwrap();
    recipient
        .accept_portfolio_share()
        .portfolio_id(&id)
        .send()
        .await
        .unwrap(); // again: a no-op
    let arn = format!("arn:aws:catalog:us-east-1:{OWNER}:portfolio/{id}");
    assert_eq!(
        imported(&recipient, PortfolioShareType::Imported).await,
        std::slice::from_ref(&arn)
    );
    assert!(imported(&recipient, PortfolioShareType::AwsServicecatalog)
        .await
        .is_empty());
    assert_eq!(
        account_shares(&owner, &id).await,
        [(RECIPIENT.to_string(), true, true, false)]
    );
    let seen = recipient.describe_portfolio().id(&id).send().await.unwrap();
    assert_eq!(seen.portfolio_detail().unwrap().arn(), Some(arn.as_str()));

    // An imported portfolio stays the owner's: not listed, not changed, not re-shared.
    assert!(recipient
        .list_portfolios()
        .send()
        .await
        .unwrap()
        .portfolio_details()
        .is_empty());
    let e = recipient
        .update_portfolio()
        .id(&id)
        .display_name("x")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(e.is_resource_not_found_exception());
    let e = recipient
        .delete_portfolio()
        .id(&id)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(e.is_resource_not_found_exception());
    let e = recipient
        .create_portfolio_share()
        .portfolio_id(&id)
        .account_id("333333333333")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(e.is_resource_not_found_exception());
}

#[tokio::test]
async fn repeats_updates_and_deletes() {
    let app = spawn_app().await;
    let owner = app.catalog(OWNER);
    let id = portfolio(&owner, "P").await;
    owner
        .create_portfolio_share()
        .portfolio_id(&id)
        .account_id(RECIPIENT)
        .share_tag_options(true)
        .send()
        .await
        .unwrap();
    // A repeat is a no-op and does not change the flags (that is UpdatePortfolioShare's job).
    owner
        .create_portfolio_share()
        .portfolio_id(&id)
        .account_id(RECIPIENT)
        .share_tag_options(false)
        .send()
        .await
        .unwrap();
    assert_eq!(
        account_shares(&owner, &id).await,
        [(RECIPIENT.to_string(), false, true, false)]
    );

    let updated = owner
        .update_portfolio_share()
        .portfolio_id(&id)
        .account_id(RECIPIENT)
        .share_tag_options(false)
        .send()
        .await
        .unwrap();
    let token = updated.portfolio_share_token().unwrap().to_string();
    assert!(token.starts_with("share-") && token.len() == 19, "{token}");
    assert_eq!(updated.status(), Some(&ShareStatus::Completed));
    assert_eq!(
        account_shares(&owner, &id).await,
        [(RECIPIENT.to_string(), false, false, false)]
    );
    let status = owner
        .describe_portfolio_share_status()
        .portfolio_share_token(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(status.status(), Some(&ShareStatus::Completed));
    assert_eq!(status.portfolio_id(), Some(id.as_str()));

    let e = owner
        .delete_portfolio()
        .id(&id)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(e.is_resource_in_use_exception(), "{e:?}");

    let deleted = owner
        .delete_portfolio_share()
        .portfolio_id(&id)
        .account_id(RECIPIENT)
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.portfolio_share_token(), None);
    assert!(account_shares(&owner, &id).await.is_empty());
    // Deleting what is not there is not an error.
    owner
        .delete_portfolio_share()
        .portfolio_id(&id)
        .account_id(RECIPIENT)
        .send()
        .await
        .unwrap();
    let e = app
        .catalog(RECIPIENT)
        .accept_portfolio_share()
        .portfolio_id(&id)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(
        e.message(),
        Some(format!("Portfolio not found: {id}").as_str())
    );
    owner.delete_portfolio().id(&id).send().await.unwrap();
}

#[tokio::test]
async fn rejecting_withdraws_the_offer_or_the_import() {
    let app = spawn_app().await;
    let (owner, recipient) = (app.catalog(OWNER), app.catalog(RECIPIENT));
    let id = portfolio(&owner, "P").await;
    owner
        .create_portfolio_share()
        .portfolio_id(&id)
        .account_id(RECIPIENT)
        .send()
        .await
        .unwrap();
    recipient
        .reject_portfolio_share()
        .portfolio_id(&id)
        .send()
        .await
        .unwrap();
    assert!(account_shares(&owner, &id).await.is_empty());
    let e = recipient
        .reject_portfolio_share()
        .portfolio_id(&id)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(e.is_resource_not_found_exception());

    owner
        .create_portfolio_share()
        .portfolio_id(&id)
        .account_id(RECIPIENT)
        .send()
        .await
        .unwrap();
    recipient
        .accept_portfolio_share()
        .portfolio_id(&id)
        .send()
        .await
        .unwrap();
    recipient
        .reject_portfolio_share()
        .portfolio_id(&id)
        .send()
        .await
        .unwrap();
    assert!(imported(&recipient, PortfolioShareType::Imported)
        .await
        .is_empty());
    assert_eq!(
        account_shares(&owner, &id).await,
        [(RECIPIENT.to_string(), false, false, false)]
    );
}
