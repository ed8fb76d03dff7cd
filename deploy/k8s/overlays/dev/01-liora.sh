#!/usr/bin/env bash
# Runs once when the dev PostgreSQL starts empty: Liora's roles and databases, as deploy/local/init-db.sh.
set -euo pipefail
PGHOST=/var/run/postgresql PGUSER=postgres bash /docker-entrypoint-initdb.d/liora-init-db.txt
