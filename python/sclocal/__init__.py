"""sclocal: AWS Service Catalog portfolio sharing, Organizations and STS in one local server.

The wheel installs the ``sclocal`` executable beside this package, and a pytest plugin
(``sclocal.plugin``) whose ``sclocal`` fixture gives each test a clean server::

    def test_share(sclocal):
        sc = sclocal.client("servicecatalog", account="111111111111")
        ...

Outside pytest, ``Server.start()`` runs the binary and ``Sclocal(server)`` is the same handle
the fixture gives.
"""

from .fixture import DEFAULT_ACCOUNT, DEFAULT_REGION, Sclocal
from .server import SclocalError, Server, find_binary

__all__ = ["DEFAULT_ACCOUNT", "DEFAULT_REGION", "Sclocal", "SclocalError", "Server", "find_binary"]
