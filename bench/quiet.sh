# Sourced by bench/compare.sh and bench/wrk.sh.
#
# wait_quiet PID...: returns once none of the processes used more than 10 ms of CPU over the
# last 250 ms and the page cache has been flushed to disk (`sync`). Targets run one
# after another on the same two cores and the same disk; a server that has just taken a write
# run keeps working after it (a file store checkpoints the large WAL it wrote) and leaves
# dirty pages the kernel writes back later, and both would otherwise land in the next target's
# measurement, whose commits wait on that disk: measured on 2026-12-07, whichever file store
# ran second lost 15-25% of its throughput to the first.
cpu_ticks() { # the user + system clock ticks of the processes, summed
    local total=0 pid fields
    for pid in "$@"; do
        [ -r "/proc/$pid/stat" ] || continue
        # Fields after the command name (which may hold spaces): utime is the 12th, stime the 13th.
        read -r -a fields <<<"$(sed 's/^.*) //' "/proc/$pid/stat")"
        total=$(( total + fields[11] + fields[12] ))
    done
    echo "$total"
}
wait_quiet() {
    idle "$@"
    sync
    idle "$@"
}
idle() { # PID...: until the processes are idle (10 ms of CPU in 250 ms), at most 30 s
    local hz before after
    hz="$(getconf CLK_TCK)"
    for _ in $(seq 1 120); do
        before="$(cpu_ticks "$@")"
        sleep 0.25
        after="$(cpu_ticks "$@")"
        if (( (after - before) * 1000 <= 10 * hz )); then return 0; fi
    done
}
