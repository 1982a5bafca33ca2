//! `POST /_sclocal/bootstrap`: the `--bootstrap` document applied to a running server (the
//! pytest plugin's `sclocal.bootstrap`), with the file's rules: all or nothing, idempotent,
//! errors with the line.

use std::fmt::Write as _;

use aws_sdk_organizations::error::ProvideErrorMetadata as _;

use crate::helpers::{spawn_app, TestApp};

const DOC: &str = r#"organizations:
  - management_account: "111111111111"
    service_catalog_access: true
    delegated_administrators: ["222222222222"]
    accounts: ["222222222222"]
    units:
      - name: Apps
        accounts: ["333333333333", {id: "444444444444", name: Four, email: four@example.com}]
"#;

async fn post(app: &TestApp, body: &[u8]) -> (u16, serde_json::Value) {
    let head = "POST /_sclocal/bootstrap HTTP/1.1\r\nContent-Type: application/yaml\r\n";
    let (status, _, body) = app.raw(head, body).await;
    let json = serde_json::from_slice(&body)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&body)));
    (status, json)
}

async fn account_ids(app: &TestApp, management: &str) -> Vec<String> {
    let mut ids: Vec<String> = app
        .organizations(management)
        .list_accounts()
        .send()
        .await
        .unwrap()
        .accounts()
        .iter()
        .map(|a| a.id().unwrap().to_string())
        .collect();
    ids.sort();
    ids
}

async fn not_in_use(app: &TestApp, account: &str) {
    let e = app
        .organizations(account)
        .describe_organization()
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        e.as_service_error().unwrap().code(),
        Some("AWSOrganizationsNotInUseException")
    );
}

#[tokio::test]
async fn a_document_stands_up_an_organization_once() {
    let app = spawn_app().await;
    let (status, json) = post(&app, DOC.as_bytes()).await;
    assert_eq!(status, 200, "{json}");
    assert_eq!(
        json,
        serde_json::json!({"status": "applied", "organizations_created": 1, "accounts_written": 4})
    );
    assert_eq!(
        account_ids(&app, "111111111111").await,
        [
            "111111111111",
            "222222222222",
            "333333333333",
            "444444444444"
        ]
    );
    let four = app
        .organizations("111111111111")
        .describe_account()
        .account_id("444444444444")
        .send()
        .await
        .unwrap();
    assert_eq!(four.account().unwrap().name(), Some("Four"));
    // The delegated administrator may ask Service Catalog about trusted access: it is on.
    let status = app
        .catalog("222222222222")
        .get_aws_organizations_access_status()
        .send()
        .await
        .unwrap();
    assert_eq!(status.access_status().unwrap().as_str(), "ENABLED");

    // Idempotent: the same document again writes nothing and keeps the ids.
    let org = app
        .organizations("111111111111")
        .describe_organization()
        .send()
        .await
        .unwrap();
    let (status, json) = post(&app, DOC.as_bytes()).await;
    assert_eq!(status, 200, "{json}");
    assert_eq!(json["organizations_created"], 0);
    assert_eq!(json["accounts_written"], 0);
    let again = app
        .organizations("111111111111")
        .describe_organization()
        .send()
        .await
        .unwrap();
    assert_eq!(org.organization(), again.organization());
}

#[tokio::test]
async fn json_is_a_document_too() {
    let app = spawn_app().await;
    let doc = serde_json::json!({"organizations": [
        {"management_account": "555555555555", "accounts": ["666666666666"]}
    ]});
    let (status, json) = post(&app, doc.to_string().as_bytes()).await;
    assert_eq!(status, 200, "{json}");
    assert_eq!(
        account_ids(&app, "555555555555").await,
        ["555555555555", "666666666666"]
    );
}

#[tokio::test]
async fn a_bad_document_names_the_line_and_applies_nothing() {
    let app = spawn_app().await;
    // The first organization is fine; the second has a bad id on line 5.
    let bad = "organizations:\n  - management_account: \"111111111111\"\n  - management_account: \"777777777777\"\n    accounts:\n      - \"12345\"\n";
    let (status, json) = post(&app, bad.as_bytes()).await;
    assert_eq!(status, 400);
    assert_eq!(
        json["error"],
        "bootstrap line 5: organizations[1].accounts[0]: account id \"12345\" is not 12 digits"
    );
    not_in_use(&app, "111111111111").await;

    let (status, json) = post(&app, b"organizations: []\nextra: 1\n").await;
    assert_eq!(status, 400);
    assert!(
        json["error"]
            .as_str()
            .unwrap()
            .starts_with("bootstrap line 2: unknown field `extra`"),
        "{json}"
    );
    let (status, json) = post(&app, b"\xff\xfe").await;
    assert_eq!(status, 400);
    assert_eq!(json["error"], "bootstrap: the document is not UTF-8");
    // Deep nesting is refused by the parser's recursion limit, not by a stack overflow.
    let deep = format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000));
    let (status, json) = post(&app, deep.as_bytes()).await;
    assert_eq!(status, 400, "{json}");
    // Aliases that would expand to 9^11 units are refused before any expansion.
    let mut laughs = String::from(
        "organizations:\n  - management_account: \"111111111111\"\n    units:\n      - &u0 {name: a}\n",
    );
    for i in 1..12 {
        let refs = vec![format!("*u{}", i - 1); 9].join(", ");
        writeln!(laughs, "      - &u{i} {{name: n{i}, units: [{refs}]}}").unwrap();
    }
    let (status, json) = post(&app, laughs.as_bytes()).await;
    assert_eq!(status, 400);
    assert_eq!(json["error"], "bootstrap: repetition limit exceeded");
    // The server is still serving.
    let (status, _) = post(&app, DOC.as_bytes()).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn a_conflict_with_stored_state_applies_nothing() {
    let app = spawn_app().await;
    assert_eq!(post(&app, DOC.as_bytes()).await.0, 200);
    let org_id = app
        .organizations("111111111111")
        .describe_organization()
        .send()
        .await
        .unwrap()
        .organization()
        .unwrap()
        .id()
        .unwrap()
        .to_string();
    // A new organization first, then a member of the existing one.
    let clash = "organizations:\n  - management_account: \"888888888888\"\n    accounts: [\"999999999999\", \"333333333333\"]\n";
    let (status, json) = post(&app, clash.as_bytes()).await;
    assert_eq!(status, 400);
    assert_eq!(
        json["error"],
        format!(
            "bootstrap: account 333333333333 is already a member of organization {org_id}; \
             nothing was applied"
        )
    );
    not_in_use(&app, "888888888888").await;
    assert_eq!(account_ids(&app, "111111111111").await.len(), 4);
}
