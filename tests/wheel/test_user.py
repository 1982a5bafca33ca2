"""A test file as a user of the installed package writes it: nothing but the `sclocal`
fixture, which `pip install` brings in through the pytest11 entry point. scripts/test-wheel
runs it in a fresh virtualenv against the installed wheel."""

import boto3

OWNER, PARTNER = "111111111111", "222222222222"


def test_share_is_accepted(sclocal):
    # The README's example ("Use from pytest"), as printed there.
    owner = sclocal.client("servicecatalog", account="111111111111")
    pid = owner.create_portfolio(DisplayName="P", ProviderName="Me",
                                 IdempotencyToken="t1")["PortfolioDetail"]["Id"]
    owner.create_portfolio_share(PortfolioId=pid, AccountId="222222222222")

    partner = sclocal.client("servicecatalog", account="222222222222")
    partner.accept_portfolio_share(PortfolioId=pid)
    assert partner.list_accepted_portfolio_shares()["PortfolioDetails"][0]["Id"] == pid


def test_state_is_reset_between_tests(sclocal):
    # The portfolio of the test above is gone.
    assert sclocal.client("servicecatalog", account=OWNER).list_portfolios()["PortfolioDetails"] == []


def test_organization_share_completes_after_drain(sclocal):
    sclocal.bootstrap({"organizations": [{
        "management_account": OWNER,
        "service_catalog_access": True,
        "units": [{"name": "Apps", "accounts": [PARTNER]}],
    }]})
    orgs = sclocal.client("organizations", account=OWNER)
    root = orgs.list_roots()["Roots"][0]["Id"]
    apps = orgs.list_organizational_units_for_parent(ParentId=root)["OrganizationalUnits"][0]["Id"]
    owner = sclocal.client("servicecatalog", account=OWNER)
    pid = owner.create_portfolio(DisplayName="Shared", ProviderName="Me", IdempotencyToken="t2")["PortfolioDetail"]["Id"]
    token = owner.create_portfolio_share(
        PortfolioId=pid, OrganizationNode={"Type": "ORGANIZATIONAL_UNIT", "Value": apps}
    )["PortfolioShareToken"]

    sclocal.drain()
    status = owner.describe_portfolio_share_status(PortfolioShareToken=token)
    assert status["Status"] == "COMPLETED"
    assert status["ShareDetails"]["SuccessfulShares"] == [PARTNER]


def test_code_that_builds_its_own_client_reaches_sclocal(sclocal):
    # No endpoint_url, no keys, no region: AWS_ENDPOINT_URL and the fixture's fake credentials.
    sts = boto3.client("sts")
    assert sts.get_caller_identity()["Account"] == "123456789012"
    sc = boto3.client("servicecatalog")
    sc.create_portfolio(DisplayName="Mine", ProviderName="Me", IdempotencyToken="t3")
    mine = sclocal.client("servicecatalog")  # the same default account
    assert [p["DisplayName"] for p in mine.list_portfolios()["PortfolioDetails"]] == ["Mine"]
