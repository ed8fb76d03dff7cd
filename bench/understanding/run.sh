#!/usr/bin/env bash
# In-process cost of understanding one message (lexicon, keyword rules, product questions against the
# demo catalog's index, the classifier), over the held-out messages after a warm-up: p50/p99/max.
# Usage: bench/understanding/run.sh   (needs a built tree: ./mvnw install -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -o test -pl conversation-service -Dtest=UnderstandingBenchmark -Dliora.bench=true \
    -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | grep -E "^understanding:|ERROR" || true
