"""Finding, starting and stopping the ``sclocal`` binary, and talking to its admin endpoints.

Nothing here needs pytest or boto3: the pytest plugin (``sclocal.plugin``) is built on it, and
it can be used on its own (``with Server.start() as server: ...``).
"""

from __future__ import annotations

import os
import shlex
import socket
import subprocess
import sys
import sysconfig
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

#: How long ``Server.start`` waits for ``GET /_sclocal/health`` to answer 200.
STARTUP_TIMEOUT_S = 30.0
#: How long ``Server.stop`` waits after SIGTERM before killing the process.
STOP_TIMEOUT_S = 10.0
#: Lines of server log shown with a failure, at most.
LOG_LINES = 200
#: Tries with a new port when the chosen one was taken between picking and binding it.
PORT_TRIES = 5
#: The server writes its log from a background thread a few milliseconds after the lines
#: happen (`LINGER` in crates/server/src/log_writer.rs); reading the log waits this long first.
LOG_FLUSH_S = 0.02

# The store and the address are the plugin's choice; these server variables would fight it
# (`SCLOCAL_DATA_DIR` next to `--in-memory` is a usage error).
_CHOSEN_BY_US = ("SCLOCAL_LISTEN", "SCLOCAL_DATA_DIR", "SCLOCAL_IN_MEMORY")

# Loopback needs no proxy: requests to the server never go through one, whatever
# HTTP_PROXY says.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class SclocalError(Exception):
    """The server could not be found, started or reached, or refused an admin request."""


def _executable_name() -> str:
    return "sclocal.exe" if os.name == "nt" else "sclocal"


def _scripts_dirs() -> list[Path]:
    """Where pip puts the wheel's binary: the interpreter's scripts directory (the venv's
    ``bin``/``Scripts``), then the user scheme's (``pip install --user``)."""
    dirs = [sysconfig.get_path("scripts")]
    user_scheme = (
        sysconfig.get_preferred_scheme("user")
        if hasattr(sysconfig, "get_preferred_scheme")
        else f"{os.name}_user"
    )
    try:
        dirs.append(sysconfig.get_path("scripts", user_scheme))
    except KeyError:
        pass
    dirs.append(str(Path(sys.executable).parent))
    seen: list[Path] = []
    for d in dirs:
        if d and Path(d) not in seen:
            seen.append(Path(d))
    return seen


def find_binary() -> Path:
    """The ``sclocal`` executable: ``$SCLOCAL_BIN`` when set (a development build such as
    ``target/debug/sclocal``), else the one the wheel installed beside this interpreter."""
    override = os.environ.get("SCLOCAL_BIN")
    if override:
        path = Path(override)
        if not path.is_file():
            raise SclocalError(
                f"SCLOCAL_BIN is {override!r}, which is not a file (build it with `cargo build`)"
            )
        return path.resolve()
    looked = []
    for directory in _scripts_dirs():
        candidate = directory / _executable_name()
        if candidate.is_file():
            return candidate
        looked.append(str(directory))
    raise SclocalError(
        "the sclocal binary was not found in "
        + ", ".join(looked)
        + "; `pip install sclocal` installs it beside the package, or set SCLOCAL_BIN"
    )


def split_args(text: str | None) -> list[str]:
    """Shell-style splitting of ``--sclocal-args`` / ``SCLOCAL_ARGS``."""
    return shlex.split(text, posix=os.name != "nt") if text else []


def serve_args(listen: str, extra: Sequence[str]) -> list[str]:
    """The command line after the binary: in memory unless the extra flags name a store."""
    for arg in extra:
        if arg == "--listen" or arg.startswith("--listen="):
            raise SclocalError(
                "--listen is chosen by sclocal (a free loopback port); to test against a server "
                "you started yourself, set SCLOCAL_ENDPOINT instead"
            )
    names_store = any(
        a in ("--in-memory", "--data-dir") or a.startswith("--data-dir=") for a in extra
    )
    return ["serve", "--listen", listen, *([] if names_store else ["--in-memory"]), *extra]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A running sclocal: one this object started (``Server.start``) or one that was already
    running (``Server.connect``)."""

    def __init__(
        self,
        endpoint: str,
        process: subprocess.Popen | None = None,
        log_path: Path | None = None,
    ):
        self.endpoint = endpoint.rstrip("/")
        parsed = urllib.parse.urlsplit(self.endpoint)
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise SclocalError(f"{endpoint!r} is not an http:// endpoint")
        self.host: str = parsed.hostname
        self.port: int = parsed.port or (443 if parsed.scheme == "https" else 80)
        self.process = process
        #: The server's stdout and stderr, for servers started here.
        self.log_path = log_path
        self._log_file = None
        #: The boto3 session ``Sclocal.client`` builds clients from, made at its first use:
        #: one per server, so botocore loads each service model once, not once per test.
        self.boto3_session = None

    # -- lifecycle ---------------------------------------------------------------------------

    @classmethod
    def start(
        cls,
        args: Iterable[str] = (),
        *,
        binary: str | os.PathLike | None = None,
        log_dir: str | os.PathLike | None = None,
        cwd: str | os.PathLike | None = None,
        timeout: float = STARTUP_TIMEOUT_S,
    ) -> Server:
        """Starts ``sclocal serve`` on a free loopback port, in memory unless ``args`` name a
        ``--data-dir``, and waits until it is healthy. Its output goes to
        ``<log_dir>/server.log`` (a new temporary directory by default)."""
        exe = Path(binary) if binary is not None else find_binary()
        extra = list(args)
        log_dir = Path(log_dir) if log_dir is not None else Path(tempfile.mkdtemp(prefix="sclocal-"))
        log_dir.mkdir(parents=True, exist_ok=True)
        log_path = log_dir / "server.log"
        env = {k: v for k, v in os.environ.items() if k not in _CHOSEN_BY_US}
        for attempt in range(1, PORT_TRIES + 1):
            listen = f"127.0.0.1:{_free_port()}"
            command = [str(exe), *serve_args(listen, extra)]
            log_file = open(log_path, "ab")
            mark = log_file.tell()
            try:
                process = subprocess.Popen(
                    command,
                    stdin=subprocess.DEVNULL,
                    stdout=log_file,
                    stderr=subprocess.STDOUT,
                    cwd=None if cwd is None else str(cwd),
                    env=env,
                )
            except OSError as e:
                log_file.close()
                raise SclocalError(f"could not run {exe}: {e}") from e
            server = cls(f"http://{listen}", process, log_path)
            server._log_file = log_file
            try:
                server._wait_healthy(timeout, mark)
                return server
            except _PortTaken:
                # Another process bound the port between our pick and the server's bind.
                server.stop()
                if attempt == PORT_TRIES:
                    raise SclocalError(
                        f"no free port after {PORT_TRIES} tries\n{server.log_since(mark)}"
                    ) from None
            except BaseException:
                server.stop()
                raise
        raise SclocalError("unreachable: the loop returns or raises")

    @classmethod
    def connect(cls, endpoint: str, timeout: float = 5.0) -> Server:
        """A server that is already running at ``endpoint`` (``SCLOCAL_ENDPOINT``)."""
        server = cls(endpoint)
        deadline = time.monotonic() + timeout
        while server.health() is None:
            if time.monotonic() > deadline:
                raise SclocalError(f"no sclocal answers GET {server.endpoint}/_sclocal/health")
            time.sleep(0.1)
        return server

    def _wait_healthy(self, timeout: float, mark: int) -> None:
        deadline = time.monotonic() + timeout
        while True:
            code = self.process.poll()
            if code is not None:
                log = self.log_since(mark)
                if "in use" in log:
                    raise _PortTaken()
                raise SclocalError(f"sclocal exited with code {code} while starting\n{log}")
            if self.health() is not None:
                return
            if time.monotonic() > deadline:
                raise SclocalError(
                    f"sclocal did not answer GET /_sclocal/health within {timeout:.0f} s\n"
                    + self.log_since(mark)
                )
            time.sleep(0.05)

    def stop(self) -> None:
        """Stops a server started here (SIGTERM, then a kill after ``STOP_TIMEOUT_S``); a
        connected server is left running."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def exited(self) -> int | None:
        """The exit code of a server started here that has stopped, else None."""
        return None if self.process is None else self.process.poll()

    # -- log ---------------------------------------------------------------------------------

    def log_mark(self) -> int:
        """A position in the log after everything logged so far; ``log_since`` shows what was
        written after it."""
        if self.log_path is None or not self.log_path.exists():
            return 0
        time.sleep(LOG_FLUSH_S)
        return self.log_path.stat().st_size

    def log_since(self, mark: int, max_lines: int = LOG_LINES) -> str:
        """The log written since ``mark``, at most its last ``max_lines`` lines."""
        if self.log_path is None:
            return f"(the server at {self.endpoint} was started elsewhere; its log is not here)"
        time.sleep(LOG_FLUSH_S)
        with open(self.log_path, "rb") as f:
            f.seek(mark)
            lines = f.read().decode("utf-8", errors="replace").splitlines()
        if not lines:
            return f"(nothing logged; full log: {self.log_path})"
        head = f"(full log: {self.log_path})"
        if len(lines) > max_lines:
            head = f"({len(lines) - max_lines} earlier lines in {self.log_path})"
            lines = lines[-max_lines:]
        return "\n".join([head, *lines])

    # -- admin endpoints ---------------------------------------------------------------------

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        timeout: float = 60.0,
    ) -> tuple[int, bytes]:
        """One HTTP request to the server: (status, body). Connection failures raise."""
        req = urllib.request.Request(
            self.endpoint + path, data=body, method=method, headers=dict(headers or {})
        )
        try:
            with _OPENER.open(req, timeout=timeout) as resp:
                return resp.status, resp.read()
        except urllib.error.HTTPError as e:
            return e.code, e.read()
        except OSError as e:
            raise SclocalError(f"{method} {self.endpoint}{path}: {e}") from e

    def health(self) -> bytes | None:
        """The body of ``GET /_sclocal/health`` when it answers 200, else None."""
        try:
            status, body = self.request("GET", "/_sclocal/health", timeout=2.0)
        except SclocalError:
            return None
        return body if status == 200 else None


class _PortTaken(Exception):
    pass
