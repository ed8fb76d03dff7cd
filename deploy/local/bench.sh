#!/usr/bin/env bash
# Webhook load benchmark (first slice of issue 9): starts the five processes on fresh liora_bench_*
# databases with the demo number upgraded to Meta's 1,000 msg/s tier, then offers signed webhooks
# at each rate for the given seconds and reports ack and end-to-end latency, lost and duplicated
# replies (bench/load/WebhookLoad.java). Exits non-zero when a reply is lost or duplicated.
# Usage: deploy/local/bench.sh [seconds per step, default 30] [rates..., default 80 160 320]
set -uo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-30}"
shift || true
rates=("$@")
[ ${#rates[@]} -gt 0 ] || rates=(80 160 320)

bash deploy/local/down.sh >/dev/null 2>&1 || true
# upgraded tier for the demo number: the governor's ceiling, not the bench, would limit otherwise
export JAVA_TOOL_OPTIONS="-Dliora.whatsapp.ceilings.100000000000001=1000"
LIORA_DB_PREFIX=liora_bench LIORA_FRESH_DATABASES=true bash deploy/local/up.sh > /tmp/liora-bench-up.log 2>&1 \
    || { tail -30 /tmp/liora-bench-up.log; exit 1; }
unset JAVA_TOOL_OPTIONS
[ -n "${BENCH_KEEP_RUNNING:-}" ] || trap 'bash deploy/local/down.sh >/dev/null 2>&1' EXIT

# the tenant's reply cap (600/min by default) would silence the load on purpose: raise it
set -a; . deploy/local/demo.env; set +a
token=$(curl -sf -H 'Content-Type: application/json' \
    -d "{\"email\":\"$LIORA_DEMO_OWNER_EMAIL\",\"password\":\"$LIORA_DEMO_OWNER_PASSWORD\"}" \
    "$LIORA_TENANT_URL/auth/login" | python3 -c "import json,sys; print(json.load(sys.stdin)['access_token'])")
curl -sf -X PUT -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"reply_rate_per_minute": 100000}' "$LIORA_TENANT_URL/clientes/$LIORA_DEMO_CLIENTE_ID/policy" >/dev/null \
    || { echo "could not raise the reply cap"; exit 1; }

cp=deploy/local/run/bench-load.cp
./mvnw -B -q -f bench/load/pom.xml \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath -Dmdep.outputFile="$PWD/$cp"
status=0
for rate in "${rates[@]}"; do
    echo "== $rate msg/s for $seconds s"
    java -Xmx1g -cp "$(cat "$cp")" bench/load/WebhookLoad.java "$rate" "$seconds" || status=1
done
exit $status
