package dev.seedwatch.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedwatch.report.ReportFiles;
import dev.seedwatch.support.Json;

/**
 * Runs the built jar against {@link FakeLlm} and reports where the time goes. Usage:
 * {@code bench/run.sh [small|replays-1000|suite-2000|suite-2000-diverging|rate-limit|limiters|report-size|bare-client|promptfoo|all]
 * [extra JVM options for the job]}.
 */
public final class Benchmark {

    record Scenario(String name, int prompts, int replays, int concurrency, int latencyMillis, double divergingShare,
            int divergeEvery, FakeLlm.Limits limits) {

        double ideal() {
            return Math.ceil(prompts * (double) replays / concurrency) * latencyMillis / 1000.0;
        }
    }

    /** The job exited with another code than 0. */
    static final class Failed extends IllegalStateException {
        private final int exit;

        Failed(int exit, String message) {
            super(message);
            this.exit = exit;
        }

        int exit() {
            return exit;
        }
    }

    /** What one run of the job cost, measured from outside, with its report's timings. */
    record Measured(double wall, double cpu, double rssMb, double toFirstRequest, double toExitAfterLastReply,
            long reportBytes, JsonNode timings) {
    }

    static final List<Scenario> SCENARIOS = List.of(
            new Scenario("small", 10, 5, 10, 200, 0, 0, null),
            new Scenario("replays-1000", 1, 1000, 32, 5, 1.0, 25, null),
            new Scenario("suite-2000", 2000, 3, 32, 20, 0, 0, null),
            new Scenario("suite-2000-diverging", 2000, 3, 32, 20, 0.05, 3, null));
    /**
     * 2000 requests against buckets of 200 requests refilled at 100/s and 7600 tokens refilled at 3420/s (90
     * replies of 38 tokens a second): the token bucket is the tighter one once the first 200 are spent.
     */
    static final Scenario RATE_LIMIT = new Scenario("rate-limit", 1000, 2, 32, 20, 0, 0,
            new FakeLlm.Limits(200, 100, 7600, 3420));

    /** The run report of 2000 prompts × 5 replays, all identical, as written plain and gzipped. */
    static final Scenario REPORT_SIZE = new Scenario("report-size", 2000, 5, 32, 5, 0, 0, null);

    public static void main(String[] args) throws Exception {
        String which = args.length > 0 ? args[0] : "all";
        List<String> jvmOptions = args.length > 1 ? List.of(args).subList(1, args.length) : List.of();
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " missing: ./mvnw package -DskipTests first");
        }
        if (which.equals("all") || SCENARIOS.stream().anyMatch(s -> s.name().equals(which))) {
            System.out.println("| scenario | P×R @ C, latency | wall s | ideal s | efficiency | CPU s | peak RSS MB | "
                    + "start → 1st request s | replay s | replay efficiency | analysis s | embed ms/text (texts) | "
                    + "last reply → exit s | report B/replay |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            for (Scenario s : SCENARIOS) {
                if (which.equals("all") || which.equals(s.name())) {
                    row(s, jvmOptions);
                }
            }
        }
        if (which.equals("all") || which.equals(RATE_LIMIT.name())) {
            rateLimit(jvmOptions);
        }
        if (which.equals("all") || which.equals("limiters")) {
            LimiterBench.run(jvmOptions);
        }
        if (which.equals("all") || which.equals("bare-client")) {
            BareClient.run(SCENARIOS.get(2));
        }
        if (which.equals("all") || which.equals(REPORT_SIZE.name())) {
            reportSize(jvmOptions);
        }
        if (which.equals("all") || which.equals("promptfoo")) {
            PromptfooComparison.run(SCENARIOS.get(0), jvmOptions);
        }
    }

    static void row(Scenario s, List<String> jvmOptions) throws Exception {
        try (FakeLlm fake = new FakeLlm(s.latencyMillis(), s.divergeEvery(), s.limits())) {
            Measured m = run(fake, s, jvmOptions);
            int texts = m.timings().path("textsEmbedded").asInt();
            double embedMs = texts == 0 ? 0 : m.timings().path("embeddingSeconds").asDouble() * 1000 / texts;
            double replay = m.timings().path("replaySeconds").asDouble();
            System.out.printf(Locale.ROOT, "| %s | %d×%d @ %d, %d ms | %.2f | %.2f | %.2f | %.2f | %.0f | %.2f | %.2f "
                    + "| %.2f | %.3f | %.1f (%d) | %.2f | %.0f |%n", s.name(), s.prompts(), s.replays(),
                    s.concurrency(), s.latencyMillis(), m.wall(), s.ideal(), s.ideal() / m.wall(), m.cpu(),
                    m.rssMb(), m.toFirstRequest(), replay, s.ideal() / replay,
                    m.timings().path("analysisSeconds").asDouble(), embedMs, texts, m.toExitAfterLastReply(),
                    m.reportBytes() / (double) (s.prompts() * s.replays()));
        }
    }

    /**
     * Share of the allowed rate used: replies admitted over what the buckets allowed between the first request
     * and the last reply (full buckets at the start plus the refill), and the share of requests answered 429.
     */
    static void rateLimit(List<String> jvmOptions) throws Exception {
        Scenario s = RATE_LIMIT;
        FakeLlm.Limits l = s.limits();
        try (FakeLlm fake = new FakeLlm(s.latencyMillis(), 0, l)) {
            Measured m = run(fake, s, jvmOptions);
            double seconds = (fake.lastReplyNanos() - fake.firstRequestNanos()) / 1e9
                    - s.latencyMillis() / 1000.0;
            double allowed = Math.min(l.requests() + l.requestsPerSecond() * seconds,
                    (l.tokens() + l.tokensPerSecond() * seconds) / FakeLlm.TOKENS_PER_REPLY);
            int asked = fake.served() + fake.rejected();
            System.out.println("| case | requests | first → last reply s | allowed | used share | 429 share | wall s |");
            System.out.println("|---|---|---|---|---|---|---|");
            System.out.printf(Locale.ROOT, "| %s | %d | %.2f | %.0f | %.3f | %.4f (%d) | %.2f |%n", s.name(),
                    fake.served(), seconds, allowed, fake.served() / allowed, fake.rejected() / (double) asked,
                    fake.rejected(), m.wall());
        }
    }

    static void reportSize(List<String> jvmOptions) throws Exception {
        Scenario s = REPORT_SIZE;
        System.out.println("| report | prompts × replays | bytes | bytes/replay | 100 kept runs MiB |");
        System.out.println("|---|---|---|---|---|");
        for (boolean compress : new boolean[] { false, true }) {
            try (FakeLlm fake = new FakeLlm(s.latencyMillis(), 0)) {
                Measured m = run(fake, s, jvmOptions, Map.of("SEEDWATCH_HISTORY_COMPRESS", Boolean.toString(compress)));
                System.out.printf(Locale.ROOT, "| %s | %d×%d | %d | %.0f | %.0f |%n", compress ? ".json.gz" : ".json",
                        s.prompts(), s.replays(), m.reportBytes(), m.reportBytes() / (double) (s.prompts() * s.replays()),
                        m.reportBytes() * 100 / 1048576.0);
            }
        }
    }

    /** One `bin/seedwatch run` of {@code s} against {@code fake}, from a fresh state dir. */
    static Measured run(FakeLlm fake, Scenario s, List<String> jvmOptions) throws Exception {
        return run(fake, s, jvmOptions, Map.of());
    }

    static Measured run(FakeLlm fake, Scenario s, List<String> jvmOptions, Map<String, String> env)
            throws Exception {
        return run(fake, s, jvmOptions, env, "model: bench");
    }

    /** @param target the target's fields besides its name and base URL */
    static Measured run(FakeLlm fake, Scenario s, List<String> jvmOptions, Map<String, String> env, String target)
            throws Exception {
        Path dir = Files.createTempDirectory("seedwatch-bench-");
        Path suite = dir.resolve("suite.yaml");
        StringBuilder yaml = new StringBuilder("suite: bench\ndefaults: {seed: 1, temperature: 0, max-tokens: 50, "
                + "replays: " + s.replays() + "}\ntargets:\n  - {name: fake, base-url: \"" + fake.baseUrl()
                + "\", " + target + "}\nprompts:\n");
        int diverging = (int) Math.round(s.prompts() * s.divergingShare());
        for (int i = 0; i < s.prompts(); i++) {
            yaml.append("  - {id: p").append(i).append(", messages: [{role: user, content: ")
                    .append(i < diverging ? "diverge-" : "steady-").append(i).append("}]}\n");
        }
        Files.writeString(suite, yaml);
        // the launcher users run (bin/seedwatch: the image's JVM options); JAVA_OPTS_APPEND adds the extra ones
        List<String> command = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %U %S %M",
                Path.of("bin/seedwatch").toAbsolutePath().toString()));
        command.addAll(List.of("run", "--suite", suite.toString(), "--state-dir", dir.resolve("state").toString(),
                "--concurrency", Integer.toString(s.concurrency())));
        Path err = dir.resolve("stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("JAVA_OPTS_APPEND", String.join(" ", jvmOptions));
        builder.environment().putAll(env);
        long launched = System.nanoTime();
        Process p = builder.redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(err.toFile()).start();
        int code = p.waitFor();
        long exited = System.nanoTime();
        List<String> lines = Files.readAllLines(err, StandardCharsets.UTF_8);
        String[] time = lines.get(lines.size() - 1).trim().split(" ");
        if (code != 0) {
            throw new Failed(code, s.name() + ": exit " + code + "\n" + String.join("\n", lines));
        }
        String runId = ReportFiles.runIds(dir.resolve("state").resolve("runs")).get(0);
        Path report = ReportFiles.find(dir.resolve("state").resolve("runs"), runId).orElseThrow();
        JsonNode timings = Json.MAPPER.readTree(ReportFiles.json(report)).path("timings");
        return new Measured(Double.parseDouble(time[0]), Double.parseDouble(time[1]) + Double.parseDouble(time[2]),
                Long.parseLong(time[3]) / 1024.0, (fake.firstRequestNanos() - launched) / 1e9,
                (exited - fake.lastReplyNanos()) / 1e9, Files.size(report), timings);
    }
}
