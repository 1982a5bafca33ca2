"""STS (awsQuery): caller identity, AssumeRole and temporary credentials."""

import datetime

import pytest
from botocore.exceptions import ClientError

ROLE_ARN = "arn:aws:iam::222222222222:role/Admin"
ASSUMED_ARN = "arn:aws:sts::222222222222:assumed-role/Admin/s1"


def test_get_caller_identity_root(client):
    resp = client("sts").get_caller_identity()
    assert resp["Account"] == "111111111111"
    assert resp["Arn"] == "arn:aws:iam::111111111111:root"
    assert resp["UserId"] == "111111111111"
    assert resp["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert resp["ResponseMetadata"]["RequestId"]


def test_get_caller_identity_other_account_and_region(client):
    resp = client("sts", account="333333333333", region="eu-west-1").get_caller_identity()
    assert resp["Account"] == "333333333333"
    assert resp["Arn"] == "arn:aws:iam::333333333333:root"


def test_get_caller_identity_default_account(client):
    resp = client("sts", account="test").get_caller_identity()
    assert resp["Account"] == "000000000000"
    assert resp["Arn"] == "arn:aws:iam::000000000000:root"


def _assume(client):
    return client("sts").assume_role(RoleArn=ROLE_ARN, RoleSessionName="s1")


def test_assume_role(client):
    before = datetime.datetime.now(datetime.timezone.utc)
    resp = _assume(client)
    creds = resp["Credentials"]
    assert creds["AccessKeyId"].startswith("ASIA")
    assert len(creds["AccessKeyId"]) >= 16
    assert creds["SecretAccessKey"]
    assert creds["SessionToken"]
    expiration = creds["Expiration"]
    assert isinstance(expiration, datetime.datetime)
    assert expiration > before + datetime.timedelta(minutes=5)
    user = resp["AssumedRoleUser"]
    assert user["Arn"] == ASSUMED_ARN
    assert user["AssumedRoleId"].startswith("AROA")
    assert user["AssumedRoleId"].endswith(":s1")


def test_assume_role_issues_distinct_credentials(client):
    a = _assume(client)["Credentials"]
    b = _assume(client)["Credentials"]
    assert a["AccessKeyId"] != b["AccessKeyId"]
    assert a["SessionToken"] != b["SessionToken"]


def _temporary_client(client, service, creds, region="us-east-1"):
    return client(
        service,
        account=creds["AccessKeyId"],
        region=region,
        secret=creds["SecretAccessKey"],
        session_token=creds["SessionToken"],
    )


def test_temporary_credentials_identity(client):
    creds = _assume(client)["Credentials"]
    resp = _temporary_client(client, "sts", creds).get_caller_identity()
    assert resp["Account"] == "222222222222"
    assert resp["Arn"] == ASSUMED_ARN
    assert resp["UserId"].startswith("AROA")
    assert resp["UserId"].endswith(":s1")


def test_temporary_credentials_act_in_role_account(client):
    creds = _assume(client)["Credentials"]
    sc_role = _temporary_client(client, "servicecatalog", creds)
    detail = sc_role.create_portfolio(
        DisplayName="Role portfolio", ProviderName="p", IdempotencyToken="tok-role"
    )["PortfolioDetail"]
    assert detail["ARN"] == f"arn:aws:catalog:us-east-1:222222222222:portfolio/{detail['Id']}"

    # Visible to account 222222222222 through its own 12-digit key ...
    own = client("servicecatalog", account="222222222222")
    assert [p["Id"] for p in own.list_portfolios()["PortfolioDetails"]] == [detail["Id"]]
    # ... and invisible to the account that called AssumeRole.
    caller = client("servicecatalog", account="111111111111")
    assert caller.list_portfolios().get("PortfolioDetails", []) == []
    with pytest.raises(ClientError) as e:
        caller.describe_portfolio(Id=detail["Id"])
    assert e.value.response["Error"]["Code"] == "ResourceNotFoundException"


def test_assume_role_invalid_arn(client):
    sts = client("sts", parameter_validation=False)
    with pytest.raises(ClientError) as e:
        sts.assume_role(RoleArn="bad", RoleSessionName="s1")
    assert e.value.response["Error"]["Code"] == "ValidationError"
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert e.value.response["Error"]["Message"]
