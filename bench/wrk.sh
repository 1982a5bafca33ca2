#!/usr/bin/env bash
# The write headline with wrk (Debian's `wrk`, one thread, 16 connections), side by side in
# one run: moto's server, sclocal --in-memory, sclocal on a fresh file store, and the bare
# hyper ceiling (bench/bare, answering `{}`). CreatePortfolioShare of one portfolio to a new
# account per request, the account quota lifted. wrk is lighter than bench/loadgen, so it
# leaves more of the two cores to the server and gives the truer ratio to bare.
#
#   bench/wrk.sh                      # 10 s per target
#   DURATION=5 TARGETS="sclocal-mem bare" bench/wrk.sh
#   BEFORE_BIN=/path/to/old/sclocal TARGETS="moto before-mem sclocal-mem before-file sclocal-file bare" bench/wrk.sh
#
# `before-mem` / `before-file` run another build of sclocal (BEFORE_BIN, e.g. one built from an
# earlier commit) the same way, so a change is measured before and after in one run.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/quiet.sh

DURATION="${DURATION:-10}"
TARGETS="${TARGETS:-moto sclocal-mem sclocal-file bare}"
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 2; }
cargo build --release -q -p sclocal-server -p sclocal-bare
rel="${CARGO_TARGET_DIR:-target}/release"
if [[ " $TARGETS " == *" moto "* ]] && [ ! -x bench/.venv/bin/moto_server ]; then
    python3 -m venv bench/.venv
    bench/.venv/bin/pip install -q "moto[server]"
fi

work="$(mktemp -d)"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT INT TERM
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Starts a target, waits for it, creates the portfolio (none for bare); prints its port.
declare -A port portfolio
sclocal_flags=(--shared-accounts-limit 100000000 --auth lenient)
for t in $TARGETS; do
    port[$t]="$(free_port)"
    case "$t" in
        moto) bench/.venv/bin/moto_server -H 127.0.0.1 -p "${port[$t]}" >"$work/$t.log" 2>&1 & ;;
        before-mem) RUST_LOG=warn "${BEFORE_BIN:?before-mem needs BEFORE_BIN}" serve \
            --listen "127.0.0.1:${port[$t]}" --in-memory "${sclocal_flags[@]}" >"$work/$t.log" 2>&1 & ;;
        before-file) RUST_LOG=warn "${BEFORE_BIN:?before-file needs BEFORE_BIN}" serve \
            --listen "127.0.0.1:${port[$t]}" --data-dir "$work/before-data" "${sclocal_flags[@]}" \
            >"$work/$t.log" 2>&1 & ;;
        sclocal-mem) RUST_LOG=warn "$rel/sclocal" serve --listen "127.0.0.1:${port[$t]}" \
            --in-memory "${sclocal_flags[@]}" >"$work/$t.log" 2>&1 & ;;
        sclocal-file) RUST_LOG=warn "$rel/sclocal" serve --listen "127.0.0.1:${port[$t]}" \
            --data-dir "$work/data" "${sclocal_flags[@]}" >"$work/$t.log" 2>&1 & ;;
        bare) "$rel/sclocal-bare" --listen "127.0.0.1:${port[$t]}" >"$work/$t.log" 2>&1 & ;;
        *) echo "unknown target $t" >&2; exit 2 ;;
    esac
    pids+=("$!")
done
for t in $TARGETS; do
    for _ in $(seq 1 300); do
        curl -fsS -o /dev/null --max-time 1 "http://127.0.0.1:${port[$t]}/" 2>/dev/null && break
        curl -s -o /dev/null --max-time 1 "http://127.0.0.1:${port[$t]}/" && break
        sleep 0.1
    done
    if [ "$t" = bare ]; then portfolio[$t]="port-none"; continue; fi
    portfolio[$t]="$(curl -fsS "http://127.0.0.1:${port[$t]}/" \
        -H 'Content-Type: application/x-amz-json-1.1' \
        -H 'X-Amz-Target: AWS242ServiceCatalogService.CreatePortfolio' \
        -H "X-Amz-Date: $(date -u +%Y%m%dT%H%M%SZ)" \
        -H "Authorization: AWS4-HMAC-SHA256 Credential=111111111111/$(date -u +%Y%m%d)/us-east-1/servicecatalog/aws4_request, SignedHeaders=host;x-amz-date, Signature=$(printf '0%.0s' {1..64})" \
        -d '{"DisplayName":"P","ProviderName":"Q","IdempotencyToken":"bench"}' \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["PortfolioDetail"]["Id"])')"
done

declare -A rps p50 p99 errs
for t in $TARGETS; do
    wait_quiet "${pids[@]}"
    echo "== create-portfolio-share against $t (wrk -t1 -c16, ${DURATION}s)" >&2
    line="$(PORTFOLIO_ID="${portfolio[$t]}" wrk -t1 -c16 -d"${DURATION}s" \
        -s bench/wrk/create-portfolio-share.lua "http://127.0.0.1:${port[$t]}/" | grep '^RESULT')"
    read -r _ rps[$t] p50[$t] p99[$t] errs[$t] <<<"$line"
done

mkdir -p bench/results
out="bench/results/wrk-$(date -u +%Y%m%dT%H%M%SZ).md"
{
    echo "wrk -t1 -c16, ${DURATION} s per target, CreatePortfolioShare (one portfolio, a new account per request)"
    echo
    echo "| target | req/s | p50 ms | p99 ms | errors | × moto | % of bare |"
    echo "|---|---:|---:|---:|---:|---:|---:|"
    for t in $TARGETS; do
        vs_moto="–"; vs_bare="–"
        [ -n "${rps[moto]:-}" ] && vs_moto="$(python3 -c "print(f'{${rps[$t]}/${rps[moto]}:.0f}×')")"
        [ -n "${rps[bare]:-}" ] && vs_bare="$(python3 -c "print(f'{100*${rps[$t]}/${rps[bare]}:.0f}%')")"
        echo "| $t | ${rps[$t]} | ${p50[$t]} | ${p99[$t]} | ${errs[$t]} | $vs_moto | $vs_bare |"
    done
} | tee "$out"
echo "kept: $out" >&2
