"""The pytest plugin (registered through the ``pytest11`` entry point, so installing the
package is enough):

* ``sclocal_server`` (session): the installed binary on a free loopback port with
  ``--in-memory`` plus the flags of ``--sclocal-args`` / ``SCLOCAL_ARGS`` / the
  ``sclocal_args`` ini key; or, when ``SCLOCAL_ENDPOINT`` is set, the server already running
  there. Stopped at the end of the session.
* ``sclocal`` (function): wipes state before the test, points every AWS SDK at the server
  (``AWS_ENDPOINT_URL``) with fake credentials for the test's duration, and hands the test a
  ``sclocal.Sclocal``.
* A failed test that used the server gets a "sclocal server log" section with what the server
  logged during it.
"""

from __future__ import annotations

import os

import pytest

from .fixture import DEFAULT_ACCOUNT, DEFAULT_REGION, SECRET, Sclocal
from .server import SclocalError, Server, split_args

_SERVER = pytest.StashKey[Server]()
_LOG_MARK = pytest.StashKey[int]()
_FIXTURES = ("sclocal", "sclocal_server")


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("sclocal", "sclocal (local AWS Service Catalog, Organizations, STS)")
    group.addoption(
        "--sclocal-args",
        default=None,
        help="extra flags for `sclocal serve`, in shell syntax (default: $SCLOCAL_ARGS, then "
        "the sclocal_args ini value), e.g. '--share-processing-delay 2s'",
    )
    parser.addini("sclocal_args", "extra flags for `sclocal serve`, in shell syntax", default="")


def _extra_args(config: pytest.Config) -> list[str]:
    option = config.getoption("sclocal_args")
    if option is not None:
        return split_args(option)
    if "SCLOCAL_ARGS" in os.environ:
        return split_args(os.environ["SCLOCAL_ARGS"])
    return split_args(config.getini("sclocal_args"))


@pytest.fixture(scope="session")
def sclocal_server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """The sclocal server of this test session (``sclocal.server.Server``)."""
    endpoint = os.environ.get("SCLOCAL_ENDPOINT")
    try:
        if endpoint:
            server = Server.connect(endpoint)
        else:
            server = Server.start(
                _extra_args(request.config),
                log_dir=tmp_path_factory.mktemp("sclocal"),
                # Relative paths in the flags (--bootstrap, --credentials) mean what they
                # mean on the pytest command line.
                cwd=request.config.invocation_params.dir,
            )
    except SclocalError as e:
        pytest.fail(f"sclocal: {e}", pytrace=False)
    request.config.stash[_SERVER] = server
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def sclocal(request: pytest.FixtureRequest, sclocal_server: Server):
    """A clean sclocal for this test (``sclocal.Sclocal``); every AWS SDK the test builds
    without an endpoint reaches it, acting as account 123456789012 in us-east-1."""
    code = sclocal_server.exited()
    if code is not None:
        pytest.fail(
            f"sclocal exited with code {code} during the session\n"
            + sclocal_server.log_since(0),
            pytrace=False,
        )
    handle = Sclocal(sclocal_server)
    handle.reset()
    request.node.stash[_LOG_MARK] = sclocal_server.log_mark()
    with pytest.MonkeyPatch.context() as env:
        # Nothing of the developer's AWS set-up (profiles, config files, other endpoints,
        # real keys) may lead a call elsewhere: every AWS_ variable goes for the test.
        for name in list(os.environ):
            if name.startswith("AWS_"):
                env.delenv(name)
        env.setenv("AWS_ENDPOINT_URL", sclocal_server.endpoint)
        env.setenv("AWS_ACCESS_KEY_ID", DEFAULT_ACCOUNT)
        env.setenv("AWS_SECRET_ACCESS_KEY", SECRET)
        env.setenv("AWS_DEFAULT_REGION", DEFAULT_REGION)
        env.setenv("AWS_REGION", DEFAULT_REGION)
        env.setenv("AWS_CONFIG_FILE", os.devnull)
        env.setenv("AWS_SHARED_CREDENTIALS_FILE", os.devnull)
        env.setenv("AWS_EC2_METADATA_DISABLED", "true")
        for proxy in ("NO_PROXY", "no_proxy"):
            hosts = [h for h in os.environ.get(proxy, "").split(",") if h]
            env.setenv(proxy, ",".join([*hosts, sclocal_server.host]))
        yield handle


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    outcome = yield
    report = outcome.get_result()
    used = getattr(item, "fixturenames", ())
    if not report.failed or not any(f in used for f in _FIXTURES):
        return
    server = item.config.stash.get(_SERVER, None)
    if server is None or server.log_path is None:
        return
    mark = item.stash.get(_LOG_MARK, 0)
    report.sections.append(("sclocal server log", server.log_since(mark)))
