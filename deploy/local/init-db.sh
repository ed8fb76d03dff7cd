#!/usr/bin/env bash
# Creates Liora's roles and its four databases on a PostgreSQL server (idempotent).
#   PGHOST, PGPORT, PGUSER (a superuser) select the server; defaults: 127.0.0.1:5432, postgres.
#   LIORA_DB_PASSWORD and LIORA_DB_MIGRATION_PASSWORD set the roles' passwords (local defaults).
#   LIORA_DB_PREFIX names the databases (<prefix>_tenant, ...; default liora);
#   LIORA_FRESH_DATABASES=true drops and recreates them first.
# Roles: liora_owner owns the tables and runs Flyway; liora_app is what the services connect as
# (not the owner, no BYPASSRLS); liora_cross_tenant is the role liora_app may switch to for the
# named cross-tenant paths. See docs/architecture.md.
set -euo pipefail
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
app_password="${LIORA_DB_PASSWORD:-liora_app}"
owner_password="${LIORA_DB_MIGRATION_PASSWORD:-liora_owner}"

psql -v ON_ERROR_STOP=1 -q -d postgres <<SQL
DO \$\$ BEGIN CREATE ROLE liora_owner LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END \$\$;
DO \$\$ BEGIN CREATE ROLE liora_app LOGIN NOINHERIT NOBYPASSRLS; EXCEPTION WHEN duplicate_object THEN NULL; END \$\$;
DO \$\$ BEGIN CREATE ROLE liora_cross_tenant NOLOGIN NOBYPASSRLS; EXCEPTION WHEN duplicate_object THEN NULL; END \$\$;
ALTER ROLE liora_owner PASSWORD '${owner_password}';
ALTER ROLE liora_app PASSWORD '${app_password}';
GRANT liora_cross_tenant TO liora_app;
SQL

prefix="${LIORA_DB_PREFIX:-liora}"
for db in "${prefix}_tenant" "${prefix}_conversation" "${prefix}_catalog" "${prefix}_integrations"; do
    if [ "${LIORA_FRESH_DATABASES:-}" = "true" ]; then
        psql -v ON_ERROR_STOP=1 -q -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"
    fi
    if ! psql -tAq -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
        psql -v ON_ERROR_STOP=1 -q -d postgres -c "CREATE DATABASE $db OWNER liora_owner"
    fi
    psql -v ON_ERROR_STOP=1 -q -d "$db" <<SQL
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT ALL ON SCHEMA public TO liora_owner;
GRANT USAGE ON SCHEMA public TO liora_app, liora_cross_tenant;
SQL
    echo "database $db ready"
done
