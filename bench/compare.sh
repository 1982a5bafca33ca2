#!/usr/bin/env bash
# One run, side by side: moto's server, sclocal --in-memory, sclocal on a fresh file store,
# sclocal on PostgreSQL (one instance, and two instances over one database with the load spread
# over both), and the bare hyper ceiling (bench/bare), each driven in turn by bench/loadgen with
# the same scenario, connections and duration. Prints a table with throughput, p50/p99 and ratios, and
# keeps it (and the raw JSON) in bench/results/. See BENCHMARKS.md.
#
#   bench/compare.sh                                   # 16 connections, 10 s, three scenarios
#   CONNECTIONS=8 DURATION=5 bench/compare.sh list-portfolios
#   TARGETS="sclocal-mem bare" bench/compare.sh        # a subset of the servers
#   EXTRA_ARGS="--requests 10000" bench/compare.sh provision-product-one-account
#   TARGETS="sclocal-pg sclocal-pg2 bare" bench/compare.sh create-portfolio
#   BEFORE_BIN=../before/target/release/sclocal \
#       TARGETS="moto before-mem sclocal-mem before-file sclocal-file bare" bench/compare.sh
#
# The PostgreSQL targets run on a throwaway server (scripts/postgres, which installs Debian's
# package if needed), a database of their own each.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/quiet.sh

CONNECTIONS="${CONNECTIONS:-16}"
DURATION="${DURATION:-10}"
WARMUP="${WARMUP:-2}"
TARGETS="${TARGETS:-moto sclocal-mem sclocal-file sclocal-pg sclocal-pg2 bare}"
rel="${CARGO_TARGET_DIR:-target}/release"
SCLOCAL_LOG="${SCLOCAL_LOG:-info}"
if [ "$#" -gt 0 ]; then scenarios=("$@"); else
    scenarios=(list-portfolios describe-portfolio create-portfolio)
fi
case "$DURATION" in ''|*[!0-9.]*) echo "DURATION must be seconds" >&2; exit 2;; esac

echo "== building (release)"
cargo build --release -q -p sclocal-server -p sclocal-loadgen -p sclocal-bare
if [[ " $TARGETS " == *" moto "* ]] && [ ! -x bench/.venv/bin/moto_server ]; then
    echo "== installing moto[server] into bench/.venv"
    python3 -m venv bench/.venv
    bench/.venv/bin/pip install -q "moto[server]"
fi

work="$(mktemp -d)"
pids=()
pg=""
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    [ -z "$pg" ] || scripts/postgres stop "$pg"
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

declare -A port health endpoint
start() { # name health-path command...
    local name="$1" path="$2"; shift 2
    port[$name]="$(free_port)"
    health[$name]="$path"
    endpoint[$name]="http://127.0.0.1:${port[$name]}"
    "${@//PORT/${port[$name]}}" >"$work/$name.log" 2>&1 &
    pids+=("$!")
}
database() { # name: a fresh database on the throwaway PostgreSQL server, as a URL
    if [ -z "$pg" ]; then
        pg="$(mktemp -d /tmp/sclocal-bench-pg.XXXXXX)"
        scripts/postgres start "$pg" >/dev/null
    fi
    scripts/postgres createdb "$pg" "$1"
}
for t in $TARGETS; do
    case "$t" in
        moto) start moto /moto-api/ bench/.venv/bin/moto_server -H 127.0.0.1 -p PORT ;;
        sclocal-mem) start sclocal-mem /_sclocal/health env RUST_LOG="$SCLOCAL_LOG" \
            "$rel/sclocal" serve --listen 127.0.0.1:PORT --in-memory ;;
        sclocal-file) start sclocal-file /_sclocal/health env RUST_LOG="$SCLOCAL_LOG" \
            "$rel/sclocal" serve --listen 127.0.0.1:PORT --data-dir "$work/data" ;;
        sclocal-pg) url="$(database bench_one)"
            start sclocal-pg /_sclocal/health env RUST_LOG="$SCLOCAL_LOG" \
                "$rel/sclocal" serve --listen 127.0.0.1:PORT --database-url "$url" ;;
        sclocal-pg2) url="$(database bench_two)"
            # Two instances over one database; the load generator spreads its connections
            # over both.
            start sclocal-pg2-b /_sclocal/health env RUST_LOG="$SCLOCAL_LOG" \
                "$rel/sclocal" serve --listen 127.0.0.1:PORT --database-url "$url"
            start sclocal-pg2 /_sclocal/health env RUST_LOG="$SCLOCAL_LOG" \
                "$rel/sclocal" serve --listen 127.0.0.1:PORT --database-url "$url"
            endpoint[sclocal-pg2]="${endpoint[sclocal-pg2]},${endpoint[sclocal-pg2-b]}" ;;
        # Another build of sclocal (BEFORE_BIN, e.g. one built from an earlier commit), run
        # the same way, so a change is measured before and after in one run (as bench/wrk.sh).
        before-mem) start before-mem /_sclocal/health env RUST_LOG="$SCLOCAL_LOG" \
            "${BEFORE_BIN:?before-mem needs BEFORE_BIN}" serve --listen 127.0.0.1:PORT --in-memory ;;
        before-file) start before-file /_sclocal/health env RUST_LOG="$SCLOCAL_LOG" \
            "${BEFORE_BIN:?before-file needs BEFORE_BIN}" serve --listen 127.0.0.1:PORT \
            --data-dir "$work/before-data" ;;
        bare) start bare / "$rel/sclocal-bare" --listen 127.0.0.1:PORT ;;
        *) echo "unknown target $t" >&2; exit 2 ;;
    esac
done
health_checked="$TARGETS"
[[ " $TARGETS " == *" sclocal-pg2 "* ]] && health_checked="$TARGETS sclocal-pg2-b"
for t in $health_checked; do
    ok=""
    for _ in $(seq 1 300); do
        if curl -fsS -o /dev/null --max-time 1 "http://127.0.0.1:${port[$t]}${health[$t]}"; then ok=1; break; fi
        sleep 0.1
    done
    if [ -z "$ok" ]; then echo "$t did not become healthy; its log:" >&2; cat "$work/$t.log" >&2; exit 1; fi
    echo "== $t up on 127.0.0.1:${port[$t]}"
done

mkdir -p bench/results
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
raw="bench/results/compare-$stamp.jsonl"
: >"$raw"
for s in "${scenarios[@]}"; do
    for t in $TARGETS; do
        extra=()
        [ "$t" = bare ] && extra=(--no-setup)
        wait_quiet "${pids[@]}"
        echo "== $s against $t (${CONNECTIONS} connections, ${DURATION}s)"
        if ! timeout $(( ${DURATION%.*} + WARMUP + 120 )) "$rel/sclocal-loadgen" \
                --endpoint "${endpoint[$t]}" --scenario "$s" \
                --connections "$CONNECTIONS" --duration "$DURATION" --warmup "$WARMUP" \
                --json "${extra[@]}" ${EXTRA_ARGS:-} >"$work/out.json" 2>"$work/err.txt"; then
            echo "   failed: $(tail -n 3 "$work/err.txt")"
            continue
        fi
        jq -c --arg t "$t" '. + {target: $t}' "$work/out.json" >>"$raw"
    done
done

table="bench/results/compare-$stamp.md"
python3 - "$raw" "$CONNECTIONS" "$DURATION" >"$table" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
print(f"{sys.argv[2]} connections, {sys.argv[3]} s per target\n")
settles = any("settle_p50_us" in r for r in rows)
extra_head = " settle p50 ms | settle p99 ms |" if settles else ""
extra_rule = "---:|---:|" if settles else ""
print(f"| scenario | target | req/s | p50 ms | p99 ms | errors | × moto | % of bare |{extra_head}")
print(f"|---|---|---:|---:|---:|---:|---:|---:|{extra_rule}")
by = {(r["scenario"], r["target"]): r for r in rows}
for r in rows:
    moto = by.get((r["scenario"], "moto"))
    bare = by.get((r["scenario"], "bare"))
    vs_moto = f'{r["throughput_rps"] / moto["throughput_rps"]:.0f}×' if moto and moto["throughput_rps"] else "–"
    vs_bare = f'{100 * r["throughput_rps"] / bare["throughput_rps"]:.0f}%' if bare and bare["throughput_rps"] else "–"
    extra = ""
    if settles:
        extra = (f' {r["settle_p50_us"]/1000:.2f} | {r["settle_p99_us"]/1000:.2f} |'
                 if "settle_p50_us" in r else " – | – |")
    print(f'| {r["scenario"]} | {r["target"]} | {r["throughput_rps"]:.0f} | {r["p50_us"]/1000:.2f} | '
          f'{r["p99_us"]/1000:.2f} | {r["errors"]} | {vs_moto} | {vs_bare} |{extra}')
pairs = [(s, by[(s, "sclocal-pg2")], by[(s, "sclocal-pg")]) for (s, t) in by
         if t == "sclocal-pg2" and (s, "sclocal-pg") in by]
if pairs:
    print("\nTwo instances over one PostgreSQL database against one:\n")
    for s, two, one in pairs:
        ratio = two["throughput_rps"] / one["throughput_rps"] if one["throughput_rps"] else 0
        print(f"- {s}: {ratio:.2f}×")
PY
echo
cat "$table"
echo
echo "kept: $table and $raw"
