#!/usr/bin/env bash
# Issue 2's benchmark: time from process start to the first 200 from GET /_sclocal/health with
# an empty store (in memory, and a fresh file store), and the idle RSS after start (VmRSS from
# /proc/<pid>/status). Several runs per mode; prints the median. Aims: < 50 ms, < 20 MiB.
#
#   bench/startup.sh            # 9 runs per mode
#   RUNS=21 bench/startup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-9}"
BIN="${SCLOCAL_BIN:-target/release/sclocal}"
if [ -z "${SCLOCAL_BIN:-}" ]; then
    cargo build --release -q -p sclocal-server
fi
mkdir -p bench/results
python3 - "$BIN" "$RUNS" <<'PY'
import json, os, shutil, socket, statistics, subprocess, sys, tempfile, time

binary, runs = sys.argv[1], int(sys.argv[2])

def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p

def health_ok(port):
    # One short-lived connection per attempt; a refused connect costs microseconds.
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as c:
            c.sendall(b"GET /_sclocal/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            return c.recv(64).startswith(b"HTTP/1.1 200")
    except OSError:
        return False

def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0

def one(mode):
    port = free_port()
    data = tempfile.mkdtemp(prefix="sclocal-startup-")
    args = [binary, "serve", "--listen", f"127.0.0.1:{port}"]
    args += ["--in-memory"] if mode == "memory" else ["--data-dir", os.path.join(data, "d")]
    t0 = time.perf_counter_ns()
    p = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = t0 + 10_000_000_000
        while not health_ok(port):
            if time.perf_counter_ns() > deadline or p.poll() is not None:
                raise SystemExit(f"{mode}: no healthy answer (exit {p.poll()})")
            time.sleep(0.0005)
        ready_ms = (time.perf_counter_ns() - t0) / 1e6
        time.sleep(0.5)  # idle
        rss = rss_kib(p.pid) / 1024
        return ready_ms, rss
    finally:
        p.terminate()
        p.wait(timeout=10)
        shutil.rmtree(data, ignore_errors=True)

results = {}
for mode in ("memory", "file"):
    samples = [one(mode) for _ in range(runs)]
    ready = [s[0] for s in samples]
    rss = [s[1] for s in samples]
    results[mode] = {
        "runs": runs,
        "ready_ms_median": round(statistics.median(ready), 1),
        "ready_ms_min": round(min(ready), 1),
        "ready_ms_max": round(max(ready), 1),
        "idle_rss_mib_median": round(statistics.median(rss), 1),
    }
print("| store | runs | ready: median (min–max) | idle RSS (median) |")
print("|---|---:|---:|---:|")
for mode, r in results.items():
    print(f'| {mode} | {r["runs"]} | {r["ready_ms_median"]} ms ({r["ready_ms_min"]}–{r["ready_ms_max"]}) '
          f'| {r["idle_rss_mib_median"]} MiB |')
with open("bench/results/startup-latest.json", "w") as f:
    json.dump(results, f, indent=1)
PY
