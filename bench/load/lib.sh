# Shared by deploy/local/bench.sh and deploy/local/faults.sh (sourced from the repository root).

# Builds the generator (bench/load) and sets BENCH_CP to its classpath.
bench_build() {
    ./mvnw -B -q -f bench/load/pom.xml package org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
        -Dmdep.outputFile="$PWD/deploy/local/run/bench-load.cp" || return 1
    BENCH_CP="bench/load/target/classes:$(cat deploy/local/run/bench-load.cp)"
}

# The generator's JVM: a process of a minute or less, so C1 only (C2 would spend the cores it
# measures compiling for a peak it never reaches) and the serial collector, as the services use.
BENCH_JVM_OPTS="${BENCH_JVM_OPTS:--Xmx1g -XX:+UseSerialGC -XX:TieredStopAtLevel=1}"

# Runs one load: bench_load --rate R --seconds S [--ceiling C] [--label L] [--results F] [--patience S]
bench_load() {
    java $BENCH_JVM_OPTS -cp "$BENCH_CP" io.liora.bench.WebhookLoad --tenants deploy/local/run/bench-tenants.json "$@"
}

# Adds $1 tenants beside the demo one (bench/load/provision.py); writes deploy/local/run/bench-tenants.json.
bench_tenants() {
    python3 bench/load/provision.py "$1" deploy/local/run/bench-tenants.json
}
