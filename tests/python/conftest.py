"""Shared fixtures for the boto3 end-to-end suite, built on sclocal's own pytest plugin
(``python/sclocal/plugin.py``, loaded below from the source tree): one server per
session (``$SCLOCAL_BIN``; ``scripts/test-python`` gives it a ``--data-dir`` through
``SCLOCAL_ARGS``, so this suite runs on the file store ``sclocal serve`` uses by default while
the Rust suite runs both), state wiped and the AWS environment pinned before every test by the
``sclocal`` fixture, and the server log attached to every failure.
"""

from __future__ import annotations

import datetime
import gzip
import http.client
import json
from dataclasses import dataclass
from pathlib import Path

import boto3
import botocore
import botocore.loaders
import botocore.session
import pytest
from botocore.config import Config
from sclocal.server import Server

SC_TARGET_PREFIX = "AWS242ServiceCatalogService"
DEFAULT_ACCOUNT = "111111111111"
DEFAULT_REGION = "us-east-1"

# The plugin from python/ (pytest.ini's pythonpath): this suite runs the package's source, the
# wheel test its installed form. pytester runs inner sessions for test_plugin.py.
pytest_plugins = ["sclocal.plugin", "pytester"]


@pytest.fixture(autouse=True)
def _clean_server(sclocal):
    """Every test starts on an empty server with the AWS environment pinned to it."""


# ---------------------------------------------------------------------------
# boto3 clients
# ---------------------------------------------------------------------------


def _config(**config) -> Config:
    config.setdefault("retries", {"max_attempts": 1, "mode": "standard"})
    config.setdefault("connect_timeout", 5)
    config.setdefault("read_timeout", 30)
    return Config(**config)


@pytest.fixture
def client(sclocal):
    """``client(service, account=..., region=..., **config)`` -> a boto3 client.

    ``account`` is used as the access key id: the server maps a 12-digit key to
    that account.  ``secret`` and ``session_token`` select other credentials
    (e.g. ones returned by STS AssumeRole).  Remaining keyword arguments go to
    ``botocore.config.Config``.
    """

    def make(
        service,
        account=DEFAULT_ACCOUNT,
        region=DEFAULT_REGION,
        *,
        secret="secret",
        session_token=None,
        **config,
    ):
        # Any key, not only a 12-digit account: the plugin's keyword arguments win.
        return sclocal.client(
            service,
            region=region,
            aws_access_key_id=account,
            aws_secret_access_key=secret,
            aws_session_token=session_token,
            config=_config(**config),
        )

    return make


@pytest.fixture(scope="session")
def cbor_data_dir(tmp_path_factory) -> Path:
    """A botocore data dir whose Service Catalog model only offers rpcv2Cbor."""
    root = tmp_path_factory.mktemp("botocore-data")
    src = Path(botocore.__file__).parent / "data" / "servicecatalog" / "2015-12-10" / "service-2.json.gz"
    model = json.loads(gzip.decompress(src.read_bytes()))
    model["metadata"]["protocols"] = ["smithy-rpc-v2-cbor"]
    model["metadata"]["protocol"] = "smithy-rpc-v2-cbor"
    dest = root / "servicecatalog" / "2015-12-10"
    dest.mkdir(parents=True)
    (dest / "service-2.json").write_text(json.dumps(model))
    return root


@pytest.fixture(scope="session")
def cbor_loader(cbor_data_dir) -> botocore.loaders.Loader:
    """A botocore loader that finds the rpcv2Cbor-only Service Catalog model first; shared, so
    each model is read once per session."""
    return botocore.loaders.Loader(extra_search_paths=[str(cbor_data_dir)])


@pytest.fixture
def cbor_client(sclocal, cbor_loader):
    """Like ``client`` but for Service Catalog over Smithy RPC v2 CBOR."""

    # Made inside the test, so the session reads the environment the sclocal fixture pinned.
    bc_session = botocore.session.Session()
    bc_session.register_component("data_loader", cbor_loader)
    session = boto3.Session(botocore_session=bc_session)

    def make(
        service="servicecatalog",
        account=DEFAULT_ACCOUNT,
        region=DEFAULT_REGION,
        *,
        secret="secret",
        session_token=None,
        **config,
    ):
        assert service == "servicecatalog", "only Service Catalog offers rpcv2Cbor"
        c = session.client(
            service,
            endpoint_url=sclocal.endpoint,
            region_name=region,
            aws_access_key_id=account,
            aws_secret_access_key=secret,
            aws_session_token=session_token,
            config=_config(**config),
        )
        assert c.meta.service_model.resolved_protocol == "smithy-rpc-v2-cbor"
        return c

    return make


@pytest.fixture(params=["json", "cbor"])
def sc(request, client, cbor_client):
    """Service Catalog client factory, once per wire protocol.

    ``sc(account=..., region=..., **config)``; ``sc.protocol`` names the protocol.
    """
    factory = cbor_client if request.param == "cbor" else client

    def make(account=DEFAULT_ACCOUNT, region=DEFAULT_REGION, **kwargs):
        return factory("servicecatalog", account, region, **kwargs)

    make.protocol = request.param
    return make


# ---------------------------------------------------------------------------
# raw HTTP
# ---------------------------------------------------------------------------


@dataclass
class RawResponse:
    status: int
    headers: dict  # lower-cased names
    body: bytes

    def json(self):
        return json.loads(self.body.decode("utf-8"))

    def cbor(self):
        import cbor2

        return cbor2.loads(self.body)


def sigv4_headers(
    account: str = DEFAULT_ACCOUNT,
    region: str = DEFAULT_REGION,
    service: str = "servicecatalog",
) -> dict:
    """A syntactically valid SigV4 Authorization header (signature not real)."""
    now = datetime.datetime.now(datetime.timezone.utc)
    amz_date = now.strftime("%Y%m%dT%H%M%SZ")
    scope = f"{account}/{now:%Y%m%d}/{region}/{service}/aws4_request"
    return {
        "X-Amz-Date": amz_date,
        "Authorization": (
            f"AWS4-HMAC-SHA256 Credential={scope}, "
            "SignedHeaders=content-type;host;x-amz-date;x-amz-target, "
            f"Signature={'0' * 64}"
        ),
    }


class Raw:
    """Minimal HTTP client for hostile-input tests."""

    def __init__(self, server: Server):
        self.server = server

    def request(self, method: str, path: str, body: bytes = b"", headers: dict | None = None,
                timeout: float = 30) -> RawResponse:
        conn = http.client.HTTPConnection(self.server.host, self.server.port, timeout=timeout)
        try:
            hdrs = {"Content-Length": str(len(body))}
            hdrs.update(headers or {})
            conn.request(method, path, body=body, headers=hdrs)
            resp = conn.getresponse()
            data = resp.read()
            return RawResponse(resp.status, {k.lower(): v for k, v in resp.getheaders()}, data)
        finally:
            conn.close()

    def sc_json(self, operation: str | None, body: bytes = b"{}", *, auth: bool = True,
                extra_headers: dict | None = None, target: str | None = None) -> RawResponse:
        """POST / as awsJson1_1 to Service Catalog (``target`` overrides the full X-Amz-Target)."""
        headers = {"Content-Type": "application/x-amz-json-1.1"}
        if target is not None:
            headers["X-Amz-Target"] = target
        elif operation is not None:
            headers["X-Amz-Target"] = f"{SC_TARGET_PREFIX}.{operation}"
        if auth:
            headers.update(sigv4_headers())
        headers.update(extra_headers or {})
        return self.request("POST", "/", body, headers)

    def sc_cbor(self, operation: str, body: bytes = b"\xa0", *, extra_headers: dict | None = None) -> RawResponse:
        headers = {
            "Content-Type": "application/cbor",
            "Accept": "application/cbor",
            "smithy-protocol": "rpc-v2-cbor",
        }
        headers.update(sigv4_headers())
        headers.update(extra_headers or {})
        return self.request("POST", f"/service/{SC_TARGET_PREFIX}/operation/{operation}", body, headers)


@pytest.fixture
def raw(sclocal_server) -> Raw:
    return Raw(sclocal_server)
