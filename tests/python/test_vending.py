"""Account vending through boto3 (provisioning.md §21): an organization bootstrapped with
``account_factory: true``; a portfolio shared with its OU Workloads; the Account Factory
product provisioned by an associated role into that OU; the new account sees the shared
portfolio at once."""

from __future__ import annotations

MGMT = "111111111111"
PRODUCT = "AWS Control Tower Account Factory"

ORG = {
    "organizations": [
        {
            "management_account": MGMT,
            "service_catalog_access": True,
            "account_factory": True,
            "units": [{"name": "Workloads"}, {"name": "Sandbox"}],
        }
    ]
}


def _session_client(client, account, role):
    creds = client("sts", account).assume_role(
        RoleArn=f"arn:aws:iam::{account}:role/{role}", RoleSessionName="vend"
    )["Credentials"]
    return client(
        "servicecatalog",
        creds["AccessKeyId"],
        secret=creds["SecretAccessKey"],
        session_token=creds["SessionToken"],
    )


def test_a_vended_account_sees_its_ous_shared_portfolio(client, sclocal):
    sclocal.bootstrap(ORG)
    admin = client("servicecatalog", MGMT)
    orgs = client("organizations", MGMT)
    root = orgs.list_roots()["Roots"][0]["Id"]
    units = {u["Name"]: u["Id"] for u in orgs.list_organizational_units_for_parent(ParentId=root)["OrganizationalUnits"]}

    shared = admin.create_portfolio(DisplayName="Baseline", ProviderName="Platform", IdempotencyToken="baseline")[
        "PortfolioDetail"
    ]["Id"]
    token = admin.create_portfolio_share(
        PortfolioId=shared, OrganizationNode={"Type": "ORGANIZATIONAL_UNIT", "Value": units["Workloads"]}
    )["PortfolioShareToken"]
    sclocal.drain()
    assert admin.describe_portfolio_share_status(PortfolioShareToken=token)["Status"] == "COMPLETED"

    product = admin.describe_product_as_admin(Name=PRODUCT)
    product_id = product["ProductViewDetail"]["ProductViewSummary"]["ProductId"]
    assert product["ProductViewDetail"]["ProductViewSummary"]["Owner"] == "AWS Control Tower"
    artifact = product["ProvisioningArtifactSummaries"][0]["Id"]
    factory = next(
        p["Id"]
        for p in admin.list_portfolios()["PortfolioDetails"]
        if p["DisplayName"] == "AWS Control Tower Account Factory Portfolio"
    )
    admin.associate_principal_with_portfolio(
        PortfolioId=factory, PrincipalARN=f"arn:aws:iam::{MGMT}:role/Vendor", PrincipalType="IAM"
    )
    vendor = _session_client(client, MGMT, "Vendor")

    params = {
        "AccountName": "payments-dev",
        "AccountEmail": "payments-dev@example.com",
        "SSOUserFirstName": "Ada",
        "SSOUserLastName": "Lovelace",
        "SSOUserEmail": "ada@example.com",
        "ManagedOrganizationalUnit": f"Workloads ({units['Workloads']})",
    }
    record = vendor.provision_product(
        ProductId=product_id,
        ProvisioningArtifactId=artifact,
        ProvisionedProductName="payments-dev",
        ProvisioningParameters=[{"Key": k, "Value": v} for k, v in params.items()],
        ProvisionToken="vend-payments-dev",
    )["RecordDetail"]
    assert record["ProvisionedProductType"] == "CONTROL_TOWER_ACCOUNT"
    sclocal.drain()
    done = vendor.describe_record(Id=record["RecordId"])
    assert done["RecordDetail"]["Status"] == "SUCCEEDED", done
    outputs = {o["OutputKey"]: o["OutputValue"] for o in done["RecordOutputs"]}
    account = outputs["AccountId"]
    assert outputs["AccountEmail"] == "payments-dev@example.com"
    assert outputs["SSOUserEmail"] == "ada@example.com"

    assert orgs.list_parents(ChildId=account)["Parents"][0]["Id"] == units["Workloads"]
    statuses = orgs.list_create_account_status(States=["SUCCEEDED"])["CreateAccountStatuses"]
    assert [s["AccountId"] for s in statuses] == [account]

    seen = client("servicecatalog", account).list_accepted_portfolio_shares(PortfolioShareType="AWS_ORGANIZATIONS")
    assert [p["Id"] for p in seen["PortfolioDetails"]] == [shared]
    searched = vendor.search_provisioned_products(Filters={"SearchQuery": [f"physicalId:{account}"]})
    assert [p["Type"] for p in searched["ProvisionedProducts"]] == ["CONTROL_TOWER_ACCOUNT"]
