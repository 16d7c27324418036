package dev.seedwatch.testing;

import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/** Counts requests WireMock is serving at once, and the most it ever served at once. */
public final class InFlightCounter implements ServeEventListener {

    private final AtomicInteger now = new AtomicInteger();
    private final AtomicInteger max = new AtomicInteger();
    private volatile String marker = "";

    /** Counts only requests whose body contains {@code marker} (other tests' slow requests may still be open). */
    public void track(String marker) {
        this.marker = marker;
        now.set(0);
        max.set(0);
    }

    @Override
    public void beforeMatch(ServeEvent serveEvent, Parameters parameters) {
        if (serveEvent.getRequest().getBodyAsString().contains(marker)) {
            max.accumulateAndGet(now.incrementAndGet(), Math::max);
        }
    }

    @Override
    public void afterComplete(ServeEvent serveEvent, Parameters parameters) {
        if (serveEvent.getRequest().getBodyAsString().contains(marker)) {
            now.decrementAndGet();
        }
    }

    public int max() {
        return max.get();
    }

    @Override
    public String getName() {
        return "in-flight-counter";
    }
}
