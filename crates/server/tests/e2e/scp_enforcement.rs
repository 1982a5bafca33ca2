//! SCP enforcement through the official SDKs (governance.md §6): nothing is restricted until
//! SCPs are enabled; a deny on an OU blocks its accounts and those below it, never the
//! management account or accounts elsewhere; every level must allow; moves and detaches apply
//! to the next request; STS answers 403 AccessDenied; `--scp-enforcement off` evaluates
//! nothing.

use aws_sdk_organizations::types::PolicyType;
use aws_sdk_servicecatalog::error::ProvideErrorMetadata;

use crate::helpers::spawn_with;
use crate::org_share::{world, BOOTSTRAP};

const MGMT: &str = "111111111111";
const ROOT_MEMBER: &str = "222222222222";
const APPS: &str = "333333333333";
const TEAM: &str = "555555555555";

pub(crate) const DENY_CREATE_PORTFOLIO: &str = r#"{"Version":"2012-10-17","Statement":[{"Sid":"NoPortfolios","Effect":"Deny","Action":"ServiceCatalog:*PORTFOLIO","Resource":"*"}]}"#;

/// Creates an SCP and answers its id and ARN.
pub(crate) async fn scp(
    orgs: &aws_sdk_organizations::Client,
    name: &str,
    content: &str,
) -> (String, String) {
    let p = orgs
        .create_policy()
        .name(name)
        .description("")
        .r#type(PolicyType::ServiceControlPolicy)
        .content(content)
        .send()
        .await
        .unwrap();
    let s = p.policy().unwrap().policy_summary().unwrap();
    (s.id().unwrap().to_string(), s.arn().unwrap().to_string())
}

/// Enables `policy_type` on the organization's root `root`.
pub(crate) async fn enable(
    orgs: &aws_sdk_organizations::Client,
    root: &str,
    policy_type: PolicyType,
) {
    orgs.enable_policy_type()
        .root_id(root)
        .policy_type(policy_type)
        .send()
        .await
        .unwrap();
}

/// Attaches the policy `policy` to `target` (a root, an OU or an account).
pub(crate) async fn attach(orgs: &aws_sdk_organizations::Client, policy: &str, target: &str) {
    orgs.attach_policy()
        .policy_id(policy)
        .target_id(target)
        .send()
        .await
        .unwrap();
}

async fn create_portfolio(app: &crate::helpers::TestApp, account: &str) -> Result<(), String> {
    app.catalog(account)
        .create_portfolio()
        .display_name("p")
        .provider_name("me")
        .send()
        .await
        .map(|_| ())
        .map_err(|e| {
            let e = e.into_service_error();
            format!(
                "{}: {}",
                e.code().unwrap_or_default(),
                e.message().unwrap_or_default()
            )
        })
}

#[tokio::test]
async fn a_deny_on_an_ou_blocks_its_accounts_and_no_others() {
    let w = world().await;
    let orgs = w.app.organizations(MGMT);
    let root = w.root.clone();
    let (deny, deny_arn) = scp(&orgs, "deny-portfolios", DENY_CREATE_PORTFOLIO).await;

    // Not enabled: attaching fails, and nothing is restricted.
    let err = orgs
        .attach_policy()
        .policy_id(&deny)
        .target_id(&w.apps_ou)
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        err.into_service_error().code(),
        Some("PolicyTypeNotEnabledException")
    );
    enable(&orgs, &root, PolicyType::ServiceControlPolicy).await;
    attach(&orgs, &deny, &w.apps_ou).await;

    for allowed in [MGMT, ROOT_MEMBER] {
        create_portfolio(&w.app, allowed).await.unwrap();
    }
    for denied in [APPS, TEAM] {
        let err = create_portfolio(&w.app, denied).await.unwrap_err();
        assert_eq!(
            err,
            format!(
                "AccessDeniedException: User: arn:aws:iam::{denied}:root is not authorized to perform: servicecatalog:CreatePortfolio on resource: arn:aws:catalog:us-east-1:{denied}:* with an explicit deny in a service control policy: {deny_arn}"
            )
        );
    }
    // ListPortfolios does not match `*PORTFOLIO`.
    w.app.catalog(APPS).list_portfolios().send().await.unwrap();

    // Moving the account out of the OU applies to the next request.
    orgs.move_account()
        .account_id(APPS)
        .source_parent_id(&w.apps_ou)
        .destination_parent_id(&root)
        .send()
        .await
        .unwrap();
    create_portfolio(&w.app, APPS).await.unwrap();
    // Detaching lifts the deny for the accounts still below.
    orgs.detach_policy()
        .policy_id(&deny)
        .target_id(&w.apps_ou)
        .send()
        .await
        .unwrap();
    create_portfolio(&w.app, TEAM).await.unwrap();
}

#[tokio::test]
async fn every_level_must_allow_and_sts_answers_403() {
    let w = world().await;
    let orgs = w.app.organizations(MGMT);
    let root = w.root.clone();
    enable(&orgs, &root, PolicyType::ServiceControlPolicy).await;
    let only_sc = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"servicecatalog:*","Resource":"*"}}"#;
    let (sc, _) = scp(&orgs, "only-service-catalog", only_sc).await;
    attach(&orgs, &sc, &w.apps_ou).await;
    orgs.detach_policy()
        .policy_id("p-FullAWSAccess")
        .target_id(&w.apps_ou)
        .send()
        .await
        .unwrap();
    // The OU allows only Service Catalog: STS is implicitly denied below it.
    create_portfolio(&w.app, TEAM).await.unwrap();
    let err = w
        .app
        .sts(TEAM)
        .assume_role()
        .role_arn(format!("arn:aws:iam::{ROOT_MEMBER}:role/Admin"))
        .role_session_name("s1")
        .send()
        .await
        .unwrap_err();
    let raw = err.raw_response().unwrap();
    assert_eq!(raw.status().as_u16(), 403);
    let e = err.into_service_error();
    assert_eq!(e.code(), Some("AccessDenied"));
    assert_eq!(
        e.message(),
        Some(format!("User: arn:aws:iam::{TEAM}:root is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::{ROOT_MEMBER}:role/Admin because no service control policy allows the sts:AssumeRole action").as_str())
    );
    // Others still assume roles into the restricted account: the caller's SCPs decide.
    w.app
        .sts(ROOT_MEMBER)
        .assume_role()
        .role_arn(format!("arn:aws:iam::{TEAM}:role/Admin"))
        .role_session_name("s1")
        .send()
        .await
        .unwrap();
    // GetCallerIdentity is never evaluated.
    w.app.sts(TEAM).get_caller_identity().send().await.unwrap();
    // Disabling the type lifts every restriction.
    orgs.disable_policy_type()
        .root_id(&root)
        .policy_type(PolicyType::ServiceControlPolicy)
        .send()
        .await
        .unwrap();
    w.app
        .sts(TEAM)
        .assume_role()
        .role_arn(format!("arn:aws:iam::{ROOT_MEMBER}:role/Admin"))
        .role_session_name("s1")
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn enforcement_off_evaluates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("org.yaml");
    std::fs::write(&file, BOOTSTRAP).unwrap();
    let mut config = sclocal_server::Config::for_tests();
    config.bootstrap = Some(file);
    config.scp_enforcement = false;
    let app = spawn_with(config).await;
    let orgs = app.organizations(MGMT);
    let root = orgs.list_roots().send().await.unwrap().roots()[0]
        .id()
        .unwrap()
        .to_string();
    enable(&orgs, &root, PolicyType::ServiceControlPolicy).await;
    let (deny, _) = scp(&orgs, "deny", DENY_CREATE_PORTFOLIO).await;
    attach(&orgs, &deny, &root).await;
    create_portfolio(&app, ROOT_MEMBER).await.unwrap();
}

#[tokio::test]
async fn conditions_regions_and_exemptions() {
    let w = world().await;
    let orgs = w.app.organizations(MGMT);
    let root = w.root.clone();
    enable(&orgs, &root, PolicyType::ServiceControlPolicy).await;
    let regions = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"servicecatalog:*","Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":["us-east-1","us-west-2"]}}},{"Sid":"Stay","Effect":"Deny","Action":"organizations:LeaveOrganization","Resource":"*"}]}"#;
    let (id, arn) = scp(&orgs, "guardrails", regions).await;
    attach(&orgs, &id, &root).await;

    // The region condition: eu-west-1 is denied, and the resource names the region.
    let err = w
        .app
        .catalog_in(ROOT_MEMBER, "eu-west-1")
        .list_portfolios()
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(
        err.message(),
        Some(format!("User: arn:aws:iam::{ROOT_MEMBER}:root is not authorized to perform: servicecatalog:ListPortfolios on resource: arn:aws:catalog:eu-west-1:{ROOT_MEMBER}:* with an explicit deny in a service control policy: {arn}").as_str())
    );
    w.app
        .catalog_in(ROOT_MEMBER, "us-west-2")
        .list_portfolios()
        .send()
        .await
        .unwrap();
    // The management account is exempt wherever the policy is attached.
    attach(&orgs, &id, MGMT).await;
    w.app
        .catalog_in(MGMT, "eu-west-1")
        .list_portfolios()
        .send()
        .await
        .unwrap();

    // The classic guardrail: the member cannot leave.
    let err = w
        .app
        .organizations(ROOT_MEMBER)
        .leave_organization()
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(err.code(), Some("AccessDeniedException"));
    let member = orgs.describe_account().account_id(ROOT_MEMBER).send().await;
    assert!(member.is_ok(), "the account stays");

    // A service-linked role session is exempt.
    let slr = w
        .app
        .sts(MGMT)
        .assume_role()
        .role_arn(format!(
            "arn:aws:iam::{ROOT_MEMBER}:role/aws-service-role/AWSServiceRoleForOrganizations"
        ))
        .role_session_name("svc")
        .send()
        .await
        .unwrap();
    let c = slr.credentials().unwrap();
    let creds = aws_sdk_servicecatalog::config::Credentials::new(
        c.access_key_id(),
        c.secret_access_key(),
        Some(c.session_token().to_string()),
        None,
        "slr",
    );
    w.app
        .catalog_with(creds, "eu-west-1")
        .list_portfolios()
        .send()
        .await
        .unwrap();
}
