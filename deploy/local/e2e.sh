#!/usr/bin/env bash
# End-to-end test of the five real processes: starts them like up.sh on fresh databases of their own
# (liora_e2e_*), chats through the sandbox (deploy/local/e2e.py), in headless Chromium through the chat
# page and the agent console taking a conversation over (deploy/local/browser), runs the short fault
# run (deploy/local/faults.sh), and stops them again.
# Needs the services built (./mvnw verify or install) and ports 8081-8084, 9081-9084 and 8090 free.
set -uo pipefail
cd "$(dirname "$0")/../.."
. deploy/local/jdk.sh || exit 1  # the JDK 25 every build and process runs on
for port in 8081 8082 8083 8084 9081 9082 9083 9084 8090; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        echo "Port $port is in use (is deploy/local/up.sh running? deploy/local/down.sh stops it)."
        exit 1
    fi
done
trap 'bash deploy/local/down.sh >/dev/null' EXIT
LIORA_SKIP_BUILD=true LIORA_DB_PREFIX=liora_e2e LIORA_FRESH_DATABASES=true bash deploy/local/up.sh || {
    tail -n 40 deploy/local/run/logs/*.log
    exit 1
}
LIORA_DB_PREFIX=liora_e2e python3 deploy/local/e2e.py
status=$?
# the generated Java SDK against the same processes: login, invitation, catalog publish
if [ "$status" -eq 0 ]; then
    ./mvnw -B -q -f sdk/java/pom.xml test -Dliora.e2e=true -Dsurefire.failIfNoSpecifiedTests=false
    status=$?
    [ "$status" -eq 0 ] && echo "sdk: 1 passed, 0 failed"
fi
# the same, by a customer in a browser (headless Chromium), when Chromium is installed
if [ "$status" -eq 0 ] && [ -x /usr/bin/chromium ]; then
    (cd deploy/local/browser && npm ci --no-audit --no-fund --silent \
        && LIORA_SCREENSHOT=../run/sandbox-chat.png node chat-test.mjs \
        && LIORA_CONSOLE_SCREENSHOT=../run/agent-console.png node console-test.mjs)
    status=$?
elif [ ! -x /usr/bin/chromium ]; then
    echo "browser test skipped: no /usr/bin/chromium (apt-get install chromium)"
fi
# the fault run's short mode (about 2.5 minutes): three tenants' customers write while the services
# are killed and restarted, PostgreSQL restarts and Meta throttles; every message answered exactly
# once and in order, refusals only 5xx, no number over its ceiling
if [ "$status" -eq 0 ]; then
    LIORA_DB_PREFIX=liora_e2e bash deploy/local/faults.sh short
    status=$?
fi
if [ "$status" -ne 0 ]; then
    for log in deploy/local/run/logs/*.log; do echo "== $log"; tail -n 20 "$log"; done
fi
exit $status
