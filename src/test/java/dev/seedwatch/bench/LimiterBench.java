package dev.seedwatch.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.seedwatch.provider.ChatCompletions;
import dev.seedwatch.provider.Gemini;
import dev.seedwatch.suite.TargetType;
import dev.seedwatch.testing.FakeLimiter;
import dev.seedwatch.testing.FakeProviders;

/**
 * The {@code limiters} case: 60 prompts × 5 replays against each kind of limiter real providers run
 * ({@link FakeLimiter}, 20 requests a second), at concurrency 32 and 8: the share of what the limiter allowed that
 * the run used, the share of requests answered 429, and the exit code. {@code SEEDWATCH_BENCH_LIMITERS} (labels,
 * comma-separated) picks some of the limiters, {@code SEEDWATCH_BENCH_ROUNDS} repeats each row.
 */
final class LimiterBench {

    static final double PER_SECOND = 20;

    private LimiterBench() {
    }

    static void run(List<String> jvmOptions) throws Exception {
        System.out.println("| limiter | concurrency | requests | 429s | 429 share | used share | wall s | exit |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        String only = System.getenv().getOrDefault("SEEDWATCH_BENCH_LIMITERS", "");
        int rounds = Integer.parseInt(System.getenv().getOrDefault("SEEDWATCH_BENCH_ROUNDS", "1"));
        for (FakeLimiter.Kind kind : FakeLimiter.Kind.values()) {
            if (!only.isEmpty() && !List.of(only.split(",")).contains(kind.label())) {
                continue;
            }
            for (int concurrency : new int[] { 32, 8 }) {
                for (int round = 0; round < rounds; round++) {
                    row(kind, concurrency, jvmOptions);
                }
            }
        }
    }

    private static void row(FakeLimiter.Kind kind, int concurrency, List<String> jvmOptions) throws Exception {
        Benchmark.Scenario s = new Benchmark.Scenario("limiters-" + kind.label(), 60, 5, concurrency, 20, 0, 0,
                null);
        FakeLimiter limiter = new FakeLimiter(kind, PER_SECOND);
        try (FakeLlm fake = new FakeLlm(s.latencyMillis(), limiter)) {
            String exit = "0";
            double wall;
            try {
                wall = Benchmark.run(fake, s, jvmOptions, Map.of(), target(kind.type())).wall();
            } catch (Benchmark.Failed e) {
                exit = Integer.toString(e.exit());
                wall = Double.NaN;
            }
            int asked = fake.served() + fake.rejected();
            double allowed = limiter.allowed(fake.firstRequestNanos(), fake.lastAdmittedNanos());
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %.3f | %.2f | %.1f | %s |%n", kind.label(),
                    concurrency, asked, fake.rejected(), fake.rejected() / (double) asked,
                    Math.min(fake.served(), s.prompts() * s.replays()) / allowed, wall, exit);
        }
    }

    private static String target(TargetType type) {
        return "type: " + type.label() + ", model: "
                + (type == Gemini.TYPE ? FakeProviders.GEMINI_MODEL : "bench")
                + (type == ChatCompletions.AZURE ? ", api-version: \"2024-10-21\"" : "");
    }
}
