"""Governance through boto3 (governance.md): policies, SCP enforcement across an OU, the STS
flows botocore sends unsigned, and the refusals' wire form."""

import base64
import json

import pytest
from botocore.exceptions import ClientError

MGMT = "111111111111"
MEMBER = "222222222222"
APP = "333333333333"

DENY_SC_WRITES = json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Deny", "Action": "servicecatalog:Create*", "Resource": "*"}],
})


@pytest.fixture
def org(client):
    """111 manages an organization with SCPs enabled; 222 under the root, 333 in OU Apps."""
    orgs = client("organizations", MGMT)
    org_id = orgs.create_organization(FeatureSet="ALL")["Organization"]["Id"]
    root = orgs.list_roots()["Roots"][0]
    assert root["PolicyTypes"] == []
    apps = orgs.create_organizational_unit(ParentId=root["Id"], Name="Apps")["OrganizationalUnit"]["Id"]
    for account in (MEMBER, APP):
        hs = orgs.invite_account_to_organization(Target={"Id": account, "Type": "ACCOUNT"})["Handshake"]["Id"]
        client("organizations", account).accept_handshake(HandshakeId=hs)
    orgs.move_account(AccountId=APP, SourceParentId=root["Id"], DestinationParentId=apps)
    enabled = orgs.enable_policy_type(RootId=root["Id"], PolicyType="SERVICE_CONTROL_POLICY")
    assert enabled["Root"]["PolicyTypes"] == [{"Type": "SERVICE_CONTROL_POLICY", "Status": "ENABLED"}]
    return {"id": org_id, "root": root["Id"], "apps": apps, "orgs": orgs}


def _scp(orgs, name, content):
    return orgs.create_policy(Name=name, Description="", Type="SERVICE_CONTROL_POLICY", Content=content)["Policy"]


def test_a_deny_on_an_ou_refuses_its_accounts_with_the_policy_arn(client, org):
    policy = _scp(org["orgs"], "no-sc-writes", DENY_SC_WRITES)
    org["orgs"].attach_policy(PolicyId=policy["PolicySummary"]["Id"], TargetId=org["apps"])
    with pytest.raises(ClientError) as e:
        client("servicecatalog", APP).create_portfolio(DisplayName="p", ProviderName="me")
    err = e.value.response["Error"]
    assert err["Code"] == "AccessDeniedException"
    assert err["Message"] == (
        f"User: arn:aws:iam::{APP}:root is not authorized to perform: servicecatalog:CreatePortfolio "
        f"on resource: arn:aws:catalog:us-east-1:{APP}:* with an explicit deny in a service control "
        f"policy: {policy['PolicySummary']['Arn']}"
    )
    # The management account and accounts elsewhere are untouched.
    client("servicecatalog", MEMBER).create_portfolio(DisplayName="p", ProviderName="me")
    org["orgs"].attach_policy(PolicyId=policy["PolicySummary"]["Id"], TargetId=MGMT)
    client("servicecatalog", MGMT).create_portfolio(DisplayName="p", ProviderName="me")


def test_conditions_and_role_sessions(client, org):
    admins_only = json.dumps({
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Deny",
            "Action": "servicecatalog:*",
            "Resource": "*",
            "Condition": {"ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/PlatformAdmin"}},
        }],
    })
    policy = _scp(org["orgs"], "admins-only", admins_only)
    org["orgs"].attach_policy(PolicyId=policy["PolicySummary"]["Id"], TargetId=org["root"])

    def session(role):
        creds = client("sts", MEMBER).assume_role(
            RoleArn=f"arn:aws:iam::{MEMBER}:role/{role}", RoleSessionName="s1")["Credentials"]
        return client("servicecatalog", creds["AccessKeyId"], secret=creds["SecretAccessKey"],
                      session_token=creds["SessionToken"])

    session("PlatformAdmin").list_portfolios()
    with pytest.raises(ClientError) as e:
        session("Developer").list_portfolios()
    assert e.value.response["Error"]["Code"] == "AccessDeniedException"
    assert f"User: arn:aws:sts::{MEMBER}:assumed-role/Developer/s1 is not authorized" in e.value.response["Error"]["Message"]


def test_sts_denials_are_403_access_denied(client, org):
    deny = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "sts:AssumeRole", "Resource": "*"}]})
    policy = _scp(org["orgs"], "no-assume", deny)
    org["orgs"].attach_policy(PolicyId=policy["PolicySummary"]["Id"], TargetId=MEMBER)
    with pytest.raises(ClientError) as e:
        client("sts", MEMBER).assume_role(RoleArn=f"arn:aws:iam::{APP}:role/Admin", RoleSessionName="s1")
    assert e.value.response["Error"]["Code"] == "AccessDenied"
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
    # GetCallerIdentity is never evaluated.
    assert client("sts", MEMBER).get_caller_identity()["Account"] == MEMBER


def test_policy_crud_refusals(client, org):
    orgs = org["orgs"]
    policy = _scp(orgs, "p", DENY_SC_WRITES)
    pid = policy["PolicySummary"]["Id"]
    with pytest.raises(ClientError) as e:
        _scp(orgs, "p", DENY_SC_WRITES)
    assert e.value.response["Error"]["Code"] == "DuplicatePolicyException"
    with pytest.raises(ClientError) as e:
        orgs.detach_policy(PolicyId=pid, TargetId=MEMBER)
    assert e.value.response["Error"]["Code"] == "PolicyNotAttachedException"
    with pytest.raises(ClientError) as e:
        orgs.detach_policy(PolicyId="p-FullAWSAccess", TargetId=MEMBER)
    assert e.value.response["Error"]["Code"] == "ConstraintViolationException"
    assert e.value.response["Reason"] == "MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED"
    orgs.update_policy(PolicyId=pid, Description="changed")
    assert orgs.describe_policy(PolicyId=pid)["Policy"]["PolicySummary"]["Description"] == "changed"
    orgs.delete_policy(PolicyId=pid)


def test_web_identity_is_accepted_unsigned(sclocal):
    import boto3
    from botocore import UNSIGNED
    from botocore.config import Config

    sts = boto3.client("sts", region_name="us-east-1", config=Config(signature_version=UNSIGNED))
    part = lambda d: base64.urlsafe_b64encode(json.dumps(d).encode()).decode().rstrip("=")
    token = ".".join([part({"alg": "RS256"}), part({"iss": "https://accounts.google.com", "sub": "1234", "aud": "app", "exp": 4102444800}), "c2ln"])
    resp = sts.assume_role_with_web_identity(
        RoleArn=f"arn:aws:iam::{MEMBER}:role/Web", RoleSessionName="web", WebIdentityToken=token)
    assert resp["Provider"] == "accounts.google.com"
    assert resp["SubjectFromWebIdentityToken"] == "1234"
    assert resp["AssumedRoleUser"]["Arn"] == f"arn:aws:sts::{MEMBER}:assumed-role/Web/web"
