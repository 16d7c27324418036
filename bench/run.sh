#!/usr/bin/env bash
# Benchmark: runs the built jar against a local fake LLM with fixed latency and prints Markdown tables.
#   bench/run.sh [small|replays-1000|suite-2000|suite-2000-diverging|rate-limit|limiters|report-size|bare-client|promptfoo|all] [JVM options...]
#   bench/run.sh distances: the n-gram distance against the MiniLM model on the cookbook's replies (no job run)
# The job runs through bin/seedwatch with the JAVA_HOME in the environment (and its AOT cache when there is one).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
case "${1:-all}" in
all | promptfoo)
    promptfoo_dir="${XDG_CACHE_HOME:-$HOME/.cache}/seedwatch/promptfoo-0.121.20"
    [ -x "$promptfoo_dir/node_modules/.bin/promptfoo" ] ||
        npm install --prefix "$promptfoo_dir" --no-audit --no-fund --loglevel=error promptfoo@0.121.20
    export SEEDWATCH_BENCH_PROMPTFOO="$promptfoo_dir/node_modules/.bin/promptfoo"
    ;;
esac
main=dev.seedwatch.bench.Benchmark
[ "${1:-}" != distances ] || main=dev.seedwatch.bench.DistanceComparison
exec java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" "$main" "$@"
