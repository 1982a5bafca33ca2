//! Account vending through the official Rust SDKs (provisioning.md §21): an organization
//! bootstrapped with `account_factory: true` — management account 111111111111, OU Workloads
//! (with a nested OU Team), OU Sandbox — whose Account Factory product the clients of §21.7
//! find, launch, poll, update and terminate, call for call. This file builds that world and
//! holds the helpers; the tests are in `vending/`, one file per theme or client.

use std::time::Duration;

use aws_sdk_servicecatalog::types::{ProvisioningParameter, RecordDetail, RecordStatus};
use aws_sdk_servicecatalog::Client;

use crate::helpers::{spawn_with, TestApp};
pub(crate) use crate::provisioning::{associate, session};

mod aft;
mod ctlib;
mod factory;
mod gruntwork;
mod idealo;
mod lifecycle;
mod lza;
mod queue;

pub(crate) const MGMT: &str = "111111111111";
pub(crate) const PRODUCT: &str = "AWS Control Tower Account Factory";
pub(crate) const PORTFOLIO: &str = "AWS Control Tower Account Factory Portfolio";
/// The role AFT associates with the portfolio and vends as.
pub(crate) const AFT_ROLE: &str = "AWSAFTService";

pub(crate) const BOOTSTRAP: &str = r#"
organizations:
  - management_account: {id: "111111111111", name: Management, email: mgmt@example.com}
    service_catalog_access: true
    account_factory: true
    units:
      - name: Workloads
        units:
          - name: Team
      - name: Sandbox
"#;

/// The bootstrapped world: the app, the management account's administrator, the factory's
/// ids, the OU ids, and a session of [`AFT_ROLE`] associated with the factory portfolio.
pub(crate) struct World {
    pub app: TestApp,
    pub admin: Client,
    pub vendor: Client,
    pub orgs: aws_sdk_organizations::Client,
    pub port: String,
    pub prod: String,
    pub pa: String,
    pub workloads: String,
    pub sandbox: String,
    pub team: String,
    pub root: String,
    _dir: tempfile::TempDir,
}

/// The world with records held IN_PROGRESS for `delay`.
pub(crate) async fn world_with(delay: Duration) -> World {
    open(delay, true).await
}

/// The world as the bootstrap leaves it: [`AFT_ROLE`] not associated yet (the clients that
/// associate their own role start here).
pub(crate) async fn bare_world(delay: Duration) -> World {
    open(delay, false).await
}

async fn open(delay: Duration, associated: bool) -> World {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("org.yaml");
    std::fs::write(&file, BOOTSTRAP).unwrap();
    let mut config = sclocal_server::Config::for_tests();
    config.bootstrap = Some(file);
    config.provisioning_delay = delay;
    let app = spawn_with(config).await;
    let admin = app.catalog(MGMT);
    let orgs = app.organizations(MGMT);
    let root = orgs.list_roots().send().await.unwrap().roots()[0]
        .id()
        .unwrap()
        .to_string();
    let ous = orgs
        .list_organizational_units_for_parent()
        .parent_id(&root)
        .send()
        .await
        .unwrap();
    let ou = |name: &str| {
        ous.organizational_units()
            .iter()
            .find(|o| o.name() == Some(name))
            .unwrap()
            .id()
            .unwrap()
            .to_string()
    };
    let (workloads, sandbox) = (ou("Workloads"), ou("Sandbox"));
    let team = orgs
        .list_organizational_units_for_parent()
        .parent_id(&workloads)
        .send()
        .await
        .unwrap()
        .organizational_units()[0]
        .id()
        .unwrap()
        .to_string();
    let prod = admin
        .describe_product_as_admin()
        .name(PRODUCT)
        .send()
        .await
        .unwrap();
    let pa = prod.provisioning_artifact_summaries()[0]
        .id()
        .unwrap()
        .to_string();
    let prod = prod
        .product_view_detail()
        .and_then(|d| d.product_view_summary())
        .and_then(|s| s.product_id())
        .unwrap()
        .to_string();
    let port = admin
        .list_portfolios()
        .send()
        .await
        .unwrap()
        .portfolio_details()[0]
        .id()
        .unwrap()
        .to_string();
    if associated {
        associate(
            &admin,
            &port,
            &format!("arn:aws:iam::{MGMT}:role/{AFT_ROLE}"),
        )
        .await;
    }
    let vendor = session(&app, MGMT, AFT_ROLE).await;
    World {
        app,
        admin,
        vendor,
        orgs,
        port,
        prod,
        pa,
        workloads,
        sandbox,
        team,
        root,
        _dir: dir,
    }
}

/// The world with no delay.
pub(crate) async fn world() -> World {
    world_with(Duration::ZERO).await
}

/// The six parameters for an account `name` into `ou` (any form of §21.2).
pub(crate) fn params(name: &str, ou: &str) -> Vec<ProvisioningParameter> {
    [
        ("AccountName", name.to_string()),
        ("AccountEmail", format!("{name}@example.com")),
        ("SSOUserFirstName", "Ada".to_string()),
        ("SSOUserLastName", "Lovelace".to_string()),
        ("SSOUserEmail", format!("sso-{name}@example.com")),
        ("ManagedOrganizationalUnit", ou.to_string()),
    ]
    .into_iter()
    .map(|(k, v)| ProvisioningParameter::builder().key(k).value(v).build())
    .collect()
}

impl World {
    /// Launches the factory as `name` with `params`: the record ProvisionProduct answers.
    pub(crate) async fn provision(
        &self,
        name: &str,
        params: Vec<ProvisioningParameter>,
    ) -> RecordDetail {
        self.vendor
            .provision_product()
            .product_id(&self.prod)
            .provisioning_artifact_id(&self.pa)
            .provisioned_product_name(name)
            .set_provisioning_parameters(Some(params))
            .provision_token(format!("vend-{name}"))
            .send()
            .await
            .unwrap()
            .record_detail()
            .unwrap()
            .clone()
    }

    /// Drains the job queue, waits for the record `id` to finish (a held record finishes
    /// once its delay has passed) and answers it.
    pub(crate) async fn settled(&self, id: &str) -> RecordDetail {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
        loop {
            self.app.drain().await;
            let record = self
                .vendor
                .describe_record()
                .id(id)
                .send()
                .await
                .unwrap()
                .record_detail()
                .unwrap()
                .clone();
            let running = matches!(
                record.status(),
                Some(RecordStatus::Created | RecordStatus::InProgress)
            );
            if !running || tokio::time::Instant::now() > deadline {
                return record;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Vends `name` into `ou` and waits for success: the new account's id.
    pub(crate) async fn vend(&self, name: &str, ou: &str) -> String {
        let record = self.provision(name, params(name, ou)).await;
        let done = self.settled(record.record_id().unwrap()).await;
        assert_eq!(done.status(), Some(&RecordStatus::Succeeded), "{done:?}");
        let out = self
            .vendor
            .describe_record()
            .id(done.record_id().unwrap())
            .send()
            .await
            .unwrap();
        output(out.record_outputs(), "AccountId")
    }

    /// The parent of `account`.
    pub(crate) async fn parent(&self, account: &str) -> String {
        self.orgs
            .list_parents()
            .child_id(account)
            .send()
            .await
            .unwrap()
            .parents()[0]
            .id()
            .unwrap()
            .to_string()
    }

    /// Terminates the provisioned product `pp` with `token` and waits for the record to
    /// succeed (the account is unenrolled and moved under the root).
    pub(crate) async fn terminate(&self, pp: &str, token: &str) {
        let terminate = self
            .vendor
            .terminate_provisioned_product()
            .provisioned_product_id(pp)
            .terminate_token(token)
            .send()
            .await
            .unwrap();
        let done = self
            .settled(terminate.record_detail().unwrap().record_id().unwrap())
            .await;
        assert_eq!(done.status(), Some(&RecordStatus::Succeeded), "{done:?}");
    }

    /// The id of the provisioned product that vended `account` (its physical id).
    pub(crate) async fn provisioned_product_of(&self, account: &str) -> String {
        self.vendor
            .search_provisioned_products()
            .filters(
                aws_sdk_servicecatalog::types::ProvisionedProductViewFilterBy::SearchQuery,
                vec![format!("physicalId:{account}")],
            )
            .send()
            .await
            .unwrap()
            .provisioned_products()[0]
            .id()
            .unwrap()
            .to_string()
    }
}

/// The value of output `key`.
pub(crate) fn output(outputs: &[aws_sdk_servicecatalog::types::RecordOutput], key: &str) -> String {
    outputs
        .iter()
        .find(|o| o.output_key() == Some(key))
        .and_then(|o| o.output_value())
        .unwrap_or_else(|| panic!("no output {key} in {outputs:?}"))
        .to_string()
}
