//! Where moto's Organizations suite (scripts/moto-organizations) expects moto's answers, the
//! AWS answers sclocal gives instead, pinned through the official Rust SDK: the README's
//! "moto's Organizations suite" table cites these cases (organizations-behavior.md §3, §5;
//! governance.md §1–§3).

use aws_sdk_organizations::error::ProvideErrorMetadata;
use aws_sdk_organizations::types::{CreateAccountState, InvalidInputExceptionReason, PolicyType};

use crate::helpers::spawn_app;
use crate::org_policies::code;

const MGMT: &str = "111111111111";
const UNKNOWN_OU: &str = "ou-zx86-z3x4yr2t7";
const SCP: &str =
    r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#;

#[tokio::test]
async fn update_organizational_unit_refuses_a_sibling_name_only() {
    let app = spawn_app().await;
    let m = app.organizations(MGMT);
    m.create_organization().send().await.unwrap();
    let root = m.list_roots().send().await.unwrap().roots()[0]
        .id()
        .unwrap()
        .to_string();
    let mut ids = Vec::new();
    for name in ["apps", "data"] {
        let ou = m
            .create_organizational_unit()
            .parent_id(&root)
            .name(name)
            .send()
            .await
            .unwrap();
        ids.push(ou.organizational_unit().unwrap().id().unwrap().to_string());
    }
    // A sibling already has the name (organizations-behavior.md §5.7).
    let err = m
        .update_organizational_unit()
        .organizational_unit_id(&ids[1])
        .name("apps")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(code(&err), "DuplicateOrganizationalUnitException");
    assert_eq!(
        err.message(),
        Some("An OU with the same name already exists.")
    );
    // Its own current name is no duplicate (inferred, §5.7; moto raises here).
    let same = m
        .update_organizational_unit()
        .organizational_unit_id(&ids[1])
        .name("data")
        .send()
        .await
        .unwrap();
    assert_eq!(same.organizational_unit().unwrap().name(), Some("data"));
    let err = m
        .update_organizational_unit()
        .organizational_unit_id(UNKNOWN_OU)
        .name("x")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(code(&err), "OrganizationalUnitNotFoundException");
}

#[tokio::test]
async fn ids_are_checked_for_their_pattern_and_the_caller_for_an_organization() {
    let app = spawn_app().await;
    let m = app.organizations(MGMT);
    // No organization yet: AWSOrganizationsNotInUseException comes before any lookup.
    let err = m
        .describe_account()
        .account_id("126644886543")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(code(&err), "AWSOrganizationsNotInUseException");
    let err = m
        .list_organizational_units_for_parent()
        .parent_id("r-abcd")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(code(&err), "AWSOrganizationsNotInUseException");
    m.create_organization().send().await.unwrap();
    // A root id is not an OU id: the pattern fails before any lookup (moto answers NotFound).
    let err = m
        .describe_organizational_unit()
        .organizational_unit_id("r-abcd")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    let aws_sdk_organizations::operation::describe_organizational_unit::DescribeOrganizationalUnitError::InvalidInputException(e) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(
        e.reason(),
        Some(&InvalidInputExceptionReason::InvalidPattern)
    );
    let err = m
        .describe_organizational_unit()
        .organizational_unit_id(UNKNOWN_OU)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(code(&err), "OrganizationalUnitNotFoundException");
    let err = m
        .describe_account()
        .account_id("126644886543")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(code(&err), "AccountNotFoundException");
    assert_eq!(
        err.message(),
        Some("You specified an account that doesn't exist.")
    );
}

#[tokio::test]
async fn policy_targets_are_found_before_the_type_is_checked() {
    let app = spawn_app().await;
    let m = app.organizations(MGMT);
    m.create_organization().send().await.unwrap();
    let root = m.list_roots().send().await.unwrap().roots()[0]
        .id()
        .unwrap()
        .to_string();
    let ou = m
        .create_organizational_unit()
        .parent_id(&root)
        .name("apps")
        .send()
        .await
        .unwrap();
    let ou = ou.organizational_unit().unwrap().id().unwrap().to_string();
    let policy = m
        .create_policy()
        .name("s3")
        .description("")
        .r#type(PolicyType::ServiceControlPolicy)
        .content(SCP)
        .send()
        .await
        .unwrap();
    let policy = policy
        .policy()
        .unwrap()
        .policy_summary()
        .unwrap()
        .id()
        .unwrap()
        .to_string();
    // governance.md §3: PolicyNotFound → TargetNotFound → PolicyTypeNotEnabled. An unknown
    // OU is a TargetNotFoundException (moto: OrganizationalUnitNotFoundException), even while
    // SCPs are not enabled (a new organization enables none, §1.1).
    let err = m
        .attach_policy()
        .policy_id(&policy)
        .target_id(UNKNOWN_OU)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(code(&err), "TargetNotFoundException");
    assert_eq!(
        err.message(),
        Some("You specified a target that doesn't exist.")
    );
    let err = m
        .detach_policy()
        .policy_id(&policy)
        .target_id(UNKNOWN_OU)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(code(&err), "TargetNotFoundException");
    let err = m
        .list_policies_for_target()
        .target_id(UNKNOWN_OU)
        .filter(PolicyType::ServiceControlPolicy)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(code(&err), "TargetNotFoundException");
    let err = m
        .attach_policy()
        .policy_id(&policy)
        .target_id(&ou)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(code(&err), "PolicyTypeNotEnabledException");
    // §2.4 / §1.2: the model's "We can't find …" sentences (moto: "You specified a … that doesn't exist.").
    let err = m
        .describe_policy()
        .policy_id("p-00000000")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(code(&err), "PolicyNotFoundException");
    assert_eq!(
        err.message(),
        Some("We can't find a policy with the PolicyId that you specified.")
    );
    let err = m
        .enable_policy_type()
        .root_id("r-0000")
        .policy_type(PolicyType::AiservicesOptOutPolicy)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(code(&err), "RootNotFoundException");
    assert_eq!(
        err.message(),
        Some("We can't find a root with the RootId that you specified.")
    );
}

#[tokio::test]
async fn create_account_answers_in_progress_and_the_management_account_has_no_request() {
    let app = spawn_app().await;
    let m = app.organizations(MGMT);
    m.create_organization().send().await.unwrap();
    // The management account was not created by CreateAccount (moto lists a request for it).
    let listed = m.list_create_account_status().send().await.unwrap();
    assert!(listed.create_account_statuses().is_empty());
    let sent = m
        .create_account()
        .account_name("mock-account")
        .email("mock-account@example.org")
        .send()
        .await
        .unwrap();
    let status = sent.create_account_status().unwrap();
    // AWS answers IN_PROGRESS without AccountId (organizations-behavior.md §5.12; moto completes at once).
    assert_eq!(status.state(), Some(&CreateAccountState::InProgress));
    assert_eq!(status.account_id(), None);
    let done = m
        .describe_create_account_status()
        .create_account_request_id(status.id().unwrap())
        .send()
        .await
        .unwrap();
    let done = done.create_account_status().unwrap();
    assert_eq!(done.state(), Some(&CreateAccountState::Succeeded));
    assert!(done.account_id().is_some());
}
