#!/usr/bin/env bash
# Load benchmark (issue 9), one command: starts the five processes on fresh liora_bench_* databases
# with every bench number on Meta's upgraded tier (1,000 msg/s), adds tenants with catalogs, measures
# the machine's ceilings (a trivial HTTP endpoint under the same client; PostgreSQL's single-row
# insert rate with pgbench), then offers open-model webhook load at each rate (bench/load) and
# searches for the highest rate that keeps webhook p99 < 50 ms and end-to-end p99 < 1 s. Writes the
# rows to deploy/local/run/bench-results.tsv, the plot to docs/benchmarks-load.png, and prints a
# Markdown table, then each step's cost per answered message (bench/load/costs.py: CPU ms per
# process from /proc, PostgreSQL transactions and, with pg_stat_statements loaded, statements). The
# HTTP ceiling also comes from wrk (a C client, installed when missing). Exits non-zero when any step loses, duplicates or misorders an answer.
# Usage: deploy/local/bench.sh [seconds per step, default 15] [rates..., default 80 320 1000]
# Env: BENCH_TENANTS (extra tenants, default 3), BENCH_SEARCH_SECONDS (default 20),
#      BENCH_SEARCH_STEPS (default 4), BENCH_KEEP_RUNNING=1 (leave the stack up),
#      LIORA_AOT_DIR (the processes' AOT caches, default deploy/local/run/aot; empty: none)
set -uo pipefail
cd "$(dirname "$0")/../.."
. deploy/local/jdk.sh || exit 1  # the JDK 25 every build and process runs on
. bench/load/lib.sh
seconds="${1:-15}"
shift || true
rates=("$@")
[ ${#rates[@]} -gt 0 ] || rates=(80 320 1000)
tenants="${BENCH_TENANTS:-3}"
run=deploy/local/run
results="$run/bench-results.tsv"
mkdir -p "$run/logs"
: > "$results"
# each process starts from its AOT cache for this build; the first run after a build records them
# (and costs more CPU, docs/benchmarks.md). LIORA_AOT_DIR= (empty) runs without.
export LIORA_AOT_DIR="${LIORA_AOT_DIR-$run/aot}"

echo "machine: $(nproc) cores, $(free -g | awk '/^Mem/ {print $2}') GiB, $(java -version 2>&1 | head -n 1)," \
    "$(psql --version 2>/dev/null || echo 'embedded PostgreSQL')"
bash deploy/local/down.sh >/dev/null 2>&1 || true
# statements per message need pg_stat_statements, loaded at server start: the local cluster is
# given it once (and restarted) when it can be; without it the statements column says "-"
if command -v pg_ctlcluster >/dev/null 2>&1 \
        && ! psql -h 127.0.0.1 -U postgres -At -c "show shared_preload_libraries" | grep -q pg_stat_statements; then
    psql -q -h 127.0.0.1 -U postgres -c "alter system set shared_preload_libraries = 'pg_stat_statements'" \
        && pg_lsclusters --no-header | while read -r version cluster _rest; do
            pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" restart; done
fi
psql -q -h 127.0.0.1 -U postgres -c "create extension if not exists pg_stat_statements" >/dev/null 2>&1 || true
# autovacuum is on in any PostgreSQL a tenant runs on; a CI cluster may turn it off (this machine's
# conf.d does), and then the queues' dead rows and tables never analysed make the run measure that.
# Turned on for the run (a reload, no restart) and put back as it was when the run ends.
autovacuum_was="$(psql -h 127.0.0.1 -U postgres -At -c "show autovacuum" 2>/dev/null)"
if [ "$autovacuum_was" = "off" ]; then
    psql -q -h 127.0.0.1 -U postgres -c "alter system set autovacuum = on" -c "select pg_reload_conf()" >/dev/null
fi
restore_autovacuum() {
    [ "$autovacuum_was" = "off" ] && psql -q -h 127.0.0.1 -U postgres -c "alter system reset autovacuum" \
        -c "select pg_reload_conf()" >/dev/null 2>&1
    return 0
}
echo "autovacuum: on$([ "$autovacuum_was" = "off" ] && echo " (turned on for this run; off again after it)")"
# PostgreSQL's ceiling first, while all its connections are free: single-row inserts over as many
# connections as one service's pool (LIORA_DB_POOL_SIZE, 20)
if command -v pgbench >/dev/null 2>&1; then
    psql -q -o /dev/null -h 127.0.0.1 -U postgres -c "set client_min_messages = warning" \
        -c "drop database if exists liora_bench_pgbench" -c "create database liora_bench_pgbench" \
        && psql -q -h 127.0.0.1 -U postgres -d liora_bench_pgbench \
            -c "create table ping (id bigserial primary key, at timestamptz not null default now(), body text not null)" \
        && echo "insert into ping (body) values ('hola');" > "$run/pgbench-insert.sql" \
        && pgbench -h 127.0.0.1 -U postgres -n -c 20 -j 2 -T 10 -f "$run/pgbench-insert.sql" liora_bench_pgbench 2>&1 \
            | awk '/^tps/ {printf "CEILING postgres_single_row_inserts_per_s=%.0f connections=20\n", $3}
                   /latency average/ {print "        " $0} /error|FATAL/ {print "pgbench: " $0}'
fi
ceilings=""
for k in $(seq 0 "$tenants"); do ceilings+="-Dliora.whatsapp.ceilings.$((100000000000001 + k))=1000 "; done
JAVA_TOOL_OPTIONS="$ceilings" LIORA_DB_PREFIX=liora_bench LIORA_FRESH_DATABASES=true bash deploy/local/up.sh \
    > "$run/logs/bench-up.log" 2>&1 || { tail -n 30 "$run/logs/bench-up.log"; exit 1; }
grep -q AOTCacheOutput "$run/logs/bench-up.log" && echo "AOT caches: recorded by this run (the next one starts from them)"
grep -q 'AOTCache ' "$run/logs/bench-up.log" && echo "AOT caches: used ($LIORA_AOT_DIR)"
trap restore_autovacuum EXIT
[ -n "${BENCH_KEEP_RUNNING:-}" ] || trap 'bash deploy/local/down.sh >/dev/null 2>&1; restore_autovacuum' EXIT
bench_build || exit 1
rm -f "$run/bench-tenants.json"
bench_tenants "$tenants" || exit 1

# the JIT needs minutes of load on 2 shared cores (C2 is the busiest thread before that)
echo "== warm-up (not reported): 40 msg/s for 60 s, 60 msg/s for 30 s"
bench_load --rate 40 --seconds 60 --ceiling 1000 --label warmup --patience 60 | grep -E "^warmup|verdict"
bench_load --rate 60 --seconds 30 --ceiling 1000 --label warmup --patience 60 | grep -E "^warmup|verdict"

echo "== HTTP ceiling (warm)"
java -cp "$BENCH_CP" io.liora.bench.EndpointCeiling 10 64
# the ceiling from a C client (HTTP/1.1 keep-alive), so the generator's own cost is not in it
command -v wrk >/dev/null 2>&1 || apt-get install -y -q wrk >/dev/null 2>&1 || echo "wrk not installed (apt-get install wrk)"
if command -v wrk >/dev/null 2>&1; then
    . deploy/local/demo.env
    wrk -t2 -c32 -d10s --latency \
        "${LIORA_WEBHOOK_URL:-http://localhost:8082}/webhook/meta?hub.mode=subscribe&hub.verify_token=$LIORA_META_VERIFY_TOKEN&hub.challenge=42" \
        | awk '/Requests\/sec/ {rps = $2} /^ +99%/ {p99 = $2} END {printf "CEILING wrk_trivial_get_per_s=%.0f p99=%s (2 threads, 32 connections)\n", rps, p99}'
fi
costs="$run/bench-costs.tsv"
: > "$costs"

status=0
step() { # label rate seconds; the step's CPU per process, transactions and statements per message too
    echo "== $1: $2 msg/s for $3 s"
    python3 bench/load/costs.py --label "$1@$2" --results "$results" --costs "$costs" -- \
        java $BENCH_JVM_OPTS -cp "$BENCH_CP" io.liora.bench.WebhookLoad --tenants deploy/local/run/bench-tenants.json \
        --rate "$2" --seconds "$3" --ceiling 1000 --label "$1" --results "$results" --patience 60 \
        | grep -vE "^(calibrated|load started|RESULT)" || status=1
}
meets_aims() { # the last row for rate $1: ack p99 < 50 ms, end-to-end p99 < 1 s, nothing lost or duplicated
    awk -F'\t' -v rate="$1" '$2 == rate { ok = ($7 < 50 && $10 < 1000 && $13 + $14 + $15 + $17 == 0) }
                             END { exit ok ? 0 : 1 }' "$results"
}
for rate in "${rates[@]}"; do
    step step "$rate" "$seconds"
done

# the highest rate within the aims, by bisection between the best step that met them and the first that did not
low=0
high=0
for rate in "${rates[@]}"; do
    if meets_aims "$rate"; then low=$rate; elif [ "$high" -eq 0 ]; then high=$rate; fi
done
if [ "$low" -eq 0 ]; then
    low=10
    step search "$low" "${BENCH_SEARCH_SECONDS:-20}"
    meets_aims "$low" || low=0
fi
if [ "$low" -gt 0 ] && [ "$high" -gt 0 ]; then
    for _ in $(seq 1 "${BENCH_SEARCH_STEPS:-4}"); do
        mid=$(( (low + high) / 2 / 5 * 5 ))
        [ "$mid" -le "$low" ] && break
        step search "$mid" "${BENCH_SEARCH_SECONDS:-20}"
        if meets_aims "$mid"; then low=$mid; else high=$mid; fi
    done
fi
echo "== highest rate within the aims: ${low} msg/s (first rate above them: ${high} msg/s)"

java -Djava.awt.headless=true -cp "$BENCH_CP" io.liora.bench.Plot "$results" docs/benchmarks-load.png \
    "Liora, everything on $(nproc) cores: webhook load"
echo
echo "| run | offered msg/s | s | messages | ack p50 / p99 / p99.9 ms | end-to-end p50 / p99 / p99.9 ms | answered msg/s | lost / dup / misordered | busiest second ÷ ceiling |"
echo "|---|---|---|---|---|---|---|---|---|"
awk -F'\t' '{ printf "| %s | %s | %s | %s | %s / %s / %s | %s / %s / %s | %s | %s / %s / %s | %s |\n",
              $1, $2, $3, $4, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $18 }' "$results"
echo
echo "CPU ms per answered message, by process; transactions and statements per message (pg_stat_*):"
echo "| step@rate | answered | tenant | conversation | catalog | integrations | sandbox | PostgreSQL | generator | 4 services + PostgreSQL | transactions | statements |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12 }' "$costs"
echo
echo "CPU seconds of each process over the whole run (warm-up included), by kind of thread:"
python3 bench/load/threads.py "$run/pids"
exit $status
