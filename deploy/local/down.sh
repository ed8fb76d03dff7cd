#!/usr/bin/env bash
# Stops exactly what deploy/local/up.sh started (the processes in deploy/local/run/pids).
set -uo pipefail
cd "$(dirname "$0")"
for pidfile in run/pids/*; do
    [ -f "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    if kill -0 "$pid" 2>/dev/null; then
        kill "$pid" && echo "stopped $(basename "$pidfile") (pid $pid)"
    fi
    rm -f "$pidfile"
done
