"""Shared fixtures for the boto3 end-to-end suite.

One sclocal server is started per test session (``$SCLOCAL_BIN serve --listen
127.0.0.1:<port> --data-dir <tmp>``: the file store, which is what ``sclocal serve`` uses by
default; the Rust suite runs both stores) and wiped with ``POST /_sclocal/reset`` before
every test, so tests are independent of each other and of their order.
"""

from __future__ import annotations

import datetime
import gzip
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import boto3
import botocore
import botocore.session
import pytest
from botocore.config import Config

REPO_ROOT = Path(__file__).resolve().parents[2]
SC_TARGET_PREFIX = "AWS242ServiceCatalogService"
DEFAULT_ACCOUNT = "111111111111"
DEFAULT_REGION = "us-east-1"
STARTUP_TIMEOUT_S = 30.0
LOG_TAIL_LINES = 60

# Keep the developer's own AWS configuration out of the tests: every client gets
# explicit credentials, region and endpoint, but profiles and endpoint variables
# could still change retries, endpoints or the protocol.
for _var in list(os.environ):
    if _var.startswith("AWS_ENDPOINT_URL") or _var in (
        "AWS_PROFILE",
        "AWS_DEFAULT_PROFILE",
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_DATA_PATH",
        "AWS_RETRY_MODE",
        "AWS_MAX_ATTEMPTS",
    ):
        del os.environ[_var]
os.environ["AWS_CONFIG_FILE"] = os.devnull
os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull
os.environ["AWS_EC2_METADATA_DISABLED"] = "true"

_LOG_PATH_KEY = pytest.StashKey[Path]()


def _log_tail(path: Path | None, lines: int = LOG_TAIL_LINES) -> str:
    if path is None or not path.exists():
        return "(no server log)"
    text = path.read_text(errors="replace").splitlines()
    return "\n".join(text[-lines:]) or "(server log is empty)"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _resolve_binary() -> Path:
    raw = os.environ.get("SCLOCAL_BIN", "target/debug/sclocal")
    path = Path(raw)
    if not path.is_absolute():
        path = REPO_ROOT / path
    return path


@dataclass
class Server:
    host: str
    port: int
    log_path: Path

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def log_tail(self, lines: int = LOG_TAIL_LINES) -> str:
        return _log_tail(self.log_path, lines)


def _http_status(host: str, port: int, method: str, path: str) -> int | None:
    conn = http.client.HTTPConnection(host, port, timeout=2)
    try:
        conn.request(method, path)
        resp = conn.getresponse()
        resp.read()
        return resp.status
    except OSError:
        return None
    finally:
        conn.close()


@pytest.fixture(scope="session")
def server(request, tmp_path_factory) -> Server:
    binary = _resolve_binary()
    if not binary.is_file():
        pytest.fail(
            f"sclocal binary not found at {binary}; build it with `cargo build` "
            "or point SCLOCAL_BIN at it",
            pytrace=False,
        )
    log_dir = tmp_path_factory.mktemp("sclocal")
    log_path = log_dir / "server.log"
    request.config.stash[_LOG_PATH_KEY] = log_path
    host = "127.0.0.1"
    port = _free_port()
    log_file = open(log_path, "wb")
    proc = subprocess.Popen(
        [
            str(binary),
            "serve",
            "--listen",
            f"{host}:{port}",
            "--data-dir",
            str(log_dir / "data"),
        ],
        stdin=subprocess.DEVNULL,
        stdout=log_file,
        stderr=subprocess.STDOUT,
        cwd=str(log_dir),
    )
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    try:
        while True:
            if proc.poll() is not None:
                pytest.fail(
                    f"sclocal exited with code {proc.returncode} during startup.\n"
                    f"--- server log ({log_path}) ---\n{_log_tail(log_path)}",
                    pytrace=False,
                )
            if _http_status(host, port, "GET", "/_sclocal/health") == 200:
                break
            if time.monotonic() > deadline:
                pytest.fail(
                    f"sclocal did not answer GET /_sclocal/health with 200 within "
                    f"{STARTUP_TIMEOUT_S:.0f} s.\n--- server log ({log_path}) ---\n"
                    f"{_log_tail(log_path)}",
                    pytrace=False,
                )
            time.sleep(0.1)
        yield Server(host, port, log_path)
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
        log_file.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.failed and report.when in ("setup", "call"):
        log_path = item.config.stash.get(_LOG_PATH_KEY, None)
        if log_path is not None:
            report.sections.append(("sclocal server log (tail)", _log_tail(log_path)))


@pytest.fixture(autouse=True)
def _reset_state(server):
    status = _http_status(server.host, server.port, "POST", "/_sclocal/reset")
    assert status is not None and 200 <= status < 300, (
        f"POST /_sclocal/reset answered {status}"
    )


# ---------------------------------------------------------------------------
# boto3 clients
# ---------------------------------------------------------------------------


def _config(**config) -> Config:
    config.setdefault("retries", {"max_attempts": 1, "mode": "standard"})
    config.setdefault("connect_timeout", 5)
    config.setdefault("read_timeout", 30)
    return Config(**config)


def _make_client(
    session: boto3.Session,
    server: Server,
    service: str,
    account: str,
    region: str,
    secret: str,
    session_token: str | None,
    config: dict,
):
    return session.client(
        service,
        endpoint_url=server.url,
        region_name=region,
        aws_access_key_id=account,
        aws_secret_access_key=secret,
        aws_session_token=session_token,
        config=_config(**config),
    )


@pytest.fixture(scope="session")
def client(server):
    """``client(service, account=..., region=..., **config)`` -> a boto3 client.

    ``account`` is used as the access key id: the server maps a 12-digit key to
    that account.  ``secret`` and ``session_token`` select other credentials
    (e.g. ones returned by STS AssumeRole).  Remaining keyword arguments go to
    ``botocore.config.Config``.
    """

    session = boto3.Session(botocore_session=botocore.session.Session())

    def make(
        service,
        account=DEFAULT_ACCOUNT,
        region=DEFAULT_REGION,
        *,
        secret="secret",
        session_token=None,
        **config,
    ):
        return _make_client(session, server, service, account, region, secret, session_token, config)

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
def cbor_client(server, cbor_data_dir):
    """Like ``client`` but for Service Catalog over Smithy RPC v2 CBOR."""

    bc_session = botocore.session.Session()
    loader = bc_session.get_component("data_loader")
    loader.search_paths.insert(0, str(cbor_data_dir))
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
        c = _make_client(session, server, service, account, region, secret, session_token, config)
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
def raw(server) -> Raw:
    return Raw(server)
