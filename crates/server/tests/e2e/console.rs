//! The console agrees with the API: on the test organization (`org_share::world`), what each
//! page shows — the organization's facts, an OU's accounts, a share's reach and status, a
//! share operation's status, what an account imports and who launches there, the escalation
//! warning — is compared with what the official SDKs answer for the same state.

use aws_sdk_servicecatalog::types::{
    OrganizationNode, OrganizationNodeType, PortfolioShareType, PrincipalType,
};

use crate::helpers::{portfolio, TestApp};
use crate::org_share::{world, World};

impl TestApp {
    /// A console page's HTML (status 200 required).
    pub async fn page(&self, path: &str) -> String {
        let (status, _, body) = self.raw(&format!("GET {path} HTTP/1.1\r\n"), b"").await;
        let html = String::from_utf8(body).expect("UTF-8");
        assert_eq!(status, 200, "{path}: {html}");
        html
    }
}

/// The page's text with its tags removed and white space squeezed.
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[tokio::test]
async fn organization_pages_show_what_the_api_answers() {
    let w = world().await;
    let app = &w.app;
    let mgmt = app.organizations("111111111111");
    let org = mgmt.describe_organization().send().await.unwrap();
    let org = org.organization().unwrap();
    let org_page = text(
        &app.page(&format!("/console/organizations/{}", w.org_id))
            .await,
    );
    assert!(
        org_page.contains(&format!(
            "Management account {}",
            org.master_account_id().unwrap()
        )),
        "{org_page}"
    );
    let access = app
        .catalog("111111111111")
        .get_aws_organizations_access_status()
        .send()
        .await
        .unwrap();
    assert_eq!(access.access_status().unwrap().as_str(), "ENABLED");
    assert!(
        org_page.contains("Trusted access for Service Catalog on"),
        "{org_page}"
    );
    let members = mgmt.list_accounts().send().await.unwrap().accounts().len();
    assert!(
        org_page.contains(&format!("Accounts {members}")),
        "{org_page}"
    );

    // An OU's accounts: those ListAccountsForParent answers, and no other.
    let listed = mgmt
        .list_accounts_for_parent()
        .parent_id(&w.apps_ou)
        .send()
        .await
        .unwrap();
    let ou_html = app.page(&format!("/console/units/{}", w.apps_ou)).await;
    let ou_page = text(&ou_html);
    for a in listed.accounts() {
        let id = a.id().unwrap();
        assert!(
            ou_html.contains(&format!("<a href=\"/console/accounts/{id}\">{id}</a>")),
            "{id}"
        );
    }
    assert!(
        ou_page.contains(&format!("Accounts ({})", listed.accounts().len())),
        "{ou_page}"
    );
    assert!(
        !ou_page.contains("555555555555"),
        "Team's account sits one level down"
    );
    assert!(ou_html.contains(&format!("href=\"/console/units/{}\"", w.team_ou)));
}

/// A portfolio with an IAM_PATTERN association shared with Apps (SharePrincipals), then
/// with an outside account (not accepted): (portfolio id, the OU share's token).
async fn shared_portfolio(w: &World) -> (String, String) {
    let app = &w.app;
    let owner = app.catalog("111111111111");
    let port = portfolio(&owner, "Platform").await;
    owner
        .associate_principal_with_portfolio()
        .portfolio_id(&port)
        .principal_arn("arn:aws:iam:::role/Dev*")
        .principal_type(PrincipalType::IamPattern)
        .send()
        .await
        .unwrap();
    let token = owner
        .create_portfolio_share()
        .portfolio_id(&port)
        .organization_node(
            OrganizationNode::builder()
                .r#type(OrganizationNodeType::OrganizationalUnit)
                .value(&w.apps_ou)
                .build(),
        )
        .share_principals(true)
        .send()
        .await
        .unwrap()
        .portfolio_share_token()
        .unwrap()
        .to_string();
    app.drain().await;
    owner
        .create_portfolio_share()
        .portfolio_id(&port)
        .account_id("999999999999")
        .send()
        .await
        .unwrap();
    (port, token)
}

#[tokio::test]
async fn portfolio_and_account_pages_show_what_the_api_answers() {
    let w = world().await;
    let app = &w.app;
    let (port, token) = shared_portfolio(&w).await;
    let owner = app.catalog("111111111111");
    let status = owner
        .describe_portfolio_share_status()
        .portfolio_share_token(&token)
        .send()
        .await
        .unwrap();
    let live = app.page("/console/operations/live").await;
    let row = live
        .split("<tr data-operation=")
        .find(|r| r.contains(&token))
        .expect("the operation's row");
    assert!(
        text(row).contains(status.status().unwrap().as_str()),
        "{row}"
    );

    let reach = owner
        .list_portfolio_access()
        .portfolio_id(&port)
        .organization_parent_id(&w.apps_ou)
        .send()
        .await
        .unwrap();
    let share_page = text(
        &app.page(&format!(
            "/console/portfolios/us-east-1/{port}/shares/ORGANIZATIONAL_UNIT/{}",
            w.apps_ou
        ))
        .await,
    );
    assert!(
        share_page.contains(&format!("Accounts reached {}", reach.account_ids().len())),
        "{share_page}"
    );
    for a in reach.account_ids() {
        assert!(share_page.contains(a.as_str()), "{a}");
    }
    let port_page = text(
        &app.page(&format!("/console/portfolios/us-east-1/{port}"))
            .await,
    );
    assert!(
        port_page.contains("999999999999 Account PENDING"),
        "{port_page}"
    );
    assert!(
        port_page.contains(&format!(
            "{} Organizational unit ACTIVE {}",
            w.apps_ou,
            reach.account_ids().len()
        )),
        "{port_page}"
    );
    assert!(
        port_page.contains("Warning: IAM_PATTERN principal arn:aws:iam:::role/Dev*"),
        "{port_page}"
    );
    assert!(
        port_page.contains("Service Catalog recommends using PrincipalType as IAM"),
        "{port_page}"
    );

    // What a member imports, and who launches there.
    let member = app.catalog("333333333333");
    let imported = member
        .list_accepted_portfolio_shares()
        .portfolio_share_type(PortfolioShareType::AwsOrganizations)
        .send()
        .await
        .unwrap();
    let ids: Vec<_> = imported
        .portfolio_details()
        .iter()
        .filter_map(|p| p.id())
        .collect();
    assert_eq!(ids, [port.as_str()]);
    let account_page = text(&app.page("/console/accounts/333333333333").await);
    assert!(account_page.contains(&format!("Portfolios it sees through shares (1) Portfolio Name Owner Through TagOptions Principals {port} Platform 111111111111 AWS_ORGANIZATIONS")), "{account_page}");
    assert!(
        account_page.contains(&format!(
            "arn:aws:iam:::role/Dev* IAM_PATTERN SHARED {port}"
        )),
        "{account_page}"
    );
    let outsider = text(&app.page("/console/accounts/999999999999").await);
    assert!(
        outsider.contains("Portfolios it sees through shares (0)"),
        "a pending share shows nothing: {outsider}"
    );
}

#[tokio::test]
async fn provisioning_shows_on_the_operations_and_account_pages_as_the_api_answers() {
    use crate::provisioning::{launch, param, settled, world, OWNER};
    let w = world(None).await;
    let record = launch(&w.dev, &w.prod, &w.pa, "web", vec![param("Env", "dev")]).await;
    let id = record.record_id().unwrap().to_string();
    let row_of = |html: &str| {
        html.split("<tr data-operation=")
            .find(|r| r.contains(&id))
            .map(text)
            .expect("the record's row")
    };
    let before = row_of(&w.app.page("/console/operations/live").await);
    assert!(before.contains("Provisioning record"), "{before}");
    assert!(
        before.contains(&format!(
            "Type: PROVISION_PRODUCT; Provisioned product: web; Product: {}; Account: {OWNER}",
            w.prod
        )),
        "{before}"
    );
    let done = settled(&w.app, &w.dev, &record).await;
    let after = row_of(&w.app.page("/console/operations/live").await);
    assert!(
        after.contains(done.status().unwrap().as_str()),
        "the page says what DescribeRecord says: {after}"
    );
    let pp = w
        .dev
        .describe_provisioned_product()
        .name("web")
        .send()
        .await
        .unwrap();
    let pp = pp.provisioned_product_detail().unwrap();
    let account = text(&w.app.page(&format!("/console/accounts/{OWNER}")).await);
    assert!(
        account.contains(&format!(
            "Provisioned products Name Id Type Status Product Last record web {} {} {} {} {id}",
            pp.id().unwrap(),
            pp.r#type().unwrap(),
            pp.status().unwrap().as_str(),
            w.prod
        )),
        "{account}"
    );
}

#[tokio::test]
async fn an_accounts_provisioned_products_come_a_hundred_to_a_page() {
    use crate::provisioning::{launch, param, world, OWNER};
    let w = world(None).await;
    for i in 0..101 {
        launch(
            &w.dev,
            &w.prod,
            &w.pa,
            &format!("web-{i:03}"),
            vec![param("Env", "dev")],
        )
        .await;
    }
    let first = w.app.page(&format!("/console/accounts/{OWNER}")).await;
    assert!(
        first.contains("web-099") && !first.contains("web-100"),
        "{first}"
    );
    let link = first
        .split("<p class=\"pager\"><a href=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a link to the next page")
        .replace("&amp;", "&");
    assert!(link.starts_with("?region=us-east-1&after="), "{link}");
    let second = w
        .app
        .page(&format!("/console/accounts/{OWNER}{link}"))
        .await;
    assert!(
        second.contains("web-100") && !second.contains("web-099"),
        "{second}"
    );
    assert!(
        !second.contains("class=\"pager\""),
        "the last page links nowhere"
    );
}

#[tokio::test]
async fn a_vended_account_shows_with_its_record_and_in_its_ou() {
    let w = crate::vending::world().await;
    let account = w.vend("dev-one", "Workloads").await;
    let live = w.app.page("/console/operations/live").await;
    let row = live
        .split("<tr data-operation=")
        .find(|r| r.contains("Vended account: <a") && r.contains(&account))
        .map(text)
        .expect("the vending record's row");
    assert!(
        row.contains("Provisioning record SUCCEEDED")
            && row.contains("Provisioned product: dev-one"),
        "{row}"
    );
    let page = text(&w.app.page(&format!("/console/accounts/{account}")).await);
    assert!(page.contains("Organizational unit Workloads"), "{page}");
    assert!(page.contains("Name dev-one"), "{page}");
}
