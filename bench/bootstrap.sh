#!/usr/bin/env bash
# Times `sclocal serve --bootstrap` from start to healthy on a fresh data directory with one
# organization of N accounts (default 100,000) spread over 10 OUs of 10 sub-OUs each.
# Usage: bench/bootstrap.sh [N]   (SCLOCAL_BIN overrides the binary; default target/release)
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-100000}"
BIN="${SCLOCAL_BIN:-target/release/sclocal}"
[ -x "$BIN" ] || cargo build -q --release -p sclocal-server
WORK="$(mktemp -d)"
trap 'kill "$PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
python3 - "$N" > "$WORK/bootstrap.json" <<'PY'
import json, sys
n = int(sys.argv[1])
ids = [f"{200000000000 + i:012d}" for i in range(n)]
per = max(1, n // 100)
units = [{"name": f"Unit{u}", "units": [
    {"name": f"Team{t}", "accounts": ids[(u * 10 + t) * per:(u * 10 + t + 1) * per]}
    for t in range(10)]} for u in range(10)]
rest = ids[100 * per:]
print(json.dumps({"organizations": [{"management_account": "111111111111",
    "service_catalog_access": True, "accounts": rest, "units": units}]}))
PY
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
START="$(date +%s.%N)"
"$BIN" serve --listen "127.0.0.1:$PORT" --data-dir "$WORK/data" --bootstrap "$WORK/bootstrap.json" \
    > "$WORK/log" 2>&1 &
PID=$!
until curl -sf "http://127.0.0.1:$PORT/_sclocal/health" > /dev/null; do
    kill -0 "$PID" 2>/dev/null || { cat "$WORK/log"; exit 1; }
    sleep 0.02
done
END="$(date +%s.%N)"
python3 -c "print(f'bootstrap of $N accounts to healthy: {$END - $START:.2f} s')"
