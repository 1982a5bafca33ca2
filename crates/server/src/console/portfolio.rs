//! A portfolio's page: owner, products, principals, TagOptions, every share with its
//! standing, reach, fan-out errors and frozen audience, and the escalation warning with
//! AWS's advice; and a share's page, listing the accounts it reaches a page at a time.

use axum::extract::{Path, Query, State};
use axum::response::Response;
use maud::{html, Markup};
use sclocal_core::ids::PortfolioId;
use sclocal_core::overview::{self, PortfolioView, ShareView};
use sclocal_core::store::{ShareKind, ShareTarget};

use super::layout::{self, count, ok, when};
use super::state::{Console, Paging, PAGE};

/// `GET /console/portfolios/{region}/{id}`.
pub async fn portfolio(
    State(c): State<Console>,
    Path((region, id)): Path<(String, String)>,
) -> Response {
    let Some(pid) = PortfolioId::parse(&id) else {
        return layout::bad_request("That is not a portfolio id (port-…).");
    };
    match overview::portfolio(&c.admin.emulator, region.clone(), pid).await {
        Ok(Some(view)) => {
            let title = format!("Portfolio {}", view.portfolio.display_name);
            ok(&title, &body(&view))
        }
        Ok(None) => layout::not_found(&format!("Portfolio {id} in {region}")),
        Err(e) => layout::failed(&e),
    }
}

fn body(v: &PortfolioView) -> Markup {
    let p = &v.portfolio;
    html! {
        dl.facts {
            dt { "Portfolio" } dd { code { (p.id) } }
            dt { "Owner" } dd { (layout::account(&p.owner)) }
            dt { "Region" } dd { (p.region) }
            dt { "Provider" } dd { (p.provider_name) }
            @if let Some(d) = &p.description { dt { "Description" } dd { (d) } }
            dt { "Created" } dd { (when(p.created_ms)) }
            dt { "ARN" } dd { code { (p.arn) } }
        }
        @for w in &v.warnings { p.warning role="note" { strong { "Warning: " } (w.trim_start_matches("WARNING: ")) } }
        h2 { "Shares (" (v.shares.len()) ")" }
        @if v.shares.is_empty() { p.note { "Not shared." } }
        @else { (shares(p.region.as_str(), &p.id, &v.shares)) }
        h2 { "Products (" (v.products.len()) ")" }
        @if v.products.is_empty() { p.note { "None." } }
        @else {
            table {
                thead { tr { th scope="col" { "Product" } th scope="col" { "Id" } th scope="col" { "Owner" } th scope="col" { "Type" } } }
                tbody { @for pr in &v.products { tr { td { (pr.name) } td { code { (pr.id) } } td { (pr.owner) } td { (pr.product_type.as_str()) } } } }
            }
        }
        h2 { "Principals (" (v.principals.len()) ")" }
        @if v.principals.is_empty() { p.note { "None." } }
        @else {
            table {
                thead { tr { th scope="col" { "Principal" } th scope="col" { "Type" } th scope="col" { "Associated by" } } }
                tbody { @for r in &v.principals { tr { td { code { (r.arn) } } td { (r.principal_type.as_str()) } td { (layout::account(&r.account)) } } } }
            }
        }
        h2 { "TagOptions (" (v.tag_options.len()) ")" }
        @if v.tag_options.is_empty() { p.note { "None." } }
        @else {
            table {
                thead { tr { th scope="col" { "Key" } th scope="col" { "Value" } th scope="col" { "Active" } th scope="col" { "Id" } } }
                tbody { @for o in &v.tag_options { tr { td { (o.key) } td { (o.value) } td { (if o.active { "yes" } else { "no" }) } td { code { (o.id) } } } } }
            }
        }
    }
}

fn kind_label(kind: ShareKind) -> &'static str {
    match kind {
        ShareKind::Account => "Account",
        ShareKind::Organization => "Organization",
        ShareKind::OrganizationalUnit => "Organizational unit",
        ShareKind::OrganizationMemberAccount => "Member account",
    }
}

/// The address of a share's page.
fn share_href(region: &str, id: &PortfolioId, target: &ShareTarget) -> String {
    format!(
        "/console/portfolios/{region}/{id}/shares/{}/{}",
        target.kind().as_str(),
        target.principal()
    )
}

fn shares(region: &str, id: &PortfolioId, shares: &[ShareView]) -> Markup {
    html! {
        table {
            thead { tr {
                th scope="col" { "Shared with" } th scope="col" { "Kind" } th scope="col" { "Status" }
                th scope="col" { "Accounts reached" } th scope="col" { "TagOptions" } th scope="col" { "Principals" }
                th scope="col" { "Last operation" }
            } }
            tbody {
                @for s in shares {
                    tr {
                        td { a href=(share_href(region, id, &s.record.target)) { (s.record.target.principal()) } }
                        td { (kind_label(s.record.target.kind())) }
                        td { (layout::status(&s.access.status)) }
                        td { (count(s.access.account_count)) }
                        td { (if s.record.share_tag_options { "shared" } else { "no" }) }
                        td { (if s.record.share_principals { "shared" } else { "no" }) }
                        td { @if let Some(op) = &s.last_operation { code { (op.token) } " " (layout::status(op.status.as_str())) } }
                    }
                }
            }
        }
        @for s in shares.iter().filter(|s| !s.errors.is_empty() || s.frozen > 0) {
            h3 { "Share with " (s.record.target.principal()) }
            @if s.frozen > 0 {
                p { "Trusted access is off: its audience is frozen at " (count(s.frozen)) " account(s)." }
            }
            @if !s.errors.is_empty() {
                table {
                    caption { "Fan-out errors (" (s.errors.len()) ")" }
                    thead { tr { th scope="col" { "Account" } th scope="col" { "Error" } th scope="col" { "Message" } } }
                    tbody { @for o in &s.errors { @if let Some((code, message)) = &o.error {
                        tr { td { (layout::account(&o.account)) } td { code { (code) } } td { (message) } }
                    } } }
                }
            }
        }
    }
}

/// `GET /console/portfolios/{region}/{id}/shares/{kind}/{principal}`: the accounts a share
/// reaches, a page at a time.
pub async fn share(
    State(c): State<Console>,
    Path((region, id, kind, principal)): Path<(String, String, String, String)>,
    Query(q): Query<Paging>,
) -> Response {
    let (Some(pid), Some(target)) = (
        PortfolioId::parse(&id),
        ShareKind::parse(&kind).and_then(|k| ShareTarget::parse(k, &principal)),
    ) else {
        return layout::bad_request("That is not a share of a portfolio.");
    };
    let offset = q.offset();
    let listed = overview::share_accounts(
        &c.admin.emulator,
        region.clone(),
        pid.clone(),
        target.clone(),
        offset,
        PAGE,
    )
    .await;
    let (accounts, total) = match listed {
        Ok(Some(found)) => found,
        Ok(None) => return layout::not_found(&format!("A share of {id} with {principal}")),
        Err(e) => return layout::failed(&e),
    };
    let next = offset + accounts.len();
    let body = html! {
        dl.facts {
            dt { "Portfolio" } dd { (layout::portfolio(&region, &pid)) }
            dt { "Shared with" } dd {
                @match &target {
                    ShareTarget::Organization(o) => (layout::organization(o)),
                    ShareTarget::OrganizationalUnit(o) => a href={ "/console/units/" (o) } { (o) },
                    ShareTarget::Account(a) | ShareTarget::MemberAccount(a) => (layout::account(a)),
                }
            }
            dt { "Kind" } dd { (kind_label(target.kind())) }
            dt { "Accounts reached" } dd { (count(total)) }
        }
        h2 { "Accounts that see the portfolio through this share" }
        @if accounts.is_empty() { p.note { "None now." } }
        @else {
            p.note { "Accounts " (count(offset + 1)) "–" (count(next)) " of " (count(total)) ", in account order." }
            ul { @for a in &accounts { li { (layout::account(a)) } } }
            @if next < total { p.pager { a href={ "?offset=" (next) } { "Next " (PAGE) " accounts →" } } }
        }
    };
    ok(&format!("Share of {id} with {principal}"), &body)
}
