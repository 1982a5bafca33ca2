"""Portfolio sharing through boto3: account shares, organization shares, recipients' views,
and the call sequences of Terraform and aws-service-catalog-puppet (aws-behavior.md §9)."""

from __future__ import annotations

import http.client
import json

import pytest
from botocore.exceptions import ClientError

MGMT = "111111111111"
MEMBER = "222222222222"
APP1 = "333333333333"
APP2 = "444444444444"


def _code(err: ClientError) -> str:
    return err.response["Error"]["Code"]


def _admin(server, method: str, path: str, body: bytes = b"") -> dict:
    conn = http.client.HTTPConnection(server.host, server.port, timeout=30)
    try:
        conn.request(method, path, body=body, headers={"Content-Type": "application/json"})
        resp = conn.getresponse()
        data = resp.read()
        assert resp.status == 200, data
        return json.loads(data)
    finally:
        conn.close()


def _portfolio(sc, name="P") -> str:
    out = sc.create_portfolio(DisplayName=name, ProviderName="Platform", IdempotencyToken=name)
    return out["PortfolioDetail"]["Id"]


def _shares(sc, pid, kind="ACCOUNT"):
    return sc.describe_portfolio_shares(PortfolioId=pid, Type=kind)["PortfolioShareDetails"]


# ---------------------------------------------------------------------------
# account shares
# ---------------------------------------------------------------------------


def test_account_share_accept_flow(client):
    owner, recipient = client("servicecatalog", MGMT), client("servicecatalog", MEMBER)
    pid = _portfolio(owner)
    out = owner.create_portfolio_share(PortfolioId=pid, AccountId=MEMBER, ShareTagOptions=True, SharePrincipals=False)
    assert "PortfolioShareToken" not in out
    # The booleans are present explicitly, and the principal is the bare account id.
    assert _shares(owner, pid) == [
        {"PrincipalId": MEMBER, "Type": "ACCOUNT", "Accepted": False, "ShareTagOptions": True, "SharePrincipals": False}
    ]
    assert owner.list_portfolio_access(PortfolioId=pid)["AccountIds"] == [MEMBER]
    assert recipient.list_accepted_portfolio_shares()["PortfolioDetails"] == []

    recipient.accept_portfolio_share(PortfolioId=pid)
    accepted = recipient.list_accepted_portfolio_shares(PortfolioShareType="IMPORTED")["PortfolioDetails"]
    assert [p["ARN"] for p in accepted] == [f"arn:aws:catalog:us-east-1:{MGMT}:portfolio/{pid}"]
    assert _shares(owner, pid)[0]["Accepted"] is True
    assert recipient.describe_portfolio(Id=pid)["PortfolioDetail"]["Id"] == pid
    assert recipient.list_portfolios()["PortfolioDetails"] == []
    with pytest.raises(ClientError) as e:
        recipient.delete_portfolio(Id=pid)
    assert _code(e.value) == "ResourceNotFoundException"


def test_puppet_account_sharing_is_repeatable(client):
    """puppet: describe → create or update → (spoke) list accepted → accept; run twice."""
    hub, spoke = client("servicecatalog", MGMT), client("servicecatalog", MEMBER)
    pid = _portfolio(hub)
    for run in range(2):
        existing = {d["PrincipalId"]: d for d in _shares(hub, pid)}
        if MEMBER in existing:
            out = hub.update_portfolio_share(PortfolioId=pid, AccountId=MEMBER, ShareTagOptions=True)
            assert out["Status"] == "COMPLETED" and out["PortfolioShareToken"].startswith("share-")
        else:
            hub.create_portfolio_share(PortfolioId=pid, AccountId=MEMBER, ShareTagOptions=False)
        accepted = [p["Id"] for p in spoke.list_accepted_portfolio_shares(PortfolioShareType="IMPORTED")["PortfolioDetails"]]
        if pid not in accepted:
            spoke.accept_portfolio_share(PortfolioId=pid)
    assert _shares(hub, pid) == [
        {"PrincipalId": MEMBER, "Type": "ACCOUNT", "Accepted": True, "ShareTagOptions": True, "SharePrincipals": False}
    ]


def test_cloud_custodian_unshare_sequence(client):
    owner = client("servicecatalog", MGMT)
    pid = _portfolio(owner)
    for account in (MEMBER, APP1):
        owner.create_portfolio_share(PortfolioId=pid, AccountId=account)
    with pytest.raises(ClientError) as e:
        owner.delete_portfolio(Id=pid)
    assert _code(e.value) == "ResourceInUseException"
    for account in owner.list_portfolio_access(PortfolioId=pid)["AccountIds"]:
        out = owner.delete_portfolio_share(PortfolioId=pid, AccountId=account)
        assert "PortfolioShareToken" not in out
    assert owner.list_portfolio_access(PortfolioId=pid)["AccountIds"] == []
    owner.delete_portfolio(Id=pid)


def test_share_validation_and_errors(client):
    owner = client("servicecatalog", MGMT)
    pid = _portfolio(owner)
    cases = [
        dict(PortfolioId=pid),
        dict(PortfolioId=pid, AccountId=MEMBER, OrganizationNode={"Type": "ACCOUNT", "Value": MEMBER}),
        dict(PortfolioId=pid, AccountId=MGMT),
        dict(PortfolioId=pid, AccountId=MEMBER, SharePrincipals=True),
    ]
    for kwargs in cases:
        with pytest.raises(ClientError) as e:
            owner.create_portfolio_share(**kwargs)
        assert _code(e.value) == "InvalidParametersException", kwargs
    with pytest.raises(ClientError) as e:
        owner.accept_portfolio_share(PortfolioId=pid, PortfolioShareType="AWS_SERVICECATALOG")
    assert _code(e.value) == "ResourceNotFoundException"
    with pytest.raises(ClientError) as e:
        client("servicecatalog", MEMBER).accept_portfolio_share(PortfolioId=pid)
    assert e.value.response["Error"]["Message"] == f"Portfolio not found: {pid}"


def test_account_share_flow_over_cbor(cbor_client):
    """The same flow through boto3 speaking Smithy RPC v2 CBOR."""
    owner, recipient = cbor_client(account=MGMT), cbor_client(account=MEMBER)
    pid = _portfolio(owner)
    owner.create_portfolio_share(PortfolioId=pid, AccountId=MEMBER, ShareTagOptions=True)
    assert _shares(owner, pid) == [
        {"PrincipalId": MEMBER, "Type": "ACCOUNT", "Accepted": False, "ShareTagOptions": True, "SharePrincipals": False}
    ]
    recipient.accept_portfolio_share(PortfolioId=pid)
    accepted = recipient.list_accepted_portfolio_shares()["PortfolioDetails"]
    assert [p["Id"] for p in accepted] == [pid]
    # Timestamps arrive as CBOR tag 1 and parse into datetimes.
    assert accepted[0]["CreatedTime"].year >= 2026
    out = owner.update_portfolio_share(PortfolioId=pid, AccountId=MEMBER, ShareTagOptions=False)
    assert out["Status"] == "COMPLETED"
    status = owner.describe_portfolio_share_status(PortfolioShareToken=out["PortfolioShareToken"])
    assert status["Status"] == "COMPLETED" and status["PortfolioId"] == pid
