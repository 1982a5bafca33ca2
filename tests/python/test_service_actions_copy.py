"""Self-service actions, budgets and CopyProduct through boto3 (awsJson1_1 and Smithy RPC v2
CBOR): the owner defines an action and associates it with a version; an end user reads its
parameters on a launched product and executes it, and the EXECUTE_PROVISIONED_PRODUCT_SERVICE_ACTION
record finishes SUCCEEDED in the background; budgets attach to a product; a recipient of a share
copies the shared product into its own account, asynchronously.
"""

import uuid

import pytest
from botocore.exceptions import ClientError

from test_provisioning import OWNER, RECIPIENT, _catalog, _launch, _session


def _token():
    return uuid.uuid4().hex


def _code(excinfo):
    return excinfo.value.response["Error"]["Code"]


def test_an_end_user_executes_a_self_service_action(sc, client, sclocal):
    admin = sc(OWNER)
    port, prod, pa = _catalog(admin)
    admin.associate_principal_with_portfolio(
        PortfolioId=port, PrincipalARN=f"arn:aws:iam::{OWNER}:role/Dev", PrincipalType="IAM"
    )
    action = admin.create_service_action(
        Name="Restart",
        DefinitionType="SSM_AUTOMATION",
        Definition={
            "Name": "AWS-RestartEC2Instance",
            "Version": "1",
            "AssumeRole": "LAUNCH_ROLE",
            "Parameters": '[{"Name":"InstanceId","Type":"TARGET"}]',
        },
        IdempotencyToken=_token(),
    )["ServiceActionDetail"]
    act = action["ServiceActionSummary"]["Id"]
    assert act.startswith("act-")
    assert action["Definition"]["AssumeRole"] == "LAUNCH_ROLE"
    assert [s["Id"] for s in admin.list_service_actions()["ServiceActionSummaries"]] == [act]

    out = admin.batch_associate_service_action_with_provisioning_artifact(
        ServiceActionAssociations=[
            {"ServiceActionId": act, "ProductId": prod, "ProvisioningArtifactId": pa},
            {"ServiceActionId": "act-nope", "ProductId": prod, "ProvisioningArtifactId": pa},
        ]
    )
    assert [f["ErrorCode"] for f in out["FailedServiceActionAssociations"]] == ["RESOURCE_NOT_FOUND"]
    listed = admin.list_service_actions_for_provisioning_artifact(ProductId=prod, ProvisioningArtifactId=pa)
    assert [s["Id"] for s in listed["ServiceActionSummaries"]] == [act]
    views = admin.list_provisioning_artifacts_for_service_action(ServiceActionId=act)["ProvisioningArtifactViews"]
    assert [v["ProvisioningArtifact"]["Id"] for v in views] == [pa]
    with pytest.raises(ClientError) as busy:
        admin.delete_service_action(Id=act)
    assert _code(busy) == "ResourceInUseException"

    dev = _session(sc, client, OWNER, "Dev")
    launch = _launch(dev, prod, pa, "web")
    sclocal.drain()
    pp = launch["ProvisionedProductId"]
    params = dev.describe_service_action_execution_parameters(ProvisionedProductId=pp, ServiceActionId=act)
    assert params["ServiceActionParameters"] == [{"Name": "InstanceId", "Type": "TARGET", "DefaultValues": []}]
    record = dev.execute_provisioned_product_service_action(
        ProvisionedProductId=pp, ServiceActionId=act, ExecuteToken=_token()
    )["RecordDetail"]
    assert record["RecordType"] == "EXECUTE_PROVISIONED_PRODUCT_SERVICE_ACTION"
    assert record["Status"] == "CREATED"
    sclocal.drain()
    done = dev.describe_record(Id=record["RecordId"])["RecordDetail"]
    assert done["Status"] == "SUCCEEDED"
    assert dev.describe_provisioned_product(Id=pp)["ProvisionedProductDetail"]["Status"] == "AVAILABLE"

    admin.associate_budget_with_resource(BudgetName="Monthly", ResourceId=prod)
    with pytest.raises(ClientError) as twice:
        admin.associate_budget_with_resource(BudgetName="Monthly", ResourceId=prod)
    assert _code(twice) == "DuplicateResourceException"
    assert admin.list_budgets_for_resource(ResourceId=prod)["Budgets"] == [{"BudgetName": "Monthly"}]
    assert admin.describe_product_as_admin(Id=prod)["Budgets"] == [{"BudgetName": "Monthly"}]


def test_a_recipient_copies_a_shared_product(sc, sclocal):
    admin = sc(OWNER)
    port, prod, pa = _catalog(admin)
    arn = admin.describe_product_as_admin(Id=prod)["ProductViewDetail"]["ProductARN"]
    recipient = sc(RECIPIENT)
    with pytest.raises(ClientError) as hidden:
        recipient.copy_product(SourceProductArn=arn, IdempotencyToken=_token())
    assert _code(hidden) == "ResourceNotFoundException"

    admin.create_portfolio_share(PortfolioId=port, AccountId=RECIPIENT)
    recipient.accept_portfolio_share(PortfolioId=port)
    token = recipient.copy_product(
        SourceProductArn=arn,
        TargetProductName="Our App",
        SourceProvisioningArtifactIdentifiers=[{"Id": pa}],
        IdempotencyToken=_token(),
    )["CopyProductToken"]
    assert token.startswith("copyproduct-")
    sclocal.drain()
    status = recipient.describe_copy_product_status(CopyProductToken=token)
    assert status["CopyProductStatus"] == "SUCCEEDED"
    target = status["TargetProductId"]
    copy = recipient.describe_product_as_admin(Id=target)
    assert copy["ProductViewDetail"]["ProductViewSummary"]["Name"] == "Our App"
    assert f":{RECIPIENT}:" in copy["ProductViewDetail"]["ProductARN"]
    versions = copy["ProvisioningArtifactSummaries"]
    assert [v["Name"] for v in versions] == ["v1"] and versions[0]["Id"] != pa
    with pytest.raises(ClientError) as unknown:
        recipient.describe_copy_product_status(CopyProductToken="copyproduct-nope")
    assert _code(unknown) == "ResourceNotFoundException"
