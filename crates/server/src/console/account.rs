//! An account's page: where it sits, what it owns, what it sees through imports and
//! organization shares, and which of its principals may launch which products (the access
//! report for that account), and what it launched, one region at a time.

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::html;
use sclocal_core::ids::AccountId;
use sclocal_core::overview;
use sclocal_core::store::Cursor;

use super::layout::{self, ok};
use super::state::{Console, PAGE};

/// The region an account page shows, and where its page of provisioned products starts.
#[derive(Debug, serde::Deserialize)]
pub struct Region {
    region: Option<String>,
    after: Option<i64>,
}

/// `GET /console/accounts?id=…` (the start page's form).
#[derive(Debug, serde::Deserialize)]
pub struct Find {
    id: String,
}

/// Sends the form's account id on to the account's page.
pub async fn find(Query(f): Query<Find>) -> Response {
    match AccountId::parse(f.id.trim()) {
        Some(a) => Redirect::to(&format!("/console/accounts/{a}")).into_response(),
        None => layout::bad_request("An account id is 12 digits."),
    }
}

/// The region shown when none is asked for and the store has no portfolio.
const DEFAULT_REGION: &str = "us-east-1";

/// `GET /console/accounts/{id}?region=…`.
pub async fn account(
    State(c): State<Console>,
    Path(id): Path<String>,
    Query(r): Query<Region>,
) -> Response {
    let Some(account) = AccountId::parse(&id) else {
        return layout::bad_request("An account id is 12 digits.");
    };
    let region = r.region.unwrap_or_else(|| DEFAULT_REGION.to_string());
    if region.len() > 64
        || !region
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        return layout::bad_request("That is not a region name.");
    }
    let after = r.after.map(Cursor::new);
    let v = match overview::account(&c.admin.emulator, account, region, after, PAGE).await {
        Ok(v) => v,
        Err(e) => return layout::failed(&e),
    };
    let body = html! {
        dl.facts {
            dt { "Account" } dd { code { (v.id) } }
            @if let Some(rec) = &v.record {
                dt { "Name" } dd { (rec.name) }
                dt { "Email" } dd { (rec.email) }
                dt { "Status" } dd { (layout::status(rec.status.as_str())) }
            }
            dt { "Organization" } dd {
                @match &v.organization {
                    Some(o) => {
                        (layout::organization(&o.id))
                        @if o.management_account == v.id { " (management account)" }
                    },
                    None => "none",
                }
            }
            @if !v.trail.is_empty() {
                dt { "Organizational unit" } dd {
                    @for (i, ou) in v.trail.iter().enumerate() { @if i > 0 { " › " } (layout::unit(&ou.id, &ou.name)) }
                }
            }
        }
        nav aria-label="Regions" {
            p { "Region: " strong { (v.region) }
                @for r in v.regions.iter().filter(|r| **r != v.region) { " · " a href={ "?region=" (r) } { (r) } }
            }
        }
        h2 { "Portfolios it owns (" (v.owned.len()) ")" }
        @if v.owned.is_empty() { p.note { "None in " (v.region) "." } }
        @else { ul { @for p in &v.owned { li { (layout::portfolio(&p.region, &p.id)) " " (p.display_name) } } } }
        h2 { "Portfolios it sees through shares (" (v.imported.len()) ")" }
        @if v.imported.is_empty() { p.note { "None in " (v.region) "." } }
        @else {
            table {
                thead { tr { th scope="col" { "Portfolio" } th scope="col" { "Name" } th scope="col" { "Owner" } th scope="col" { "Through" } th scope="col" { "TagOptions" } th scope="col" { "Principals" } } }
                tbody { @for i in &v.imported { tr {
                    td { (layout::portfolio(&i.portfolio.region, &i.portfolio.id)) }
                    td { (i.portfolio.display_name) }
                    td { (layout::account(&i.portfolio.owner)) }
                    td { (if i.via_organization { "AWS_ORGANIZATIONS" } else { "IMPORTED" }) }
                    td { (if i.share_tag_options { "shared" } else { "no" }) }
                    td { (if i.share_principals { "shared" } else { "no" }) }
                } } }
            }
        }
        h2 { "Who may launch what (" (v.launch.len()) ")" }
        @if v.launch.is_empty() { p.note { "No principal of this account may launch anything in " (v.region) "." } }
        @else {
            table {
                thead { tr { th scope="col" { "Principal" } th scope="col" { "Type" } th scope="col" { "Association" } th scope="col" { "Portfolio" } th scope="col" { "Products" } } }
                tbody { @for l in &v.launch { tr {
                    td { code { (l.launcher.principal) } }
                    td { (l.launcher.principal_type) }
                    td { (l.launcher.source) }
                    td { (layout::portfolio(&l.portfolio.region, &l.portfolio.id)) }
                    td { @if l.products.is_empty() { span.note { "none yet" } } @else {
                        @for (i, p) in l.products.iter().enumerate() { @if i > 0 { ", " } (p.name) }
                    } }
                } } }
            }
        }
        h2 { "Provisioned products" }
        @if v.provisioned.items.is_empty() { p.note { "Nothing launched in " (v.region) "." } }
        @else {
            table {
                thead { tr { th scope="col" { "Name" } th scope="col" { "Id" } th scope="col" { "Type" } th scope="col" { "Status" } th scope="col" { "Product" } th scope="col" { "Last record" } } }
                tbody { @for p in &v.provisioned.items { tr {
                    td { (p.name) }
                    td { code { (p.id) } }
                    td { (p.product_type.as_str()) }
                    td { (layout::status(p.status.as_str())) }
                    td { code { (p.product_id) } }
                    td { @if let Some(r) = &p.last_record_id { code { (r) } } }
                } } }
            }
            @if let Some(next) = v.provisioned.next {
                p.pager { a href={ "?region=" (v.region) "&after=" (next.position()) } { "Next " (PAGE) " provisioned products →" } }
            }
        }
    };
    ok(&format!("Account {id}"), &body)
}
