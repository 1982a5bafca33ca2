//! Account-to-account sharing through the official Rust SDK, owner and recipient side: the
//! accounts and the owner's and recipient's views that the tests in `account_share/` share.

use aws_sdk_servicecatalog::types::{DescribePortfolioShareType, PortfolioShareType};
use aws_sdk_servicecatalog::Client;

mod lifecycle;
mod limits;

const OWNER: &str = "111111111111";
const RECIPIENT: &str = "222222222222";

async fn account_shares(sc: &Client, id: &str) -> Vec<(String, bool, bool, bool)> {
    sc.describe_portfolio_shares()
        .portfolio_id(id)
        .r#type(DescribePortfolioShareType::Account)
        .send()
        .await
        .unwrap()
        .portfolio_share_details()
        .iter()
        .map(|d| {
            assert_eq!(d.r#type(), Some(&DescribePortfolioShareType::Account));
            (
                d.principal_id().unwrap().to_string(),
                d.accepted(),
                d.share_tag_options(),
                d.share_principals(),
            )
        })
        .collect()
}

async fn imported(sc: &Client, t: PortfolioShareType) -> Vec<String> {
    sc.list_accepted_portfolio_shares()
        .portfolio_share_type(t)
        .send()
        .await
        .unwrap()
        .portfolio_details()
        .iter()
        .map(|p| p.arn().unwrap().to_string())
        .collect()
}
