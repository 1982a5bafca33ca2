//! A share fan-out killed in the middle resumes and shares each account once; every
//! acknowledged write survives a kill.

use std::path::Path;
use std::time::Duration;

use aws_sdk_servicecatalog::types::{OrganizationNode, OrganizationNodeType, ShareStatus};

use super::{process, start};

const MGMT: &str = "100000000000";
const MEMBERS: u64 = 20_000;

fn write_bootstrap(path: &Path) {
    let accounts: Vec<String> = (0..MEMBERS)
        .map(|i| format!("\"{:012}\"", 200_000_000_000 + i))
        .collect();
    let doc = format!(
        "{{\"organizations\": [{{\"management_account\": \"{MGMT}\", \"service_catalog_access\": true, \"accounts\": [{}]}}]}}",
        accounts.join(",")
    );
    std::fs::write(path, doc).unwrap();
}

#[tokio::test]
async fn a_killed_fan_out_resumes_and_shares_each_account_once() {
    let dir = tempfile::tempdir().unwrap();
    let (data, boot) = (dir.path().join("data"), dir.path().join("org.json"));
    write_bootstrap(&boot);
    let boot_arg = boot.to_string_lossy().to_string();
    // Small steps, so the kill lands between committed steps of the fan-out.
    let args = [
        "--bootstrap",
        boot_arg.as_str(),
        "--share-fanout-batch",
        "500",
    ];
    let mut server = start(&data, &args).await;
    let sc = server.catalog(MGMT);
    let id = sc
        .create_portfolio()
        .display_name("P")
        .provider_name("Q")
        .idempotency_token("p")
        .send()
        .await
        .unwrap();
    let id = id.portfolio_detail().unwrap().id().unwrap().to_string();
    let orgs_root = server.organizations(MGMT);
    let org = orgs_root
        .describe_organization()
        .send()
        .await
        .unwrap()
        .organization()
        .unwrap()
        .id()
        .unwrap()
        .to_string();
    let node = OrganizationNode::builder()
        .r#type(OrganizationNodeType::Organization)
        .value(&org)
        .build();
    let token = sc
        .create_portfolio_share()
        .portfolio_id(&id)
        .organization_node(node)
        .send()
        .await
        .unwrap();
    let token = token.portfolio_share_token().unwrap().to_string();
    // Let some steps commit, then kill -9 in the middle of the fan-out.
    let mut progressed = false;
    for _ in 0..500 {
        let status = sc
            .describe_portfolio_share_status()
            .portfolio_share_token(&token)
            .send()
            .await
            .unwrap();
        let done = status
            .share_details()
            .map_or(0, |d| d.successful_shares().len());
        if done > 0 && status.status() == Some(&ShareStatus::InProgress) {
            progressed = true;
            break;
        }
        assert_ne!(
            status.status(),
            Some(&ShareStatus::Completed),
            "fan-out finished before the kill"
        );
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    assert!(progressed, "the fan-out never showed partial progress");
    server.kill(); // SIGKILL

    let server = start(&data, &args).await;
    server.post("/_sclocal/jobs/drain").await;
    let sc = server.catalog(MGMT);
    let status = sc
        .describe_portfolio_share_status()
        .portfolio_share_token(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(status.status(), Some(&ShareStatus::Completed));
    let mut ok = status.share_details().unwrap().successful_shares().to_vec();
    let n = ok.len();
    ok.sort();
    ok.dedup();
    assert_eq!(
        (n, ok.len()),
        (
            usize::try_from(MEMBERS).unwrap(),
            usize::try_from(MEMBERS).unwrap()
        ),
        "each account exactly once"
    );
    let last = format!("{:012}", 200_000_000_000 + MEMBERS - 1);
    let seen = server
        .catalog(&last)
        .list_accepted_portfolio_shares()
        .portfolio_share_type(aws_sdk_servicecatalog::types::PortfolioShareType::AwsOrganizations)
        .send()
        .await
        .unwrap();
    assert_eq!(seen.portfolio_details()[0].id(), Some(id.as_str()));
}

#[tokio::test]
async fn every_acknowledged_write_survives_a_kill() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let args = ["--portfolio-limit", "100000"];
    let mut server = start(&data, &args).await;
    let port = server.port;
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<(String, String)>();
    let writers: Vec<_> = (0..8)
        .map(|w| {
            let tx = tx.clone();
            let account = format!("{:012}", 300_000_000_000_u64 + w);
            tokio::spawn(async move {
                let sc = process::catalog(port, &account);
                for i in 0.. {
                    let out = sc
                        .create_portfolio()
                        .display_name("P")
                        .provider_name("Q")
                        .idempotency_token(format!("w{w}-{i}"))
                        .send()
                        .await;
                    match out {
                        Ok(out) => {
                            let id = out.portfolio_detail().unwrap().id().unwrap().to_string();
                            if tx.send((account.clone(), id)).is_err() {
                                return;
                            }
                        }
                        Err(_) => return, // the server is gone
                    }
                }
            })
        })
        .collect();
    drop(tx);
    // Kill once a few hundred writes were acknowledged.
    let mut acknowledged = Vec::new();
    while acknowledged.len() < 300 {
        acknowledged.push(rx.recv().await.expect("writes are acknowledged"));
    }
    server.kill();
    for w in writers {
        w.await.unwrap();
    }
    while let Ok(more) = rx.try_recv() {
        acknowledged.push(more);
    }

    let server = start(&data, &args).await;
    for w in 0..8_u64 {
        let account = format!("{:012}", 300_000_000_000_u64 + w);
        let sc = server.catalog(&account);
        let mut stored = std::collections::BTreeSet::new();
        let mut pages = sc.list_portfolios().page_size(100).into_paginator().send();
        while let Some(page) = pages.next().await {
            stored.extend(
                page.unwrap()
                    .portfolio_details()
                    .iter()
                    .map(|p| p.id().unwrap().to_string()),
            );
        }
        for (_, id) in acknowledged.iter().filter(|(a, _)| *a == account) {
            assert!(
                stored.contains(id),
                "acknowledged portfolio {id} of {account} was lost"
            );
        }
    }
}
