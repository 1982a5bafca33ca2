#!/usr/bin/env python3
"""Console page-load benchmark (issue 14): every page of a 100,000-account organization.

Writes a bootstrap file with one organization of N accounts (a tenth under the root, the rest
in ten OUs three levels deep, as bench/fanout.py), starts a release sclocal on a fresh file
store with it, makes a portfolio with an IAM_PATTERN association shared with the whole
organization (SharePrincipals) and waits for the fan-out, then fetches each console page
REPEAT times over one keep-alive connection and reports the median and the slowest load
(the full HTML answer, server-side rendering included). Standard library only; loopback only;
bounded.

Usage: bench/console.py [N]   (default 100000; SCLOCAL_BIN picks the binary, REPEAT=5)
"""
from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(os.environ.get("SCLOCAL_BIN", ROOT / "target" / "release" / "sclocal"))
MGMT = "100000000000"
REPEAT = int(os.environ.get("REPEAT", "5"))
TIMEOUT_S = 120
AUTH = ("AWS4-HMAC-SHA256 Credential={account}/20261129/us-east-1/{service}/aws4_request, "
        "SignedHeaders=host;x-amz-date, Signature=" + "0" * 64)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bootstrap_file(path: Path, n: int) -> None:
    accounts = [f"{200000000000 + i:012d}" for i in range(n)]
    tenth = n // 10
    per_unit = (n - tenth) // 10
    units = []
    for u in range(10):
        chunk = accounts[tenth + u * per_unit: tenth + (u + 1) * per_unit]
        third = len(chunk) // 3
        units.append({"name": f"Unit{u}", "accounts": chunk[:third], "units": [
            {"name": "Team", "accounts": chunk[third:2 * third],
             "units": [{"name": "Squad", "accounts": chunk[2 * third:]}]}]})
    doc = {"organizations": [{"management_account": MGMT, "service_catalog_access": True,
                              "accounts": accounts[:tenth] + accounts[tenth + 10 * per_unit:],
                              "units": units}]}
    path.write_text(json.dumps(doc))


class Server:
    def __init__(self, port: int):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT_S)

    def call(self, service: str, target: str, body: dict) -> dict:
        headers = {"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": target,
                   "X-Amz-Date": "20261129T053850Z",
                   "Authorization": AUTH.format(account=MGMT, service=service)}
        self.conn.request("POST", "/", json.dumps(body), headers)
        answer = self.conn.getresponse()
        doc = json.loads(answer.read() or b"{}")
        if answer.status != 200:
            raise RuntimeError(f"{target}: {answer.status} {doc}")
        return doc

    def get(self, path: str, method: str = "GET") -> tuple[int, bytes, float]:
        t0 = time.perf_counter()
        self.conn.request(method, path)
        answer = self.conn.getresponse()
        body = answer.read()
        return answer.status, body, time.perf_counter() - t0


def setup(s: Server) -> dict:
    sc = "AWS242ServiceCatalogService."
    port = s.call("servicecatalog", sc + "CreatePortfolio", {
        "DisplayName": "Platform", "ProviderName": "Bench", "IdempotencyToken": "p"})["PortfolioDetail"]["Id"]
    s.call("servicecatalog", sc + "AssociatePrincipalWithPortfolio", {
        "PortfolioId": port, "PrincipalARN": "arn:aws:iam:::role/Dev*", "PrincipalType": "IAM_PATTERN"})
    org = s.call("organizations", "AWSOrganizationsV20161128.DescribeOrganization", {})["Organization"]["Id"]
    token = s.call("servicecatalog", sc + "CreatePortfolioShare", {
        "PortfolioId": port, "OrganizationNode": {"Type": "ORGANIZATION", "Value": org},
        "SharePrincipals": True})["PortfolioShareToken"]
    s.get("/_sclocal/jobs/drain", "POST")
    status = s.call("servicecatalog", sc + "DescribePortfolioShareStatus", {"PortfolioShareToken": token})["Status"]
    assert status == "COMPLETED", status
    roots = s.call("organizations", "AWSOrganizationsV20161128.ListRoots", {})["Roots"]
    ous = s.call("organizations", "AWSOrganizationsV20161128.ListOrganizationalUnitsForParent",
                 {"ParentId": roots[0]["Id"]})["OrganizationalUnits"]
    return {"portfolio": port, "org": org, "ou": ous[0]["Id"]}


def pages(s: Server, ids: dict, n: int) -> list[tuple[str, str]]:
    _, first, _ = s.get(f"/console/organizations/{ids['org']}")
    after = re.search(rb'href="\?after=(\d+)"', first)
    deep = int(after.group(1)) + n - 200 if after else 0
    member = f"{200000000000 + n - 1:012d}"
    port, org = ids["portfolio"], ids["org"]
    return [
        ("start page", "/console"),
        ("organization (root: first 100 of its accounts)", f"/console/organizations/{org}"),
        ("organization, a page near the end of the root's accounts", f"/console/organizations/{org}?after={deep}"),
        ("OU with 3,000 accounts", f"/console/units/{ids['ou']}"),
        ("account (a member seeing the shared portfolio)", f"/console/accounts/{member}"),
        ("portfolio (an organization share reaching every account)", f"/console/portfolios/us-east-1/{port}"),
        ("share, first 100 accounts reached", f"/console/portfolios/us-east-1/{port}/shares/ORGANIZATION/{org}"),
        ("share, the last page of accounts reached", f"/console/portfolios/us-east-1/{port}/shares/ORGANIZATION/{org}?offset={n - 100}"),
        ("operations", "/console/operations"),
        ("operations, live fragment", "/console/operations/live"),
        ("controls", "/console/controls"),
    ]


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        boot = tmp / "org.json"
        bootstrap_file(boot, n)
        port = free_port()
        proc = subprocess.Popen([str(BIN), "serve", "--listen", f"127.0.0.1:{port}", "--data-dir",
                                 str(tmp / "data"), "--bootstrap", str(boot)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.perf_counter() + TIMEOUT_S
            while True:
                try:
                    s = Server(port)
                    if s.get("/_sclocal/health")[0] == 200:
                        break
                except OSError:
                    if time.perf_counter() > deadline or proc.poll() is not None:
                        raise RuntimeError("server did not become healthy")
                    time.sleep(0.05)
            ids = setup(s)
            rows = []
            for name, path in pages(s, ids, n):
                times = []
                for _ in range(REPEAT):
                    status, body, took = s.get(path)
                    assert status == 200, (path, status, body[:200])
                    times.append(took * 1000)
                rows.append({"page": name, "path": path, "bytes": len(body),
                             "median_ms": round(statistics.median(times), 1), "max_ms": round(max(times), 1)})
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)
    print(f"| page ({n:,} accounts) | median ms | slowest ms | HTML bytes |")
    print("|---|---:|---:|---:|")
    for r in rows:
        print(f"| {r['page']} | {r['median_ms']} | {r['max_ms']} | {r['bytes']:,} |")
    slowest = max(r["max_ms"] for r in rows)
    print(f"\nslowest page load: {slowest} ms ({'under' if slowest < 1000 else 'OVER'} 1 s)")
    sys.exit(0 if slowest < 1000 else 1)


if __name__ == "__main__":
    main()
