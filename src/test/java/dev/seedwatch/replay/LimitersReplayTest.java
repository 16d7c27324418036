package dev.seedwatch.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.vertx.core.Vertx;

import dev.seedwatch.bench.FakeLlm;
import dev.seedwatch.provider.ChatCompletions;
import dev.seedwatch.provider.Gemini;
import dev.seedwatch.suite.TargetType;
import dev.seedwatch.support.Redactor;
import dev.seedwatch.support.RetryPolicy;
import dev.seedwatch.testing.Build;
import dev.seedwatch.testing.FakeLimiter;
import dev.seedwatch.testing.FakeProviders;

/**
 * 60 replays at concurrency 16 against each kind of limiter real providers run ({@link FakeLimiter}): none fails,
 * and few are answered 429 (almost none where the provider's headers say what is left and when more comes).
 */
class LimitersReplayTest {

    static final int PROMPTS = 12;
    static final int REPLAYS = 5;
    static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @ParameterizedTest
    @EnumSource(FakeLimiter.Kind.class)
    void noReplayFailsAndFewAreAnswered429(FakeLimiter.Kind kind) throws Exception {
        // Azure's 10 s windows at 6 a second: 38 of 60 in the first window, the rest in the second
        double perSecond = kind == FakeLimiter.Kind.AZURE ? 6 : 20;
        try (FakeLlm fake = new FakeLlm(10, new FakeLimiter(kind, perSecond))) {
            List<ReplayOutcome> outcomes = replay(fake, kind.type());

            assertThat(outcomes).hasSize(PROMPTS * REPLAYS).allSatisfy(o -> assertThat(o.succeeded())
                    .as(o.toString()).isTrue());
            double share429 = fake.rejected() / (double) (fake.rejected() + fake.served());
            assertThat(share429).as("429s of all requests").isLessThanOrEqualTo(switch (kind) {
                // 60 requests resolve the share in steps of 1.6 %: the first answers, before the refill is trusted,
                // may cost a request or two (bench/README.md holds the 1 % goal over 300 requests)
                case OPENAI, ANTHROPIC, WINDOW_1S -> 0.05;
                // the first window's early 429s teach the margin: each request then in flight gets one
                case AZURE -> 0.15;
                // nothing is known before the first 429: the slow start's last round (at most the 16 in flight)
                // may all get one, and 5 % of 60 after
                case GEMINI, GATEWAY -> (16 + 3) / (60.0 + 16 + 3);
            });
        }
    }

    private static List<ReplayOutcome> replay(FakeLlm fake, TargetType type) {
        var target = Build.target("t").type(type).baseUrl(fake.baseUrl())
                .model(type == Gemini.TYPE ? FakeProviders.GEMINI_MODEL : "bench")
                .apiVersion(type == ChatCompletions.AZURE ? "2024-10-21" : null).build();
        List<PlannedRequest> plan = new ArrayList<>();
        for (int i = 0; i < PROMPTS; i++) {
            plan.add(PlannedRequest.of(target, Build.prompt("p" + i).replays(REPLAYS).build()));
        }
        ReplaySettings settings = new ReplaySettings(16, new RetryPolicy(3, Duration.ofMillis(100),
                Duration.ofSeconds(1), Duration.ofSeconds(15)), Duration.ofSeconds(5), Duration.ofSeconds(1),
                1 << 20);
        return new Replayer(vertx, settings, new Redactor(List.of()), new RunControl()).replay(plan);
    }
}
