#!/bin/sh
# Entrypoint of the JVM image, installed as /usr/local/bin/seedwatch: `seedwatch run|validate|serve [options]`.
#
# serve's HTTP listens on QUARKUS_HTTP_HOST, by default every interface: in a container the port is only reachable
# where it is published. bin/seedwatch, on a laptop, defaults it to 127.0.0.1.
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
#
# AOT cache (JDK 25+): SEEDWATCH_AOT_CACHE (default app.aot beside the jar) is used when its stamp says it was made
# by this java for these jars; a cache for another build or another JDK is left alone rather than passed to a JVM
# that would warn about it or, before JDK 25, refuse the option. SEEDWATCH_AOT_TRAIN=1 makes this run the training
# run instead: it records the cache, and writes the stamp once the run succeeded (bin/train-aot does this).
set -e
jar="${SEEDWATCH_JAR:-/deployments/quarkus-run.jar}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
cache="${SEEDWATCH_AOT_CACHE:-$(dirname "$jar")/app.aot}"

# What a cache belongs to: the java binary and its release file, every jar beside the launcher jar (size, mtime in
# whole seconds: image layers keep no more, and the JVM checks no more).
stamp() {
    real=$(readlink -f "$(command -v "$java")")
    {
        echo "$real"
        cat "$(dirname "$(dirname "$real")")/release" 2>/dev/null || true
        find "$(dirname "$jar")" -name '*.jar' -printf '%P %s %T@\n' | sed 's/\.[0-9]*$//' | LC_ALL=C sort
    } | cksum
}

aot=""
if [ -n "${SEEDWATCH_AOT_TRAIN:-}" ]; then
    rm -f "$cache" "$cache.stamp"
    aot="-XX:AOTCacheOutput=$cache"
elif [ -f "$cache" ] && [ -f "$cache.stamp" ] && [ "$(stamp)" = "$(cat "$cache.stamp")" ]; then
    aot="-XX:AOTCache=$cache"
fi
set -- ${JAVA_OPTS_APPEND} -jar "$jar" "$@"
if [ -n "$aot" ]; then
    set -- "$aot" "$@"
fi
set -- "$java" \
    ${JAVA_OPTS:--XX:MaxRAMPercentage=50.0} \
    -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
    -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
    -Dquarkus.http.host="${QUARKUS_HTTP_HOST:-0.0.0.0}" \
    "$@"
if [ -z "${SEEDWATCH_AOT_TRAIN:-}" ]; then
    exec "$@"
fi
"$@"
stamp >"$cache.stamp"
