"""Provisioning through boto3 (awsJson1_1 and Smithy RPC v2 CBOR): an assumed-role end user
launches from its own portfolio and from an accepted share, the records finish in the
background (``sclocal.drain()``), and the provisioned-product API reads and ends them.
Templates are opaque here (the session server has no ``--templates``); the Rust suite covers
template-backed artifacts.
"""

import uuid

import pytest
from botocore.exceptions import ClientError

OWNER = "111111111111"
RECIPIENT = "222222222222"
TEMPLATE = "https://s3.amazonaws.com/bucket/app.yaml"


def _token():
    return uuid.uuid4().hex


def _session(sc, client, account, role):
    """Service Catalog as a session of ``role`` in ``account``, on the fixture's protocol."""
    creds = client("sts", account).assume_role(
        RoleArn=f"arn:aws:iam::{account}:role/{role}", RoleSessionName="s1"
    )["Credentials"]
    return sc(creds["AccessKeyId"], secret=creds["SecretAccessKey"], session_token=creds["SessionToken"])


def _catalog(admin):
    """A portfolio holding one product: (portfolio, product, artifact)."""
    port = admin.create_portfolio(DisplayName="Platform", ProviderName="P", IdempotencyToken=_token())[
        "PortfolioDetail"
    ]["Id"]
    out = admin.create_product(
        Name="App",
        Owner="P",
        ProductType="CLOUD_FORMATION_TEMPLATE",
        ProvisioningArtifactParameters={"Name": "v1", "Info": {"LoadTemplateFromURL": TEMPLATE}},
        IdempotencyToken=_token(),
    )
    prod = out["ProductViewDetail"]["ProductViewSummary"]["ProductId"]
    pa = out["ProvisioningArtifactDetail"]["Id"]
    admin.associate_product_with_portfolio(ProductId=prod, PortfolioId=port)
    return port, prod, pa


def _launch(sc, prod, pa, name, **extra):
    return sc.provision_product(
        ProductId=prod,
        ProvisioningArtifactId=pa,
        ProvisionedProductName=name,
        ProvisionToken=_token(),
        **extra,
    )["RecordDetail"]


def test_an_end_user_launches_reads_and_terminates(sc, client, sclocal):
    admin = sc(OWNER)
    port, prod, pa = _catalog(admin)
    admin.associate_principal_with_portfolio(
        PortfolioId=port, PrincipalARN=f"arn:aws:iam::{OWNER}:role/Dev", PrincipalType="IAM"
    )
    dev = _session(sc, client, OWNER, "Dev")
    record = _launch(dev, prod, pa, "web", ProvisioningParameters=[{"Key": "Env", "Value": "dev"}])
    assert record["Status"] == "CREATED"
    assert record["RecordType"] == "PROVISION_PRODUCT"
    assert record["RecordErrors"] == [] and record["RecordTags"] == []
    assert record["PathId"].startswith("lpv3-")
    pp = record["ProvisionedProductId"]
    # Describable at once (puppet polls immediately).
    dev.describe_provisioned_product(Id=pp)

    sclocal.drain()
    done = dev.describe_record(Id=record["RecordId"])
    assert done["RecordDetail"]["Status"] == "SUCCEEDED"
    assert [o["OutputKey"] for o in done["RecordOutputs"]] == ["CloudformationStackARN"]
    detail = dev.describe_provisioned_product(Name="web")["ProvisionedProductDetail"]
    assert detail["Status"] == "AVAILABLE"
    assert detail["LastSuccessfulProvisioningRecordId"] == record["RecordId"]

    found = dev.search_provisioned_products(Filters={"SearchQuery": [f"id:{pp}"]})
    assert found["TotalResultsCount"] == 1
    attribute = found["ProvisionedProducts"][0]
    assert attribute["UserArn"] == f"arn:aws:iam::{OWNER}:role/Dev"
    assert attribute["UserArnSession"] == f"arn:aws:sts::{OWNER}:assumed-role/Dev/s1"
    assert attribute["ProductName"] == "App"

    end = dev.terminate_provisioned_product(ProvisionedProductId=pp, TerminateToken=_token())
    assert end["RecordDetail"]["Status"] == "CREATED"
    sclocal.drain()
    with pytest.raises(ClientError) as gone:
        dev.describe_provisioned_product(Id=pp)
    assert gone.value.response["Error"]["Code"] == "ResourceNotFoundException"
    history = dev.list_record_history(AccessLevelFilter={"Key": "Account", "Value": "self"})
    assert [r["RecordType"] for r in history["RecordDetails"]] == [
        "TERMINATE_PROVISIONED_PRODUCT",
        "PROVISION_PRODUCT",
    ]


def test_who_has_no_launch_path_and_names_in_use(sc, client, sclocal):
    admin = sc(OWNER)
    port, prod, pa = _catalog(admin)
    with pytest.raises(ClientError) as root:
        _launch(admin, prod, pa, "web")
    assert root.value.response["Error"]["Code"] == "ResourceNotFoundException"
    assert root.value.response["Error"]["Message"] == f"No launch paths found for resource: {prod}"
    admin.associate_principal_with_portfolio(
        PortfolioId=port, PrincipalARN=f"arn:aws:iam::{OWNER}:role/Dev", PrincipalType="IAM"
    )
    dev = _session(sc, client, OWNER, "Dev")
    _launch(dev, prod, pa, "web")
    with pytest.raises(ClientError) as taken:
        _launch(dev, prod, pa, "web")
    assert taken.value.response["Error"]["Code"] == "InvalidParametersException"
    assert taken.value.response["Error"]["Message"] == "A stack named web already exists."
    # The same ProvisionToken answers the same record.
    first = dev.provision_product(ProductId=prod, ProvisioningArtifactId=pa, ProvisionedProductName="db", ProvisionToken="same")
    again = dev.provision_product(ProductId=prod, ProvisioningArtifactId=pa, ProvisionedProductName="db", ProvisionToken="same")
    assert first["RecordDetail"]["RecordId"] == again["RecordDetail"]["RecordId"]


def test_a_recipient_launches_from_an_accepted_share(client, sclocal):
    owner = client("servicecatalog", OWNER)
    port, prod, pa = _catalog(owner)
    owner.create_portfolio_share(PortfolioId=port, AccountId=RECIPIENT)
    recipient = client("servicecatalog", RECIPIENT)
    recipient.accept_portfolio_share(PortfolioId=port)
    recipient.associate_principal_with_portfolio(
        PortfolioId=port, PrincipalARN=f"arn:aws:iam::{RECIPIENT}:role/Builder", PrincipalType="IAM"
    )
    creds = client("sts", RECIPIENT).assume_role(
        RoleArn=f"arn:aws:iam::{RECIPIENT}:role/Builder", RoleSessionName="builder"
    )["Credentials"]
    user = client(
        "servicecatalog",
        creds["AccessKeyId"],
        secret=creds["SecretAccessKey"],
        session_token=creds["SessionToken"],
    )
    path = user.list_launch_paths(ProductId=prod)["LaunchPathSummaries"][0]
    record = _launch(user, prod, pa, "svc", PathId=path["Id"])
    assert record["PathId"] == path["Id"]
    sclocal.drain()
    mine = user.scan_provisioned_products()["ProvisionedProducts"]
    assert [p["Name"] for p in mine] == ["svc"]
    assert f":{RECIPIENT}:stack/svc/" in mine[0]["Arn"]
    # The owner of the portfolio does not see what the recipient launched.
    theirs = owner.search_provisioned_products()
    assert theirs["TotalResultsCount"] == 0
    # botocore's paginators walk the provisioned-product lists.
    pages = user.get_paginator("scan_provisioned_products").paginate(
        AccessLevelFilter={"Key": "Account", "Value": "self"}
    )
    assert sum(len(p["ProvisionedProducts"]) for p in pages) == 1
