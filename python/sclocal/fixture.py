"""``Sclocal``: what the ``sclocal`` pytest fixture hands a test — the endpoint, boto3 clients
acting as an account, and the admin operations (reset, drain, bootstrap)."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Union

from .server import SclocalError, Server

#: The account a client acts as when none is given, and the fake credentials' access key id.
DEFAULT_ACCOUNT = "123456789012"
DEFAULT_REGION = "us-east-1"
#: The secret of every client: ``--auth lenient`` (the default) does not check it.
SECRET = "sclocal"

_ACCOUNT = re.compile(r"^[0-9]{12}$")

#: What ``bootstrap`` takes: the document as a mapping, or the path of a YAML/JSON file.
BootstrapDocument = Union[Mapping[str, Any], str, "os.PathLike[str]"]


class Sclocal:
    """A handle on a running sclocal for one test."""

    def __init__(self, server: Server):
        self.server = server

    @property
    def endpoint(self) -> str:
        """``http://127.0.0.1:<port>``: every service on one port."""
        return self.server.endpoint

    def client(
        self,
        service: str,
        account: str = DEFAULT_ACCOUNT,
        region: str = DEFAULT_REGION,
        **kwargs: Any,
    ):
        """A boto3 client for ``service`` acting as ``account`` in ``region``.

        sclocal takes a 12-digit access key id as that account (README "Pointing clients at
        it"). Other keyword arguments go to ``boto3.client`` and win over these, e.g.
        ``config=botocore.config.Config(...)`` or the temporary credentials STS AssumeRole
        returned (``aws_access_key_id=``, ``aws_secret_access_key=``, ``aws_session_token=``).
        """
        if not _ACCOUNT.match(account):
            raise ValueError(f"account {account!r} is not a 12-digit AWS account id")
        try:
            import boto3
        except ImportError:
            raise SclocalError(
                "sclocal.client() builds boto3 clients: `pip install boto3` first"
            ) from None
        params: dict[str, Any] = {
            "endpoint_url": self.endpoint,
            "region_name": region,
            "aws_access_key_id": account,
            "aws_secret_access_key": SECRET,
        }
        params.update(kwargs)
        if self.server.boto3_session is None:
            self.server.boto3_session = boto3.session.Session()
        return self.server.boto3_session.client(service, **params)

    def reset(self) -> None:
        """Wipes all state (``POST /_sclocal/reset``); the fixture does it before each test."""
        self._admin("POST", "/_sclocal/reset")

    def drain(self) -> dict:
        """Finishes pending background work now (``POST /_sclocal/jobs/drain``): organization
        share operations, provisioning records and plans reach their final status without the
        test waiting (records waiting for an external engine's Notify call stay waiting)."""
        return self._admin("POST", "/_sclocal/jobs/drain")

    def bootstrap(self, organizations: BootstrapDocument) -> dict:
        """Stands up organizations from the bootstrap format (README "Bootstrap"), given as a
        mapping or as the path of a YAML or JSON file, on the running server
        (``POST /_sclocal/bootstrap``). All or nothing; idempotent. Returns the server's
        summary; a bad document raises ``SclocalError`` with its line and problem."""
        if isinstance(organizations, Mapping):
            name, body = None, json.dumps(organizations).encode()
            content_type = "application/json"
        elif isinstance(organizations, (str, os.PathLike)):
            path = Path(organizations)
            name, body = str(path), path.read_bytes()
            content_type = "application/yaml"
        else:
            raise TypeError(
                "bootstrap() takes a mapping or the path of a YAML/JSON file, not "
                f"{type(organizations).__name__}"
            )
        try:
            return self._admin(
                "POST", "/_sclocal/bootstrap", body, {"Content-Type": content_type}
            )
        except SclocalError as e:
            # The server names the document `bootstrap`; a file is named as the user gave it.
            message = str(e)
            if name is not None and message.startswith("bootstrap"):
                message = name + message[len("bootstrap"):]
            raise SclocalError(message) from None

    def _admin(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> dict:
        status, data = self.server.request(method, path, body, headers)
        try:
            answer = json.loads(data) if data else {}
        except ValueError:
            answer = None
        if status != 200:
            error = answer.get("error") if isinstance(answer, dict) else None
            text = data.decode("utf-8", errors="replace")
            raise SclocalError(error or f"{method} {path} answered {status}: {text}")
        if not isinstance(answer, dict):
            raise SclocalError(f"{method} {path} answered 200 with {data[:200]!r}")
        return answer
