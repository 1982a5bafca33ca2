//! Who sees which provisioned products and records: SearchProvisionedProducts (default level
//! Account; SearchQuery terms, sorting, counting, paging), ScanProvisionedProducts (default
//! level User) and ListRecordHistory, across sessions of one role, another role and another
//! account.

use aws_sdk_servicecatalog::types::{AccessLevelFilter, AccessLevelFilterKey, SortOrder};
use aws_sdk_servicecatalog::Client;

use super::{account_level, associate, failure, launch, session, settled, world, OWNER};

fn level(key: AccessLevelFilterKey) -> AccessLevelFilter {
    AccessLevelFilter::builder().key(key).value("self").build()
}

async fn names(sc: &Client, key: Option<AccessLevelFilterKey>, query: &[&str]) -> Vec<String> {
    let mut call = sc
        .search_provisioned_products()
        .set_access_level_filter(key.map(level))
        .sort_by("name");
    if !query.is_empty() {
        call = call.filters(
            aws_sdk_servicecatalog::types::ProvisionedProductViewFilterBy::SearchQuery,
            query.iter().map(ToString::to_string).collect(),
        );
    }
    let out = call.send().await.unwrap();
    out.provisioned_products()
        .iter()
        .map(|p| p.name().unwrap().to_string())
        .collect()
}

/// Three products in one account: `alpha` by a session of role Dev (the world's), `beta` by
/// another session of Dev, `gamma` by a session of role Ops.
async fn three_products() -> super::World {
    let w = world(None).await;
    associate(&w.admin, &w.port, &format!("arn:aws:iam::{OWNER}:role/Ops")).await;
    let dev2 = {
        // A second session of role Dev.
        let out = w
            .app
            .sts(OWNER)
            .assume_role()
            .role_arn(format!("arn:aws:iam::{OWNER}:role/Dev"))
            .role_session_name("s2")
            .send()
            .await
            .unwrap();
        let c = out.credentials().unwrap();
        w.app.catalog_with(
            aws_sdk_servicecatalog::config::Credentials::new(
                c.access_key_id(),
                c.secret_access_key(),
                Some(c.session_token().to_string()),
                None,
                "sts",
            ),
            "us-east-1",
        )
    };
    let ops = session(&w.app, OWNER, "Ops").await;
    for (sc, name) in [(&w.dev, "alpha"), (&dev2, "beta"), (&ops, "gamma")] {
        let record = launch(sc, &w.prod, &w.pa, name, Vec::new()).await;
        settled(&w.app, sc, &record).await;
    }
    w
}

#[tokio::test]
async fn access_levels_decide_who_sees_what() {
    let w = three_products().await;
    assert_eq!(names(&w.dev, None, &[]).await, ["alpha", "beta", "gamma"]);
    assert_eq!(
        names(&w.dev, Some(AccessLevelFilterKey::Role), &[]).await,
        ["alpha", "beta"]
    );
    assert_eq!(
        names(&w.dev, Some(AccessLevelFilterKey::User), &[]).await,
        ["alpha"]
    );
    // Another account sees none of them.
    assert!(names(&w.app.catalog("999999999999"), None, &[])
        .await
        .is_empty());
    // Scan defaults to the caller's own products.
    let scan = w.dev.scan_provisioned_products().send().await.unwrap();
    assert_eq!(scan.provisioned_products().len(), 1);
    let scan_all = w
        .dev
        .scan_provisioned_products()
        .access_level_filter(account_level())
        .send()
        .await
        .unwrap();
    assert_eq!(scan_all.provisioned_products().len(), 3);

    // Record history: the caller's own by default, every record of the account on request.
    let own = w.dev.list_record_history().send().await.unwrap();
    assert_eq!(own.record_details().len(), 1);
    let all = w
        .dev
        .list_record_history()
        .access_level_filter(account_level())
        .send()
        .await
        .unwrap();
    let records: Vec<_> = all
        .record_details()
        .iter()
        .map(|r| r.provisioned_product_name().unwrap())
        .collect();
    assert_eq!(records, ["gamma", "beta", "alpha"], "newest first");
}

#[tokio::test]
async fn search_queries_sort_count_and_page() {
    let w = three_products().await;
    // SearchQuery: fields exact and without regard to case, LZA's space after the colon,
    // free text, terms ANDed.
    assert_eq!(names(&w.dev, None, &["name:beta"]).await, ["beta"]);
    assert_eq!(names(&w.dev, None, &["status: available"]).await.len(), 3);
    assert_eq!(
        names(&w.dev, None, &["type:CFN_STACK", "name:gamma"]).await,
        ["gamma"]
    );
    assert_eq!(names(&w.dev, None, &["lph"]).await, ["alpha"]);
    assert!(names(&w.dev, None, &["type:CONTROL_TOWER_ACCOUNT"])
        .await
        .is_empty());
    let id = w
        .dev
        .describe_provisioned_product()
        .name("gamma")
        .send()
        .await
        .unwrap();
    let id = id
        .provisioned_product_detail()
        .unwrap()
        .id()
        .unwrap()
        .to_string();
    assert_eq!(names(&w.dev, None, &[&format!("id:{id}")]).await, ["gamma"]);

    // Sorting, counting and paging.
    let page = w
        .dev
        .search_provisioned_products()
        .sort_by("name")
        .sort_order(SortOrder::Descending)
        .page_size(2)
        .send()
        .await
        .unwrap();
    let first: Vec<_> = page
        .provisioned_products()
        .iter()
        .map(|p| p.name().unwrap())
        .collect();
    assert_eq!(
        (first, page.total_results_count()),
        (vec!["gamma", "beta"], 3)
    );
    let rest = w
        .dev
        .search_provisioned_products()
        .sort_by("name")
        .sort_order(SortOrder::Descending)
        .page_size(2)
        .page_token(page.next_page_token().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(rest.provisioned_products()[0].name(), Some("alpha"));
    assert_eq!(rest.next_page_token(), None);
    let bad = w
        .dev
        .search_provisioned_products()
        .sort_by("colour")
        .send()
        .await;
    assert_eq!(failure(bad).0, "InvalidParametersException");
}
