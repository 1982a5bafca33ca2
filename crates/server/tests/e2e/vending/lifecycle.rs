//! The vending workflow end to end (provisioning.md §21.3–§21.6): a launch makes an
//! Organizations account through CreateAccount (ListCreateAccountStatus shows it), in the OU,
//! and the OU's shared portfolio is there at once; the record and product carry the outputs
//! and the CONTROL_TOWER_ACCOUNT type; an update moves the account, a terminate unenrolls it
//! (the account stays, under the root); a used email or an unknown OU fails the record.

use aws_sdk_organizations::types::CreateAccountState;
use aws_sdk_servicecatalog::types::{
    OrganizationNode, OrganizationNodeType, PortfolioShareType, ProvisionedProductStatus,
    RecordStatus, UpdateProvisioningParameter,
};

use super::{output, params, world};
use crate::helpers::portfolio;
use crate::scp_enforcement::{attach, enable, scp};

#[tokio::test]
async fn a_vended_account_lands_in_its_ou_and_sees_the_ous_share_at_once() {
    let w = world().await;
    let shared = portfolio(&w.admin, "WorkloadBaseline").await;
    let ou = OrganizationNode::builder()
        .r#type(OrganizationNodeType::OrganizationalUnit)
        .value(&w.workloads)
        .build();
    w.admin
        .create_portfolio_share()
        .portfolio_id(&shared)
        .organization_node(ou)
        .send()
        .await
        .unwrap();
    w.app.drain().await;

    let record = w.provision("dev-one", params("dev-one", "Workloads")).await;
    assert_eq!(record.status(), Some(&RecordStatus::Created));
    assert_eq!(record.record_type(), Some("PROVISION_PRODUCT"));
    assert_eq!(
        record.provisioned_product_type(),
        Some("CONTROL_TOWER_ACCOUNT")
    );
    let done = w.settled(record.record_id().unwrap()).await;
    assert_eq!(done.status(), Some(&RecordStatus::Succeeded), "{done:?}");
    let out = w
        .vendor
        .describe_record()
        .id(done.record_id().unwrap())
        .send()
        .await
        .unwrap();
    let account = output(out.record_outputs(), "AccountId");
    assert_eq!(account.len(), 12);
    assert_eq!(
        output(out.record_outputs(), "AccountEmail"),
        "dev-one@example.com"
    );
    assert_eq!(
        output(out.record_outputs(), "SSOUserEmail"),
        "sso-dev-one@example.com"
    );
    let portal = output(out.record_outputs(), "SSOUserPortal");
    assert!(portal.starts_with("https://d-") && portal.ends_with(".awsapps.com/start"));

    // Organizations: a CreateAccount request that succeeded, the account in the OU.
    let statuses = w.orgs.list_create_account_status().send().await.unwrap();
    let request = statuses
        .create_account_statuses()
        .iter()
        .find(|s| s.account_id() == Some(account.as_str()))
        .expect("the vending's CreateAccount request");
    assert_eq!(request.state(), Some(&CreateAccountState::Succeeded));
    assert_eq!(request.account_name(), Some("dev-one"));
    assert_eq!(w.parent(&account).await, w.workloads);

    // The OU's share reached the new account with no further work.
    let seen = w
        .app
        .catalog(&account)
        .list_accepted_portfolio_shares()
        .portfolio_share_type(PortfolioShareType::AwsOrganizations)
        .send()
        .await
        .unwrap();
    let ids: Vec<&str> = seen
        .portfolio_details()
        .iter()
        .filter_map(|p| p.id())
        .collect();
    assert_eq!(ids, vec![shared.as_str()]);

    // The product: the account is its PhysicalId, its type CONTROL_TOWER_ACCOUNT.
    let pp = w
        .vendor
        .describe_provisioned_product()
        .id(done.provisioned_product_id().unwrap())
        .send()
        .await
        .unwrap();
    let detail = pp.provisioned_product_detail().unwrap();
    assert_eq!(detail.r#type(), Some("CONTROL_TOWER_ACCOUNT"));
    assert_eq!(detail.status(), Some(&ProvisionedProductStatus::Available));
    assert!(detail.arn().unwrap().contains(":stack/dev-one/pp-"));
}

#[tokio::test]
async fn an_update_moves_the_account_and_a_terminate_unenrolls_it() {
    let w = world().await;
    let account = w
        .vend("mover", &format!("Workloads ({})", w.workloads))
        .await;
    let pp = w.provisioned_product_of(&account).await;
    let keep = |k: &str| {
        UpdateProvisioningParameter::builder()
            .key(k)
            .use_previous_value(true)
            .build()
    };
    let mut changed: Vec<UpdateProvisioningParameter> = [
        "AccountName",
        "AccountEmail",
        "SSOUserFirstName",
        "SSOUserLastName",
        "SSOUserEmail",
    ]
    .into_iter()
    .map(keep)
    .collect();
    changed.push(
        UpdateProvisioningParameter::builder()
            .key("ManagedOrganizationalUnit")
            .value(format!("Sandbox ({})", w.sandbox))
            .build(),
    );
    let update = w
        .vendor
        .update_provisioned_product()
        .provisioned_product_id(&pp)
        .product_id(&w.prod)
        .provisioning_artifact_id(&w.pa)
        .set_provisioning_parameters(Some(changed))
        .update_token("move-1")
        .send()
        .await
        .unwrap();
    let done = w
        .settled(update.record_detail().unwrap().record_id().unwrap())
        .await;
    assert_eq!(done.status(), Some(&RecordStatus::Succeeded), "{done:?}");
    assert_eq!(w.parent(&account).await, w.sandbox);

    w.terminate(&pp, "unenroll-1").await;
    assert_eq!(w.parent(&account).await, w.root);
    let still = w
        .orgs
        .describe_account()
        .account_id(&account)
        .send()
        .await
        .unwrap();
    assert_eq!(
        still.account().unwrap().status(),
        Some(&aws_sdk_organizations::types::AccountStatus::Active)
    );
    let gone = w
        .vendor
        .describe_provisioned_product()
        .id(&pp)
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        aws_sdk_servicecatalog::error::ProvideErrorMetadata::code(&gone),
        Some("ResourceNotFoundException")
    );
}

#[tokio::test]
async fn a_used_email_or_an_unknown_ou_fails_the_record_and_makes_no_account() {
    let w = world().await;
    w.vend("first", "Sandbox").await;
    let mut reused = params("second", "Sandbox");
    reused[1] = aws_sdk_servicecatalog::types::ProvisioningParameter::builder()
        .key("AccountEmail")
        .value("first@example.com")
        .build();
    let email = w.provision("second", reused).await;
    let unknown = w.provision("third", params("third", "Nowhere")).await;
    let root = w.provision("fourth", params("fourth", "Root")).await;
    let (email, unknown, root) = (
        w.settled(email.record_id().unwrap()).await,
        w.settled(unknown.record_id().unwrap()).await,
        w.settled(root.record_id().unwrap()).await,
    );
    for r in [&email, &unknown, &root] {
        assert_eq!(r.status(), Some(&RecordStatus::Failed), "{r:?}");
    }
    assert_eq!(
        email.record_errors()[0].description(),
        Some(
            "InvalidParameterException the email address provided is associated with \
             another account."
        )
    );
    assert!(unknown.record_errors()[0]
        .description()
        .unwrap()
        .contains("Nowhere"));
    let pp = w
        .vendor
        .describe_provisioned_product()
        .id(email.provisioned_product_id().unwrap())
        .send()
        .await
        .unwrap();
    let detail = pp.provisioned_product_detail().unwrap();
    assert_eq!(detail.status(), Some(&ProvisionedProductStatus::Error));
    assert!(detail.status_message().unwrap().contains("email address"));
    // Two accounts: the management account and `first`.
    let accounts = w.orgs.list_accounts().send().await.unwrap();
    assert_eq!(accounts.accounts().len(), 2, "{accounts:?}");
    let failed = w
        .orgs
        .list_create_account_status()
        .states(CreateAccountState::Failed)
        .send()
        .await
        .unwrap();
    assert_eq!(failed.create_account_statuses().len(), 1);
    assert_eq!(
        failed.create_account_statuses()[0].failure_reason(),
        Some(&aws_sdk_organizations::types::CreateAccountFailureReason::EmailAlreadyExists)
    );
}

/// A vended account is a new member like any other: with SCPs enabled it gets the AWS-managed
/// FullAWSAccess attached directly, as CreateAccount's accounts do (governance.md §1.1), so
/// its SCP level allows what its OU and root allow.
#[tokio::test]
async fn a_vended_account_gets_the_default_scp_like_a_created_one() {
    use aws_sdk_organizations::types::PolicyType;
    let w = world().await;
    w.orgs
        .enable_policy_type()
        .root_id(&w.root)
        .policy_type(PolicyType::ServiceControlPolicy)
        .send()
        .await
        .unwrap();
    let account = w.vend("governed", "Workloads").await;
    let attached = w
        .orgs
        .list_policies_for_target()
        .target_id(&account)
        .filter(PolicyType::ServiceControlPolicy)
        .send()
        .await
        .unwrap();
    let names: Vec<_> = attached
        .policies()
        .iter()
        .map(|p| (p.id().unwrap_or_default(), p.aws_managed()))
        .collect();
    assert_eq!(names, [("p-FullAWSAccess", true)]);
}

/// Moving a vended account (here a terminate, which puts it under the root) reaches the next
/// SCP decision about it: the vending step moves the Organizations epoch on like every other
/// change of organization state, so no decision cached for its old OU survives.
#[tokio::test]
async fn the_scps_of_a_vended_account_follow_it_when_vending_moves_it() {
    use aws_sdk_organizations::types::PolicyType;
    let w = world().await;
    enable(&w.orgs, &w.root, PolicyType::ServiceControlPolicy).await;
    let deny = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"servicecatalog:ListPortfolios","Resource":"*"}]}"#;
    let (policy, _) = scp(&w.orgs, "no-listing", deny).await;
    attach(&w.orgs, &policy, &w.workloads).await;
    let account = w.vend("leaver", "Workloads").await;
    let list = || w.app.catalog(&account).list_portfolios().send();
    let denied = list().await.unwrap_err();
    assert_eq!(
        denied.into_service_error().meta().code(),
        Some("AccessDeniedException")
    );
    let pp = w.provisioned_product_of(&account).await;
    w.terminate(&pp, "unenroll-leaver").await;
    assert_eq!(w.parent(&account).await, w.root);
    assert!(
        list().await.is_ok(),
        "under the root, the OU's SCP no longer applies"
    );
}
