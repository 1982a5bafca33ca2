//! The worked cases of governance.md §6.7 run through the public API: an organization path
//! becomes the levels, the caller becomes the context, and the decision becomes the message.
//! Test-only. (Who is evaluated at all — the management account, outsiders, disabled SCPs —
//! is the caller's rule, §6.1–§6.2; here every case is a member account.)

use super::*;

const FULL: &str = "arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess";

fn scp(statements: &str) -> PolicyDocument {
    let text = format!(r#"{{"Version":"2012-10-17","Statement":{statements}}}"#);
    PolicyDocument::parse(&text, Grammar::ServiceControl).unwrap()
}

fn arn(id: &str) -> String {
    format!("arn:aws:organizations::111111111111:policy/o-aaaaaaaaaa/service_control_policy/{id}")
}

/// A caller of account `account` with `principal_arn` (the role ARN for sessions) in `region`.
fn caller(account: &str, principal_arn: &str, region: &str) -> Context {
    CallerFacts {
        principal_arn,
        account,
        org_id: Some("o-aaaaaaaaaa"),
        org_path: None,
        principal_type: if principal_arn.ends_with(":root") {
            PrincipalType::Account
        } else {
            PrincipalType::AssumedRole
        },
        userid: account,
        username: None,
        region,
        now_millis: 1_714_564_800_000,
        secure_transport: false,
        source_ip: Some("127.0.0.1"),
    }
    .context()
}

fn decide(
    levels: &[Vec<(&str, &PolicyDocument)>],
    cx: &Context,
    action: &str,
    resource: &str,
) -> Decision {
    evaluate(
        &Request {
            action,
            resource,
            context: cx,
        },
        levels,
    )
}

#[test]
fn ou_deny_reaches_its_accounts_and_child_ous_only() {
    let full = PolicyDocument::full_aws_access();
    let deny = scp(r#"{"Effect":"Deny","Action":"servicecatalog:CreatePortfolio","Resource":"*"}"#);
    let (deny_arn, f) = (arn("p-denyapps"), (FULL, &full));
    let in_child_ou = vec![
        vec![f],
        vec![f, (deny_arn.as_str(), &deny)],
        vec![f],
        vec![f],
    ];
    let in_ou = vec![vec![f], vec![f, (deny_arn.as_str(), &deny)], vec![f]];
    let elsewhere = vec![vec![f], vec![f]];
    let cx = caller(
        "222222222222",
        "arn:aws:iam::222222222222:root",
        "us-east-1",
    );
    let res = "arn:aws:catalog:us-east-1:222222222222:*";
    let denied = Decision::ExplicitDeny {
        policy: deny_arn.clone(),
    };
    assert_eq!(
        decide(&in_child_ou, &cx, "servicecatalog:CreatePortfolio", res),
        denied
    );
    assert_eq!(
        decide(&in_ou, &cx, "servicecatalog:CreatePortfolio", res),
        denied
    );
    // Moving the account out of the OU changes the very next decision.
    assert_eq!(
        decide(&elsewhere, &cx, "servicecatalog:CreatePortfolio", res),
        Decision::Allow
    );
}

#[test]
fn root_deny_blocks_every_member() {
    let full = PolicyDocument::full_aws_access();
    let deny = scp(r#"{"Effect":"Deny","Action":"servicecatalog:*","Resource":"*"}"#);
    let levels = vec![
        vec![(FULL, &full), ("arn:root-deny", &deny)],
        vec![(FULL, &full)],
    ];
    let cx = caller(
        "333333333333",
        "arn:aws:iam::333333333333:root",
        "us-east-1",
    );
    assert!(!decide(&levels, &cx, "servicecatalog:ListPortfolios", "*").is_allowed());
}

#[test]
fn allow_list_needs_every_level_to_allow() {
    let full = PolicyDocument::full_aws_access();
    let sc_only = scp(r#"{"Effect":"Allow","Action":"servicecatalog:*","Resource":"*"}"#);
    // FullAWSAccess detached from the OU, `Allow servicecatalog:*` attached instead.
    let levels = vec![
        vec![(FULL, &full)],
        vec![("arn:sc-only", &sc_only)],
        vec![(FULL, &full)],
    ];
    let role = "arn:aws:iam::222222222222:role/Dev";
    let cx = caller("222222222222", role, "us-east-1");
    let res = "arn:aws:catalog:us-east-1:222222222222:portfolio/port-abc";
    assert_eq!(
        decide(&levels, &cx, "servicecatalog:DescribePortfolio", res),
        Decision::Allow
    );
    let target = "arn:aws:iam::444444444444:role/Other";
    let d = decide(&levels, &cx, "sts:AssumeRole", target);
    assert_eq!(d, Decision::ImplicitDeny);
    let session = "arn:aws:sts::222222222222:assumed-role/Dev/s1";
    assert_eq!(
        denial_message(ControlPolicyKind::ServiceControl, &d, session, "sts:AssumeRole", target).unwrap(),
        "User: arn:aws:sts::222222222222:assumed-role/Dev/s1 is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::444444444444:role/Other because no service control policy allows the sts:AssumeRole action"
    );
}

#[test]
fn allow_with_not_action_leaves_the_named_action_implicitly_denied() {
    let full = PolicyDocument::full_aws_access();
    let most =
        scp(r#"{"Effect":"Allow","NotAction":["servicecatalog:DeletePortfolio"],"Resource":"*"}"#);
    let levels = vec![vec![(FULL, &full)], vec![("arn:most", &most)]];
    let cx = caller(
        "222222222222",
        "arn:aws:iam::222222222222:root",
        "us-east-1",
    );
    assert_eq!(
        decide(&levels, &cx, "servicecatalog:DeletePortfolio", "*"),
        Decision::ImplicitDeny
    );
    assert_eq!(
        decide(&levels, &cx, "servicecatalog:CreatePortfolio", "*"),
        Decision::Allow
    );
    assert_eq!(decide(&levels, &cx, "sts:AssumeRole", "*"), Decision::Allow);
}

#[test]
fn leading_wildcard_action_is_case_insensitive() {
    let full = PolicyDocument::full_aws_access();
    let deny = scp(r#"{"Effect":"Deny","Action":"ServiceCatalog:*PORTFOLIO","Resource":"*"}"#);
    let levels = vec![vec![(FULL, &full), ("arn:d", &deny)]];
    let cx = caller(
        "222222222222",
        "arn:aws:iam::222222222222:root",
        "us-east-1",
    );
    assert!(!decide(&levels, &cx, "servicecatalog:CreatePortfolio", "*").is_allowed());
    assert!(decide(&levels, &cx, "servicecatalog:ListPortfolios", "*").is_allowed());
}

#[test]
fn region_guardrail_denies_other_regions_and_names_the_resource() {
    let full = PolicyDocument::full_aws_access();
    let deny = scp(
        r#"{"Effect":"Deny","Action":"servicecatalog:*","Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":["us-east-1","us-west-2"]}}}"#,
    );
    let policy = arn("p-regions1");
    let levels = vec![vec![(FULL, &full), (policy.as_str(), &deny)]];
    let eu = caller(
        "222222222222",
        "arn:aws:iam::222222222222:root",
        "eu-west-1",
    );
    let us = caller(
        "222222222222",
        "arn:aws:iam::222222222222:root",
        "us-west-2",
    );
    let res = "arn:aws:catalog:eu-west-1:222222222222:*";
    let d = decide(&levels, &eu, "servicecatalog:CreatePortfolio", res);
    assert_eq!(
        d,
        Decision::ExplicitDeny {
            policy: policy.clone()
        }
    );
    let msg = denial_message(
        ControlPolicyKind::ServiceControl,
        &d,
        "arn:aws:iam::222222222222:root",
        "servicecatalog:CreatePortfolio",
        res,
    )
    .unwrap();
    assert_eq!(
        msg,
        format!("User: arn:aws:iam::222222222222:root is not authorized to perform: servicecatalog:CreatePortfolio on resource: arn:aws:catalog:eu-west-1:222222222222:* with an explicit deny in a service control policy: {policy}")
    );
    assert_eq!(
        decide(
            &levels,
            &us,
            "servicecatalog:CreatePortfolio",
            "arn:aws:catalog:us-west-2:222222222222:*"
        ),
        Decision::Allow
    );
}

#[test]
fn principal_guardrail_spares_only_the_admin_role() {
    let full = PolicyDocument::full_aws_access();
    let deny = scp(
        r#"{"Effect":"Deny","Action":"servicecatalog:*","Resource":"*","Condition":{"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/PlatformAdmin"}}}"#,
    );
    let levels = vec![vec![(FULL, &full), ("arn:guard", &deny)]];
    let root = caller(
        "222222222222",
        "arn:aws:iam::222222222222:root",
        "us-east-1",
    );
    let admin = caller(
        "222222222222",
        "arn:aws:iam::222222222222:role/PlatformAdmin",
        "us-east-1",
    );
    let dev = caller(
        "222222222222",
        "arn:aws:iam::222222222222:role/Developer",
        "us-east-1",
    );
    assert!(!decide(&levels, &root, "servicecatalog:CreatePortfolio", "*").is_allowed());
    assert!(decide(&levels, &admin, "servicecatalog:CreatePortfolio", "*").is_allowed());
    let d = decide(&levels, &dev, "servicecatalog:CreatePortfolio", "*");
    let msg = denial_message(
        ControlPolicyKind::ServiceControl,
        &d,
        "arn:aws:sts::222222222222:assumed-role/Developer/s1",
        "servicecatalog:CreatePortfolio",
        "*",
    )
    .unwrap();
    assert!(
        msg.starts_with(
            "User: arn:aws:sts::222222222222:assumed-role/Developer/s1 is not authorized"
        ),
        "{msg}"
    );
}

#[test]
fn assume_role_deny_follows_the_caller_not_the_target() {
    let full = PolicyDocument::full_aws_access();
    let deny = scp(r#"{"Effect":"Deny","Action":"sts:AssumeRole","Resource":"*"}"#);
    // 222… sits in the denying OU; 333… does not.
    let in_ou = vec![
        vec![(FULL, &full)],
        vec![(FULL, &full), ("arn:no-assume", &deny)],
        vec![(FULL, &full)],
    ];
    let outside = vec![vec![(FULL, &full)], vec![(FULL, &full)]];
    let into_ou = "arn:aws:iam::222222222222:role/Target";
    let a = caller(
        "222222222222",
        "arn:aws:iam::222222222222:root",
        "us-east-1",
    );
    let b = caller(
        "333333333333",
        "arn:aws:iam::333333333333:root",
        "us-east-1",
    );
    assert!(!decide(
        &in_ou,
        &a,
        "sts:AssumeRole",
        "arn:aws:iam::333333333333:role/Any"
    )
    .is_allowed());
    // The caller's own path governs: 333… assumes a role *into* the OU's account.
    assert!(decide(&outside, &b, "sts:AssumeRole", into_ou).is_allowed());
}

#[test]
fn leave_organization_guardrail() {
    let full = PolicyDocument::full_aws_access();
    let deny = scp(
        r#"{"Sid":"NoLeaving","Effect":"Deny","Action":"organizations:LeaveOrganization","Resource":"*"}"#,
    );
    let levels = vec![
        vec![(FULL, &full), ("arn:no-leave", &deny)],
        vec![(FULL, &full)],
    ];
    let cx = caller(
        "222222222222",
        "arn:aws:iam::222222222222:root",
        "us-east-1",
    );
    assert_eq!(
        decide(&levels, &cx, "organizations:LeaveOrganization", "*"),
        Decision::ExplicitDeny {
            policy: "arn:no-leave".into()
        }
    );
    assert!(decide(&levels, &cx, "organizations:DescribeOrganization", "*").is_allowed());
}

#[test]
fn re_enabled_scps_leave_only_full_access() {
    let full = PolicyDocument::full_aws_access();
    let levels = vec![
        vec![(FULL, &full)],
        vec![(FULL, &full)],
        vec![(FULL, &full)],
    ];
    let cx = caller(
        "222222222222",
        "arn:aws:iam::222222222222:root",
        "us-east-1",
    );
    for action in [
        "sts:AssumeRole",
        "servicecatalog:DeletePortfolio",
        "organizations:LeaveOrganization",
    ] {
        assert!(decide(&levels, &cx, action, "*").is_allowed(), "{action}");
    }
}
