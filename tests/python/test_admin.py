"""Control endpoints: health and state reset."""

import uuid

import pytest


def _create(c, name="P"):
    return c.create_portfolio(DisplayName=name, ProviderName="p", IdempotencyToken=uuid.uuid4().hex)


def _ids(c):
    return [p["Id"] for p in c.list_portfolios().get("PortfolioDetails", [])]


def test_health(raw):
    resp = raw.request("GET", "/_sclocal/health")
    assert resp.status == 200
    assert resp.headers["content-type"].startswith("application/json")
    body = resp.json()
    assert isinstance(body, dict)


def test_health_needs_no_credentials(raw):
    # No Authorization header at all, unlike the AWS endpoints.
    resp = raw.request("GET", "/_sclocal/health", headers={"Accept": "application/json"})
    assert resp.status == 200


@pytest.mark.parametrize("path", ["/_sclocal/reset", "/moto-api/reset"])
def test_reset_wipes_portfolios(raw, client, path):
    east = client("servicecatalog")
    west = client("servicecatalog", region="eu-west-1")
    other = client("servicecatalog", account="222222222222")
    _create(east)
    _create(west)
    _create(other)
    assert len(_ids(east)) == 1 and len(_ids(west)) == 1 and len(_ids(other)) == 1

    resp = raw.request("POST", path)
    assert 200 <= resp.status < 300, (resp.status, resp.body)

    assert _ids(east) == []
    assert _ids(west) == []
    assert _ids(other) == []
    # The server keeps working after a reset.
    pid = _create(east, "After reset")["PortfolioDetail"]["Id"]
    assert _ids(east) == [pid]


def test_reset_forgets_idempotency_tokens(raw, client):
    c = client("servicecatalog")
    first = c.create_portfolio(DisplayName="P", ProviderName="p", IdempotencyToken="same-token")
    reset = raw.request("POST", "/_sclocal/reset")
    assert 200 <= reset.status < 300
    second = c.create_portfolio(DisplayName="P", ProviderName="p", IdempotencyToken="same-token")
    assert second["PortfolioDetail"]["Id"] != first["PortfolioDetail"]["Id"]
    assert _ids(c) == [second["PortfolioDetail"]["Id"]]
