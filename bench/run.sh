#!/usr/bin/env bash
# Benchmark: runs the built jar against a local fake LLM with fixed latency and prints a Markdown table.
#   bench/run.sh [small|replays-1000|suite-2000|suite-2000-diverging|all] [JVM options for the job...]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
java -cp "target/test-classes:$(cat target/bench.classpath)" dev.seedwatch.bench.Benchmark "$@"
