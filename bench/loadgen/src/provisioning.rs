//! The provisioning scenarios, and the list of every built-in scenario.
//!
//! Launching needs an end user: each connection assumes role `Bench` in its account (STS, its
//! XML answer's `AccessKeyId` captured) and signs the measured ProvisionProduct with that
//! session's key, through a portfolio holding one opaque product with the role associated.

use crate::scenario::{
    self, create_portfolio_step, plain, sc, As, Call, Scenario, Settle, Step, Wire,
};

/// Every built-in scenario except `raw`.
pub fn all() -> Vec<Scenario> {
    let mut out = scenario::builtin();
    out.extend(scenarios());
    out.push(crate::vending::vend_account());
    out
}

/// What every provisioning scenario sets up per connection.
fn setup() -> Vec<Step> {
    vec![
        Step {
            who: As::Me,
            call: Call {
                service: "sts",
                wire: Wire::AwsQuery,
                target: "AssumeRole".into(),
                body: "Action=AssumeRole&Version=2011-06-15&RoleSessionName=bench&RoleArn=arn%3Aaws%3Aiam%3A%3A${account}%3Arole%2FBench".into(),
            },
            capture: Some(("session_key", &["AccessKeyId"])),
        },
        create_portfolio_step(As::Me),
        Step {
            who: As::Me,
            call: sc(
                "CreateProduct",
                r#"{"Name":"bench","Owner":"bench","ProductType":"CLOUD_FORMATION_TEMPLATE","ProvisioningArtifactParameters":{"Name":"v1","Info":{"LoadTemplateFromURL":"https://s3.amazonaws.com/bench/t.yaml"}},"IdempotencyToken":"setup-product-${account}"}"#,
            ),
            capture: Some(("product_id", &["ProductViewDetail", "ProductViewSummary", "ProductId"])),
        },
        // The same token again answers the same product and its first version.
        Step {
            who: As::Me,
            call: sc(
                "CreateProduct",
                r#"{"Name":"bench","Owner":"bench","ProductType":"CLOUD_FORMATION_TEMPLATE","ProvisioningArtifactParameters":{"Name":"v1","Info":{"LoadTemplateFromURL":"https://s3.amazonaws.com/bench/t.yaml"}},"IdempotencyToken":"setup-product-${account}"}"#,
            ),
            capture: Some(("artifact_id", &["ProvisioningArtifactDetail", "Id"])),
        },
        Step {
            who: As::Me,
            call: sc(
                "AssociateProductWithPortfolio",
                r#"{"ProductId":"${product_id}","PortfolioId":"${portfolio_id}"}"#,
            ),
            capture: None,
        },
        Step {
            who: As::Me,
            call: sc(
                "AssociatePrincipalWithPortfolio",
                r#"{"PortfolioId":"${portfolio_id}","PrincipalARN":"arn:aws:iam::${account}:role/Bench","PrincipalType":"IAM"}"#,
            ),
            capture: None,
        },
    ]
}

fn provision() -> Call {
    sc(
        "ProvisionProduct",
        r#"{"ProductId":"${product_id}","ProvisioningArtifactId":"${artifact_id}","ProvisionedProductName":"pp-${seq}","ProvisionToken":"t-${seq}"}"#,
    )
}

fn launching(name: &'static str, about: &'static str) -> Scenario {
    Scenario {
        setup: setup(),
        sign_as: Some("session_key"),
        ..plain(name, about, provision())
    }
}

fn scenarios() -> Vec<Scenario> {
    vec![
        launching(
            "provision-product",
            "ProvisionProduct by an assumed-role end user, an opaque product of its own portfolio",
        ),
        Scenario {
            settle: Some(Settle {
                call: sc("DescribeRecord", r#"{"Id":"${record_id}"}"#),
                capture: ("record_id", &["RecordDetail", "RecordId"]),
                done: (&["RecordDetail", "Status"], &["SUCCEEDED", "FAILED"]),
            }),
            ..launching(
                "provision-product-settle",
                "ProvisionProduct, then DescribeRecord until SUCCEEDED (settle_* is launch to SUCCEEDED)",
            )
        },
        Scenario {
            one_account: true,
            ..launching(
                "provision-product-one-account",
                "ProvisionProduct with every connection in one account (use --requests 10000)",
            )
        },
        // Run after provision-product-one-account with the same --salt: searches what it
        // launched (the first page of 20, TotalResultsCount over all of them).
        Scenario {
            setup: setup(),
            sign_as: Some("session_key"),
            one_account: true,
            ..plain(
                "search-provisioned-products-one-account",
                "SearchProvisionedProducts (Account level, by name) in the one account",
                sc(
                    "SearchProvisionedProducts",
                    r#"{"AccessLevelFilter":{"Key":"Account","Value":"self"},"SortBy":"name","PageSize":20}"#,
                ),
            )
        },
    ]
}
