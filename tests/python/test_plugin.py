"""The pytest plugin itself (``python/sclocal``): the fixture's handle in process, and the
session-level behaviour (flags, an existing server, the log on failure, the environment)
through inner pytest runs (``pytester``) that each start their own server."""

from __future__ import annotations

import os
import textwrap
import uuid
from pathlib import Path

import boto3
import pytest
from botocore.exceptions import ClientError
from sclocal import SclocalError, find_binary

PYTHON_SRC = Path(__file__).resolve().parents[2] / "python"

ORG = {
    "organizations": [
        {
            "management_account": "111111111111",
            "service_catalog_access": True,
            "accounts": ["222222222222"],
            "units": [{"name": "Apps", "accounts": ["333333333333"]}],
        }
    ]
}


# ---------------------------------------------------------------------------
# the handle, in this process
# ---------------------------------------------------------------------------


def test_clients_built_without_an_endpoint_reach_sclocal(sclocal):
    assert os.environ["AWS_ENDPOINT_URL"] == sclocal.endpoint
    # As code under test would build it: no endpoint, no keys, no region.
    sts = boto3.client("sts")
    assert sts.get_caller_identity()["Account"] == "123456789012"
    assert sclocal.client("sts", account="222222222222").get_caller_identity()["Account"] == "222222222222"


def test_client_wants_an_account_id(sclocal):
    with pytest.raises(ValueError, match="12-digit"):
        sclocal.client("sts", account="test")


def test_bootstrap_a_mapping_then_share_with_an_ou(sclocal):
    summary = sclocal.bootstrap(ORG)
    assert summary == {"status": "applied", "organizations_created": 1, "accounts_written": 3}
    orgs = sclocal.client("organizations", account="111111111111")
    assert sorted(a["Id"] for a in orgs.list_accounts()["Accounts"]) == [
        "111111111111",
        "222222222222",
        "333333333333",
    ]
    apps = orgs.list_organizational_units_for_parent(ParentId=orgs.list_roots()["Roots"][0]["Id"])
    owner = sclocal.client("servicecatalog", account="111111111111")
    pid = owner.create_portfolio(DisplayName="P", ProviderName="p", IdempotencyToken="t")["PortfolioDetail"]["Id"]
    token = owner.create_portfolio_share(
        PortfolioId=pid,
        OrganizationNode={"Type": "ORGANIZATIONAL_UNIT", "Value": apps["OrganizationalUnits"][0]["Id"]},
    )["PortfolioShareToken"]
    assert sclocal.drain()["status"] == "idle"
    assert owner.describe_portfolio_share_status(PortfolioShareToken=token)["Status"] == "COMPLETED"
    # Applying the same organization again changes nothing.
    assert sclocal.bootstrap(ORG)["organizations_created"] == 0


def test_bootstrap_a_file_and_its_errors(sclocal, tmp_path):
    good = tmp_path / "org.yaml"
    good.write_text('organizations:\n  - management_account: "111111111111"\n    accounts: ["222222222222"]\n')
    assert sclocal.bootstrap(good)["organizations_created"] == 1
    bad = tmp_path / "bad.yaml"
    bad.write_text('organizations:\n  - management_account: "444444444444"\n    accounts:\n      - "12345"\n')
    with pytest.raises(SclocalError) as e:
        sclocal.bootstrap(str(bad))
    assert str(e.value) == f'{bad} line 4: organizations[0].accounts[0]: account id "12345" is not 12 digits'
    with pytest.raises(ClientError) as e:
        sclocal.client("organizations", account="444444444444").describe_organization()
    assert e.value.response["Error"]["Code"] == "AWSOrganizationsNotInUseException"
    with pytest.raises(TypeError):
        sclocal.bootstrap(["not", "a", "document"])


# ---------------------------------------------------------------------------
# whole sessions, in inner pytest runs
# ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def binary():
    """The binary, found once from where the session started: session fixtures are set up before
    ``pytester`` moves into its temporary directory, where a relative ``$SCLOCAL_BIN`` (CI's
    ``target/debug/sclocal``) would name nothing."""
    return find_binary()


@pytest.fixture
def inner(binary, pytester, monkeypatch):
    """An inner pytest run with the plugin from the source tree and none of this session's
    sclocal settings (it starts its own server unless a test sets them)."""
    for name in ("SCLOCAL_ARGS", "SCLOCAL_ENDPOINT"):
        monkeypatch.delenv(name, raising=False)
    for name in list(os.environ):
        if name.startswith("AWS_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("PYTHONPATH", str(PYTHON_SRC))
    monkeypatch.setenv("SCLOCAL_BIN", str(binary))
    pytester.makeini("[pytest]\naddopts = -p sclocal.plugin -p no:cacheprovider\n")

    def run(source: str, *args: str):
        pytester.makepyfile(test_inner=textwrap.dedent(source))
        return pytester.runpytest_subprocess(*args, timeout=120)

    return run


LIMITED = """
    import pytest
    from botocore.exceptions import ClientError

    def test_second_portfolio(sclocal):
        sc = sclocal.client("servicecatalog")
        sc.create_portfolio(DisplayName="A", ProviderName="p", IdempotencyToken="a")
        try:
            sc.create_portfolio(DisplayName="B", ProviderName="p", IdempotencyToken="b")
        except ClientError as e:
            print("REFUSED", e.response["Error"]["Code"])
        else:
            print("ACCEPTED")
"""


def test_flags_come_from_the_option_then_the_environment(inner, monkeypatch):
    monkeypatch.setenv("SCLOCAL_ARGS", "--portfolio-limit 2")
    out = inner(LIMITED, "-s")
    out.assert_outcomes(passed=1)
    out.stdout.fnmatch_lines(["*ACCEPTED*"])
    out = inner(LIMITED, "-s", "--sclocal-args=--portfolio-limit 1")
    out.assert_outcomes(passed=1)
    out.stdout.fnmatch_lines(["*REFUSED LimitExceededException*"])


def test_a_failure_shows_what_the_server_logged_during_the_test(inner):
    out = inner(
        """
        def test_passes(sclocal):
            sclocal.client("servicecatalog").list_portfolios()

        def test_fails(sclocal):
            sclocal.client("servicecatalog").describe_portfolio(Id="port-doesnotexist")
        """
    )
    out.assert_outcomes(passed=1, failed=1)
    text = out.stdout.str()
    log = text[text.index("sclocal server log") :]
    assert "DescribePortfolio" in log and "status=400" in log, log
    assert "ListPortfolios" not in log, "the log of another test was shown"


def test_a_server_that_cannot_start_explains_why(inner):
    out = inner("def test_x(sclocal):\n    pass\n", "--sclocal-args=--auth bogus")
    out.assert_outcomes(errors=1)
    out.stdout.fnmatch_lines(["*sclocal exited with code 2 while starting*", "*unknown auth mode*"])
    out = inner("def test_x(sclocal):\n    pass\n", "--sclocal-args=--listen 127.0.0.1:1")
    out.assert_outcomes(errors=1)
    out.stdout.fnmatch_lines(["*--listen is chosen by sclocal*SCLOCAL_ENDPOINT*"])


def test_sclocal_endpoint_uses_a_running_server(inner, sclocal, monkeypatch):
    monkeypatch.setenv("SCLOCAL_ENDPOINT", sclocal.endpoint)
    name = uuid.uuid4().hex
    out = inner(
        f"""
        def test_make(sclocal):
            sclocal.client("servicecatalog").create_portfolio(
                DisplayName="{name}", ProviderName="p", IdempotencyToken="t")
        """
    )
    out.assert_outcomes(passed=1)
    # The inner run's portfolio is on this session's server.
    names = [p["DisplayName"] for p in sclocal.client("servicecatalog").list_portfolios()["PortfolioDetails"]]
    assert names == [name]


def test_the_environment_is_the_tests_own_and_restored(inner, monkeypatch):
    monkeypatch.setenv("AWS_PROFILE", "developer")
    monkeypatch.setenv("AWS_ENDPOINT_URL_STS", "https://sts.amazonaws.com")
    out = inner(
        """
        import os

        def test_with(sclocal):
            assert os.environ["AWS_ENDPOINT_URL"] == sclocal.endpoint
            assert os.environ["AWS_ACCESS_KEY_ID"] == "123456789012"
            assert "AWS_PROFILE" not in os.environ
            assert "AWS_ENDPOINT_URL_STS" not in os.environ

        def test_after():
            assert "AWS_ENDPOINT_URL" not in os.environ
            assert os.environ["AWS_PROFILE"] == "developer"
            assert os.environ["AWS_ENDPOINT_URL_STS"] == "https://sts.amazonaws.com"
        """
    )
    out.assert_outcomes(passed=2)
