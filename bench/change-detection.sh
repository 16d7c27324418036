#!/usr/bin/env bash
# The change tests on the real tiny model (issue 23): detection per distortion and test, printed as Markdown.
#   bench/change-detection.sh [trials [sample-probes [samples [tokens]]]]   (defaults 5 12 20 40; needs bin/build-llama-server's llama-server and llama-quantize)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
    dev.seedwatch.bench.ChangeDetectionBench "$@"
