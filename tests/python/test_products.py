"""Products, provisioning artifacts, principals, TagOptions, constraints and the end
user's view, through boto3 over awsJson1_1 and Smithy RPC v2 CBOR (the ``sc`` fixture).

What a share carries to its recipients is pinned in test_recipient.py.
"""

import re
import uuid

import pytest
from botocore.exceptions import ClientError

OWNER = "111111111111"
OTHER = "222222222222"
TEMPLATE = "https://s3.amazonaws.com/bucket/template.yaml"


def _id_re(prefix):
    return re.compile(rf"^{prefix}-[a-z2-7]{{13}}$")


def _token():
    return uuid.uuid4().hex


def _code(excinfo):
    return excinfo.value.response["Error"]["Code"]


def _message(excinfo):
    return excinfo.value.response["Error"]["Message"]


def _product(c, name="Bucket", **extra):
    resp = c.create_product(
        Name=name,
        Owner="Platform",
        ProductType="CLOUD_FORMATION_TEMPLATE",
        ProvisioningArtifactParameters={
            "Name": "v1",
            "Info": {"LoadTemplateFromURL": TEMPLATE},
        },
        IdempotencyToken=_token(),
        **extra,
    )
    return resp


def _portfolio(c, name="Platform"):
    return c.create_portfolio(
        DisplayName=name, ProviderName="Platform", IdempotencyToken=_token()
    )["PortfolioDetail"]["Id"]


def test_create_product_with_its_first_version(sc):
    c = sc()
    resp = _product(c, Description="An S3 bucket", Tags=[{"Key": "team", "Value": "a"}])
    detail = resp["ProductViewDetail"]
    summary = detail["ProductViewSummary"]
    prod = summary["ProductId"]
    assert _id_re("prod").match(prod), prod
    assert _id_re("prodview").match(summary["Id"])
    assert summary["Type"] == "CLOUD_FORMATION_TEMPLATE"
    assert summary["ShortDescription"] == "An S3 bucket"
    assert detail["Status"] == "AVAILABLE"
    assert detail["ProductARN"] == f"arn:aws:catalog:us-east-1:{OWNER}:product/{prod}"
    pa = resp["ProvisioningArtifactDetail"]
    assert _id_re("pa").match(pa["Id"])
    assert pa["Name"] == "v1" and pa["Active"] is True and pa["Type"] == "CLOUD_FORMATION_TEMPLATE"
    assert resp["Tags"] == [{"Key": "team", "Value": "a"}]

    admin = c.describe_product_as_admin(Id=prod)
    assert admin["ProductViewDetail"]["ProductViewSummary"]["Name"] == "Bucket"
    assert [s["Id"] for s in admin["ProvisioningArtifactSummaries"]] == [pa["Id"]]
    assert admin["ProvisioningArtifactSummaries"][0]["ProvisioningArtifactMetadata"] == {
        "LoadTemplateFromURL": TEMPLATE
    }
    by_name = c.describe_product_as_admin(Name="Bucket")
    assert by_name["ProductViewDetail"]["ProductViewSummary"]["ProductId"] == prod


def test_product_versions(sc):
    c = sc()
    prod = _product(c)["ProductViewDetail"]["ProductViewSummary"]["ProductId"]
    v2 = c.create_provisioning_artifact(
        ProductId=prod,
        Parameters={"Name": "v2", "Info": {"LoadTemplateFromURL": TEMPLATE}},
        IdempotencyToken=_token(),
    )
    assert v2["Status"] == "AVAILABLE"
    v2_id = v2["ProvisioningArtifactDetail"]["Id"]
    listed = c.list_provisioning_artifacts(ProductId=prod)["ProvisioningArtifactDetails"]
    assert [a["Name"] for a in listed] == ["v1", "v2"]
    updated = c.update_provisioning_artifact(
        ProductId=prod, ProvisioningArtifactId=v2_id, Guidance="DEPRECATED", Description="old"
    )["ProvisioningArtifactDetail"]
    assert updated["Guidance"] == "DEPRECATED" and updated["Description"] == "old"
    described = c.describe_provisioning_artifact(ProductId=prod, ProvisioningArtifactId=v2_id)
    # Answered as the AWS CLI examples show it (provisioning.md, open question 14).
    assert described["Info"] == {"TemplateUrl": TEMPLATE}
    c.delete_provisioning_artifact(ProductId=prod, ProvisioningArtifactId=listed[0]["Id"])
    with pytest.raises(ClientError) as e:
        c.delete_provisioning_artifact(ProductId=prod, ProvisioningArtifactId=v2_id)
    assert _code(e) == "InvalidParametersException"
    with pytest.raises(ClientError) as e:
        c.create_provisioning_artifact(
            ProductId=prod, Parameters={"Name": "v3", "Info": {"Other": "x"}}, IdempotencyToken=_token()
        )
    assert _code(e) == "InvalidParametersException"


def test_products_in_portfolios(sc):
    c = sc()
    prod = _product(c)["ProductViewDetail"]["ProductViewSummary"]["ProductId"]
    port = _portfolio(c)
    c.associate_product_with_portfolio(ProductId=prod, PortfolioId=port)
    found = c.search_products_as_admin(PortfolioId=port)["ProductViewDetails"]
    assert [d["ProductViewSummary"]["ProductId"] for d in found] == [prod]
    portfolios = c.list_portfolios_for_product(ProductId=prod)["PortfolioDetails"]
    assert [p["Id"] for p in portfolios] == [port]

    with pytest.raises(ClientError) as e:
        c.delete_product(Id=prod)
    assert _code(e) == "ResourceInUseException"
    with pytest.raises(ClientError) as e:
        c.delete_portfolio(Id=port)
    assert _code(e) == "ResourceInUseException"
    assert _message(e) == f"Portfolio {port} still has associated Products"

    other = sc(account=OTHER)
    theirs = _portfolio(other)
    with pytest.raises(ClientError) as e:
        other.associate_product_with_portfolio(ProductId=prod, PortfolioId=theirs, SourcePortfolioId=port)
    assert _code(e) == "InvalidParametersException"
    assert _message(e) == f"Portfolio {port} must be accepted before you can associate Products from it"
    with pytest.raises(ClientError) as e:
        other.describe_product_as_admin(Id=prod)
    assert _code(e) == "ResourceNotFoundException"

    c.disassociate_product_from_portfolio(ProductId=prod, PortfolioId=port)
    c.delete_product(Id=prod)
    c.delete_portfolio(Id=port)


def test_principal_rules(sc):
    c = sc()
    port = _portfolio(c)
    c.associate_principal_with_portfolio(
        PortfolioId=port, PrincipalARN=f"arn:aws:iam::{OWNER}:role/Dev", PrincipalType="IAM"
    )
    c.associate_principal_with_portfolio(
        PortfolioId=port, PrincipalARN="arn:aws:iam:::role/team/*", PrincipalType="IAM_PATTERN"
    )
    with pytest.raises(ClientError) as e:
        c.associate_principal_with_portfolio(
            PortfolioId=port, PrincipalARN="arn:aws:iam:::*/Name", PrincipalType="IAM_PATTERN"
        )
    assert _code(e) == "InvalidParametersException"
    with pytest.raises(ClientError) as e:
        c.associate_principal_with_portfolio(
            PortfolioId=port, PrincipalARN="arn:aws:iam:::role/Dev", PrincipalType="IAM"
        )
    assert _code(e) == "ResourceNotFoundException"
    assert _message(e) == (
        f"Resource not found, caller account id ({OWNER}) does not match input account id ()"
    )
    paginator = c.get_paginator("list_principals_for_portfolio")
    principals = [p for page in paginator.paginate(PortfolioId=port) for p in page["Principals"]]
    assert principals == [
        {"PrincipalARN": f"arn:aws:iam::{OWNER}:role/Dev", "PrincipalType": "IAM"},
        {"PrincipalARN": "arn:aws:iam:::role/team/*", "PrincipalType": "IAM_PATTERN"},
    ]
    with pytest.raises(ClientError) as e:
        c.delete_portfolio(Id=port)
    assert _message(e) == f"Portfolio {port} still has associated Principals"
    with pytest.raises(ClientError) as e:
        c.disassociate_principal_from_portfolio(
            PortfolioId=port, PrincipalARN="arn:aws:iam:::role/team/*", PrincipalType="IAM"
        )
    assert _code(e) == "InvalidParametersException"
    for p in principals:
        c.disassociate_principal_from_portfolio(PortfolioId=port, PrincipalARN=p["PrincipalARN"])
    c.delete_portfolio(Id=port)


def test_at_most_ten_patterns(client):
    c = client("servicecatalog")
    port = _portfolio(c)
    for i in range(10):
        c.associate_principal_with_portfolio(
            PortfolioId=port, PrincipalARN=f"arn:aws:iam:::user/u{i}?", PrincipalType="IAM_PATTERN"
        )
    with pytest.raises(ClientError) as e:
        c.associate_principal_with_portfolio(
            PortfolioId=port, PrincipalARN="arn:aws:iam:::user/x*", PrincipalType="IAM_PATTERN"
        )
    assert _code(e) == "LimitExceededException"


def test_end_user_view_follows_the_calling_principal(sc, client):
    admin = sc()
    prod = _product(admin)["ProductViewDetail"]["ProductViewSummary"]["ProductId"]
    port = _portfolio(admin)
    admin.associate_product_with_portfolio(ProductId=prod, PortfolioId=port)
    creds = client("sts").assume_role(
        RoleArn=f"arn:aws:iam::{OWNER}:role/Developer", RoleSessionName="s1"
    )["Credentials"]
    user = sc(
        account=creds["AccessKeyId"],
        secret=creds["SecretAccessKey"],
        session_token=creds["SessionToken"],
    )
    assert user.search_products()["ProductViewSummaries"] == []
    with pytest.raises(ClientError) as e:
        user.list_launch_paths(ProductId=prod)
    assert _code(e) == "ResourceNotFoundException"
    assert _message(e) == f"No launch paths found for resource: {prod}"

    admin.associate_principal_with_portfolio(
        PortfolioId=port, PrincipalARN=f"arn:aws:iam::{OWNER}:role/Developer", PrincipalType="IAM"
    )
    summaries = user.search_products(Filters={"FullTextSearch": ["buck"]})["ProductViewSummaries"]
    assert [s["ProductId"] for s in summaries] == [prod]
    paths = user.list_launch_paths(ProductId=prod)["LaunchPathSummaries"]
    # Path ids are `lpv3-...`, named after the portfolio (provisioning.md section 2).
    assert [(p["Id"][:5], p["Name"]) for p in paths] == [("lpv3-", "Platform")]
    view = user.describe_product_view(Id=summaries[0]["Id"])
    assert view["ProductViewSummary"]["ProductId"] == prod
    assert [a["Name"] for a in view["ProvisioningArtifacts"]] == ["v1"]
    described = user.describe_product(Id=prod)
    assert described["LaunchPaths"] == [{"Id": paths[0]["Id"], "Name": "Platform"}]


def test_tag_options(sc):
    c = sc()
    port = _portfolio(c)
    tag = c.create_tag_option(Key="cost-center", Value="cc-1")["TagOptionDetail"]
    assert _id_re("tag").match(tag["Id"])
    assert tag["Active"] is True and tag["Owner"] == OWNER
    with pytest.raises(ClientError) as e:
        c.create_tag_option(Key="cost-center", Value="cc-1")
    assert _code(e) == "DuplicateResourceException"
    c.associate_tag_option_with_resource(ResourceId=port, TagOptionId=tag["Id"])
    assert [t["Id"] for t in c.describe_portfolio(Id=port)["TagOptions"]] == [tag["Id"]]
    resources = c.list_resources_for_tag_option(TagOptionId=tag["Id"])["ResourceDetails"]
    assert [r["Id"] for r in resources] == [port]
    with pytest.raises(ClientError) as e:
        c.delete_tag_option(Id=tag["Id"])
    assert _code(e) == "ResourceInUseException"
    updated = c.update_tag_option(Id=tag["Id"], Value="cc-2")["TagOptionDetail"]
    assert updated["Value"] == "cc-2"
    assert [t["Value"] for t in c.list_tag_options(Filters={"Key": "cost-center"})["TagOptionDetails"]] == ["cc-2"]
    c.disassociate_tag_option_from_resource(ResourceId=port, TagOptionId=tag["Id"])
    c.delete_tag_option(Id=tag["Id"])
    with pytest.raises(ClientError) as e:
        c.describe_tag_option(Id=tag["Id"])
    assert _code(e) == "ResourceNotFoundException"


def test_constraints(sc):
    c = sc()
    prod = _product(c)["ProductViewDetail"]["ProductViewSummary"]["ProductId"]
    port = _portfolio(c)
    c.associate_product_with_portfolio(ProductId=prod, PortfolioId=port)
    launch = c.create_constraint(
        PortfolioId=port,
        ProductId=prod,
        Type="LAUNCH",
        Parameters=f'{{"RoleArn": "arn:aws:iam::{OWNER}:role/Launch"}}',
        Description="launch role",
        IdempotencyToken=_token(),
    )
    detail = launch["ConstraintDetail"]
    assert _id_re("cons").match(detail["ConstraintId"])
    assert detail["Type"] == "LAUNCH" and detail["Owner"] == OWNER
    assert detail["PortfolioId"] == port and detail["ProductId"] == prod
    with pytest.raises(ClientError) as e:
        c.create_constraint(
            PortfolioId=port, ProductId=prod, Type="LAUNCH",
            Parameters='{"LocalRoleName": "x"}', IdempotencyToken=_token(),
        )
    assert _code(e) == "DuplicateResourceException"
    with pytest.raises(ClientError) as e:
        c.create_constraint(
            PortfolioId=port, ProductId=prod, Type="STACKSET",
            Parameters='{"Version": "2.0", "Properties": {}}', IdempotencyToken=_token(),
        )
    assert _code(e) == "InvalidParametersException"
    c.create_constraint(
        PortfolioId=port, ProductId=prod, Type="NOTIFICATION",
        Parameters='{"NotificationArns": ["arn:aws:sns:us-east-1:111111111111:topic"]}',
        IdempotencyToken=_token(),
    )
    listed = c.list_constraints_for_portfolio(PortfolioId=port, ProductId=prod)["ConstraintDetails"]
    assert [x["Type"] for x in listed] == ["LAUNCH", "NOTIFICATION"]
    with pytest.raises(ClientError) as e:
        c.delete_portfolio(Id=port)
    assert _message(e) == f"Portfolio {port} still has associated Products"
    for x in listed:
        c.delete_constraint(Id=x["ConstraintId"])
    with pytest.raises(ClientError) as e:
        c.describe_constraint(Id=detail["ConstraintId"])
    assert _code(e) == "ResourceNotFoundException"


def test_searches_sort_and_page(sc):
    c = sc()
    for name in ["Beta", "Alpha", "Gamma"]:
        _product(c, name=name)
    paginator = c.get_paginator("search_products_as_admin")
    pages = list(paginator.paginate(SortBy="Title", SortOrder="DESCENDING", PaginationConfig={"PageSize": 1}))
    names = [d["ProductViewSummary"]["Name"] for p in pages for d in p["ProductViewDetails"]]
    assert names == ["Gamma", "Beta", "Alpha"]
    assert len(pages) == 3
    with pytest.raises(ClientError) as e:
        c.search_products_as_admin(PageToken="not-a-token")
    assert _code(e) == "InvalidParametersException"

    for i in range(3):
        c.create_tag_option(Key="k", Value=f"v{i}")
    # ListTagOptions names its output token PageToken; botocore's paginator follows it.
    tag_pages = list(c.get_paginator("list_tag_options").paginate(PaginationConfig={"PageSize": 2}))
    values = [t["Value"] for p in tag_pages for t in p["TagOptionDetails"]]
    assert values == ["v0", "v1", "v2"]
    assert len(tag_pages) == 2
