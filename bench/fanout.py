#!/usr/bin/env python3
"""Organization-share fan-out benchmark (issue 4, issue 6).

Generates a bootstrap file with one organization of N member accounts spread over OUs, starts a
release sclocal on a fresh file store with it, shares one portfolio with the whole organization
and measures the time from CreatePortfolioShare to COMPLETED, the time to read the status back,
a member's ListAcceptedPortfolioShares, and the server's memory. Loopback only; bounded.

Usage: bench/fanout.py [N ...]   (default: 10000 100000)
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
BIN = Path(os.environ.get("SCLOCAL_BIN", ROOT / "target" / "release" / "sclocal"))
MGMT = "100000000000"
TIMEOUT_S = 120
# Clients poll DescribePortfolioShareStatus every second or so (LZA: 1 s); 50 ms keeps the
# measurement fine-grained without the poller competing with the fan-out for the store.
POLL_S = float(os.environ.get("FANOUT_POLL_S", "0.05"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bootstrap_file(path: Path, n: int) -> None:
    """N members: a tenth directly under the root, the rest in 10 OUs of 3 levels."""
    accounts = [f"{200000000000 + i:012d}" for i in range(n)]
    tenth = n // 10
    units = []
    per_unit = (n - tenth) // 10
    for u in range(10):
        chunk = accounts[tenth + u * per_unit : tenth + (u + 1) * per_unit]
        third = len(chunk) // 3
        units.append({
            "name": f"Unit{u}",
            "accounts": chunk[:third],
            "units": [{"name": "Team", "accounts": chunk[third : 2 * third], "units": [{"name": "Squad", "accounts": chunk[2 * third :]}]}],
        })
    leftover = accounts[tenth + 10 * per_unit :]
    doc = {"organizations": [{
        "management_account": MGMT,
        "service_catalog_access": True,
        "accounts": accounts[:tenth] + leftover,
        "units": units,
    }]}
    path.write_text(json.dumps(doc))


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return -1


def client(endpoint: str, account: str):
    return boto3.client("servicecatalog", endpoint_url=endpoint, region_name="us-east-1",
                        aws_access_key_id=account, aws_secret_access_key="secret",
                        config=Config(retries={"max_attempts": 1}, read_timeout=TIMEOUT_S))


def run(n: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        boot = tmp / "org.json"
        bootstrap_file(boot, n)
        port = free_port()
        endpoint = f"http://127.0.0.1:{port}"
        t_start = time.perf_counter()
        proc = subprocess.Popen([str(BIN), "serve", "--listen", f"127.0.0.1:{port}", "--data-dir", str(tmp / "data"),
                                 "--bootstrap", str(boot)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            while True:
                try:
                    urllib.request.urlopen(f"{endpoint}/_sclocal/health", timeout=1).read()
                    break
                except OSError:
                    if time.perf_counter() - t_start > TIMEOUT_S or proc.poll() is not None:
                        raise RuntimeError("server did not become healthy")
                    time.sleep(0.01)
            t_healthy = time.perf_counter() - t_start
            rss_before = rss_kib(proc.pid)
            sc = client(endpoint, MGMT)
            pid = sc.create_portfolio(DisplayName="P", ProviderName="Bench", IdempotencyToken="p")["PortfolioDetail"]["Id"]
            org_id = boto3.client("organizations", endpoint_url=endpoint, region_name="us-east-1",
                                  aws_access_key_id=MGMT, aws_secret_access_key="secret").describe_organization()["Organization"]["Id"]
            t0 = time.perf_counter()
            token = sc.create_portfolio_share(PortfolioId=pid, OrganizationNode={"Type": "ORGANIZATION", "Value": org_id})["PortfolioShareToken"]
            while True:
                status = sc.describe_portfolio_share_status(PortfolioShareToken=token)
                if status["Status"] not in ("NOT_STARTED", "IN_PROGRESS"):
                    break
                if time.perf_counter() - t0 > TIMEOUT_S:
                    raise RuntimeError("fan-out did not finish")
                time.sleep(POLL_S)
            t_fanout = time.perf_counter() - t0
            t1 = time.perf_counter()
            status = sc.describe_portfolio_share_status(PortfolioShareToken=token)
            t_status = time.perf_counter() - t1
            member = client(endpoint, f"{200000000000 + n - 1:012d}")
            t2 = time.perf_counter()
            seen = member.list_accepted_portfolio_shares(PortfolioShareType="AWS_ORGANIZATIONS")["PortfolioDetails"]
            t_member = time.perf_counter() - t2
            return {
                "accounts": n,
                "startup_with_bootstrap_s": round(t_healthy, 3),
                "fanout_to_completed_s": round(t_fanout, 3),
                "status": status["Status"],
                "successful_shares": len(status["ShareDetails"]["SuccessfulShares"]),
                "describe_status_s": round(t_status, 4),
                "member_list_accepted_s": round(t_member, 4),
                "member_sees_portfolio": [p["Id"] for p in seen] == [pid],
                "rss_mib_before_share": round(rss_before / 1024, 1),
                "rss_mib_after_share": round(rss_kib(proc.pid) / 1024, 1),
            }
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [10_000, 100_000]
    results = [run(n) for n in sizes]
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
