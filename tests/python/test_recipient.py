"""What a share carries, from the recipient's side, through boto3 (issue 5): imported
products and constraints, products taken into a local portfolio, the recipient's own
principals, SharePrincipals and ShareTagOptions, the owner taking things back, and the
access report (``GET /_sclocal/access``)."""

from __future__ import annotations

import uuid

import pytest
from botocore.exceptions import ClientError

from test_org_sharing import org  # noqa: F401  (fixture)
from test_sharing import _admin

OWNER = "111111111111"
RECIPIENT = "222222222222"
THIRD = "333333333333"
TEMPLATE = "https://s3.amazonaws.com/bucket/template.yaml"
PATTERN = "arn:aws:iam:::role/Dev*"


def _err(excinfo):
    e = excinfo.value.response["Error"]
    return e["Code"], e["Message"]


def _portfolio(sc, name="Platform"):
    out = sc.create_portfolio(DisplayName=name, ProviderName="Platform", IdempotencyToken=uuid.uuid4().hex)
    return out["PortfolioDetail"]["Id"]


def _product(sc, name="Bucket"):
    out = sc.create_product(
        Name=name,
        Owner="Platform",
        ProductType="CLOUD_FORMATION_TEMPLATE",
        ProvisioningArtifactParameters={"Name": "v1", "Info": {"LoadTemplateFromURL": TEMPLATE}},
        IdempotencyToken=uuid.uuid4().hex,
    )
    return out["ProductViewDetail"]["ProductViewSummary"]["ProductId"]


def _shared_product(client, accept=True):
    """The owner's portfolio with one product, shared with RECIPIENT: (owner, recipient, port, prod)."""
    owner = client("servicecatalog", OWNER)
    prod = _product(owner)
    port = _portfolio(owner)
    owner.associate_product_with_portfolio(ProductId=prod, PortfolioId=port)
    owner.create_portfolio_share(PortfolioId=port, AccountId=RECIPIENT, ShareTagOptions=True)
    recipient = client("servicecatalog", RECIPIENT)
    if accept:
        recipient.accept_portfolio_share(PortfolioId=port)
    return owner, recipient, port, prod


def _admin_products(sc, port):
    out = sc.search_products_as_admin(PortfolioId=port)["ProductViewDetails"]
    return [d["ProductViewSummary"]["ProductId"] for d in out]


def _session(client, account, role):
    creds = client("sts", account).assume_role(RoleArn=f"arn:aws:iam::{account}:role/{role}", RoleSessionName="s1")[
        "Credentials"
    ]
    return client(
        "servicecatalog",
        creds["AccessKeyId"],
        secret=creds["SecretAccessKey"],
        session_token=creds["SessionToken"],
    )


def _found(sc):
    return [s["ProductId"] for s in sc.search_products()["ProductViewSummaries"]]


def _principals(sc, port):
    out = sc.list_principals_for_portfolio(PortfolioId=port)["Principals"]
    return [(p["PrincipalARN"], p["PrincipalType"]) for p in out]


def test_recipient_sees_imported_products_and_constraints(client):
    owner, recipient, port, prod = _shared_product(client)
    owner.create_constraint(
        PortfolioId=port,
        ProductId=prod,
        Type="LAUNCH",
        Parameters='{"LocalRoleName":"Launch"}',
        IdempotencyToken=uuid.uuid4().hex,
    )
    assert _admin_products(recipient, port) == [prod]
    described = recipient.describe_product_as_admin(Id=prod, SourcePortfolioId=port)
    assert described["ProductViewDetail"]["ProductViewSummary"]["Name"] == "Bucket"
    assert [a["Name"] for a in described["ProvisioningArtifactSummaries"]] == ["v1"]
    constraints = recipient.list_constraints_for_portfolio(PortfolioId=port)["ConstraintDetails"]
    assert [(c["Type"], c["Owner"], c["ProductId"]) for c in constraints] == [("LAUNCH", OWNER, prod)]


def test_imported_product_in_local_portfolio_blocks_sharing_it(client):
    _, recipient, port, prod = _shared_product(client, accept=False)
    local = _portfolio(recipient, "Local")
    with pytest.raises(ClientError) as e:
        recipient.associate_product_with_portfolio(ProductId=prod, PortfolioId=local, SourcePortfolioId=port)
    assert _err(e) == (
        "InvalidParametersException",
        f"Portfolio {port} must be accepted before you can associate Products from it",
    )
    recipient.accept_portfolio_share(PortfolioId=port)
    recipient.associate_product_with_portfolio(ProductId=prod, PortfolioId=local, SourcePortfolioId=port)
    assert _admin_products(recipient, local) == [prod]
    with pytest.raises(ClientError) as e:
        recipient.create_portfolio_share(PortfolioId=local, AccountId=THIRD)
    assert _err(e) == (
        "InvalidParametersException",
        "You can't share a shared resource, including portfolios that contain a shared product.",
    )


def test_recipient_principals_are_its_own(client):
    owner, recipient, port, _ = _shared_product(client)
    owner.create_portfolio_share(PortfolioId=port, AccountId=THIRD)
    client("servicecatalog", THIRD).accept_portfolio_share(PortfolioId=port)
    mine = f"arn:aws:iam::{RECIPIENT}:role/Builder"
    recipient.associate_principal_with_portfolio(PortfolioId=port, PrincipalARN=mine, PrincipalType="IAM")
    assert _principals(recipient, port) == [(mine, "IAM")]
    assert _principals(owner, port) == []
    assert _principals(client("servicecatalog", THIRD), port) == []


def test_share_principals_carries_patterns_only_while_on(client, sclocal, org):
    owner = client("servicecatalog", OWNER)
    prod = _product(owner)
    port = _portfolio(owner)
    owner.associate_product_with_portfolio(ProductId=prod, PortfolioId=port)
    owner.associate_principal_with_portfolio(PortfolioId=port, PrincipalARN=PATTERN, PrincipalType="IAM_PATTERN")
    owner.associate_principal_with_portfolio(
        PortfolioId=port, PrincipalARN=f"arn:aws:iam::{OWNER}:role/Admin", PrincipalType="IAM"
    )
    node = {"Type": "ORGANIZATION", "Value": org["id"]}
    owner.create_portfolio_share(PortfolioId=port, OrganizationNode=node, SharePrincipals=True)
    sclocal.drain()

    recipient = client("servicecatalog", RECIPIENT)
    assert _principals(recipient, port) == [(PATTERN, "IAM_PATTERN")]
    dev = _session(client, RECIPIENT, "DevOps")
    assert _found(dev) == [prod]
    paths = dev.list_launch_paths(ProductId=prod)["LaunchPathSummaries"]
    assert [p["Id"][:5] for p in paths] == ["lpv3-"]

    report = _admin(sclocal.server, "GET", "/_sclocal/access")
    [entry] = report["portfolios"]
    assert entry["shares"][0]["accounts"] == [RECIPIENT, THIRD, "444444444444"]
    [warning] = entry["warnings"]
    assert PATTERN in warning and "Service Catalog recommends using PrincipalType as IAM" in warning

    owner.update_portfolio_share(PortfolioId=port, OrganizationNode=node, SharePrincipals=False)
    sclocal.drain()
    assert _principals(recipient, port) == []
    assert _found(dev) == []
    with pytest.raises(ClientError) as e:
        dev.list_launch_paths(ProductId=prod)
    assert _err(e) == ("ResourceNotFoundException", f"No launch paths found for resource: {prod}")
    assert _admin(sclocal.server, "GET", "/_sclocal/access")["portfolios"][0]["warnings"] == []


def test_share_tag_options_switches_on_and_off(client):
    owner = client("servicecatalog", OWNER)
    port = _portfolio(owner)
    option = owner.create_tag_option(Key="CostCenter", Value="42")["TagOptionDetail"]["Id"]
    owner.associate_tag_option_with_resource(ResourceId=port, TagOptionId=option)
    owner.create_portfolio_share(PortfolioId=port, AccountId=RECIPIENT, ShareTagOptions=True)
    recipient = client("servicecatalog", RECIPIENT)
    recipient.accept_portfolio_share(PortfolioId=port)

    def seen():
        return [(t["Key"], t["Value"]) for t in recipient.describe_portfolio(Id=port)["TagOptions"]]

    assert seen() == [("CostCenter", "42")]
    owner.update_portfolio_share(PortfolioId=port, AccountId=RECIPIENT, ShareTagOptions=False)
    assert seen() == []
    assert [t["Key"] for t in owner.describe_portfolio(Id=port)["TagOptions"]] == ["CostCenter"]
    owner.update_portfolio_share(PortfolioId=port, AccountId=RECIPIENT, ShareTagOptions=True)
    assert seen() == [("CostCenter", "42")]


def test_taking_back_a_product_or_the_share_empties_the_recipients_view(client):
    owner, recipient, port, prod = _shared_product(client)
    local = _portfolio(recipient, "Local")
    recipient.associate_product_with_portfolio(ProductId=prod, PortfolioId=local, SourcePortfolioId=port)
    recipient.associate_principal_with_portfolio(
        PortfolioId=local, PrincipalARN=f"arn:aws:iam::{RECIPIENT}:role/Builder", PrincipalType="IAM"
    )
    user = _session(client, RECIPIENT, "Builder")
    assert _found(user) == [prod]

    owner.disassociate_product_from_portfolio(ProductId=prod, PortfolioId=port)
    assert _admin_products(recipient, local) == []
    assert _found(user) == []

    owner.associate_product_with_portfolio(ProductId=prod, PortfolioId=port)
    recipient.associate_product_with_portfolio(ProductId=prod, PortfolioId=local, SourcePortfolioId=port)
    assert _found(user) == [prod]
    owner.delete_portfolio_share(PortfolioId=port, AccountId=RECIPIENT)
    assert _admin_products(recipient, local) == []
    assert _found(user) == []
