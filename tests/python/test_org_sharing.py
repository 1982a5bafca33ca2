"""Organization-node sharing through boto3, on an organization built through the
Organizations API (aws-behavior.md §3.1, §5, §6, §9)."""

from __future__ import annotations

import json

import pytest
from botocore.exceptions import ClientError

from test_sharing import APP1, APP2, MEMBER, MGMT, _admin, _code, _portfolio, _shares

# ---------------------------------------------------------------------------
# organization shares (an organization built through the Organizations API)
# ---------------------------------------------------------------------------


@pytest.fixture
def org(client):
    """111 manages an organization; 222 sits under the root, 333 and 444 in OU Apps."""
    orgs = client("organizations", MGMT)
    org_id = orgs.create_organization(FeatureSet="ALL")["Organization"]["Id"]
    root = orgs.list_roots()["Roots"][0]["Id"]
    apps = orgs.create_organizational_unit(ParentId=root, Name="Apps")["OrganizationalUnit"]["Id"]
    for account in (MEMBER, APP1, APP2):
        hs = orgs.invite_account_to_organization(Target={"Id": account, "Type": "ACCOUNT"})["Handshake"]["Id"]
        client("organizations", account).accept_handshake(HandshakeId=hs)
    for account in (APP1, APP2):
        orgs.move_account(AccountId=account, SourceParentId=root, DestinationParentId=apps)
    client("servicecatalog", MGMT).enable_aws_organizations_access()
    assert client("servicecatalog", MGMT).get_aws_organizations_access_status()["AccessStatus"] == "ENABLED"
    return {"id": org_id, "root": root, "apps": apps, "orgs": orgs}


def _settle(sclocal, sc, token):
    sclocal.drain()
    return sc.describe_portfolio_share_status(PortfolioShareToken=token)


def _org_imports(client, account):
    out = client("servicecatalog", account).list_accepted_portfolio_shares(PortfolioShareType="AWS_ORGANIZATIONS")
    return [p["Id"] for p in out["PortfolioDetails"]]


def test_organization_share_reaches_members(client, sclocal, org):
    owner = client("servicecatalog", MGMT)
    pid = _portfolio(owner)
    arn = f"arn:aws:organizations::{MGMT}:organization/{org['id']}"
    token = owner.create_portfolio_share(PortfolioId=pid, OrganizationNode={"Type": "ORGANIZATION", "Value": arn})[
        "PortfolioShareToken"
    ]
    status = _settle(sclocal, owner, token)
    assert status["Status"] == "COMPLETED"
    assert status["OrganizationNodeValue"] == org["id"]
    assert sorted(status["ShareDetails"]["SuccessfulShares"]) == [MEMBER, APP1, APP2]
    assert status["ShareDetails"]["ShareErrors"] == []
    for account in (MEMBER, APP1, APP2):
        assert _org_imports(client, account) == [pid]
    assert _shares(owner, pid, "ORGANIZATION") == [
        {"PrincipalId": org["id"], "Type": "ORGANIZATION", "Accepted": True, "ShareTagOptions": False, "SharePrincipals": False}
    ]
    with pytest.raises(ClientError) as e:
        client("servicecatalog", MEMBER).accept_portfolio_share(PortfolioId=pid)
    assert e.value.response["Error"]["Message"] == f"Portfolio not found: {pid}"
    client("servicecatalog", MEMBER).accept_portfolio_share(PortfolioId=pid, PortfolioShareType="AWS_ORGANIZATIONS")


def test_ou_share_follows_accounts_and_terraform_reads_it(client, sclocal, org):
    owner = client("servicecatalog", MGMT)
    pid = _portfolio(owner)
    principal_id = f"arn:aws:organizations::{MGMT}:ou/{org['id']}/{org['apps']}"
    out = owner.create_portfolio_share(
        PortfolioId=pid,
        OrganizationNode={"Type": "ORGANIZATIONAL_UNIT", "Value": principal_id},
        SharePrincipals=False,
        AcceptLanguage="en",
    )
    assert _settle(sclocal, owner, out["PortfolioShareToken"])["Status"] == "COMPLETED"
    # Terraform: the entry whose PrincipalId is a substring of the configured principal, exactly one.
    hits = [d for d in _shares(owner, pid, "ORGANIZATIONAL_UNIT") if d["PrincipalId"] and d["PrincipalId"] in principal_id]
    assert len(hits) == 1 and hits[0]["PrincipalId"] == org["apps"] and hits[0]["Accepted"] is True
    assert _org_imports(client, MEMBER) == []
    org["orgs"].move_account(AccountId=MEMBER, SourceParentId=org["root"], DestinationParentId=org["apps"])
    assert _org_imports(client, MEMBER) == [pid]
    access = owner.list_portfolio_access(PortfolioId=pid, OrganizationParentId=org["apps"])["AccountIds"]
    assert sorted(access) == [MEMBER, APP1, APP2]


def test_status_is_private_and_failures_are_reported(client, sclocal, org):
    _admin(sclocal.server, "PUT", "/_sclocal/share-faults", json.dumps({"faults": [{"account": APP1}]}).encode())
    try:
        owner = client("servicecatalog", MGMT)
        pid = _portfolio(owner)
        token = owner.create_portfolio_share(PortfolioId=pid, OrganizationNode={"Type": "ORGANIZATIONAL_UNIT", "Value": org["apps"]})[
            "PortfolioShareToken"
        ]
        status = _settle(sclocal, owner, token)
        assert status["Status"] == "COMPLETED_WITH_ERRORS"
        assert status["ShareDetails"]["SuccessfulShares"] == [APP2]
        assert status["ShareDetails"]["ShareErrors"] == [
            {"Accounts": [APP1], "Message": "Rate exceeded", "Error": "ThrottlingException"}
        ]
        with pytest.raises(ClientError) as e:
            client("servicecatalog", MEMBER).describe_portfolio_share_status(PortfolioShareToken=token)
        assert _code(e.value) == "OperationNotSupportedException"
    finally:
        _admin(sclocal.server, "PUT", "/_sclocal/share-faults", b'{"faults": []}')
