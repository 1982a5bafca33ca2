//! Effective management policies and delegation through the resource policy, through the
//! official Rust SDK (governance.md §5, §7): the user guide's tag-policy example merged root →
//! OU → child OU, an account reading its own, a member granted by the resource policy.

use aws_sdk_organizations::types::{EffectivePolicyType, PolicyType};

use crate::org_policies::code;
use crate::org_share::world;
use crate::scp_enforcement::{attach, enable, DENY_CREATE_PORTFOLIO};

const MGMT: &str = "111111111111";

async fn tag_policy(orgs: &aws_sdk_organizations::Client, name: &str, content: &str) -> String {
    orgs.create_policy()
        .name(name)
        .description("")
        .r#type(PolicyType::TagPolicy)
        .content(content)
        .send()
        .await
        .unwrap()
        .policy()
        .unwrap()
        .policy_summary()
        .unwrap()
        .id()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn effective_tag_policies_follow_the_inheritance_operators() {
    let w = world().await;
    let orgs = w.app.organizations(MGMT);
    let root = w.root.clone();
    let effective = |account: &'static str, who: &'static str| {
        let app = &w.app;
        async move {
            app.organizations(who)
                .describe_effective_policy()
                .policy_type(EffectivePolicyType::TagPolicy)
                .target_id(account)
                .send()
                .await
        }
    };
    let err = effective("222222222222", MGMT).await.unwrap_err();
    assert_eq!(
        code(&err.into_service_error()),
        "EffectivePolicyNotFoundException"
    );
    enable(&orgs, &root, PolicyType::TagPolicy).await;
    // The user guide's example: assign at the root, append in the OU, remove in the child OU.
    let at_root = tag_policy(&orgs, "root", r#"{"tags":{"costcenter":{"tag_key":{"@@assign":"CostCenter"},"tag_value":{"@@assign":["Development","Support"]}}}}"#).await;
    let in_ou = tag_policy(&orgs, "ou", r#"{"tags":{"costcenter":{"tag_value":{"@@append":["Marketing"]},"enforced_for":{"@@assign":["dynamodb:table"]}}}}"#).await;
    let in_team = tag_policy(
        &orgs,
        "team",
        r#"{"tags":{"costcenter":{"tag_value":{"@@remove":["Development"]}}}}"#,
    )
    .await;
    for (p, t) in [
        (&at_root, &root),
        (&in_ou, &w.apps_ou),
        (&in_team, &w.team_ou),
    ] {
        attach(&orgs, p, t).await;
    }
    let content = |out: aws_sdk_organizations::operation::describe_effective_policy::DescribeEffectivePolicyOutput| {
        serde_json::from_str::<serde_json::Value>(out.effective_policy().unwrap().policy_content().unwrap()).unwrap()
    };
    let top = content(effective("222222222222", MGMT).await.unwrap());
    assert_eq!(
        top["tags"]["costcenter"]["tag_value"],
        serde_json::json!(["Development", "Support"])
    );
    let apps = content(effective("333333333333", MGMT).await.unwrap());
    assert_eq!(
        apps["tags"]["costcenter"]["tag_value"],
        serde_json::json!(["Development", "Support", "Marketing"])
    );
    assert_eq!(
        apps["tags"]["costcenter"]["enforced_for"],
        serde_json::json!(["dynamodb:table"])
    );
    // An account reads its own; another's is refused to a plain member.
    let team = content(effective("555555555555", "555555555555").await.unwrap());
    assert_eq!(
        team["tags"]["costcenter"]["tag_value"],
        serde_json::json!(["Support", "Marketing"])
    );
    assert_eq!(team["tags"]["costcenter"]["tag_key"], "CostCenter");
    let err = effective("333333333333", "555555555555").await.unwrap_err();
    assert_eq!(code(&err.into_service_error()), "AccessDeniedException");
    let invalid = orgs
        .list_accounts_with_invalid_effective_policy()
        .policy_type(EffectivePolicyType::TagPolicy)
        .send()
        .await
        .unwrap();
    assert!(invalid.accounts().is_empty());
}

#[tokio::test]
async fn the_resource_policy_delegates_policy_management() {
    let w = world().await;
    let orgs = w.app.organizations(MGMT);
    let delegate = w.app.organizations("222222222222");
    let create = || {
        delegate
            .create_policy()
            .name("by-delegate")
            .description("")
            .r#type(PolicyType::TagPolicy)
            .content(r#"{"tags":{"team":{"tag_key":{"@@assign":"Team"}}}}"#)
            .send()
    };
    assert_eq!(
        code(&create().await.unwrap_err().into_service_error()),
        "AccessDeniedException"
    );
    let err = delegate
        .describe_resource_policy()
        .send()
        .await
        .unwrap_err();
    assert_eq!(code(&err.into_service_error()), "AccessDeniedException");
    let err = orgs.describe_resource_policy().send().await.unwrap_err();
    assert_eq!(
        code(&err.into_service_error()),
        "ResourcePolicyNotFoundException"
    );
    let rp = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":["organizations:CreatePolicy","organizations:DescribeResourcePolicy"],"Resource":"*","Condition":{"StringLikeIfExists":{"organizations:PolicyType":["TAG_POLICY"]}}}]}"#;
    let put = orgs.put_resource_policy().content(rp).send().await.unwrap();
    let summary = put
        .resource_policy()
        .unwrap()
        .resource_policy_summary()
        .unwrap();
    assert!(summary.id().unwrap().starts_with("rp-"));
    create().await.unwrap();
    delegate.describe_resource_policy().send().await.unwrap();
    let err = delegate
        .create_policy()
        .name("scp")
        .description("")
        .r#type(PolicyType::ServiceControlPolicy)
        .content(DENY_CREATE_PORTFOLIO)
        .send()
        .await
        .unwrap_err();
    assert_eq!(code(&err.into_service_error()), "AccessDeniedException");
    let err = orgs.put_resource_policy().content(r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}}"#).send().await.unwrap_err();
    assert_eq!(code(&err.into_service_error()), "InvalidInputException");
    orgs.delete_resource_policy().send().await.unwrap();
    assert_eq!(
        code(&create().await.unwrap_err().into_service_error()),
        "AccessDeniedException"
    );
}
