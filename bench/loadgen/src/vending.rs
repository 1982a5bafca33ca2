//! The account-vending scenario (issue 13): ProvisionProduct of the Account Factory product,
//! each record polled to SUCCEEDED. The target must have been bootstrapped with the run's
//! first account (`--salt S` → `100000000000 + S·10⁹`) as an organization's management
//! account, `account_factory: true` and an OU `Workloads` (bench/vending.py does this); every
//! connection acts in that one account, as an assumed role `Bench` it associates with the
//! factory portfolio (repeating an association is harmless).

use crate::scenario::{plain, sc, As, Call, Scenario, Settle, Step};

/// The factory's product name (provisioning.md §21.1).
const FACTORY: &str = "AWS Control Tower Account Factory";

fn setup() -> Vec<Step> {
    vec![
        Step {
            who: As::Me,
            call: Call {
                service: "sts",
                wire: crate::scenario::Wire::AwsQuery,
                target: "AssumeRole".into(),
                body: "Action=AssumeRole&Version=2011-06-15&RoleSessionName=bench&RoleArn=arn%3Aaws%3Aiam%3A%3A${account}%3Arole%2FBench".into(),
            },
            capture: Some(("session_key", &["AccessKeyId"])),
        },
        Step {
            who: As::Me,
            call: sc("DescribeProductAsAdmin", &format!(r#"{{"Name":"{FACTORY}"}}"#)),
            capture: Some((
                "product_id",
                &["ProductViewDetail", "ProductViewSummary", "ProductId"],
            )),
        },
        Step {
            who: As::Me,
            call: sc("DescribeProductAsAdmin", &format!(r#"{{"Name":"{FACTORY}"}}"#)),
            capture: Some(("artifact_id", &["ProvisioningArtifactSummaries", "0", "Id"])),
        },
        Step {
            who: As::Me,
            call: sc("ListPortfoliosForProduct", r#"{"ProductId":"${product_id}"}"#),
            capture: Some(("portfolio_id", &["PortfolioDetails", "0", "Id"])),
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

/// The scenario.
pub fn vend_account() -> Scenario {
    let call = sc(
        "ProvisionProduct",
        r#"{"ProductId":"${product_id}","ProvisioningArtifactId":"${artifact_id}","ProvisionedProductName":"vend-${seq}","ProvisionToken":"vend-${seq}","ProvisioningParameters":[{"Key":"AccountName","Value":"vend-${seq}"},{"Key":"AccountEmail","Value":"vend-${seq}@example.com"},{"Key":"SSOUserFirstName","Value":"Bench"},{"Key":"SSOUserLastName","Value":"User"},{"Key":"SSOUserEmail","Value":"sso-${seq}@example.com"},{"Key":"ManagedOrganizationalUnit","Value":"Workloads"}]}"#,
    );
    Scenario {
        setup: setup(),
        sign_as: Some("session_key"),
        one_account: true,
        settle: Some(Settle {
            call: sc("DescribeRecord", r#"{"Id":"${record_id}"}"#),
            capture: ("record_id", &["RecordDetail", "RecordId"]),
            done: (&["RecordDetail", "Status"], &["SUCCEEDED", "FAILED"]),
        }),
        ..plain(
            "vend-account",
            "ProvisionProduct of the Account Factory into OU Workloads, then DescribeRecord until \
             SUCCEEDED (needs bench/vending.py's bootstrap; use --requests 1000 --warmup 0)",
            call,
        )
    }
}
