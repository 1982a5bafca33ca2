#!/usr/bin/env python3
"""Account-vending benchmark (issue 13).

Starts a release sclocal on a fresh file store (or in memory with VEND_STORE=memory) with one
organization whose management account is sclocal-loadgen's first account for the salt, with
`account_factory: true` and an OU `Workloads`; shares a portfolio with that OU first; then runs
the loadgen scenario `vend-account`: N ProvisionProduct calls of the Account Factory product
into Workloads at C connections, each record polled to SUCCEEDED. Reports the wall time from
the first launch to the last SUCCEEDED, then checks that every account in Workloads (the N
vended ones plus the loadgen's probe) sees the OU's portfolio (ListAcceptedPortfolioShares
AWS_ORGANIZATIONS). Loopback only; bounded.

Usage: bench/vending.py [N] [C]   (default: 1000 16; SCLOCAL_BIN / LOADGEN_BIN override)
"""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import boto3
from botocore.config import Config

ROOT = Path(__file__).resolve().parents[1]
REL = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")) / "release"
BIN = Path(os.environ.get("SCLOCAL_BIN", REL / "sclocal"))
LOADGEN = Path(os.environ.get("LOADGEN_BIN", REL / "sclocal-loadgen"))
SALT = 7
MGMT = f"{100_000_000_000 + SALT * 1_000_000_000:012d}"
TIMEOUT_S = 300


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def client(service: str, endpoint: str, account: str):
    return boto3.client(service, endpoint_url=endpoint, region_name="us-east-1",
                        aws_access_key_id=account, aws_secret_access_key="secret",
                        config=Config(retries={"max_attempts": 1}, read_timeout=TIMEOUT_S))


def run(n: int, connections: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        boot = tmp / "org.json"
        boot.write_text(json.dumps({"organizations": [{
            "management_account": MGMT, "service_catalog_access": True,
            "account_factory": True, "units": [{"name": "Workloads"}]}]}))
        port = free_port()
        endpoint = f"http://127.0.0.1:{port}"
        store = ["--in-memory"] if os.environ.get("VEND_STORE") == "memory" else ["--data-dir", str(tmp / "data")]
        proc = subprocess.Popen([str(BIN), "serve", "--listen", f"127.0.0.1:{port}", *store,
                                 "--bootstrap", str(boot), "--org-account-limit", str(n + 100)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            started = time.perf_counter()
            while True:
                try:
                    urllib.request.urlopen(f"{endpoint}/_sclocal/health", timeout=1).read()
                    break
                except OSError:
                    if time.perf_counter() - started > TIMEOUT_S or proc.poll() is not None:
                        raise RuntimeError("server did not become healthy")
                    time.sleep(0.01)
            sc = client("servicecatalog", endpoint, MGMT)
            orgs = client("organizations", endpoint, MGMT)
            root = orgs.list_roots()["Roots"][0]["Id"]
            ou = orgs.list_organizational_units_for_parent(ParentId=root)["OrganizationalUnits"][0]["Id"]
            shared = sc.create_portfolio(DisplayName="Baseline", ProviderName="Bench", IdempotencyToken="baseline")["PortfolioDetail"]["Id"]
            token = sc.create_portfolio_share(PortfolioId=shared, OrganizationNode={"Type": "ORGANIZATIONAL_UNIT", "Value": ou})["PortfolioShareToken"]
            while sc.describe_portfolio_share_status(PortfolioShareToken=token)["Status"] in ("NOT_STARTED", "IN_PROGRESS"):
                time.sleep(0.02)
            t0 = time.perf_counter()
            out = subprocess.run([str(LOADGEN), "--endpoint", endpoint, "--scenario", "vend-account", "--salt", str(SALT),
                                  "--connections", str(connections), "--requests", str(n), "--warmup", "0",
                                  "--duration", str(TIMEOUT_S), "--json"],
                                 check=True, capture_output=True, text=True, timeout=TIMEOUT_S + 60)
            wall = time.perf_counter() - t0
            report = json.loads(out.stdout)
            accounts, page = [], {}
            while True:
                answer = orgs.list_accounts_for_parent(ParentId=ou, **page)
                accounts += [a["Id"] for a in answer["Accounts"]]
                if "NextToken" not in answer:
                    break
                page = {"NextToken": answer["NextToken"]}
            reached = sum(
                1 for a in accounts
                if [p["Id"] for p in client("servicecatalog", endpoint, a).list_accepted_portfolio_shares(
                    PortfolioShareType="AWS_ORGANIZATIONS")["PortfolioDetails"]] == [shared])
            return {
                "vended": n,
                "connections": connections,
                "store": "memory" if store == ["--in-memory"] else "file",
                "wall_s_launch_to_last_succeeded": round(wall, 2),
                "loadgen": {k: report.get(k) for k in ("requests", "errors", "error_codes", "elapsed_s", "throughput_rps", "p50_us", "p99_us", "settled", "settle_failed", "settle_p50_us", "settle_p99_us")},
                "accounts_in_ou": len(accounts),
                "share_reached": reached,
                "share_reached_all": reached == len(accounts) and len(accounts) >= n,
            }
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    c = int(sys.argv[2]) if len(sys.argv) > 2 else 16
    if not 1 <= n <= 100_000 or not 1 <= c <= 256:
        sys.exit("N must be 1..100000 and C 1..256")
    result = run(n, c)
    print(json.dumps(result, indent=2))
    if not result["share_reached_all"]:
        sys.exit("the OU's share did not reach every vended account")


if __name__ == "__main__":
    main()
