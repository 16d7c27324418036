package dev.seedwatch.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Runs the built jar against {@link FakeLlm} and reports where the time goes. Usage:
 * {@code bench/run.sh [small|replays-1000|suite-2000|suite-2000-diverging|all] [extra JVM options for the job]}.
 */
public final class Benchmark {

    record Scenario(String name, int prompts, int replays, int concurrency, int latencyMillis, double divergingShare,
            int divergeEvery) {
    }

    static final List<Scenario> SCENARIOS = List.of(
            new Scenario("small", 10, 5, 10, 200, 0, 0),
            new Scenario("replays-1000", 1, 1000, 32, 5, 1.0, 25),
            new Scenario("suite-2000", 2000, 3, 32, 20, 0, 0),
            new Scenario("suite-2000-diverging", 2000, 3, 32, 20, 0.05, 3));

    public static void main(String[] args) throws Exception {
        String which = args.length > 0 ? args[0] : "all";
        List<String> jvmOptions = args.length > 1 ? List.of(args).subList(1, args.length) : List.of();
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " missing: ./mvnw package -DskipTests first");
        }
        System.out.println("| scenario | P×R @ C, latency | wall s | ideal s | efficiency | CPU s | peak RSS MB | "
                + "start → 1st request s | replay s | analysis s | embed ms/text (texts) | last reply → exit s |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (Scenario s : SCENARIOS) {
            if (which.equals("all") || which.equals(s.name())) {
                run(jar, s, jvmOptions);
            }
        }
    }

    static void run(Path jar, Scenario s, List<String> jvmOptions) throws Exception {
        Path dir = Files.createTempDirectory("seedwatch-bench-");
        try (FakeLlm fake = new FakeLlm(s.latencyMillis(), s.divergeEvery())) {
            Path suite = dir.resolve("suite.yaml");
            StringBuilder yaml = new StringBuilder("suite: bench\ndefaults: {seed: 1, temperature: 0, max-tokens: 50, "
                    + "replays: " + s.replays() + "}\ntargets:\n  - {name: fake, base-url: \"" + fake.baseUrl()
                    + "\", model: bench}\nprompts:\n");
            int diverging = (int) Math.round(s.prompts() * s.divergingShare());
            for (int i = 0; i < s.prompts(); i++) {
                yaml.append("  - {id: p").append(i).append(", messages: [{role: user, content: ")
                        .append(i < diverging ? "diverge-" : "steady-").append(i).append("}]}\n");
            }
            Files.writeString(suite, yaml);
            // SEEDWATCH_BENCH_JAVA: the java that runs the job (e.g. a JDK 25 for its AOT cache)
            String java = System.getenv().getOrDefault("SEEDWATCH_BENCH_JAVA",
                    Path.of(System.getProperty("java.home"), "bin", "java").toString());
            // the launcher users run (bin/seedwatch: the image's JVM options); JAVA_OPTS_APPEND adds the extra ones
            List<String> command = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %U %S %M",
                    Path.of("bin/seedwatch").toAbsolutePath().toString()));
            command.addAll(List.of("run", "--suite", suite.toString(), "--state-dir",
                    dir.resolve("state").toString(), "--concurrency", Integer.toString(s.concurrency())));
            command.replaceAll(a -> a.replace("{scenario}", s.name()));
            Path err = dir.resolve("stderr.txt");
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().put("JAVA_OPTS_APPEND", String.join(" ", jvmOptions));
            if (System.getenv("SEEDWATCH_BENCH_JAVA") != null) {
                builder.environment().put("JAVA_HOME", Path.of(java).getParent().getParent().toString());
            }
            long launched = System.nanoTime();
            Process p = builder.redirectOutput(dir.resolve("stdout.txt").toFile())
                    .redirectError(err.toFile()).start();
            int code = p.waitFor();
            long exited = System.nanoTime();
            List<String> lines = Files.readAllLines(err, StandardCharsets.UTF_8);
            String[] time = lines.get(lines.size() - 1).trim().split(" ");
            if (code != 0) {
                throw new IllegalStateException(s.name() + ": exit " + code + "\n" + String.join("\n", lines));
            }
            double wall = Double.parseDouble(time[0]);
            double cpu = Double.parseDouble(time[1]) + Double.parseDouble(time[2]);
            double rssMb = Long.parseLong(time[3]) / 1024.0;
            double ideal = Math.ceil(s.prompts() * (double) s.replays() / s.concurrency()) * s.latencyMillis() / 1000.0;
            JsonNode timings;
            try (Stream<Path> reports = Files.list(dir.resolve("state").resolve("runs"))) {
                timings = new ObjectMapper().readTree(reports.findFirst().orElseThrow().toFile()).path("timings");
            }
            int texts = timings.path("textsEmbedded").asInt();
            double embedMs = texts == 0 ? 0 : timings.path("embeddingSeconds").asDouble() * 1000 / texts;
            System.out.printf(Locale.ROOT, "| %s | %d×%d @ %d, %d ms | %.2f | %.2f | %.2f | %.2f | %.0f | %.2f | %.2f | %.3f | "
                    + "%.1f (%d) | %.2f |%n", s.name(), s.prompts(), s.replays(), s.concurrency(), s.latencyMillis(),
                    wall, ideal, ideal / wall, cpu, rssMb, (fake.firstRequestNanos() - launched) / 1e9,
                    timings.path("replaySeconds").asDouble(),
                    timings.path("analysisSeconds").asDouble(), embedMs, texts,
                    (exited - fake.lastReplyNanos()) / 1e9);
        }
    }
}
