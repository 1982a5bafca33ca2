"""Wire-level behaviour with hand-built requests (hostile input included).

Requests carry a syntactically valid SigV4 Authorization header whose
signature is not real; the server's default ``--auth lenient`` only parses it.
"""

import json
import socket

import cbor2
import pytest

from conftest import SC_TARGET_PREFIX, sigv4_headers

SERIALIZATION = "SerializationException"


def _error_type(value: str) -> str:
    """The error name as clients read it: cut at ':' and keep what follows '#'."""
    return value.split(":", 1)[0].rsplit("#", 1)[-1]


def assert_json_error(resp, status, error_type, *, empty_message_ok=False):
    assert resp.status == status, (resp.status, resp.body[:500])
    assert resp.headers.get("x-amzn-requestid"), resp.headers
    body = resp.json()
    assert isinstance(body, dict), body
    assert "__type" in body, body
    assert _error_type(body["__type"]) == error_type, body
    message = body.get("message", body.get("Message"))
    assert isinstance(message, str), body
    if not empty_message_ok:
        assert message, body
    return body


def assert_healthy(raw):
    resp = raw.request("GET", "/_sclocal/health")
    assert resp.status == 200


# ---------------------------------------------------------------------------
# awsJson1_1
# ---------------------------------------------------------------------------


def test_success_headers(raw):
    resp = raw.sc_json("ListPortfolios", b"{}")
    assert resp.status == 200
    assert resp.headers["content-type"].startswith("application/x-amz-json-1.1")
    assert resp.headers.get("x-amzn-requestid")
    assert resp.headers.get("date")
    body = resp.json()
    assert isinstance(body, dict)
    assert body.get("PortfolioDetails", []) == []


def test_empty_body_is_an_empty_object(raw):
    resp = raw.sc_json("ListPortfolios", b"")
    assert resp.status == 200, resp.body
    body = resp.json()
    assert isinstance(body, dict)
    assert body.get("PortfolioDetails", []) == []
    assert "NextPageToken" not in body


def test_unknown_members_are_ignored(raw):
    resp = raw.sc_json("ListPortfolios", b'{"NoSuchMember": {"x": [1, 2]}, "AcceptLanguage": "en"}')
    assert resp.status == 200, resp.body
    assert resp.json().get("PortfolioDetails", []) == []


def test_request_ids_differ(raw):
    a = raw.sc_json("ListPortfolios").headers["x-amzn-requestid"]
    b = raw.sc_json("ListPortfolios").headers["x-amzn-requestid"]
    assert a and b and a != b


def test_error_body_and_headers(raw):
    resp = raw.sc_json("DescribePortfolio", b'{"Id": "port-aaaaaaaaaaaaa"}')
    body = assert_json_error(resp, 400, "ResourceNotFoundException")
    assert resp.headers["content-type"].startswith("application/x-amz-json-1.1")
    assert _error_type(resp.headers.get("x-amzn-errortype", "ResourceNotFoundException")) == (
        "ResourceNotFoundException"
    )
    assert "port-aaaaaaaaaaaaa" in body.get("message", body.get("Message"))


def test_malformed_json(raw):
    assert_json_error(raw.sc_json("DescribePortfolio", b'{"Id":'), 400, SERIALIZATION)


@pytest.mark.parametrize(
    "body",
    [b'{"Id": 5}', b"[]", b'"x"', b"5", b"null", b'{"Id": "port-abc"} trailing'],
    ids=["number-for-string", "array-body", "string-body", "number-body", "null-body", "trailing-garbage"],
)
def test_wrong_json_types(raw, body):
    assert_json_error(raw.sc_json("DescribePortfolio", body), 400, SERIALIZATION)


def test_wrong_json_type_in_nested_member(raw):
    body = json.dumps({"PortfolioId": "port-abc", "OrganizationNode": {"Type": "ORGANIZATION", "Value": ["o-1"]}})
    assert_json_error(raw.sc_json("CreatePortfolioShare", body.encode()), 400, SERIALIZATION)


def test_non_utf8_body(raw):
    assert_json_error(raw.sc_json("DescribePortfolio", b'{"Id": "\xff\xfe\xfd"}'), 400, SERIALIZATION)


def test_deeply_nested_arrays(raw):
    depth = 10_000
    body = b'{"Id": ' + b"[" * depth + b"]" * depth + b"}"
    assert_json_error(raw.sc_json("DescribePortfolio", body), 400, SERIALIZATION)
    assert_healthy(raw)


def test_deeply_nested_objects_in_unknown_member(raw):
    depth = 10_000
    body = b'{"Junk": ' + b'{"a":' * depth + b"1" + b"}" * depth + b"}"
    resp = raw.sc_json("ListPortfolios", body)
    assert 400 <= resp.status < 500, resp.status
    assert resp.json()["__type"]
    assert_healthy(raw)


def _send_raw(server, head: bytes, body: bytes, chunk: int = 1 << 16) -> bytes:
    """Send a request over a bare socket; tolerate the server closing early."""
    sock = socket.create_connection((server.host, server.port), timeout=30)
    received = b""
    try:
        try:
            sock.sendall(head)
            for i in range(0, len(body), chunk):
                sock.sendall(body[i:i + chunk])
        except (BrokenPipeError, ConnectionResetError):
            pass
        # No shutdown(SHUT_WR) here: like real SDKs, keep the write side open while
        # reading (hyper drops the response of a half-closed connection).
        while True:
            try:
                data = sock.recv(65536)
            except ConnectionResetError:
                break
            if not data:
                break
            received += data
    finally:
        sock.close()
    return received


def _dechunk(data: bytes) -> bytes:
    out = b""
    while data:
        size_line, _, data = data.partition(b"\r\n")
        size = int(size_line.split(b";")[0], 16)
        if size == 0:
            break
        out += data[:size]
        data = data[size + 2:]
    return out


def test_oversized_body(raw, sclocal_server):
    body = b'{"Id": "' + b"a" * (8 * 1024 * 1024 + 16) + b'"}'
    headers = {
        "Host": f"{sclocal_server.host}:{sclocal_server.port}",
        "Content-Type": "application/x-amz-json-1.1",
        "X-Amz-Target": f"{SC_TARGET_PREFIX}.DescribePortfolio",
        "Content-Length": str(len(body)),
        "Connection": "close",
        **sigv4_headers(),
    }
    head = ("POST / HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n").encode()
    data = _send_raw(sclocal_server, head, body)
    assert data, "no response to an oversized request"
    status_line, _, rest = data.partition(b"\r\n")
    status = int(status_line.split()[1])
    assert status == 413, status_line
    header_block, _, payload = rest.partition(b"\r\n\r\n")
    lower = header_block.decode("latin-1").lower()
    assert "x-amzn-requestid:" in lower
    if "transfer-encoding: chunked" in lower:
        payload = _dechunk(payload)
    err = json.loads(payload)
    assert err["__type"]
    assert err.get("message", err.get("Message"))
    assert_healthy(raw)


def test_unknown_operation(raw):
    resp = raw.sc_json(None, b"{}", target=f"{SC_TARGET_PREFIX}.NoSuchOp")
    assert_json_error(resp, 400, "UnknownOperationException", empty_message_ok=True)


def test_unknown_target_prefix(raw):
    resp = raw.sc_json(None, b"{}", target="NoSuchService20200101.ListPortfolios")
    assert_json_error(resp, 400, "UnknownOperationException", empty_message_ok=True)


def test_target_is_case_sensitive(raw):
    resp = raw.sc_json(None, b"{}", target=f"{SC_TARGET_PREFIX}.listPortfolios")
    assert_json_error(resp, 400, "UnknownOperationException", empty_message_ok=True)


def test_missing_authorization(raw):
    resp = raw.sc_json("ListPortfolios", b"{}", auth=False)
    assert_json_error(resp, 400, "MissingAuthenticationTokenException")


@pytest.mark.parametrize(
    "authorization",
    [
        "AWS4-HMAC-SHA256 nonsense",
        "AWS4-HMAC-SHA256 Credential=111111111111/20261129/us-east-1/servicecatalog/aws4_request",
        "AWS4-HMAC-SHA256 Credential=111111111111, SignedHeaders=host;x-amz-date, Signature=" + "0" * 64,
    ],
    ids=["no-pairs", "no-signature", "short-scope"],
)
def test_garbled_authorization(raw, authorization):
    headers = sigv4_headers()
    headers["Authorization"] = authorization
    resp = raw.sc_json("ListPortfolios", b"{}", auth=False, extra_headers=headers)
    assert_json_error(resp, 400, "IncompleteSignatureException")


@pytest.mark.parametrize("authorization", ["garbage", "Bearer abc.def"], ids=["word", "bearer"])
def test_non_sigv4_authorization(raw, authorization):
    # The spec does not say which of the two AWS uses for a header that is not SigV4 at
    # all (the server answers MissingAuthenticationToken, as for no header); both are
    # client errors that must not create anything.
    headers = sigv4_headers()
    headers["Authorization"] = authorization
    resp = raw.sc_json("ListPortfolios", b"{}", auth=False, extra_headers=headers)
    assert resp.status == 400, resp.body
    body = resp.json()
    assert _error_type(body["__type"]) in (
        "MissingAuthenticationTokenException", "IncompleteSignatureException"
    ), body
    assert body.get("message", body.get("Message"))


def test_authorization_without_date(raw):
    headers = sigv4_headers()
    del headers["X-Amz-Date"]
    resp = raw.sc_json("ListPortfolios", b"{}", auth=False, extra_headers=headers)
    assert_json_error(resp, 400, "IncompleteSignatureException")


def test_every_operation_is_emulated_and_answers_modeled_errors(raw):
    # CreateProvisionedProductPlan answered 501 before provisioning; every Service Catalog
    # operation is emulated now, so an unknown product is a modeled 400.
    body = json.dumps({
        "PlanName": "plan",
        "PlanType": "CLOUDFORMATION",
        "ProductId": "prod-aaaaaaaaaaaaa",
        "ProvisionedProductName": "pp",
        "ProvisioningArtifactId": "pa-aaaaaaaaaaaaa",
        "IdempotencyToken": "tok",
    }).encode()
    resp = raw.sc_json("CreateProvisionedProductPlan", body)
    assert_json_error(resp, 400, "ResourceNotFoundException")


def test_organizations_uses_json_too(raw):
    headers = {"Content-Type": "application/x-amz-json-1.1",
               "X-Amz-Target": "AWSOrganizationsV20161128.DescribeAccount"}
    headers.update(sigv4_headers(service="organizations"))
    resp = raw.request("POST", "/", b'{"AccountId": "123"}', headers)
    body = assert_json_error(resp, 400, "InvalidInputException")
    assert body.get("Reason") == "INVALID_PATTERN"


# ---------------------------------------------------------------------------
# Smithy RPC v2 CBOR
# ---------------------------------------------------------------------------


def test_cbor_list_portfolios(raw):
    resp = raw.sc_cbor("ListPortfolios", b"\xa0")
    assert resp.status == 200, resp.body
    assert resp.headers.get("smithy-protocol") == "rpc-v2-cbor"
    assert resp.headers["content-type"].startswith("application/cbor")
    assert resp.headers.get("x-amzn-requestid")
    body = resp.cbor()
    assert isinstance(body, dict)
    assert body.get("PortfolioDetails", []) == []


def test_cbor_empty_body_is_an_empty_map(raw):
    resp = raw.sc_cbor("ListPortfolios", b"")
    assert resp.status == 200, resp.body
    assert isinstance(resp.cbor(), dict)


def test_cbor_timestamps_are_tagged(raw):
    created = raw.sc_cbor(
        "CreatePortfolio",
        cbor2.dumps({"DisplayName": "c", "ProviderName": "p", "IdempotencyToken": "tok-cbor"}),
    )
    assert created.status == 200, created.body
    resp = raw.sc_cbor("ListPortfolios", b"\xa0")
    assert resp.status == 200
    # Tag 1 decodes to a datetime; an untagged number would stay a number.
    item = cbor2.loads(resp.body)["PortfolioDetails"][0]
    import datetime

    assert isinstance(item["CreatedTime"], datetime.datetime), item


def test_cbor_indefinite_length_input(raw):
    # {_ "DisplayName": (_ "c", "d"), "ProviderName": "p", "IdempotencyToken": "tok-indef"}
    body = (
        b"\xbf"
        + cbor2.dumps("DisplayName") + b"\x7f" + cbor2.dumps("c") + cbor2.dumps("d") + b"\xff"
        + cbor2.dumps("ProviderName") + cbor2.dumps("p")
        + cbor2.dumps("IdempotencyToken") + cbor2.dumps("tok-indef")
        + b"\xff"
    )
    resp = raw.sc_cbor("CreatePortfolio", body)
    assert resp.status == 200, resp.body
    assert resp.cbor()["PortfolioDetail"]["DisplayName"] == "cd"


@pytest.mark.parametrize(
    "body",
    [b"\xa2\x62Id", b"\x1c", b"\xff", b"\xa1\x62Id\x64ab"],
    ids=["truncated-map", "reserved-info", "lone-break", "truncated-string"],
)
def test_cbor_garbage(raw, body):
    resp = raw.sc_cbor("ListPortfolios", body)
    assert resp.status == 400, resp.body
    assert resp.headers.get("smithy-protocol") == "rpc-v2-cbor"
    err = resp.cbor()
    assert isinstance(err, dict), err
    assert err["__type"].endswith(SERIALIZATION), err
    assert err.get("message", err.get("Message"))


def test_cbor_error_is_cbor(raw):
    resp = raw.sc_cbor("DescribePortfolio", cbor2.dumps({"Id": "port-aaaaaaaaaaaaa"}))
    assert resp.status == 400
    assert resp.headers.get("smithy-protocol") == "rpc-v2-cbor"
    assert resp.headers["content-type"].startswith("application/cbor")
    err = resp.cbor()
    assert _error_type(err["__type"]) == "ResourceNotFoundException"
    assert err.get("message", err.get("Message"))


def test_cbor_rejects_x_amz_target(raw):
    resp = raw.sc_cbor(
        "ListPortfolios", b"\xa0",
        extra_headers={"X-Amz-Target": f"{SC_TARGET_PREFIX}.ListPortfolios"},
    )
    assert resp.status == 400, resp.body
    assert resp.headers.get("x-amzn-requestid")


# ---------------------------------------------------------------------------
# The boto3 clients really speak the protocol they claim to
# ---------------------------------------------------------------------------


def _capture(client):
    seen = []

    def before_send(request, **kwargs):
        seen.append((request.url, dict(request.headers)))

    client.meta.events.register("before-send.*", before_send)
    return seen


def test_boto3_json_client_wire_format(client):
    c = client("servicecatalog")
    seen = _capture(c)
    resp = c.list_portfolios()
    url, headers = seen[-1]
    assert url.rstrip("/").endswith(str(c.meta.endpoint_url).rstrip("/"))
    target = headers["X-Amz-Target"]
    if isinstance(target, bytes):
        target = target.decode()
    assert target == f"{SC_TARGET_PREFIX}.ListPortfolios"
    assert resp["ResponseMetadata"]["HTTPHeaders"]["content-type"].startswith("application/x-amz-json-1.1")


def test_boto3_cbor_client_wire_format(cbor_client):
    c = cbor_client()
    seen = _capture(c)
    resp = c.list_portfolios()
    url, headers = seen[-1]
    assert url.endswith(f"/service/{SC_TARGET_PREFIX}/operation/ListPortfolios")
    assert "X-Amz-Target" not in headers
    assert resp["ResponseMetadata"]["HTTPHeaders"]["smithy-protocol"] == "rpc-v2-cbor"
    assert resp["ResponseMetadata"]["HTTPHeaders"]["content-type"].startswith("application/cbor")
    assert resp.get("PortfolioDetails", []) == []
