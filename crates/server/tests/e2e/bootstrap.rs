//! `sclocal serve --bootstrap FILE`: idempotent on a data directory, all-or-nothing, errors
//! with the line.

use aws_sdk_organizations::error::ProvideErrorMetadata as _;
use sclocal_server::Config;

use crate::helpers::spawn_with;

const GOOD: &str = r#"organizations:
  - management_account: "111111111111"
    service_catalog_access: true
    delegated_administrators: ["222222222222"]
    accounts: ["222222222222"]
    units:
      - name: Apps
        accounts: ["333333333333", {id: "444444444444", name: Four, email: four@example.com}]
        units:
          - name: Team
            accounts: ["555555555555"]
"#;

fn config(dir: &std::path::Path, file: &str, text: &str) -> Config {
    let path = dir.join(file);
    std::fs::write(&path, text).unwrap();
    let mut config = Config::for_tests();
    config.in_memory = false;
    config.data_dir = dir.join("data");
    config.bootstrap = Some(path);
    config
}

async fn org_and_accounts(config: Config) -> (String, Vec<String>) {
    let app = spawn_with(config).await;
    let m = app.organizations("111111111111");
    let org = m.describe_organization().send().await.unwrap();
    let accounts = m.list_accounts().send().await.unwrap();
    (
        org.organization().unwrap().id().unwrap().to_string(),
        accounts
            .accounts()
            .iter()
            .map(|a| a.id().unwrap().to_string())
            .collect(),
    )
}

#[tokio::test]
async fn a_second_run_on_the_same_data_dir_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let first = org_and_accounts(config(dir.path(), "b.yaml", GOOD)).await;
    assert_eq!(first.1.len(), 5);
    let second = org_and_accounts(config(dir.path(), "b.yaml", GOOD)).await;
    assert_eq!(first, second);
    let app = spawn_with(config(dir.path(), "b.yaml", GOOD)).await;
    let status = app
        .catalog("222222222222")
        .get_aws_organizations_access_status()
        .send()
        .await
        .unwrap();
    assert_eq!(status.access_status().unwrap().as_str(), "ENABLED");
    let ous = app
        .organizations("222222222222")
        .describe_account()
        .account_id("555555555555")
        .send()
        .await
        .unwrap();
    let paths = ous.account().unwrap().paths();
    assert_eq!(paths[0].matches("/ou-").count(), 2, "{paths:?}");
}

#[test]
fn bad_files_name_the_line_and_the_problem() {
    let bad = "organizations:\n  - management_account: \"111111111111\"\n    accounts:\n      - \"222222222222\"\n      - \"12345\"\n";
    let err = sclocal_server::bootstrap::parse("bootstrap.yaml", bad).unwrap_err();
    assert_eq!(
        err.to_string(),
        "bootstrap.yaml line 5: organizations[0].accounts[1]: account id \"12345\" is not 12 digits"
    );
    let dup = "organizations:\n  - management_account: \"111111111111\"\n    accounts: [\"222222222222\", \"222222222222\"]\n";
    let err = sclocal_server::bootstrap::parse("b.yaml", dup).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("b.yaml line 3: organizations[0].accounts[1]: account 222222222222 appears more than once"),
        "{err}"
    );
}

#[tokio::test]
async fn a_conflicting_file_applies_nothing() {
    let dir = tempfile::tempdir().unwrap();
    org_and_accounts(config(dir.path(), "b.yaml", GOOD)).await;
    // 666… and its org come first in the file, then a member of the other organization.
    let clash = "organizations:\n  - management_account: \"666666666666\"\n    accounts: [\"777777777777\", \"222222222222\"]\n";
    let cfg = config(dir.path(), "clash.yaml", clash);
    let app = sclocal_server::build_app(&cfg).unwrap();
    let err = sclocal_server::bootstrap::load(app.emulator(), cfg.bootstrap.as_deref().unwrap())
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "clash.yaml: account 222222222222 is already a member of organization \
         {ORG}; nothing was applied"
            .replace(
                "{ORG}",
                &org_and_accounts(config(dir.path(), "b.yaml", GOOD)).await.0
            )
    );
    drop(app);
    let mut plain = config(dir.path(), "b.yaml", GOOD);
    plain.bootstrap = None;
    let app = spawn_with(plain).await;
    let e = app
        .organizations("666666666666")
        .describe_organization()
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        e.as_service_error().unwrap().code(),
        Some("AWSOrganizationsNotInUseException")
    );
}
