//! Organizations through the official Rust SDK.

use aws_sdk_organizations::error::ProvideErrorMetadata;
use aws_sdk_organizations::types::InvalidInputExceptionReason;

use crate::helpers::spawn_app;

#[tokio::test]
async fn invalid_input_carries_a_reason() {
    let app = spawn_app().await;
    let err = app
        .organizations("111111111111")
        .describe_account()
        .account_id("123")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    let aws_sdk_organizations::operation::describe_account::DescribeAccountError::InvalidInputException(e) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(
        e.reason(),
        Some(&InvalidInputExceptionReason::InvalidPattern)
    );
    assert_eq!(
        err.message(),
        Some("You provided a value that does not match the required pattern.")
    );
}

use aws_sdk_organizations::types::{
    ChildType, ConstraintViolationExceptionReason, CreateAccountState, HandshakeParty,
    HandshakePartyType, HandshakeState,
};

const MGMT: &str = "111111111111";
const SC: &str = "servicecatalog.amazonaws.com";

#[tokio::test]
#[expect(clippy::too_many_lines, reason = "one client scenario, step by step")]
async fn an_organization_is_built_from_the_rust_sdk() {
    let app = spawn_app().await;
    let m = app.organizations(MGMT);
    let org = m.create_organization().send().await.unwrap();
    let org = org.organization().unwrap();
    let org_id = org.id().unwrap().to_string();
    assert!(org_id.starts_with("o-") && org_id.len() == 12, "{org_id}");
    assert_eq!(org.master_account_id(), Some(MGMT));
    assert_eq!(
        org.master_account_arn().unwrap(),
        format!("arn:aws:organizations::{MGMT}:account/{org_id}/{MGMT}")
    );
    let roots = m.list_roots().send().await.unwrap();
    let root = roots.roots()[0].id().unwrap().to_string();
    assert!(root.starts_with("r-") && root.len() == 6);
    let ou = m
        .create_organizational_unit()
        .parent_id(&root)
        .name("Apps")
        .send()
        .await
        .unwrap();
    let ou = ou.organizational_unit().unwrap();
    let ou_id = ou.id().unwrap().to_string();
    assert!(ou_id.starts_with(&format!("ou-{}-", &root[2..])), "{ou_id}");
    assert_eq!(
        ou.arn().unwrap(),
        format!("arn:aws:organizations::{MGMT}:ou/{org_id}/{ou_id}")
    );
    let dup = m
        .create_organizational_unit()
        .parent_id(&root)
        .name("Apps")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(dup.is_duplicate_organizational_unit_exception(), "{dup:?}");

    // CreateAccount answers IN_PROGRESS; the next read says SUCCEEDED.
    let created = m
        .create_account()
        .email("dev@example.com")
        .account_name("Dev")
        .send()
        .await
        .unwrap();
    let status = created.create_account_status().unwrap();
    assert_eq!(status.state(), Some(&CreateAccountState::InProgress));
    assert!(status.account_id().is_none());
    let car = status.id().unwrap().to_string();
    assert!(car.starts_with("car-") && car.len() == 36);
    let done = m
        .describe_create_account_status()
        .create_account_request_id(&car)
        .send()
        .await
        .unwrap();
    let done = done.create_account_status().unwrap();
    assert_eq!(done.state(), Some(&CreateAccountState::Succeeded));
    let new_id = done.account_id().unwrap().to_string();
    assert_eq!(new_id.len(), 12);

    // Same email again: FAILED with EMAIL_ALREADY_EXISTS.
    let again = m
        .create_account()
        .email("dev@example.com")
        .account_name("Dev2")
        .send()
        .await
        .unwrap();
    let again = m
        .describe_create_account_status()
        .create_account_request_id(again.create_account_status().unwrap().id().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(
        again.create_account_status().unwrap().state(),
        Some(&CreateAccountState::Failed)
    );
    assert_eq!(
        again
            .create_account_status()
            .unwrap()
            .failure_reason()
            .unwrap()
            .as_str(),
        "EMAIL_ALREADY_EXISTS"
    );

    // Move into the OU; a wrong source is AccountNotFoundException (OBS-MOVE).
    let wrong = m
        .move_account()
        .account_id(&new_id)
        .source_parent_id(&ou_id)
        .destination_parent_id(&root)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(wrong.is_account_not_found_exception(), "{wrong:?}");
    m.move_account()
        .account_id(&new_id)
        .source_parent_id(&root)
        .destination_parent_id(&ou_id)
        .send()
        .await
        .unwrap();
    let parents = m.list_parents().child_id(&new_id).send().await.unwrap();
    assert_eq!(parents.parents()[0].id(), Some(ou_id.as_str()));
    let children = m
        .list_children()
        .parent_id(&ou_id)
        .child_type(ChildType::Account)
        .send()
        .await
        .unwrap();
    assert_eq!(children.children()[0].id(), Some(new_id.as_str()));
    let busy = m
        .delete_organizational_unit()
        .organizational_unit_id(&ou_id)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(busy.is_organizational_unit_not_empty_exception());
}

#[tokio::test]
#[expect(clippy::too_many_lines, reason = "one client scenario, step by step")]
async fn invitations_delegated_admins_and_permissions() {
    let app = spawn_app().await;
    let m = app.organizations(MGMT);
    m.create_organization().send().await.unwrap();
    // An outsider: AWSOrganizationsNotInUseException.
    let out = app
        .organizations("999999999999")
        .describe_organization()
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        out.as_service_error().unwrap().code(),
        Some("AWSOrganizationsNotInUseException")
    );
    let hs = m
        .invite_account_to_organization()
        .target(
            HandshakeParty::builder()
                .id("222222222222")
                .r#type(HandshakePartyType::Account)
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
    let hs = hs.handshake().unwrap();
    assert_eq!(hs.state(), Some(&HandshakeState::Open));
    let member = app.organizations("222222222222");
    let accepted = member
        .accept_handshake()
        .handshake_id(hs.id().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(
        accepted.handshake().unwrap().state(),
        Some(&HandshakeState::Accepted)
    );
    // A member reads the organization but not its accounts.
    member.describe_organization().send().await.unwrap();
    let denied = member.list_accounts().send().await.unwrap_err();
    assert_eq!(
        denied.as_service_error().unwrap().code(),
        Some("AccessDeniedException")
    );
    assert_eq!(
        denied.as_service_error().unwrap().message(),
        Some("You don't have permissions to access this resource.")
    );

    let reg = |account: &str| {
        m.register_delegated_administrator()
            .account_id(account)
            .service_principal(SC)
    };
    let e = reg("222222222222")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    let aws_sdk_organizations::operation::register_delegated_administrator::RegisterDelegatedAdministratorError::ConstraintViolationException(cv) = &e else { panic!("{e:?}") };
    assert_eq!(
        cv.reason(),
        Some(&ConstraintViolationExceptionReason::ServiceAccessNotEnabled)
    );
    // Service Catalog's switch turns on trusted access.
    let sc = app.catalog(MGMT);
    sc.enable_aws_organizations_access().send().await.unwrap();
    let listed = m
        .list_aws_service_access_for_organization()
        .send()
        .await
        .unwrap();
    assert_eq!(
        listed.enabled_service_principals()[0].service_principal(),
        Some(SC)
    );
    let e = reg(MGMT).send().await.unwrap_err().into_service_error();
    let aws_sdk_organizations::operation::register_delegated_administrator::RegisterDelegatedAdministratorError::ConstraintViolationException(cv) = &e else { panic!("{e:?}") };
    assert_eq!(
        cv.reason(),
        Some(&ConstraintViolationExceptionReason::CannotRegisterMasterAsDelegatedAdministrator)
    );
    let e = reg("333333333333")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(e.is_account_not_found_exception(), "{e:?}");
    reg("222222222222").send().await.unwrap();
    let e = reg("222222222222")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(e.is_account_already_registered_exception(), "{e:?}");
    // The delegated admin now reads the organization and the access status.
    member.list_accounts().send().await.unwrap();
    let status = app
        .catalog("222222222222")
        .get_aws_organizations_access_status()
        .send()
        .await
        .unwrap();
    assert_eq!(status.access_status().unwrap().as_str(), "ENABLED");
    // Members cannot switch Service Catalog's access.
    let e = app
        .catalog("222222222222")
        .disable_aws_organizations_access()
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        e.as_service_error().unwrap().message(),
        Some("You are not authorized to perform this action")
    );
    // Disabling is refused while a delegated admin exists; a DA cannot be removed.
    let e = sc
        .disable_aws_organizations_access()
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        e.as_service_error().unwrap().code(),
        Some("InvalidStateException")
    );
    let e = m
        .remove_account_from_organization()
        .account_id("222222222222")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    let aws_sdk_organizations::operation::remove_account_from_organization::RemoveAccountFromOrganizationError::ConstraintViolationException(cv) = &e else { panic!("{e:?}") };
    assert_eq!(
        cv.reason(),
        Some(&ConstraintViolationExceptionReason::CannotRemoveDelegatedAdministratorFromOrg)
    );
    m.deregister_delegated_administrator()
        .account_id("222222222222")
        .service_principal(SC)
        .send()
        .await
        .unwrap();
    sc.disable_aws_organizations_access().send().await.unwrap();
    let status = sc
        .get_aws_organizations_access_status()
        .send()
        .await
        .unwrap();
    assert_eq!(status.access_status().unwrap().as_str(), "DISABLED");
    m.remove_account_from_organization()
        .account_id("222222222222")
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn list_accounts_pages_with_next_token() {
    let app = spawn_app().await;
    let m = app.organizations(MGMT);
    m.create_organization().send().await.unwrap();
    for i in 0..4 {
        let target = format!("20000000000{i}");
        let hs = m
            .invite_account_to_organization()
            .target(
                HandshakeParty::builder()
                    .id(&target)
                    .r#type(HandshakePartyType::Account)
                    .build()
                    .unwrap(),
            )
            .send()
            .await
            .unwrap();
        app.organizations(&target)
            .accept_handshake()
            .handshake_id(hs.handshake().unwrap().id().unwrap())
            .send()
            .await
            .unwrap();
    }
    let mut seen = Vec::new();
    let mut token = None;
    loop {
        let page = m
            .list_accounts()
            .max_results(2)
            .set_next_token(token)
            .send()
            .await
            .unwrap();
        assert!(page.accounts().len() <= 2);
        seen.extend(page.accounts().iter().map(|a| a.id().unwrap().to_string()));
        token = page.next_token().map(str::to_string);
        if token.is_none() {
            break;
        }
    }
    assert_eq!(seen.len(), 5);
    assert_eq!(seen[0], MGMT);
}
