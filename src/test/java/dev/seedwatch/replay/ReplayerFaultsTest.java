package dev.seedwatch.replay;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;

import dev.seedwatch.provider.FailureReason;
import dev.seedwatch.suite.Prompt;
import dev.seedwatch.suite.Target;
import dev.seedwatch.support.Redactor;
import dev.seedwatch.support.RetryPolicy;
import dev.seedwatch.testing.Build;
import dev.seedwatch.testing.FakeOpenAi;
import dev.seedwatch.testing.FakeOpenAi.Reply;
import dev.seedwatch.testing.FlakyTransformer;
import dev.seedwatch.testing.InFlightCounter;

/** The replay engine against WireMock producing the faults real providers produce. */
@QuarkusTest
class ReplayerFaultsTest {

    static final long MAX_RESPONSE_BYTES = 8 << 20;
    static final String KEY = "sk-proj-canary0123456789abcdefghij";
    static final String TEXT = "Mission control confirmed the crew entered Mars orbit on schedule.";
    static final ReplaySettings FAST = new ReplaySettings(8, new RetryPolicy(5, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(2)), Duration.ofSeconds(2), Duration.ofSeconds(1), MAX_RESPONSE_BYTES);

    @Inject
    Vertx vertx;

    static FakeOpenAi fake;
    static InFlightCounter inFlight = new InFlightCounter();
    static FlakyTransformer flaky = new FlakyTransformer(20261121L, 0.25);

    @BeforeAll
    static void start() {
        fake = new FakeOpenAi(inFlight, flaky);
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    @BeforeEach
    void reset() {
        fake.reset();
    }

    @Test
    void failsTwiceThenSucceedsCountsOneReplayWithThreeAttempts() {
        stubSequence("p", aResponse().withStatus(500), aResponse().withStatus(503), ok(TEXT));

        ReplayOutcome o = replay(target(1, null, null), prompt("p", 1), FAST).get(0);

        assertThat(o.succeeded()).isTrue();
        assertThat(o.text()).isEqualTo(TEXT);
        assertThat(o.attempts()).isEqualTo(3);
        assertThat(o.latencySeconds()).isNotNull().isPositive();
        assertThat(fake.requests("p")).hasSize(3);
    }

    @Test
    void everyTransientFaultIsRetried() {
        stubSequence("p", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                aResponse().withFault(Fault.EMPTY_RESPONSE),
                aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE),
                aResponse().withStatus(200).withBody("{\"id\":\"x\",\"choices\":[{\"message\":{\"cont"), ok(TEXT));
        ReplaySettings settings = new ReplaySettings(8, new RetryPolicy(6, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(2)), Duration.ofSeconds(2), Duration.ofSeconds(1), MAX_RESPONSE_BYTES);

        ReplayOutcome o = replay(target(1, null, null), prompt("p", 1), settings).get(0);

        assertThat(o.succeeded()).as(o.toString()).isTrue();
        assertThat(o.attempts()).isEqualTo(5);
    }

    @Test
    void honoursRetryAfter() {
        stubSequence("p", aResponse().withStatus(429).withHeader("Retry-After", "1")
                .withBody(FakeOpenAi.fixtureText("error-429.json")), ok(TEXT));

        ReplayOutcome o = replay(target(1, null, null), prompt("p", 1), FAST).get(0);

        assertThat(o.succeeded()).isTrue();
        assertThat(o.attempts()).isEqualTo(2);
        List<LoggedRequest> sent = fake.requests("p");
        long gap = sent.get(0).getLoggedDate().getTime() - sent.get(1).getLoggedDate().getTime();
        assertThat(Math.abs(gap)).as("ms between the 429 and the retry").isGreaterThanOrEqualTo(1000);
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheLastReason() {
        fake.server().stubFor(fake.chat("p").willReturn(aResponse().withStatus(503).withBody("overloaded")));

        List<ReplayOutcome> outcomes = replay(target(1, null, null), prompt("p", 2), FAST);

        assertThat(outcomes).allSatisfy(o -> {
            assertThat(o.failure()).isEqualTo(FailureReason.SERVER_ERROR);
            assertThat(o.attempts()).isEqualTo(5);
            assertThat(o.httpStatus()).isEqualTo(503);
            assertThat(o.error()).contains("overloaded");
        });
        assertThat(fake.requests("p")).hasSize(10);
    }

    @Test
    void slowAnswersTimeOut() {
        fake.server().stubFor(fake.chat("p").willReturn(aResponse().withStatus(200).withFixedDelay(3000)
                .withHeader("Content-Type", "application/json").withBody(FakeOpenAi.body(new Reply(TEXT, "fp", "m")))));
        ReplaySettings settings = new ReplaySettings(8, new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(2)), Duration.ofSeconds(30), Duration.ofSeconds(1), MAX_RESPONSE_BYTES);

        ReplayOutcome o = replay(target(1, null, Duration.ofMillis(300)), prompt("p", 1), settings).get(0);

        assertThat(o.failure()).isEqualTo(FailureReason.TIMEOUT);
        assertThat(o.attempts()).isEqualTo(2);
    }

    @Test
    void wrongKeyStopsTheTargetAfterTheFirstAnswerAndRedactsTheEchoedKey() {
        fake.server().stubFor(fake.chat("p").willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody(FakeOpenAi.fixtureText("error-401.json"))));
        fake.reply("q", new Reply(TEXT, "fp", "m"));

        List<ReplayOutcome> outcomes = replay(target(1, null, null), List.of(prompt("p", 20), prompt("q", 5)), FAST);

        assertThat(outcomes).hasSize(25).allSatisfy(o -> {
            assertThat(o.failure()).isEqualTo(FailureReason.AUTH);
            assertThat(o.error()).doesNotContain("sk-proj-*").doesNotContain(KEY);
        });
        assertThat(fake.allRequests()).hasSize(1); // concurrency 1: the first 401 stops everything else
        assertThat(outcomes.stream().filter(o -> o.attempts() == 1)).hasSize(1);
        assertThat(outcomes.get(0).error()).contains("Incorrect API key provided: sk-[REDACTED]");
    }

    @Test
    void fatalAnswersAreClassifiedAndNotRetried() {
        fake.server().stubFor(fake.chat("missing").willReturn(aResponse().withStatus(404)
                .withBody(FakeOpenAi.fixtureText("error-404-model.json"))));
        fake.server().stubFor(fake.chat("seed").willReturn(aResponse().withStatus(400)
                .withBody(FakeOpenAi.fixtureText("error-400-seed.json"))));
        fake.server().stubFor(fake.chat("tokens").willReturn(aResponse().withStatus(400)
                .withBody(FakeOpenAi.fixtureText("error-400-max-tokens.json"))));

        assertThat(replay(target(1, null, null), prompt("missing", 3), FAST))
                .extracting(ReplayOutcome::failure).containsOnly(FailureReason.NOT_FOUND);
        assertThat(fake.requests("missing")).hasSize(1);
        assertThat(replay(target(1, null, null), prompt("seed", 3), FAST))
                .extracting(ReplayOutcome::failure).containsOnly(FailureReason.SEED_UNSUPPORTED);
        assertThat(fake.requests("seed")).hasSize(1);
        // a bad parameter is this prompt's problem, not the target's: every replay is tried, once
        assertThat(replay(target(1, null, null), prompt("tokens", 3), FAST))
                .extracting(ReplayOutcome::failure).containsOnly(FailureReason.CLIENT_ERROR);
        assertThat(fake.requests("tokens")).hasSize(3);
    }

    @Test
    void aProviderFailingAQuarterOfAttemptsStillGivesACompleteRun() {
        fake.server().stubFor(fake.chat("p").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(FakeOpenAi.body(new Reply(TEXT, "fp", "m")))
                .withTransformers(FlakyTransformer.NAME)));
        ReplaySettings settings = new ReplaySettings(8, new RetryPolicy(8, Duration.ofMillis(5), Duration.ofMillis(40), Duration.ofSeconds(1)), Duration.ofSeconds(5), Duration.ofSeconds(1), MAX_RESPONSE_BYTES);
        int faultsBefore = flaky.faults();

        List<ReplayOutcome> outcomes = replay(target(null, null, null), prompt("p", 60), settings);

        assertThat(outcomes).hasSize(60).allSatisfy(o -> assertThat(o.succeeded()).as(o.toString()).isTrue());
        int faults = flaky.faults() - faultsBefore;
        assertThat(faults).as("faults injected").isPositive();
        assertThat(outcomes.stream().mapToInt(ReplayOutcome::attempts).sum()).isEqualTo(60 + faults);
    }

    @Test
    void concurrencyIsCappedOverallAndPerTarget() {
        fake.server().stubFor(fake.chat("cap").willReturn(aResponse().withStatus(200).withFixedDelay(150)
                .withHeader("Content-Type", "application/json").withBody(FakeOpenAi.body(new Reply(TEXT, "fp", "m")))));
        ReplaySettings three = new ReplaySettings(3, new RetryPolicy(1, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(1)), Duration.ofSeconds(5), Duration.ofSeconds(1), MAX_RESPONSE_BYTES);

        inFlight.track("cap");
        replay(target(null, null, null), prompt("cap", 12), three);
        assertThat(inFlight.max()).isEqualTo(3);

        inFlight.track("cap");
        replay(target(2, null, null), prompt("cap", 12), FAST);
        assertThat(inFlight.max()).isEqualTo(2);
    }

    @Test
    void requestsPerMinuteSpacesRequests() {
        fake.reply("p", new Reply(TEXT, "fp", "m"));

        replay(target(null, 240, null), prompt("p", 5), FAST); // one every 250 ms

        // the server logs arrivals: the first one also pays for opening a connection, so one interval is slack
        List<Long> times = fake.requests("p").stream().map(r -> r.getLoggedDate().getTime()).sorted().toList();
        assertThat(times.get(4) - times.get(0)).isGreaterThanOrEqualTo(3 * 250);
    }

    @Test
    void aStoppedRunSendsNothingMoreAndCancelsTheRest() {
        fake.server().stubFor(fake.chat("p").willReturn(aResponse().withStatus(200).withFixedDelay(5000)
                .withHeader("Content-Type", "application/json").withBody(FakeOpenAi.body(new Reply(TEXT, "fp", "m")))));
        RunControl control = new RunControl();
        Target target = target(2, null, null);
        control.onStop(() -> { });
        AtomicInteger sentAtStop = new AtomicInteger();
        // a target's first request goes alone until it is answered: the run is stopped while it is in flight
        Thread stopper = new Thread(() -> {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> fake.requests("p").size() >= 1);
            sentAtStop.set(fake.requests("p").size());
            control.stop("test");
        });
        stopper.start();

        List<ReplayOutcome> outcomes = new Replayer(vertx, FAST, Redactor.PATTERNS_ONLY, control)
                .replay(List.of(PlannedRequest.of(target, prompt("p", 10))));

        assertThat(outcomes).hasSize(10).allSatisfy(o -> assertThat(o.failure()).isEqualTo(FailureReason.CANCELLED));
        assertThat(fake.requests("p")).as("nothing sent after the stop").hasSize(sentAtStop.get());
    }

    // ------------------------------------------------------------------ helpers

    private List<ReplayOutcome> replay(Target target, Prompt prompt, ReplaySettings settings) {
        return replay(target, List.of(prompt), settings);
    }

    private List<ReplayOutcome> replay(Target target, List<Prompt> prompts, ReplaySettings settings) {
        return new Replayer(vertx, settings, new Redactor(List.of(KEY)), new RunControl())
                .replay(prompts.stream().map(p -> PlannedRequest.of(target, p)).toList());
    }

    private static Target target(Integer concurrency, Integer rpm, Duration timeout) {
        return Build.target("t").baseUrl(fake.baseUrl()).concurrency(concurrency).requestsPerMinute(rpm)
                .timeout(timeout).key("KEY", "Authorization", "Bearer " + KEY).build();
    }

    private static Prompt prompt(String content, int replays) {
        return Build.prompt(content).replays(replays).build();
    }

    private static ResponseDefinitionBuilder ok(String text) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(FakeOpenAi.body(new Reply(text, "fp", "m")));
    }

    /** The answers in order, then the last one for good. */
    @SafeVarargs
    private static void stubSequence(String content,
            ResponseDefinitionBuilder... answers) {
        for (int i = 0; i < answers.length; i++) {
            fake.server().stubFor(fake.chat(content).inScenario("seq-" + content)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "s" + i)
                    .willSetStateTo(i + 1 < answers.length ? "s" + (i + 1) : "s" + i)
                    .willReturn(answers[i]));
        }
    }
}
