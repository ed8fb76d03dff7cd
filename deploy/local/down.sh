#!/usr/bin/env bash
# Stops exactly what deploy/local/up.sh started (the processes in deploy/local/run/pids): the
# services and the sandbox first, then the embedded PostgreSQL if up.sh started one.
set -uo pipefail
cd "$(dirname "$0")"
stop() {
    local pidfile=$1 pid
    [ -f "$pidfile" ] || return 0
    pid=$(cat "$pidfile")
    if kill -0 "$pid" 2>/dev/null; then
        kill "$pid" && echo "stopped $(basename "$pidfile") (pid $pid)"
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    fi
    rm -f "$pidfile"
}
for pidfile in run/pids/*; do
    [ "$(basename "$pidfile")" = postgres ] || stop "$pidfile"
done
stop run/pids/postgres
