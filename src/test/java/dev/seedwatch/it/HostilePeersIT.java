package dev.seedwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.seedwatch.provider.FailureReason;
import dev.seedwatch.replay.ReplayOutcome;
import dev.seedwatch.report.ReportReader;
import dev.seedwatch.report.ReportReplay;
import dev.seedwatch.testing.HostilePeer;
import dev.seedwatch.testing.JarRunner;
import dev.seedwatch.testing.PromText;
import dev.seedwatch.testing.RealParts;
import dev.seedwatch.testing.RealParts.Started;

/**
 * The built jar, on a small heap, against peers that answer too much, too slowly or elsewhere: every replay fails
 * once with its reason and the sizes, nothing is retried that would only repeat, and the run ends in seconds.
 */
@ExtendWith(RealParts.class)
class HostilePeersIT {

    static final List<String> SMALL_HEAP = List.of("-Xmx128m", "-XX:+UseSerialGC");

    @TempDir
    Path dir;

    @Started
    HostilePeer peer;
    JarRunner jar;

    @BeforeEach
    void start() throws IOException {
        jar = new JarRunner(dir);
    }

    /** One run against a target whose every answer is {@code kind}; peak RSS in kB lands in {@code peakKb}. */
    private JarRunner.Result run(String kind, List<String> jvm, Map<String, String> env, AtomicLong peakKb)
            throws Exception {
        Path suite = dir.resolve("suite.yaml");
        Files.writeString(suite, """
                suite: hostile
                targets: [{name: t, base-url: "%s", model: m, concurrency: 2, api-key-env: IT_KEY}]
                prompts: [{id: p, replays: 4, messages: [{role: user, content: hello}]}]
                """.formatted(peer.baseUrl(kind)));
        Process p = jar.start(jvm, env, "run", "--suite", suite.toString(), "--state-dir", dir.resolve("state").toString());
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50)).until(() -> {
            peakKb.accumulateAndGet(peakRss(p), Math::max);
            return !p.isAlive();
        });
        assertThat(p.waitFor(5, TimeUnit.SECONDS)).isTrue();
        return jar.result(p);
    }

    private static long peakRss(Process p) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status")).stream()
                    .filter(l -> l.startsWith("VmHWM:")).mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")))
                    .findFirst().orElse(0);
        } catch (IOException e) {
            return 0; // the process has just ended
        }
    }

    private List<ReplayOutcome> replays() throws IOException {
        try (Stream<Path> reports = Files.list(dir.resolve("state").resolve("runs"))) {
            Path report = reports.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
            return ReportReader.read(report).prompts().get(0).replays().stream().map(ReportReplay::outcome).toList();
        }
    }

    @Test
    void aSixtyMegabyteReplyFailsEachReplayOnceNamingItsSizeAndTheCap() throws Exception {
        AtomicLong peak = new AtomicLong();
        long start = System.nanoTime();
        JarRunner.Result result = run("big/62914560", SMALL_HEAP, Map.of("IT_KEY", "sk-it-hostile-0001"), peak);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(result.exitCode()).as(result.all()).isEqualTo(1);
        assertThat(took).isLessThan(Duration.ofSeconds(20));
        assertThat(peer.requests()).as("one attempt per replay").isEqualTo(4);
        assertThat(replays()).hasSize(4).allSatisfy(r -> {
            assertThat(r.failure()).isEqualTo(FailureReason.BAD_RESPONSE);
            assertThat(r.attempts()).isEqualTo(1);
            assertThat(r.error()).contains("62914560").contains("8388608");
        });
        assertThat(peak.get()).as("peak RSS in kB").isLessThan(400_000);
    }

    @Test
    void anEndlessChunkedReplyIsCutOffAtTheCap() throws Exception {
        AtomicLong peak = new AtomicLong();
        JarRunner.Result result = run("chunked/100000000000", SMALL_HEAP, Map.of("IT_KEY", "sk-it-hostile-0002"),
                peak);

        assertThat(result.exitCode()).as(result.all()).isEqualTo(1);
        assertThat(peer.requests()).isEqualTo(4);
        assertThat(replays()).allSatisfy(r -> {
            assertThat(r.failure()).isEqualTo(FailureReason.BAD_RESPONSE);
            assertThat(r.error()).contains("cut off after").contains("8388608");
        });
        assertThat(peak.get()).isLessThan(400_000);
    }

    @Test
    void aReplyOfAByteASecondIsBoundedByTheRequestTimeout() throws Exception {
        long start = System.nanoTime();
        JarRunner.Result result = run("trickle/100000", SMALL_HEAP, Map.of("IT_KEY", "sk-it-hostile-0003",
                "SEEDWATCH_REQUEST_TIMEOUT", "2s", "SEEDWATCH_RETRY_MAX_ATTEMPTS", "1"), new AtomicLong());
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(result.exitCode()).as(result.all()).isEqualTo(1);
        assertThat(replays()).allSatisfy(r -> assertThat(r.failure()).isEqualTo(FailureReason.TIMEOUT));
        // 4 replays, 2 at a time, 2 s each: the exchange is bounded, not each read of a byte
        assertThat(took).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void aRedirectIsAClientErrorNamingTheHostOnly() throws Exception {
        JarRunner.Result result = run("redirect", SMALL_HEAP, Map.of("IT_KEY", "sk-it-hostile-0004"),
                new AtomicLong());

        assertThat(result.exitCode()).as(result.all()).isEqualTo(1);
        assertThat(replays()).allSatisfy(r -> {
            assertThat(r.failure()).isEqualTo(FailureReason.CLIENT_ERROR);
            assertThat(r.attempts()).isEqualTo(1);
            assertThat(r.error()).isEqualTo("HTTP 307: redirect to elsewhere.example not followed");
        });
        assertThat(result.all()).doesNotContain("s3cr3t");
    }

    @Test
    void aKeyWithALineBreakIsInvalidInputAndNothingIsSent() throws Exception {
        JarRunner.Result result = run("big/10", SMALL_HEAP, Map.of("IT_KEY", "sk-it-hostile-0005\r\nX-Injected: 1"),
                new AtomicLong());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("targets[0].api-key-env").contains("control character");
        assertThat(result.all()).doesNotContain("sk-it-hostile-0005");
        assertThat(peer.requests()).isZero();
    }

    @Test
    void runningOutOfHeapStopsTheRunAndExportsWhatItHas() throws Exception {
        // a cap above the heap lets a reply exhaust it: the error must stop the run, not be retried as an answer
        JarRunner.Result result = run("chunked/100000000000", List.of("-Xmx64m", "-XX:+UseSerialGC"),
                Map.of("IT_KEY", "sk-it-hostile-0006", "SEEDWATCH_MAX_RESPONSE_BYTES", "4G"), new AtomicLong());

        assertThat(result.exitCode()).as(result.all()).isEqualTo(4);
        assertThat(result.all()).contains("OutOfMemoryError");
        assertThat(peer.requests()).as("no attempt repeats the reply that exhausted the heap").isLessThanOrEqualTo(2);
        PromText metrics = PromText.parse(Files.readString(dir.resolve("state").resolve("metrics.prom")));
        assertThat(metrics.require("seedwatch_run_success", Map.of("suite", "hostile"))).isZero();
    }
}
