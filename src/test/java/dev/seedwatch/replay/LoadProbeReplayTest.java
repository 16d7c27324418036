package dev.seedwatch.replay;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;

import dev.seedwatch.suite.Target;
import dev.seedwatch.support.Redactor;
import dev.seedwatch.support.RetryPolicy;
import dev.seedwatch.testing.Build;
import dev.seedwatch.testing.FakeOpenAi;
import dev.seedwatch.testing.FakeOpenAi.Reply;

/**
 * A load probe's isolated replays against WireMock: each one alone in flight to the target, none of the run's other
 * requests beside it, and only then the burst and the rest, all at once within the caps.
 */
@QuarkusTest
class LoadProbeReplayTest {

    static final ReplaySettings SETTINGS = new ReplaySettings(8,
            new RetryPolicy(1, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(1)),
            Duration.ofSeconds(5), Duration.ofSeconds(1), 8 << 20);

    /** For each request in the order they arrived: its last message and how many were in flight with it. */
    record Arrival(String body, int inFlight) {
    }

    static final class Arrivals implements ServeEventListener {
        final AtomicInteger now = new AtomicInteger();
        final List<Arrival> list = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void beforeMatch(ServeEvent event, Parameters parameters) {
            list.add(new Arrival(event.getRequest().getBodyAsString(), now.incrementAndGet()));
        }

        @Override
        public void afterComplete(ServeEvent event, Parameters parameters) {
            now.decrementAndGet();
        }

        @Override
        public String getName() {
            return "arrivals";
        }
    }

    @Inject
    Vertx vertx;

    static final Arrivals arrivals = new Arrivals();
    static FakeOpenAi fake;

    @BeforeAll
    static void start() {
        fake = new FakeOpenAi(arrivals);
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    @Test
    void isolatedReplaysAreAloneInFlightThenTheBurstGoesOutTogether() {
        for (String content : List.of("probe", "other")) {
            fake.server().stubFor(fake.chat(content).willReturn(aResponse().withStatus(200).withFixedDelay(100)
                    .withHeader("Content-Type", "application/json")
                    .withBody(FakeOpenAi.body(new Reply(content + " reply", "fp", "m")))));
        }
        Target target = Build.target("t").baseUrl(fake.baseUrl()).concurrency(8).build();
        PlannedRequest probe = PlannedRequest.of(target, Build.prompt("probe").replays(6).loadProbe(true).build());
        PlannedRequest other = PlannedRequest.of(target, Build.prompt("other").replays(6).build());

        List<ReplayOutcome> outcomes = new Replayer(vertx, SETTINGS, Redactor.PATTERNS_ONLY, new RunControl())
                .replay(List.of(other, probe));

        List<Arrival> seen = List.copyOf(arrivals.list);
        assertThat(seen).hasSize(18);
        // the 6 isolated replays come first, each alone; the 7th request arrives only after the 6th finished
        assertThat(seen.subList(0, 6)).allSatisfy(a -> assertThat(a.body()).contains("\"content\":\"probe\""));
        assertThat(seen.subList(0, 7)).extracting(Arrival::inFlight).containsOnly(1);
        // then the burst goes out whole: the slow start of a target without rate headers grew with each isolated answer
        assertThat(seen.subList(6, 12)).extracting(Arrival::inFlight).containsExactly(1, 2, 3, 4, 5, 6);
        // and never more than the target's cap of 8
        assertThat(seen.stream().mapToInt(Arrival::inFlight).max().orElse(0)).isLessThanOrEqualTo(8);

        assertThat(outcomes).hasSize(18).allSatisfy(o -> assertThat(o.succeeded()).as(o.toString()).isTrue());
        assertThat(outcomes.subList(0, 6)).extracting(ReplayOutcome::prompt, ReplayOutcome::phase)
                .containsOnly(tuple("other", null));
        assertThat(outcomes.subList(6, 12)).extracting(ReplayOutcome::phase).containsOnly(ReplayPhase.ISOLATED);
        assertThat(outcomes.subList(6, 12)).extracting(ReplayOutcome::index).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(outcomes.subList(12, 18)).extracting(ReplayOutcome::phase).containsOnly(ReplayPhase.BURST);
    }
}
