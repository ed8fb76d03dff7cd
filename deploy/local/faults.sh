#!/usr/bin/env bash
# Fault run (issue 9) against the running stack (deploy/local/up.sh, or e2e.sh's): three tenants'
# customers write at a steady rate while conversation-service and then integrations-service are
# killed with kill -9 and restarted, PostgreSQL is restarted, and the sandbox's Graph API answers
# 20% 130429 (throughput) and 5% 5xx. Afterwards bench/load checks that every message is answered
# exactly once and in order, that refused webhooks were refused with 5xx (Meta retries them), and
# that no number sent faster than its ceiling (80/s). Exits non-zero on any violation.
# Usage: deploy/local/faults.sh [short|full]   (short: about 2.5 minutes, run by CI)
# LIORA_DB_PREFIX must name the running stack's databases (up.sh restarts the killed services).
set -uo pipefail
cd "$(dirname "$0")/../.."
. deploy/local/jdk.sh || exit 1  # the JDK 25 every build and process runs on
. bench/load/lib.sh
run=deploy/local/run
mode="${1:-full}"
if [ "$mode" = short ]; then
    rate=20 seconds=90 kill_conversation=8 kill_integrations=25 restart_postgres=42 meta_faults=55 meta_faults_for=20
else
    rate=40 seconds=180 kill_conversation=15 kill_integrations=45 restart_postgres=75 meta_faults=100 meta_faults_for=60
fi

bench_build || exit 1
bench_tenants 2 || exit 1
log="$run/logs/faults-load.log"
bench_load --rate "$rate" --seconds "$seconds" --ceiling 80 --patience 120 --label "faults-$mode" > "$log" 2>&1 &
load=$!
for _ in $(seq 1 1200); do grep -q "^load started" "$log" && break; kill -0 "$load" 2>/dev/null || break; sleep 0.1; done
grep -q "^load started" "$log" || { echo "faults: the load did not start"; cat "$log"; exit 1; }
t0=$(date +%s.%N)

elapsed() { awk -v t0="$t0" -v now="$(date +%s.%N)" 'BEGIN { printf "%.1f", now - t0 }'; }
at() { # waits until second $1 of the load
    local wait
    wait=$(awk -v t="$1" -v t0="$t0" -v now="$(date +%s.%N)" 'BEGIN { d = t - (now - t0); print (d > 0 ? d : 0) }')
    sleep "$wait"
}
say() { echo "t=$(elapsed)s: $*"; }
restart() { # up.sh starts what is not running and keeps the rest
    LIORA_SKIP_BUILD=true bash deploy/local/up.sh > "$run/logs/faults-restart.log" 2>&1 \
        || { say "restart failed"; tail -n 20 "$run/logs/faults-restart.log"; }
}
kill_and_restart() {
    kill -9 "$(cat "$run/pids/$1")" && say "kill -9 $1"
    sleep 2
    restart
    say "$1 restarted and ready"
}
meta_faults() {
    curl -sf -X PUT -H 'Content-Type: application/json' "$LIORA_SANDBOX_URL/sandbox/faults" -d "{\"throttle_share\":$1,
        \"pair_limit_share\":0,\"server_error_share\":$2,\"drop_share\":0,\"latency_ms\":0,\"status_delay_ms\":0,
        \"duplicate_statuses\":false}" > /dev/null && say "sandbox answers ${1} 130429 and ${2} 5xx"
}
set -a; . deploy/local/demo.env; set +a

at "$kill_conversation"; kill_and_restart conversation-service
at "$kill_integrations"; kill_and_restart integrations-service
at "$restart_postgres"
if command -v pg_lsclusters >/dev/null 2>&1; then
    read -r version cluster _ < <(pg_lsclusters --no-header | head -n 1)
    pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" stop -m fast && say "PostgreSQL stopped"
    sleep 3
    pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" start && say "PostgreSQL started"
else
    say "PostgreSQL restart skipped: no local cluster (embedded PostgreSQL)"
fi
at "$meta_faults"; meta_faults 0.2 0.05
at $((meta_faults + meta_faults_for)); meta_faults 0 0

wait "$load"
status=$?
sed -n '/^faults-/,$p' "$log"
[ "$status" -eq 0 ] && echo "faults: 1 passed, 0 failed" || { echo "faults: 0 passed, 1 failed"; tail -n 30 "$log"; }
exit $status
