#!/usr/bin/env bash
# Catalog benchmark: publishing a 10,000-item catalog, and search latency on it under load.
# Usage: bench/catalog/run.sh [seconds of search load, default 20]
# Needs: a built catalog-service (./mvnw -pl catalog-service -am install -DskipTests), the local
# PostgreSQL with Liora's roles (deploy/local/init-db.sh), openssl, python3 and wrk.
set -euo pipefail
cd "$(dirname "$0")/../.."
duration="${1:-20}"
port=18083
work=$(mktemp -d)
db="liora_catalog_bench"
export PGHOST="${PGHOST:-127.0.0.1}" PGUSER="${PGUSER:-postgres}"

cleanup() {
    [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
    [ -n "${BENCH_KEEP_DB:-}" ] || psql -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" postgres >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "$1"; tail -40 "$work/service.log"; exit 1; }

bash deploy/local/init-db.sh >/dev/null
psql -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" postgres
psql -qc "CREATE DATABASE $db OWNER liora_owner" postgres
psql -q -d "$db" -c "REVOKE ALL ON SCHEMA public FROM PUBLIC; GRANT ALL ON SCHEMA public TO liora_owner; GRANT USAGE ON SCHEMA public TO liora_app, liora_cross_tenant;"

# a throwaway signing key; the service verifies tokens with its public half
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/key.pem" 2>/dev/null
openssl pkey -in "$work/key.pem" -pubout -out "$work/public.pem"
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
token() { # rol cliente_id-or-empty [scope: a service token's, e.g. catalog:read]
    local now exp header payload
    now=$(date +%s); exp=$((now + 3600))
    header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
    payload=$(printf '{"iss":"https://liora.bench/tenant-service","aud":"liora","sub":"bench","rol":"%s","groups":["%s"%s],%s%s"exp":%s,"iat":%s,"jti":"%s"}' \
        "$1" "$1" "${3:+,\"$3\"}" "${3:+\"scope\":\"$3\",}" "${2:+\"cliente_id\":\"$2\",}" "$exp" "$now" "$RANDOM$RANDOM" | b64url)
    printf '%s.%s.%s' "$header" "$payload" "$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$work/key.pem" | b64url)"
}

LIORA_HTTP_PORT=$port LIORA_MANAGEMENT_PORT=$((port + 1000)) LIORA_DB_NAME=$db LIORA_DB_PASSWORD=liora_app LIORA_DB_MIGRATION_PASSWORD=liora_owner \
LIORA_JWKS_URL="file:$work/public.pem" LIORA_REVOCATIONS_URL="file:$work/no-revocations.json" LIORA_JWT_ISSUER=https://liora.bench/tenant-service \
LIORA_CRYPTO_KEYS="k1:$(openssl rand -base64 32)" LIORA_CRYPTO_PRIMARY_KEY=k1 \
    java -Xmx512m -jar catalog-service/target/quarkus-app/quarkus-run.jar > "$work/service.log" 2>&1 &
pid=$!
ready=""
for _ in $(seq 1 60); do curl -sf "localhost:$((port + 1000))/q/health/ready" >/dev/null && ready=1 && break; sleep 0.5; done
[ -n "$ready" ] || fail "catalog-service did not become ready"

tenant=$(python3 -c 'import uuid; print(uuid.uuid4())')
owner=$(token owner "$tenant")
service=$(token service "" catalog:read)
for n in 1 2 3; do
    python3 - "$work/catalog$n.json" "$n" <<'PY'
import json, sys
path, run = sys.argv[1], int(sys.argv[2])
words = ["zapatillas", "café", "té", "polera", "mochila", "lámpara", "sartén", "cuaderno", "bicicleta", "toalla"]
items = [{"sku": f"SKU-{i:05d}", "nombre": f"{words[i % 10].capitalize()} modelo {i} v{run}",
          "descripcion": f"Producto de prueba número {i}, ideal para el día a día", "precio": 990 + i * 10,
          "url": f"https://tienda.example.com/p/{i}", "categoria": f"Categoría {i % 25}", "stock": i % 50}
         for i in range(10000)]
json.dump({"items": items}, open(path, "w"), ensure_ascii=False)
PY
done
echo "== publish 10,000 items ($(du -h "$work/catalog1.json" | cut -f1) body), three versions"
for n in 1 2 3; do
    curl -s -o /dev/null -w "version $n: HTTP %{http_code} in %{time_total} s\n" -H "Authorization: Bearer $owner" \
        -H 'Content-Type: application/json' --data-binary "@$work/catalog$n.json" \
        "localhost:$port/clientes/$tenant/catalog/publish"
done

cat > "$work/search.lua" <<LUA
local queries = {"zapatillas", "cafe", "te", "polera%20modelo", "mochila%2042", "lampara", "sarten%20v3",
                 "cuaderno%20modelo%2099", "bicicleta", "toalla", "producto", "modelo%201234"}
local i = 0
request = function()
  i = i + 1
  local path = "/clientes/$tenant/catalog/items?limit=10&q=" .. queries[(i % #queries) + 1]
  return wrk.format("GET", path, {["Authorization"] = "Bearer $service", ["X-Client-ID"] = "$tenant"})
end
LUA
echo "== warm-up: the same mix for 10 s, not recorded (the JIT compiles the search path)"
wrk -t2 -c16 -d10s -s "$work/search.lua" "http://127.0.0.1:$port" > /dev/null
echo "== search on the active 10,000-item catalog: wrk -t2 -c16 -d${duration}s (12 queries in turn)"
curl -s -H "Authorization: Bearer $service" -H "X-Client-ID: $tenant" "localhost:$port/clientes/$tenant/catalog/items?q=cafe&limit=1" | head -c 200; echo
wrk -t2 -c16 -d"${duration}s" --latency -s "$work/search.lua" "http://127.0.0.1:$port" | sed -n '1,20p'
cat > "$work/distinct.lua" <<LUA
-- every query different ("modelo <n> v3" for a random n): no search answer is reused
request = function()
  local path = "/clientes/$tenant/catalog/items?limit=10&q=modelo%20" .. math.random(0, 9999) .. "%20v" .. math.random(1, 3)
  return wrk.format("GET", path, {["Authorization"] = "Bearer $service", ["X-Client-ID"] = "$tenant"})
end
LUA
echo "== search, every query different (none answered from the recent searches): wrk -t2 -c16 -d${duration}s"
wrk -t2 -c16 -d"${duration}s" --latency -s "$work/distinct.lua" "http://127.0.0.1:$port" | sed -n '1,20p'
if [ -n "${BENCH_PROBE:-}" ]; then for p in "items/SKU-00042" "items?q=zapatillas%20modelo%2042" "items?q=producto" "categories"; do echo "-- $p"; wrk -t2 -c16 -d5s --latency -H "Authorization: Bearer $service" -H "X-Client-ID: $tenant" "http://127.0.0.1:$port/clientes/$tenant/catalog/$p" | grep -E "50%|99%|Requests/sec"; done; fi
