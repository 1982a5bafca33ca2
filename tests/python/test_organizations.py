"""Organizations through boto3: build an organization, create and move accounts, invite and
accept, delegated administrators, Service Catalog's organizations access, paging, errors."""

import pytest
from botocore.exceptions import ClientError

MGMT = "111111111111"
MEMBER = "222222222222"
OUTSIDER = "999999999999"
SC = "servicecatalog.amazonaws.com"


def _org(client):
    org = client("organizations", account=MGMT).create_organization()["Organization"]
    return client("organizations", account=MGMT), org


def _join(client, org_client, account):
    hs = org_client.invite_account_to_organization(Target={"Type": "ACCOUNT", "Id": account})
    client("organizations", account=account).accept_handshake(HandshakeId=hs["Handshake"]["Id"])


def _error(exc):
    return exc.value.response["Error"]


def test_create_and_describe_organization(client):
    orgs, org = _org(client)
    assert org["Id"].startswith("o-") and len(org["Id"]) == 12
    assert org["FeatureSet"] == "ALL"
    assert org["MasterAccountId"] == MGMT
    assert org["Arn"] == f"arn:aws:organizations::{MGMT}:organization/{org['Id']}"
    with pytest.raises(ClientError) as exc:
        orgs.create_organization()
    assert _error(exc)["Code"] == "AlreadyInOrganizationException"
    assert _error(exc)["Message"] == "The AWS account is already a member of an organization."
    with pytest.raises(ClientError) as exc:
        client("organizations", account=OUTSIDER).describe_organization()
    assert _error(exc)["Code"] == "AWSOrganizationsNotInUseException"
    assert _error(exc)["Message"] == "Your account is not a member of an organization."
    accounts = orgs.list_accounts()["Accounts"]
    assert [a["Id"] for a in accounts] == [MGMT]
    assert accounts[0]["JoinedMethod"] == "INVITED"


def test_create_account_is_asynchronous(client):
    orgs, _ = _org(client)
    status = orgs.create_account(Email="dev@example.com", AccountName="Dev")["CreateAccountStatus"]
    assert status["State"] == "IN_PROGRESS"
    assert status["Id"].startswith("car-") and len(status["Id"]) == 36
    assert "AccountId" not in status
    done = orgs.describe_create_account_status(CreateAccountRequestId=status["Id"])
    done = done["CreateAccountStatus"]
    assert done["State"] == "SUCCEEDED"
    assert len(done["AccountId"]) == 12
    account = orgs.describe_account(AccountId=done["AccountId"])["Account"]
    assert account["Name"] == "Dev" and account["JoinedMethod"] == "CREATED"
    root = orgs.list_roots()["Roots"][0]["Id"]
    assert orgs.list_parents(ChildId=done["AccountId"])["Parents"] == [
        {"Id": root, "Type": "ROOT"}
    ]
    with pytest.raises(ClientError) as exc:
        orgs.describe_create_account_status(CreateAccountRequestId="car-00000000")
    assert _error(exc)["Code"] == "CreateAccountStatusNotFoundException"


def test_tree_and_move_account(client):
    orgs, org = _org(client)
    _join(client, orgs, MEMBER)
    root = orgs.list_roots()["Roots"][0]["Id"]
    apps = orgs.create_organizational_unit(ParentId=root, Name="Apps")["OrganizationalUnit"]
    assert apps["Id"].startswith(f"ou-{root[2:]}-")
    assert apps["Arn"] == f"arn:aws:organizations::{MGMT}:ou/{org['Id']}/{apps['Id']}"
    team = orgs.create_organizational_unit(ParentId=apps["Id"], Name="Team")["OrganizationalUnit"]
    orgs.move_account(AccountId=MEMBER, SourceParentId=root, DestinationParentId=team["Id"])
    with pytest.raises(ClientError) as exc:
        orgs.move_account(AccountId=MEMBER, SourceParentId=team["Id"], DestinationParentId=team["Id"])
    assert _error(exc)["Code"] == "DuplicateAccountException"
    with pytest.raises(ClientError) as exc:
        orgs.move_account(AccountId=MEMBER, SourceParentId=root, DestinationParentId=apps["Id"])
    assert _error(exc)["Code"] == "AccountNotFoundException"
    assert _error(exc)["Message"] == "You specified an account that doesn't exist."
    children = orgs.list_children(ParentId=team["Id"], ChildType="ACCOUNT")["Children"]
    assert children == [{"Id": MEMBER, "Type": "ACCOUNT"}]
    with pytest.raises(ClientError) as exc:
        orgs.delete_organizational_unit(OrganizationalUnitId=apps["Id"])
    assert _error(exc)["Code"] == "OrganizationalUnitNotEmptyException"
    with pytest.raises(ClientError) as exc:
        orgs.create_organizational_unit(ParentId="ou-zzzz-zzzzzzzz", Name="X")
    assert _error(exc)["Code"] == "ParentNotFoundException"


def test_members_are_denied_and_paging_works(client):
    orgs, _ = _org(client)
    for i in range(3):
        _join(client, orgs, f"30000000000{i}")
    member = client("organizations", account="300000000000")
    member.describe_organization()
    with pytest.raises(ClientError) as exc:
        member.list_accounts()
    assert _error(exc)["Code"] == "AccessDeniedException"
    assert _error(exc)["Message"] == "You don't have permissions to access this resource."
    with pytest.raises(ClientError) as exc:
        member.create_organizational_unit(ParentId="r-abcd", Name="X")
    assert _error(exc)["Code"] == "AccessDeniedException"
    first = orgs.list_accounts(MaxResults=3)
    assert len(first["Accounts"]) == 3 and first["NextToken"]
    rest = orgs.list_accounts(MaxResults=3, NextToken=first["NextToken"])
    assert len(rest["Accounts"]) == 1 and "NextToken" not in rest
    ids = [a["Id"] for p in orgs.get_paginator("list_accounts").paginate(PaginationConfig={"PageSize": 2}) for a in p["Accounts"]]
    assert len(ids) == 4 and ids[0] == MGMT
    with pytest.raises(ClientError) as exc:
        orgs.list_accounts(NextToken="bogus")
    assert _error(exc)["Code"] == "InvalidInputException"
    assert exc.value.response["Reason"] == "INVALID_NEXT_TOKEN"


def test_delegated_administrators_and_service_catalog_access(client):
    orgs, _ = _org(client)
    _join(client, orgs, MEMBER)
    with pytest.raises(ClientError) as exc:
        orgs.register_delegated_administrator(AccountId=MEMBER, ServicePrincipal=SC)
    assert _error(exc)["Code"] == "ConstraintViolationException"
    assert exc.value.response["Reason"] == "SERVICE_ACCESS_NOT_ENABLED"
    sc = client("servicecatalog", account=MGMT)
    assert sc.get_aws_organizations_access_status()["AccessStatus"] == "DISABLED"
    # Organizations' own switch is what Service Catalog reports.
    orgs.enable_aws_service_access(ServicePrincipal=SC)
    assert sc.get_aws_organizations_access_status()["AccessStatus"] == "ENABLED"
    with pytest.raises(ClientError) as exc:
        orgs.register_delegated_administrator(AccountId=MGMT, ServicePrincipal=SC)
    assert exc.value.response["Reason"] == "CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR"
    with pytest.raises(ClientError) as exc:
        orgs.register_delegated_administrator(AccountId="444444444444", ServicePrincipal=SC)
    assert _error(exc)["Code"] == "AccountNotFoundException"
    orgs.register_delegated_administrator(AccountId=MEMBER, ServicePrincipal=SC)
    with pytest.raises(ClientError) as exc:
        orgs.register_delegated_administrator(AccountId=MEMBER, ServicePrincipal=SC)
    assert _error(exc)["Code"] == "AccountAlreadyRegisteredException"
    admins = orgs.list_delegated_administrators(ServicePrincipal=SC)["DelegatedAdministrators"]
    assert [a["Id"] for a in admins] == [MEMBER]
    with pytest.raises(ClientError) as exc:
        orgs.remove_account_from_organization(AccountId=MEMBER)
    assert exc.value.response["Reason"] == "CANNOT_REMOVE_DELEGATED_ADMINISTRATOR_FROM_ORG"
    da = client("servicecatalog", account=MEMBER)
    assert da.get_aws_organizations_access_status()["AccessStatus"] == "ENABLED"
    with pytest.raises(ClientError) as exc:
        da.enable_aws_organizations_access()
    assert _error(exc)["Code"] == "AccessDeniedException"
    assert _error(exc)["Message"] == "You are not authorized to perform this action"
    with pytest.raises(ClientError) as exc:
        sc.disable_aws_organizations_access()
    assert _error(exc)["Code"] == "InvalidStateException"
    orgs.deregister_delegated_administrator(AccountId=MEMBER, ServicePrincipal=SC)
    sc.disable_aws_organizations_access()
    assert orgs.list_aws_service_access_for_organization()["EnabledServicePrincipals"] == []
    with pytest.raises(ClientError) as exc:
        orgs.enable_aws_service_access(ServicePrincipal="stacksets.cloudformation.amazonaws.com")
    assert exc.value.response["Reason"] == "UNRECOGNIZED_SERVICE_PRINCIPAL"
    with pytest.raises(ClientError) as exc:
        client("servicecatalog", account=OUTSIDER).enable_aws_organizations_access()
    assert _error(exc)["Code"] == "AccessDeniedException"


def test_handshakes_decline_cancel_and_leave(client):
    orgs, org = _org(client)
    hs = orgs.invite_account_to_organization(Target={"Type": "ACCOUNT", "Id": MEMBER}, Notes="hi")["Handshake"]
    assert hs["State"] == "OPEN" and hs["Id"].startswith("h-") and len(hs["Id"]) == 34
    assert hs["Arn"] == f"arn:aws:organizations::{MGMT}:handshake/{org['Id']}/invite/{hs['Id']}"
    assert [r["Type"] for r in hs["Resources"]] == ["ORGANIZATION", "ACCOUNT", "NOTES"]
    with pytest.raises(ClientError) as exc:
        orgs.invite_account_to_organization(Target={"Type": "ACCOUNT", "Id": MEMBER})
    assert _error(exc)["Code"] == "DuplicateHandshakeException"
    member = client("organizations", account=MEMBER)
    assert [h["Id"] for h in member.list_handshakes_for_account()["Handshakes"]] == [hs["Id"]]
    assert member.decline_handshake(HandshakeId=hs["Id"])["Handshake"]["State"] == "DECLINED"
    with pytest.raises(ClientError) as exc:
        member.accept_handshake(HandshakeId=hs["Id"])
    assert _error(exc)["Code"] == "InvalidHandshakeTransitionException"
    hs2 = orgs.invite_account_to_organization(Target={"Type": "ACCOUNT", "Id": MEMBER})["Handshake"]
    assert orgs.cancel_handshake(HandshakeId=hs2["Id"])["Handshake"]["State"] == "CANCELED"
    with pytest.raises(ClientError) as exc:
        orgs.cancel_handshake(HandshakeId=hs2["Id"])
    assert _error(exc)["Code"] == "HandshakeAlreadyInStateException"
    _join(client, orgs, MEMBER)
    with pytest.raises(ClientError) as exc:
        orgs.leave_organization()
    assert _error(exc)["Code"] == "MasterCannotLeaveOrganizationException"
    with pytest.raises(ClientError) as exc:
        orgs.delete_organization()
    assert _error(exc)["Code"] == "OrganizationNotEmptyException"
    member.leave_organization()
    orgs.delete_organization()
    with pytest.raises(ClientError) as exc:
        orgs.describe_organization()
    assert _error(exc)["Code"] == "AWSOrganizationsNotInUseException"


def test_tags_on_accounts_ous_and_root(client):
    orgs, _ = _org(client)
    root = orgs.list_roots()["Roots"][0]["Id"]
    orgs.tag_resource(ResourceId=root, Tags=[{"Key": "env", "Value": "prod"}])
    orgs.tag_resource(ResourceId=MGMT, Tags=[{"Key": "team", "Value": "a"}])
    assert orgs.list_tags_for_resource(ResourceId=root)["Tags"] == [{"Key": "env", "Value": "prod"}]
    orgs.untag_resource(ResourceId=root, TagKeys=["env"])
    assert orgs.list_tags_for_resource(ResourceId=root)["Tags"] == []
    with pytest.raises(ClientError) as exc:
        orgs.tag_resource(ResourceId="123456789012", Tags=[{"Key": "k", "Value": "v"}])
    assert _error(exc)["Code"] == "TargetNotFoundException"
    with pytest.raises(ClientError) as exc:
        orgs.tag_resource(ResourceId=MGMT, Tags=[{"Key": "aws:x", "Value": "v"}])
    assert exc.value.response["Reason"] == "INVALID_SYSTEM_TAGS_PARAMETER"
