"""Portfolio CRUD, idempotency, pagination and account/region isolation.

Every flow runs twice through the ``sc`` fixture: once over awsJson1_1 (boto3's
default) and once over Smithy RPC v2 CBOR (boto3 with a CBOR-only model).
"""

import datetime
import re
import uuid

import pytest
from botocore.exceptions import ClientError

PORTFOLIO_ID_RE = re.compile(r"^port-[a-z2-7]{13}$")


def _token() -> str:
    return uuid.uuid4().hex


def _create(c, name="Portfolio", provider="Provider", token=None, **extra):
    return c.create_portfolio(
        DisplayName=name,
        ProviderName=provider,
        IdempotencyToken=token or _token(),
        **extra,
    )


def _tags_as_dict(tags):
    out = {t["Key"]: t["Value"] for t in tags}
    assert len(out) == len(tags), f"duplicate tag keys in {tags}"
    return out


def _error_code(excinfo) -> str:
    return excinfo.value.response["Error"]["Code"]


def _list_all_ids(c):
    ids = []
    for page in c.get_paginator("list_portfolios").paginate():
        ids.extend(p["Id"] for p in page.get("PortfolioDetails", []))
    return ids


def test_create_portfolio_returns_detail(sc):
    c = sc()
    before = datetime.datetime.now(datetime.timezone.utc)
    resp = _create(
        c,
        name="Engineering",
        provider="Platform Team",
        Description="Tools for engineers",
        Tags=[{"Key": "team", "Value": "platform"}, {"Key": "cost-center", "Value": "42"}],
    )
    after = datetime.datetime.now(datetime.timezone.utc)
    assert resp["ResponseMetadata"]["HTTPStatusCode"] == 200
    detail = resp["PortfolioDetail"]
    assert PORTFOLIO_ID_RE.match(detail["Id"]), detail["Id"]
    assert detail["ARN"] == f"arn:aws:catalog:us-east-1:111111111111:portfolio/{detail['Id']}"
    assert detail["DisplayName"] == "Engineering"
    assert detail["ProviderName"] == "Platform Team"
    assert detail["Description"] == "Tools for engineers"
    created = detail["CreatedTime"]
    assert isinstance(created, datetime.datetime)
    assert created.tzinfo is not None
    slack = datetime.timedelta(seconds=5)
    assert before - slack <= created <= after + slack, (before, created, after)
    assert _tags_as_dict(resp["Tags"]) == {"team": "platform", "cost-center": "42"}


def test_create_portfolio_ids_are_unique(sc):
    c = sc()
    ids = {_create(c, name=f"P{i}")["PortfolioDetail"]["Id"] for i in range(3)}
    assert len(ids) == 3
    assert all(PORTFOLIO_ID_RE.match(i) for i in ids)


def test_create_portfolio_without_optional_members(sc):
    c = sc()
    resp = _create(c, name="Bare", provider="Me")
    detail = resp["PortfolioDetail"]
    assert detail["DisplayName"] == "Bare"
    assert detail["ProviderName"] == "Me"
    assert "Description" not in detail
    assert resp.get("Tags", []) == []


def test_create_portfolio_is_idempotent(sc):
    c = sc()
    token = _token()
    first = _create(c, name="Once", provider="Prov", token=token, Description="d")
    second = _create(c, name="Once", provider="Prov", token=token, Description="d")
    assert second["PortfolioDetail"]["Id"] == first["PortfolioDetail"]["Id"]
    assert second["PortfolioDetail"]["ARN"] == first["PortfolioDetail"]["ARN"]
    assert second["PortfolioDetail"]["CreatedTime"] == first["PortfolioDetail"]["CreatedTime"]
    listed = c.list_portfolios()["PortfolioDetails"]
    assert [p["Id"] for p in listed] == [first["PortfolioDetail"]["Id"]]


def test_describe_portfolio(sc):
    c = sc()
    created = _create(
        c, name="Described", provider="Prov", Description="desc",
        Tags=[{"Key": "env", "Value": "dev"}],
    )["PortfolioDetail"]
    resp = c.describe_portfolio(Id=created["Id"])
    detail = resp["PortfolioDetail"]
    assert detail["Id"] == created["Id"]
    assert detail["ARN"] == created["ARN"]
    assert detail["DisplayName"] == "Described"
    assert detail["ProviderName"] == "Prov"
    assert detail["Description"] == "desc"
    assert detail["CreatedTime"] == created["CreatedTime"]
    assert _tags_as_dict(resp["Tags"]) == {"env": "dev"}
    assert resp.get("TagOptions", []) == []
    assert resp.get("Budgets", []) == []


def test_update_portfolio_fields_and_tags(sc):
    c = sc()
    created = _create(
        c, name="Old name", provider="Old provider", Description="old",
        Tags=[{"Key": "keep", "Value": "1"}, {"Key": "drop", "Value": "2"}],
    )["PortfolioDetail"]
    pid = created["Id"]
    resp = c.update_portfolio(
        Id=pid,
        DisplayName="New name",
        Description="new",
        ProviderName="New provider",
        AddTags=[{"Key": "added", "Value": "3"}],
        RemoveTags=["drop"],
    )
    assert resp["PortfolioDetail"]["Id"] == pid
    assert resp["PortfolioDetail"]["DisplayName"] == "New name"
    assert resp["PortfolioDetail"]["Description"] == "new"
    assert resp["PortfolioDetail"]["ProviderName"] == "New provider"
    assert _tags_as_dict(resp["Tags"]) == {"keep": "1", "added": "3"}

    described = c.describe_portfolio(Id=pid)
    detail = described["PortfolioDetail"]
    assert detail["DisplayName"] == "New name"
    assert detail["Description"] == "new"
    assert detail["ProviderName"] == "New provider"
    assert detail["ARN"] == created["ARN"]
    assert detail["CreatedTime"] == created["CreatedTime"]
    assert _tags_as_dict(described["Tags"]) == {"keep": "1", "added": "3"}

    listed = c.list_portfolios()["PortfolioDetails"]
    assert [(p["Id"], p["DisplayName"]) for p in listed] == [(pid, "New name")]


def test_update_portfolio_partial_keeps_other_fields(sc):
    c = sc()
    pid = _create(c, name="Name", provider="Prov", Description="desc")["PortfolioDetail"]["Id"]
    c.update_portfolio(Id=pid, Description="changed")
    detail = c.describe_portfolio(Id=pid)["PortfolioDetail"]
    assert detail["DisplayName"] == "Name"
    assert detail["ProviderName"] == "Prov"
    assert detail["Description"] == "changed"


def test_delete_portfolio(sc):
    c = sc()
    pid = _create(c)["PortfolioDetail"]["Id"]
    other = _create(c, name="Other")["PortfolioDetail"]["Id"]
    resp = c.delete_portfolio(Id=pid)
    assert resp["ResponseMetadata"]["HTTPStatusCode"] == 200
    with pytest.raises(ClientError) as e:
        c.describe_portfolio(Id=pid)
    assert _error_code(e) == "ResourceNotFoundException"
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert [p["Id"] for p in c.list_portfolios()["PortfolioDetails"]] == [other]
    with pytest.raises(ClientError) as e:
        c.delete_portfolio(Id=pid)
    assert _error_code(e) == "ResourceNotFoundException"


def test_unknown_portfolio_is_not_found(sc):
    c = sc()
    for call in (
        lambda: c.describe_portfolio(Id="port-aaaaaaaaaaaaa"),
        lambda: c.update_portfolio(Id="port-aaaaaaaaaaaaa", DisplayName="x"),
        lambda: c.delete_portfolio(Id="port-aaaaaaaaaaaaa"),
    ):
        with pytest.raises(ClientError) as e:
            call()
        assert _error_code(e) == "ResourceNotFoundException"
        assert e.value.response["Error"]["Message"]
        assert e.value.response["ResponseMetadata"]["RequestId"]


def test_list_portfolios_empty(sc):
    resp = sc().list_portfolios()
    assert resp.get("PortfolioDetails", []) == []
    assert "NextPageToken" not in resp


def test_list_portfolios_paginator(sc):
    c = sc()
    created = {_create(c, name=f"P{i}")["PortfolioDetail"]["Id"] for i in range(5)}
    pages = list(c.get_paginator("list_portfolios").paginate(PaginationConfig={"PageSize": 2}))
    sizes = [len(p["PortfolioDetails"]) for p in pages]
    assert sizes == [2, 2, 1]
    seen = [d["Id"] for p in pages for d in p["PortfolioDetails"]]
    assert len(seen) == 5
    assert set(seen) == created
    assert "NextPageToken" not in pages[-1]


def test_list_portfolios_manual_page_token_loop(sc):
    c = sc()
    created = {_create(c, name=f"P{i}")["PortfolioDetail"]["Id"] for i in range(5)}
    seen = []
    tokens = []
    kwargs = {"PageSize": 2}
    for _ in range(10):
        resp = c.list_portfolios(**kwargs)
        page = resp["PortfolioDetails"]
        assert 1 <= len(page) <= 2
        seen.extend(d["Id"] for d in page)
        token = resp.get("NextPageToken")
        if not token:
            assert "NextPageToken" not in resp
            break
        assert token not in tokens, "server repeated a page token"
        tokens.append(token)
        kwargs = {"PageSize": 2, "PageToken": token}
    else:
        pytest.fail("pagination did not terminate")
    assert len(tokens) == 2
    assert sorted(seen) == sorted(created)
    assert len(seen) == len(set(seen)) == 5


def test_list_portfolios_detail_fields(sc):
    c = sc()
    created = _create(c, name="Listed", provider="Prov", Description="d")["PortfolioDetail"]
    listed = c.list_portfolios()["PortfolioDetails"]
    assert len(listed) == 1
    item = listed[0]
    assert item["Id"] == created["Id"]
    assert item["ARN"] == created["ARN"]
    assert item["DisplayName"] == "Listed"
    assert item["ProviderName"] == "Prov"
    assert item["Description"] == "d"
    assert item["CreatedTime"] == created["CreatedTime"]


def test_other_account_cannot_see_portfolio(sc):
    owner = sc(account="111111111111")
    other = sc(account="222222222222")
    pid = _create(owner, name="Private")["PortfolioDetail"]["Id"]

    for call in (
        lambda: other.describe_portfolio(Id=pid),
        lambda: other.update_portfolio(Id=pid, DisplayName="Hijacked"),
        lambda: other.delete_portfolio(Id=pid),
    ):
        with pytest.raises(ClientError) as e:
            call()
        assert _error_code(e) == "ResourceNotFoundException"

    assert other.list_portfolios().get("PortfolioDetails", []) == []
    # The owner's portfolio is untouched.
    detail = owner.describe_portfolio(Id=pid)["PortfolioDetail"]
    assert detail["DisplayName"] == "Private"
    assert [p["Id"] for p in owner.list_portfolios()["PortfolioDetails"]] == [pid]


def test_other_account_has_its_own_portfolios(sc):
    a = sc(account="111111111111")
    b = sc(account="222222222222")
    pa = _create(a, name="A")["PortfolioDetail"]
    pb = _create(b, name="B")["PortfolioDetail"]
    assert pb["ARN"] == f"arn:aws:catalog:us-east-1:222222222222:portfolio/{pb['Id']}"
    assert [p["Id"] for p in a.list_portfolios()["PortfolioDetails"]] == [pa["Id"]]
    assert [p["Id"] for p in b.list_portfolios()["PortfolioDetails"]] == [pb["Id"]]


def test_regions_are_isolated(sc):
    east = sc(region="us-east-1")
    west = sc(region="eu-west-1")
    pid = _create(east, name="East")["PortfolioDetail"]["Id"]
    with pytest.raises(ClientError) as e:
        west.describe_portfolio(Id=pid)
    assert _error_code(e) == "ResourceNotFoundException"
    assert west.list_portfolios().get("PortfolioDetails", []) == []

    w = _create(west, name="West")["PortfolioDetail"]
    assert w["ARN"] == f"arn:aws:catalog:eu-west-1:111111111111:portfolio/{w['Id']}"
    assert west.describe_portfolio(Id=w["Id"])["PortfolioDetail"]["DisplayName"] == "West"
    assert [p["Id"] for p in east.list_portfolios()["PortfolioDetails"]] == [pid]


def test_non_numeric_access_key_maps_to_default_account(sc):
    c = sc(account="test")
    detail = _create(c, name="Default account")["PortfolioDetail"]
    assert detail["ARN"] == f"arn:aws:catalog:us-east-1:000000000000:portfolio/{detail['Id']}"
    # Same account as the explicit 12-digit key 000000000000.
    same = sc(account="000000000000")
    assert same.describe_portfolio(Id=detail["Id"])["PortfolioDetail"]["ARN"] == detail["ARN"]
    assert _list_all_ids(sc(account="111111111111")) == []


def test_json_and_cbor_share_state(client, cbor_client):
    j = client("servicecatalog")
    c = cbor_client("servicecatalog")
    pid = _create(j, name="Via JSON")["PortfolioDetail"]["Id"]
    assert c.describe_portfolio(Id=pid)["PortfolioDetail"]["DisplayName"] == "Via JSON"
    pid2 = _create(c, name="Via CBOR")["PortfolioDetail"]["Id"]
    assert j.describe_portfolio(Id=pid2)["PortfolioDetail"]["DisplayName"] == "Via CBOR"
    assert sorted(_list_all_ids(j)) == sorted([pid, pid2])
