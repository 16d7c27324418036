#!/bin/sh
# Entrypoint of the JVM image, installed as /usr/local/bin/seedwatch: `seedwatch run|validate|serve [options]`.
#
# JAVA_OPTS replaces the memory defaults below; JAVA_OPTS_APPEND adds options. The heap is capped at half the
# container's memory limit: the rest is for metaspace, threads and the in-process embedding model (ONNX Runtime
# allocates outside the heap).
# The capped heap is what makes running out of memory fail fast: the JVM throws OutOfMemoryError inside its cap
# (seedwatch stops the run, exports what it measured and exits 4) instead of growing until the kernel OOM-kills the
# pod with nothing exported; replies are bounded by seedwatch.max-response-bytes, so one reply cannot exhaust it.
# Not using -XX:+ExitOnOutOfMemoryError on purpose: it would lose the measured replies, and its exit code 3 means
# "export or state failed".
# A run is short and waits on the network: C1 alone (TieredStopAtLevel=1) spares the 2 s of CPU that C2 spends
# compiling during a run, and SerialGC is enough for its small heap (bench/README.md: suite-2000 CPU 11.7 s -> 5.0 s).
# SEEDWATCH_AOT_CACHE: a JDK 25+ AOT cache from a training run (bench/README.md); used when the file exists.
set -e
aot=""
if [ -n "${SEEDWATCH_AOT_CACHE:-}" ] && [ -f "$SEEDWATCH_AOT_CACHE" ]; then
    aot="-XX:AOTCache=$SEEDWATCH_AOT_CACHE"
fi
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" \
    ${JAVA_OPTS:--XX:MaxRAMPercentage=50.0} \
    -XX:TieredStopAtLevel=1 -XX:+UseSerialGC $aot \
    -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
    -Dquarkus.http.host=0.0.0.0 \
    ${JAVA_OPTS_APPEND} \
    -jar "${SEEDWATCH_JAR:-/deployments/quarkus-run.jar}" "$@"
