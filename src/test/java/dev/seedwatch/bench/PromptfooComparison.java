package dev.seedwatch.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * seedwatch and promptfoo side by side on one workload and one fake: {@code promptfoo eval --repeat R -j C} with
 * its cache, telemetry, update check and result writing off, against {@code bin/seedwatch run} as shipped,
 * alternating, {@link #ROUNDS} runs each; prints both medians and the median of the per-round wall ratios. The
 * promptfoo binary comes from {@code SEEDWATCH_BENCH_PROMPTFOO} (bench/run.sh installs 0.121.20 from npm).
 */
final class PromptfooComparison {

    static final int ROUNDS = 7;

    private PromptfooComparison() {
    }

    static void run(Benchmark.Scenario s, List<String> jvmOptions) throws Exception {
        String promptfoo = System.getenv("SEEDWATCH_BENCH_PROMPTFOO");
        if (promptfoo == null) {
            throw new IllegalStateException("SEEDWATCH_BENCH_PROMPTFOO is not set (bench/run.sh sets it)");
        }
        List<Double> ours = new ArrayList<>();
        List<Double> theirs = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        try (FakeLlm fake = new FakeLlm(s.latencyMillis(), 0)) {
            Path dir = Files.createTempDirectory("seedwatch-bench-promptfoo-");
            Path config = config(dir, fake, s);
            for (int round = 0; round < ROUNDS; round++) {
                double seedwatch = Benchmark.run(fake, s, jvmOptions).wall();
                double other = promptfoo(promptfoo, config, dir, s);
                ours.add(seedwatch);
                theirs.add(other);
                ratios.add(seedwatch / other);
            }
        }
        System.out.println("| workload | seedwatch median s | promptfoo median s | median wall ratio | rounds |");
        System.out.println("|---|---|---|---|---|");
        System.out.printf(Locale.ROOT, "| %s: %d×%d @ %d, %d ms | %.2f | %.2f | %.2f | %d |%n", s.name(), s.prompts(),
                s.replays(), s.concurrency(), s.latencyMillis(), median(ours), median(theirs), median(ratios),
                ROUNDS);
    }

    /** The same prompts, parameters and target as {@link Benchmark#run}'s suite. */
    private static Path config(Path dir, FakeLlm fake, Benchmark.Scenario s) throws Exception {
        StringBuilder yaml = new StringBuilder("description: bench\nprompts: ['{{q}}']\nproviders:\n"
                + "  - id: openai:chat:bench\n    config: {apiBaseUrl: '" + fake.baseUrl() + "', apiKey: bench, "
                + "temperature: 0, seed: 1, max_tokens: 50}\ntests:\n");
        for (int i = 0; i < s.prompts(); i++) {
            yaml.append("  - vars: {q: steady-").append(i).append("}\n");
        }
        Path config = dir.resolve("promptfooconfig.yaml");
        Files.writeString(config, yaml);
        return config;
    }

    private static double promptfoo(String binary, Path config, Path dir, Benchmark.Scenario s) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(binary, "eval", "-c", config.toString(), "--repeat",
                Integer.toString(s.replays()), "-j", Integer.toString(s.concurrency()), "--no-cache", "--no-write",
                "--no-table", "--no-progress-bar", "--no-share").directory(dir.toFile())
                .redirectOutput(dir.resolve("promptfoo.out").toFile())
                .redirectError(dir.resolve("promptfoo.err").toFile());
        builder.environment().put("PROMPTFOO_DISABLE_TELEMETRY", "1");
        builder.environment().put("PROMPTFOO_DISABLE_UPDATE", "1");
        builder.environment().put("PROMPTFOO_CONFIG_DIR", dir.resolve("promptfoo-home").toString());
        long start = System.nanoTime();
        int code = builder.start().waitFor();
        double wall = (System.nanoTime() - start) / 1e9;
        // promptfoo exits 100 when an assertion fails; there are none, so anything but 0 is an error
        if (code != 0) {
            throw new IllegalStateException("promptfoo exit " + code + ": " + Files.readString(dir.resolve(
                    "promptfoo.err")));
        }
        return wall;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
