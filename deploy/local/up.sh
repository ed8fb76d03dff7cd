#!/usr/bin/env bash
# Runs all of Liora on this machine: builds, prepares PostgreSQL, starts the four services and the
# WhatsApp sandbox in the background, seeds the demo tenant and its catalog, and prints the chat URL.
# Running it again is harmless: what runs keeps running, what exists is kept. Stop: deploy/local/down.sh
# LIORA_DB_PREFIX (default liora) names the databases; LIORA_FRESH_DATABASES=true starts them empty.
# LIORA_WEBHOOK_REPLICA=true receives Meta's webhook on a conversation-service replica of its own
# (port 8092, no background work), as the Kubernetes base does; LIORA_JVM_OPTS adds JVM flags.
# LIORA_AOT_DIR: each process's AOT cache (JEP 483/514/515) is kept there, one per build of its jars;
# a process without one records it (written when the process stops), one with it starts from it.
set -euo pipefail
cd "$(dirname "$0")/../.."
. deploy/local/jdk.sh  # the JDK 25 every build and process runs on
root=$(pwd)
run="$root/deploy/local/run"
mkdir -p "$run/logs" "$run/pids" "$run/keys"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"

say() { printf '\033[1m%s\033[0m\n' "$*"; }

# --- PostgreSQL: the local server when one answers, else an embedded one (a JDK is enough) --------
answers() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }
if ! answers "$PGHOST" "$PGPORT" && command -v pg_lsclusters >/dev/null 2>&1; then
    pg_lsclusters --no-header | while read -r version cluster _rest; do
        pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" start || true
    done
fi
if answers "$PGHOST" "$PGPORT" && command -v psql >/dev/null 2>&1 && [ "${LIORA_EMBEDDED_PG:-}" != "true" ]; then
    bash deploy/local/init-db.sh >/dev/null
    export LIORA_DB_HOST="$PGHOST" LIORA_DB_PORT="$PGPORT"
else
    embedded_port=55432
    if ! answers localhost "$embedded_port"; then
        say "No PostgreSQL here: starting an embedded one (data in deploy/local/run/postgres)…"
        ./mvnw -B -q -f deploy/local/embedded-pg/pom.xml \
            org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath -Dmdep.outputFile="$run/embedded-pg.cp"
        nohup java -cp "$(cat "$run/embedded-pg.cp")" deploy/local/embedded-pg/EmbeddedPostgres.java \
            "$run/postgres" "$embedded_port" "${LIORA_DB_PREFIX:-liora}" > "$run/logs/postgres.log" 2>&1 &
        echo $! > "$run/pids/postgres"
        for _ in $(seq 1 120); do grep -q "^ready" "$run/logs/postgres.log" 2>/dev/null && break; sleep 0.5; done
        grep -q "^ready" "$run/logs/postgres.log" || { echo "The embedded PostgreSQL did not start:"; tail "$run/logs/postgres.log"; exit 1; }
    fi
    export LIORA_DB_HOST=localhost LIORA_DB_PORT="$embedded_port"
fi

# --- build --------------------------------------------------------------------------------------
if [ "${LIORA_SKIP_BUILD:-}" != "true" ]; then
    say "Building (./mvnw install -DskipTests)…"
    ./mvnw -B -q install -DskipTests
fi

# --- local secrets, made once, never committed (deploy/local/run is ignored by git) ----------------
secrets="$run/secrets.env"
if [ ! -f "$secrets" ]; then
    [ -f "$run/keys/k1.pem" ] || openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$run/keys/k1.pem" 2>/dev/null
    rnd() { openssl rand -hex "$1"; }
    cat > "$secrets" <<ENV
LIORA_CRYPTO_KEYS=k1:$(openssl rand -base64 32)
LIORA_CRYPTO_PRIMARY_KEY=k1
LIORA_CLIENT_SECRET_CONVERSATION=$(rnd 24)
LIORA_CLIENT_SECRET_INTEGRATIONS=$(rnd 24)
LIORA_CLIENT_SECRET_CATALOG=$(rnd 24)
LIORA_META_APP_SECRET=$(rnd 16)
LIORA_META_VERIFY_TOKEN=$(rnd 12)
LIORA_PLATFORM_ADMIN_PASSWORD=admin-$(rnd 6)
LIORA_DEMO_OWNER_PASSWORD=demo-$(rnd 6)
LIORA_DEMO_ACCESS_TOKEN=EAAG-sandbox-$(rnd 16)
ENV
    chmod 600 "$secrets"
fi
# secrets added since a machine's secrets.env was made
grep -q '^LIORA_TOMBSTONE_KEY=' "$secrets" || echo "LIORA_TOMBSTONE_KEY=$(openssl rand -hex 32)" >> "$secrets"
set -a; . "$secrets"; set +a

export LIORA_DB_PASSWORD=liora_app LIORA_DB_MIGRATION_PASSWORD=liora_owner
export LIORA_PLATFORM_ADMIN_EMAIL=admin@liora.local LIORA_DEMO_OWNER_EMAIL=owner@demo.liora.local
export LIORA_DEMO_PHONE_NUMBER_ID=100000000000001
export LIORA_TENANT_URL=http://localhost:8081 LIORA_CONVERSATION_URL=http://localhost:8082
export LIORA_CATALOG_URL=http://localhost:8083 LIORA_INTEGRATIONS_URL=http://localhost:8084
export LIORA_SANDBOX_URL=http://localhost:8090
export LIORA_JWKS_URL=http://localhost:8081/.well-known/jwks.json

# A process's AOT cache for this build of its jars: a rebuild records a new one (the JDK would refuse
# the old one, its jars having changed, and start without it).
aot_cache() { # name, jar
    local stamp
    stamp=$(find "$(dirname "$2")" -name '*.jar' -printf '%P %s %T@\n' | sort | cksum | cut -d' ' -f1)
    echo "$LIORA_AOT_DIR/$1-$stamp.aot"
}

start() { # name, jar, extra env assignments...
    local name=$1 jar=$2; shift 2
    if [ -f "$run/pids/$name" ] && kill -0 "$(cat "$run/pids/$name")" 2>/dev/null; then
        echo "  $name already running (pid $(cat "$run/pids/$name"))"
        return
    fi
    local aot=() cache
    if [ -n "${LIORA_AOT_DIR:-}" ]; then
        mkdir -p "$LIORA_AOT_DIR"
        cache=$(aot_cache "$name" "$jar")
        if [ -f "$cache" ]; then aot=("-XX:AOTCache=$cache")
        else
            rm -f "$LIORA_AOT_DIR/$name"-*.aot # an earlier build's
            aot=("-XX:AOTCacheOutput=$cache")
        fi
    fi
    # shellcheck disable=SC2086 # LIORA_JVM_OPTS is a list of flags
    env "$@" nohup java -Xmx320m ${LIORA_JVM_OPTS:--XX:+UseSerialGC} "${aot[@]}" -jar "$jar" > "$run/logs/$name.log" 2>&1 &
    echo $! > "$run/pids/$name"
    echo "  $name started (pid $!${aot:+, ${aot[0]%%=*} ${aot[0]#*=}}), log: deploy/local/run/logs/$name.log"
}

say "Starting…"
prefix="${LIORA_DB_PREFIX:-liora}"
start tenant-service tenant-service/target/quarkus-app/quarkus-run.jar LIORA_DB_NAME="${prefix}_tenant" \
    QUARKUS_PROFILE=demo LIORA_SIGNING_KEY_DIR="$run/keys" LIORA_SIGNING_KEY_ID=k1 \
    LIORA_CONSOLE_ORIGINS="$LIORA_CONVERSATION_URL"
start catalog-service catalog-service/target/quarkus-app/quarkus-run.jar LIORA_DB_NAME="${prefix}_catalog" \
    LIORA_CLIENT_SECRET="$LIORA_CLIENT_SECRET_CATALOG"
start integrations-service integrations-service/target/quarkus-app/quarkus-run.jar LIORA_DB_NAME="${prefix}_integrations" \
    LIORA_CLIENT_SECRET="$LIORA_CLIENT_SECRET_INTEGRATIONS" LIORA_GRAPH_BASE_URL="$LIORA_SANDBOX_URL" \
    LIORA_BITLY_BASE_URL="$LIORA_SANDBOX_URL" LIORA_BITLY_TOKEN=sandbox-bitly-token LIORA_BITLY_DOMAIN=localhost:8090
start conversation-service conversation-service/target/quarkus-app/quarkus-run.jar LIORA_DB_NAME="${prefix}_conversation" \
    LIORA_CLIENT_SECRET="$LIORA_CLIENT_SECRET_CONVERSATION"
webhook_url="$LIORA_CONVERSATION_URL"
ready_urls="http://localhost:9081/q/health/ready http://localhost:9082/q/health/ready"
if [ "${LIORA_WEBHOOK_REPLICA:-}" = "true" ]; then
    # the same service on the same database: it stores and acknowledges, the other one answers
    webhook_url=http://localhost:8092
    ready_urls+=" http://localhost:9092/q/health/ready"
    start conversation-webhook conversation-service/target/quarkus-app/quarkus-run.jar \
        LIORA_DB_NAME="${prefix}_conversation" LIORA_CLIENT_SECRET="$LIORA_CLIENT_SECRET_CONVERSATION" \
        LIORA_HTTP_PORT=8092 LIORA_MANAGEMENT_PORT=9092 LIORA_INBOX_WORKER_ENABLED=false
fi
start whatsapp-sandbox whatsapp-sandbox/target/quarkus-app/quarkus-run.jar \
    LIORA_SANDBOX_NUMBERS="$LIORA_DEMO_PHONE_NUMBER_ID:$LIORA_DEMO_ACCESS_TOKEN" LIORA_CONVERSATION_URL="$webhook_url"

say "Waiting until everything is ready…"
# health is on each service's management port (its HTTP port + 1000); the sandbox has none apart
for url in $ready_urls http://localhost:9083/q/health/ready http://localhost:9084/q/health/ready \
           http://localhost:8090/q/health/ready; do
    for _ in $(seq 1 120); do curl -sf "$url" >/dev/null 2>&1 && break; sleep 0.5; done
    curl -sf "$url" >/dev/null || { echo "Not ready: $url (see deploy/local/run/logs)"; exit 1; }
done

# --- the demo tenant's catalog, published through the signed publish route -------------------------
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
owner_token=$(curl -sf -H 'Content-Type: application/json' \
    -d "{\"email\":\"$LIORA_DEMO_OWNER_EMAIL\",\"password\":\"$LIORA_DEMO_OWNER_PASSWORD\"}" \
    http://localhost:8081/auth/login | json "['access_token']")
cliente_id=$(python3 -c "import base64,json,sys; p=sys.argv[1].split('.')[1]; p+='='*(-len(p)%4); \
print(json.loads(base64.urlsafe_b64decode(p))['cliente_id'])" "$owner_token")
active=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $owner_token" \
    "http://localhost:8083/clientes/$cliente_id/catalog/active")
if [ "$active" != "200" ]; then
    catalog_secret=$(curl -sf -X POST -H "Authorization: Bearer $owner_token" \
        "http://localhost:8083/clientes/$cliente_id/catalog/secret" | json "['secret']")
    printf 'LIORA_DEMO_CATALOG_SECRET=%s\n' "$catalog_secret" > "$run/catalog-secret.env"
    chmod 600 "$run/catalog-secret.env"
    t=$(date +%s)
    signature=$( { printf '%s.' "$t"; cat deploy/local/demo-catalog.json; } | openssl dgst -sha256 -hmac "$catalog_secret" | sed 's/^.*= //')
    curl -sf -X POST -H 'Content-Type: application/json' -H "X-Liora-Signature: t=$t,v1=$signature" \
        --data-binary @deploy/local/demo-catalog.json "http://localhost:8083/clientes/$cliente_id/catalog/publish" >/dev/null
    echo "  published the demo catalog (20 products) with a signed publish"
fi
[ -f "$run/catalog-secret.env" ] && . "$run/catalog-secret.env"

cat > deploy/local/demo.env <<ENV
LIORA_PLATFORM_ADMIN_EMAIL=$LIORA_PLATFORM_ADMIN_EMAIL
LIORA_PLATFORM_ADMIN_PASSWORD=$LIORA_PLATFORM_ADMIN_PASSWORD
LIORA_DEMO_CLIENTE_ID=$cliente_id
LIORA_DEMO_OWNER_EMAIL=$LIORA_DEMO_OWNER_EMAIL
LIORA_DEMO_OWNER_PASSWORD=$LIORA_DEMO_OWNER_PASSWORD
LIORA_DEMO_PHONE_NUMBER_ID=$LIORA_DEMO_PHONE_NUMBER_ID
LIORA_DEMO_CATALOG_SECRET=${LIORA_DEMO_CATALOG_SECRET:-}
LIORA_META_APP_SECRET=$LIORA_META_APP_SECRET
LIORA_META_VERIFY_TOKEN=$LIORA_META_VERIFY_TOKEN
LIORA_TENANT_URL=$LIORA_TENANT_URL
LIORA_CONVERSATION_URL=$LIORA_CONVERSATION_URL
LIORA_WEBHOOK_URL=$webhook_url
LIORA_CATALOG_URL=$LIORA_CATALOG_URL
LIORA_INTEGRATIONS_URL=$LIORA_INTEGRATIONS_URL
LIORA_SANDBOX_URL=$LIORA_SANDBOX_URL
ENV

say "Liora is running."
echo "  Chat with the demo store:  $LIORA_SANDBOX_URL/"
echo "  Agent console:             $LIORA_CONVERSATION_URL/console/"
echo "  Demo owner:                $LIORA_DEMO_OWNER_EMAIL / $LIORA_DEMO_OWNER_PASSWORD"
echo "  Platform admin:            $LIORA_PLATFORM_ADMIN_EMAIL / $LIORA_PLATFORM_ADMIN_PASSWORD"
echo "  Settings:                  deploy/local/demo.env     Stop: deploy/local/down.sh"
