"""Server-side input validation with exact AWS message texts.

botocore's own parameter validation is turned off so bad input reaches the
server.  Service Catalog reports Coral-style ``ValidationException`` messages
(over both awsJson1_1 and rpcv2Cbor); Organizations reports
``InvalidInputException`` with a ``Reason``.
"""

import gzip
import json
from pathlib import Path

import botocore
import pytest
from botocore.exceptions import ClientError

ID_PATTERN = r"^[a-zA-Z0-9_\-]*"
SHARE_TYPE_ENUM = "[ACCOUNT, ORGANIZATION, ORGANIZATIONAL_UNIT, ORGANIZATION_MEMBER_ACCOUNT]"


def _model_pattern(shape: str) -> str:
    path = Path(botocore.__file__).parent / "data" / "servicecatalog" / "2015-12-10" / "service-2.json.gz"
    return json.loads(gzip.decompress(path.read_bytes()))["shapes"][shape]["pattern"]


ORG_NODE_VALUE_PATTERN = _model_pattern("OrganizationNodeValue")


@pytest.fixture
def unvalidated(sc):
    return sc(parameter_validation=False)


def _validation_error(call) -> ClientError:
    with pytest.raises(ClientError) as e:
        call()
    err = e.value
    assert err.response["Error"]["Code"] == "ValidationException", err.response
    assert err.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    return err


def _message(err: ClientError) -> str:
    return err.response["Error"]["Message"]


def test_model_pattern_is_the_documented_one():
    # Guards the expected strings below against a changed botocore model.
    assert ORG_NODE_VALUE_PATTERN == (
        r"(^[0-9]{12}$)|(^arn:aws:organizations::\d{12}:organization\/o-[a-z0-9]{10,32})"
        r"|(^o-[a-z0-9]{10,32}$)"
        r"|(^arn:aws:organizations::\d{12}:ou\/o-[a-z0-9]{10,32}\/ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}$)"
        r"|(^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$)"
    )


def test_id_pattern(unvalidated):
    err = _validation_error(lambda: unvalidated.describe_portfolio(Id="a b"))
    assert _message(err) == (
        "1 validation error detected: Value 'a b' at 'id' failed to satisfy constraint: "
        f"Member must satisfy regular expression pattern: {ID_PATTERN}"
    )


def test_id_pattern_is_a_full_match(unvalidated):
    # 'port-abc:x' starts with characters the pattern allows; the whole value must match.
    err = _validation_error(lambda: unvalidated.describe_portfolio(Id="port-abc:x"))
    assert _message(err) == (
        "1 validation error detected: Value 'port-abc:x' at 'id' failed to satisfy constraint: "
        f"Member must satisfy regular expression pattern: {ID_PATTERN}"
    )


def test_account_id_pattern(unvalidated):
    err = _validation_error(
        lambda: unvalidated.create_portfolio_share(PortfolioId="port-abc", AccountId="12345")
    )
    assert _message(err) == (
        "1 validation error detected: Value '12345' at 'accountId' failed to satisfy constraint: "
        "Member must satisfy regular expression pattern: ^[0-9]{12}$"
    )


def test_display_name_too_long(unvalidated):
    name = "n" * 101
    err = _validation_error(
        lambda: unvalidated.create_portfolio(DisplayName=name, ProviderName="p", IdempotencyToken="tok1")
    )
    assert _message(err) == (
        f"1 validation error detected: Value '{name}' at 'displayName' failed to satisfy constraint: "
        "Member must have length less than or equal to 100"
    )


def test_display_name_of_100_chars_is_accepted(sc):
    c = sc()
    name = "n" * 100
    resp = c.create_portfolio(DisplayName=name, ProviderName="p", IdempotencyToken="tok100")
    assert resp["PortfolioDetail"]["DisplayName"] == name


def test_page_size_too_large(unvalidated):
    err = _validation_error(lambda: unvalidated.list_portfolios(PageSize=101))
    assert _message(err) == (
        "1 validation error detected: Value '101' at 'pageSize' failed to satisfy constraint: "
        "Member must have value less than or equal to 100"
    )


def test_enum(unvalidated):
    err = _validation_error(
        lambda: unvalidated.describe_portfolio_shares(PortfolioId="port-abc", Type="BAD")
    )
    assert _message(err) == (
        "1 validation error detected: Value 'BAD' at 'type' failed to satisfy constraint: "
        f"Member must satisfy enum value set: {SHARE_TYPE_ENUM}"
    )


def test_missing_required_member(unvalidated):
    err = _validation_error(lambda: unvalidated.describe_portfolio())
    assert _message(err) == (
        "1 validation error detected: Value null at 'id' failed to satisfy constraint: "
        "Member must not be null"
    )


def test_nested_member_path_and_full_pattern(unvalidated):
    value = "arn:aws-us-gov:organizations::123456789012:organization/o-abcdefghij"
    err = _validation_error(
        lambda: unvalidated.create_portfolio_share(
            PortfolioId="port-abc",
            OrganizationNode={"Type": "ORGANIZATION", "Value": value},
        )
    )
    assert _message(err) == (
        f"1 validation error detected: Value '{value}' at 'organizationNode.value' failed to satisfy "
        f"constraint: Member must satisfy regular expression pattern: {ORG_NODE_VALUE_PATTERN}"
    )


def test_two_violations(unvalidated):
    err = _validation_error(
        lambda: unvalidated.describe_portfolio_shares(PortfolioId="a b", Type="BAD")
    )
    msg = _message(err)
    prefix = "2 validation errors detected: "
    assert msg.startswith(prefix), msg
    items = msg[len(prefix):].split("; ")
    assert sorted(items) == sorted([
        "Value 'a b' at 'portfolioId' failed to satisfy constraint: "
        f"Member must satisfy regular expression pattern: {ID_PATTERN}",
        "Value 'BAD' at 'type' failed to satisfy constraint: "
        f"Member must satisfy enum value set: {SHARE_TYPE_ENUM}",
    ])


def test_too_many_tags(unvalidated):
    tags = [{"Key": f"k{i}", "Value": f"v{i}"} for i in range(21)]
    err = _validation_error(
        lambda: unvalidated.create_portfolio(
            DisplayName="d", ProviderName="p", IdempotencyToken="tok21", Tags=tags
        )
    )
    msg = _message(err)
    assert msg.startswith("1 validation error detected: Value "), msg
    assert msg.endswith(
        " at 'tags' failed to satisfy constraint: Member must have length less than or equal to 20"
    ), msg


def test_twenty_tags_are_accepted(sc):
    c = sc()
    tags = [{"Key": f"k{i}", "Value": f"v{i}"} for i in range(20)]
    resp = c.create_portfolio(DisplayName="d", ProviderName="p", IdempotencyToken="tok20", Tags=tags)
    assert len(resp["Tags"]) == 20


def test_validation_creates_nothing(unvalidated, sc):
    _validation_error(
        lambda: unvalidated.create_portfolio(DisplayName="n" * 101, ProviderName="p", IdempotencyToken="tokx")
    )
    assert sc().list_portfolios().get("PortfolioDetails", []) == []


# ---------------------------------------------------------------------------
# Organizations: InvalidInputException + Reason
# ---------------------------------------------------------------------------


def test_organizations_invalid_pattern(client):
    org = client("organizations", parameter_validation=False)
    with pytest.raises(ClientError) as e:
        org.describe_account(AccountId="123")
    resp = e.value.response
    assert resp["Error"]["Code"] == "InvalidInputException"
    assert resp["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert resp["Error"]["Message"] == "You provided a value that does not match the required pattern."
    reason = resp.get("Reason", resp["Error"].get("Reason"))
    assert reason == "INVALID_PATTERN"
