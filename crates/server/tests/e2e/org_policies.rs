//! Organizations policies through the official Rust SDK (governance.md §1–§5, §7): a new
//! organization enables nothing; CRUD with AWS's refusals; attachment rules; a
//! consolidated-billing organization.

use aws_sdk_organizations::error::ProvideErrorMetadata;
use aws_sdk_organizations::types::{
    ConstraintViolationExceptionReason, OrganizationFeatureSet, PolicyType,
};

use crate::helpers::spawn_app;
use crate::org_share::world;
use crate::scp_enforcement::{attach, enable, scp, DENY_CREATE_PORTFOLIO};

const MGMT: &str = "111111111111";

pub(crate) fn code<E: ProvideErrorMetadata>(e: &E) -> String {
    e.code().unwrap_or_default().to_string()
}

#[tokio::test]
#[expect(clippy::too_many_lines, reason = "one client scenario, step by step")]
async fn policies_are_created_attached_and_refused_as_aws_does() {
    let w = world().await;
    let orgs = w.app.organizations(MGMT);
    let root = orgs.list_roots().send().await.unwrap().roots()[0].clone();
    assert!(
        root.policy_types().is_empty(),
        "a new organization enables no type"
    );
    let root = root.id().unwrap().to_string();

    // Content is kept verbatim; a malformed one is refused.
    let content = "{ \"Version\": \"2012-10-17\",\n  \"Statement\": {\"Effect\": \"Deny\", \"Action\": \"s3:*\"} }";
    let (id, arn) = scp(&orgs, "deny-s3", content).await;
    let org_id = &w.org_id;
    assert_eq!(
        arn,
        format!("arn:aws:organizations::{MGMT}:policy/{org_id}/service_control_policy/{id}")
    );
    let described = orgs.describe_policy().policy_id(&id).send().await.unwrap();
    assert_eq!(described.policy().unwrap().content(), Some(content));
    let err = orgs
        .create_policy()
        .name("bad")
        .description("")
        .r#type(PolicyType::ServiceControlPolicy)
        .content(r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"*"}}"#)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(code(&err), "MalformedPolicyDocumentException");
    assert_eq!(
        err.message(),
        Some("The provided policy document does not meet the requirements of the specified policy type.")
    );
    let err = orgs
        .create_policy()
        .name("deny-s3")
        .description("")
        .r#type(PolicyType::ServiceControlPolicy)
        .content(content)
        .send()
        .await
        .unwrap_err();
    assert_eq!(code(&err.into_service_error()), "DuplicatePolicyException");
    let big = format!(
        r#"{{"Version":"2012-10-17","Statement":{{"Sid":"{}","Effect":"Deny","Action":"s3:*"}}}}"#,
        "a".repeat(10_300)
    );
    let err = orgs
        .create_policy()
        .name("big")
        .description("")
        .r#type(PolicyType::ServiceControlPolicy)
        .content(big)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(
        err.message(),
        Some("You have exceeded the maximum policy size.")
    );

    // FullAWSAccess is AWS's, listed first, and cannot change.
    let listed = orgs
        .list_policies()
        .filter(PolicyType::ServiceControlPolicy)
        .send()
        .await
        .unwrap();
    let first = &listed.policies()[0];
    assert_eq!(first.id(), Some("p-FullAWSAccess"));
    assert_eq!(
        first.arn(),
        Some("arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess")
    );
    assert!(first.aws_managed());
    let err = orgs
        .update_policy()
        .policy_id("p-FullAWSAccess")
        .name("x")
        .send()
        .await
        .unwrap_err();
    assert_eq!(code(&err.into_service_error()), "InvalidInputException");

    // Attachments: enabling SCPs attaches FullAWSAccess everywhere.
    enable(&orgs, &root, PolicyType::ServiceControlPolicy).await;
    let targets = orgs
        .list_targets_for_policy()
        .policy_id("p-FullAWSAccess")
        .send()
        .await
        .unwrap();
    assert_eq!(
        targets.targets().len(),
        1 + 2 + 5,
        "root, two OUs, five accounts"
    );
    let err = orgs
        .enable_policy_type()
        .root_id(&root)
        .policy_type(PolicyType::ServiceControlPolicy)
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        code(&err.into_service_error()),
        "PolicyTypeAlreadyEnabledException"
    );
    attach(&orgs, &id, "222222222222").await;
    let err = orgs
        .attach_policy()
        .policy_id(&id)
        .target_id("222222222222")
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        code(&err.into_service_error()),
        "DuplicatePolicyAttachmentException"
    );
    let err = orgs
        .attach_policy()
        .policy_id(&id)
        .target_id("999999999999")
        .send()
        .await
        .unwrap_err();
    assert_eq!(code(&err.into_service_error()), "TargetNotFoundException");
    let err = orgs
        .delete_policy()
        .policy_id(&id)
        .send()
        .await
        .unwrap_err();
    assert_eq!(code(&err.into_service_error()), "PolicyInUseException");
    let err = orgs
        .detach_policy()
        .policy_id("p-FullAWSAccess")
        .target_id(&root)
        .send()
        .await
        .unwrap_err();
    // The root has only FullAWSAccess: the last SCP stays.
    let aws_sdk_organizations::operation::detach_policy::DetachPolicyError::ConstraintViolationException(e) =
        err.into_service_error()
    else {
        panic!("not a constraint violation")
    };
    assert_eq!(
        e.reason(),
        Some(&ConstraintViolationExceptionReason::MinPolicyTypeAttachmentLimitExceeded)
    );
    let direct = orgs
        .list_policies_for_target()
        .target_id("222222222222")
        .filter(PolicyType::ServiceControlPolicy)
        .send()
        .await
        .unwrap();
    let ids: Vec<_> = direct.policies().iter().filter_map(|p| p.id()).collect();
    assert_eq!(ids, ["p-FullAWSAccess", id.as_str()]);
    // Nine more fill the account's ten slots.
    for n in 0..9 {
        let (p, _) = scp(&orgs, &format!("filler-{n}"), DENY_CREATE_PORTFOLIO).await;
        let sent = orgs
            .attach_policy()
            .policy_id(&p)
            .target_id("222222222222")
            .send()
            .await;
        if n < 8 {
            sent.unwrap();
        } else {
            let aws_sdk_organizations::operation::attach_policy::AttachPolicyError::ConstraintViolationException(e) =
                sent.unwrap_err().into_service_error()
            else {
                panic!("not a constraint violation")
            };
            assert_eq!(
                e.reason(),
                Some(&ConstraintViolationExceptionReason::MaxPolicyTypeAttachmentLimitExceeded)
            );
        }
    }
    // Disabling detaches everything of the type; the policies stay.
    orgs.disable_policy_type()
        .root_id(&root)
        .policy_type(PolicyType::ServiceControlPolicy)
        .send()
        .await
        .unwrap();
    orgs.delete_policy().policy_id(&id).send().await.unwrap();
    let err = orgs
        .describe_policy()
        .policy_id(&id)
        .send()
        .await
        .unwrap_err();
    assert_eq!(code(&err.into_service_error()), "PolicyNotFoundException");
}

#[tokio::test]
async fn consolidated_billing_has_no_policy_types_until_all_features() {
    let app = spawn_app().await;
    let orgs = app.organizations(MGMT);
    let org = orgs
        .create_organization()
        .feature_set(OrganizationFeatureSet::ConsolidatedBilling)
        .send()
        .await
        .unwrap();
    let org = org.organization().unwrap();
    assert_eq!(
        org.feature_set(),
        Some(&OrganizationFeatureSet::ConsolidatedBilling)
    );
    let available = org.available_policy_types().len();
    assert_eq!(available, 0);
    let err = orgs
        .create_policy()
        .name("p")
        .description("")
        .r#type(PolicyType::ServiceControlPolicy)
        .content(DENY_CREATE_PORTFOLIO)
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        code(&err.into_service_error()),
        "PolicyTypeNotAvailableForOrganizationException"
    );
    let handshake = orgs.enable_all_features().send().await.unwrap();
    assert_eq!(
        handshake
            .handshake()
            .unwrap()
            .action()
            .map(aws_sdk_organizations::types::ActionType::as_str),
        Some("ENABLE_ALL_FEATURES")
    );
    let err = orgs.enable_all_features().send().await.unwrap_err();
    assert_eq!(
        code(&err.into_service_error()),
        "HandshakeConstraintViolationException"
    );
    let now = orgs.describe_organization().send().await.unwrap();
    assert_eq!(
        now.organization().unwrap().feature_set(),
        Some(&OrganizationFeatureSet::All)
    );
    let err = orgs
        .create_gov_cloud_account()
        .email("g@example.com")
        .account_name("gov")
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        code(&err.into_service_error()),
        "ConstraintViolationException"
    );
}

#[tokio::test]
async fn names_are_unique_per_type_on_create_and_rename_aws_policies_included() {
    let w = world().await;
    let orgs = w.app.organizations(MGMT);
    let (id, _) = scp(&orgs, "deny-portfolios", DENY_CREATE_PORTFOLIO).await;
    scp(&orgs, "taken", DENY_CREATE_PORTFOLIO).await;
    let err = orgs
        .create_policy()
        .name("FullAWSAccess")
        .description("")
        .r#type(PolicyType::ServiceControlPolicy)
        .content(DENY_CREATE_PORTFOLIO)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(code(&err), "DuplicatePolicyException");
    for taken in ["taken", "FullAWSAccess"] {
        let err = orgs
            .update_policy()
            .policy_id(&id)
            .name(taken)
            .send()
            .await
            .unwrap_err()
            .into_service_error();
        assert_eq!(code(&err), "DuplicatePolicyException", "{taken}");
        assert_eq!(
            err.message(),
            Some("A policy with the same name already exists.")
        );
    }
    // Its own name is no clash; a free one is taken and kept.
    for name in ["deny-portfolios", "deny-portfolios-2"] {
        let updated = orgs
            .update_policy()
            .policy_id(&id)
            .name(name)
            .send()
            .await
            .unwrap();
        let summary = updated.policy().unwrap().policy_summary().unwrap();
        assert_eq!(summary.name(), Some(name));
    }
}
