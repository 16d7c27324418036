package dev.seedwatch.testing;

import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * Makes a stub fail a share of attempts at random (seeded, so a run is repeatable) with a mix of the transient
 * faults real providers produce: 429 with Retry-After, 500/502/503/504, connection reset, empty response, a 200
 * cut off mid-JSON and a 200 without choices.
 */
public final class FlakyTransformer implements ResponseTransformerV2 {

    public static final String NAME = "flaky";

    private final Random random;
    private final double failureShare;
    private final AtomicInteger faults = new AtomicInteger();
    private final AtomicInteger served = new AtomicInteger();

    public FlakyTransformer(long seed, double failureShare) {
        this.random = new Random(seed);
        this.failureShare = failureShare;
    }

    @Override
    public Response transform(Response response, ServeEvent serveEvent) {
        served.incrementAndGet();
        int pick;
        synchronized (random) {
            if (random.nextDouble() >= failureShare) {
                return response;
            }
            pick = random.nextInt(9);
        }
        faults.incrementAndGet();
        Response.Builder failed = Response.Builder.like(response).but();
        return switch (pick) {
            case 0 -> failed.status(429).headers(new HttpHeaders(new HttpHeader("Retry-After", "0")))
                    .body(FakeOpenAi.fixtureText("error-429.json")).build();
            case 1 -> failed.status(500).body("{\"error\":{\"message\":\"internal\"}}").build();
            case 2 -> failed.status(502).body("<html>bad gateway</html>").build();
            case 3 -> failed.status(503).body("").build();
            case 4 -> failed.status(504).body("upstream timed out").build();
            case 5 -> failed.fault(Fault.CONNECTION_RESET_BY_PEER).build();
            case 6 -> failed.fault(Fault.EMPTY_RESPONSE).build();
            case 7 -> failed.body(response.getBodyAsString().substring(0, response.getBodyAsString().length() / 2))
                    .build();
            default -> failed.body("{\"object\":\"chat.completion\",\"choices\":[]}").build();
        };
    }

    public int faults() {
        return faults.get();
    }

    public int served() {
        return served.get();
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }
}
