//! The start page (every organization and portfolio, paged), an organization's page (its
//! facts and the top of its tree) and an OU's page (its place in the tree and a page of
//! what sits directly under it). The tree is shown one level at a time, collapsed: each OU
//! is a link to its own page, and accounts come 100 to a page.

use axum::extract::{Path, Query, State};
use axum::response::Response;
use maud::{html, Markup};
use sclocal_core::ids::{OrgId, OuId, ParentId};
use sclocal_core::overview::{self, NodeView, OrgSummary};
use sclocal_core::store::Cursor;

use super::layout::{self, count, ok, when};
use super::state::{Console, Paging, PAGE};

/// `GET /console`: organizations and portfolios.
pub async fn home(State(c): State<Console>, Query(q): Query<Paging>) -> Response {
    let orgs = match overview::organizations(&c.admin.emulator, q.cursor("orgs"), PAGE).await {
        Ok(o) => o,
        Err(e) => return layout::failed(&e),
    };
    let portfolios =
        match overview::portfolios(&c.admin.emulator, q.cursor("portfolios"), PAGE).await {
            Ok(p) => p,
            Err(e) => return layout::failed(&e),
        };
    let body = html! {
        h2 { "Organizations" }
        @if orgs.items.is_empty() { p.note { "No organization yet." } }
        @else {
            table {
                thead { tr { th scope="col" { "Organization" } th scope="col" { "Management account" } th scope="col" { "Accounts" } th scope="col" { "OUs" } th scope="col" { "Service Catalog access" } } }
                tbody {
                    @for o in &orgs.items {
                        tr {
                            td { (layout::organization(&o.org.id)) }
                            td { (layout::account(&o.org.management_account)) }
                            td { (count(o.members)) }
                            td { (count(o.ous)) }
                            td { (layout::status(if o.catalog_access { "on" } else { "off" })) }
                        }
                    }
                }
            }
            (more("orgs", orgs.next, "More organizations"))
        }
        h2 { "Portfolios" }
        @if portfolios.items.is_empty() { p.note { "No portfolio yet." } }
        @else {
            table {
                thead { tr { th scope="col" { "Portfolio" } th scope="col" { "Name" } th scope="col" { "Owner" } th scope="col" { "Region" } th scope="col" { "Created" } } }
                tbody {
                    @for p in &portfolios.items {
                        tr {
                            td { (layout::portfolio(&p.region, &p.id)) }
                            td { (p.display_name) }
                            td { (layout::account(&p.owner)) }
                            td { (p.region) }
                            td { (when(p.created_ms)) }
                        }
                    }
                }
            }
            (more("portfolios", portfolios.next, "More portfolios"))
        }
        h2 { "Find an account" }
        form method="get" action="/console/accounts" {
            label for="account-id" { "Account id" } " "
            input id="account-id" name="id" inputmode="numeric" pattern="[0-9]{12}" required;
            " " button type="submit" { "Show account" }
        }
    };
    ok("Organizations and portfolios", &body)
}

/// A link to the next page of a list whose cursor parameter is `param`.
fn more(param: &str, next: Option<Cursor>, text: &str) -> Markup {
    html! {
        @if let Some(next) = next {
            p.pager { a href={ "?" (param) "=" (next.position()) } { (text) " →" } }
        }
    }
}

/// `GET /console/organizations/{id}`.
pub async fn organization(
    State(c): State<Console>,
    Path(id): Path<String>,
    Query(q): Query<Paging>,
) -> Response {
    let Some(org_id) = OrgId::parse(&id) else {
        return layout::bad_request("That is not an organization id (o-…).");
    };
    let summary = match overview::organization(&c.admin.emulator, org_id).await {
        Ok(Some(s)) => s,
        Ok(None) => return layout::not_found(&format!("Organization {id}")),
        Err(e) => return layout::failed(&e),
    };
    let root = ParentId::Root(summary.org.root_id.clone());
    let node =
        match overview::node(&c.admin.emulator, root, q.offset(), q.cursor("after"), PAGE).await {
            Ok(Some(n)) => n,
            Ok(None) => return layout::not_found(&format!("The root of {id}")),
            Err(e) => return layout::failed(&e),
        };
    let body = html! {
        (facts(&summary))
        h2 { "Root " span.id { (summary.org.root_id) } }
        (children(&node))
    };
    ok(&format!("Organization {id}"), &body)
}

fn facts(s: &OrgSummary) -> Markup {
    html! {
        dl.facts {
            dt { "Organization" } dd { code { (s.org.id) } }
            dt { "Management account" } dd { (layout::account(&s.org.management_account)) }
            dt { "Trusted access for Service Catalog" } dd { (layout::status(if s.catalog_access { "on" } else { "off" })) }
            dt { "Accounts" } dd { (count(s.members)) }
            dt { "Organizational units" } dd { (count(s.ous)) }
            dt { "Created" } dd { (when(s.org.created_ms)) }
        }
        h2 { "Delegated administrators" }
        @if s.delegated_admins.is_empty() { p.note { "None." } }
        @else {
            table {
                thead { tr { th scope="col" { "Account" } th scope="col" { "Service principal" } th scope="col" { "Since" } } }
                tbody { @for d in &s.delegated_admins { tr { td { (layout::account(&d.account)) } td { code { (d.principal) } } td { (when(d.enabled_ms)) } } } }
            }
        }
    }
}

/// `GET /console/units/{id}`.
pub async fn unit(
    State(c): State<Console>,
    Path(id): Path<String>,
    Query(q): Query<Paging>,
) -> Response {
    let Some(ou) = OuId::parse(&id) else {
        return layout::bad_request("That is not an OU id (ou-…).");
    };
    let node = match overview::node(
        &c.admin.emulator,
        ParentId::Ou(ou),
        q.offset(),
        q.cursor("after"),
        PAGE,
    )
    .await
    {
        Ok(Some(n)) => n,
        Ok(None) => return layout::not_found(&format!("Organizational unit {id}")),
        Err(e) => return layout::failed(&e),
    };
    let name = node.ou.as_ref().map_or(id.clone(), |o| o.name.clone());
    let body = html! {
        nav.trail aria-label="Place in the organization" {
            ol {
                li { (layout::organization(&node.org.id)) }
                @for above in &node.trail { li { (layout::unit(&above.id, &above.name)) } }
                li aria-current="page" { (name) }
            }
        }
        dl.facts { dt { "OU" } dd { code { (id) } } }
        (children(&node))
    };
    ok(&format!("Organizational unit {name}"), &body)
}

/// What sits directly under a node: its OUs and a page of its accounts.
fn children(node: &NodeView) -> Markup {
    let first = node.accounts.items.is_empty() && node.account_total > 0;
    html! {
        h3 { "Organizational units (" (count(node.child_ou_total)) ")" }
        @if node.child_ous.is_empty() { p.note { "None." } }
        @else {
            ul.units { @for o in &node.child_ous { li { (layout::unit(&o.id, &o.name)) } } }
            @if let Some(next) = node.next_ou_offset { p.pager { a href={ "?ous=" (next) } { "More OUs →" } } }
        }
        h3 { "Accounts (" (count(node.account_total)) ")" }
        @if node.accounts.items.is_empty() { p.note { @if first { "No more accounts." } @else { "None." } } }
        @else {
            table {
                thead { tr { th scope="col" { "Account" } th scope="col" { "Name" } th scope="col" { "Email" } th scope="col" { "Joined" } } }
                tbody {
                    @for a in &node.accounts.items {
                        tr {
                            td { (layout::account(&a.id)) }
                            td { (a.name) }
                            td { (a.email) }
                            td { @if let Some(p) = &a.placement { (when(p.joined_ms)) } }
                        }
                    }
                }
            }
            @if let Some(next) = node.accounts.next { p.pager { a href={ "?after=" (next.position()) } { "Next " (super::state::PAGE) " accounts →" } } }
        }
    }
}
