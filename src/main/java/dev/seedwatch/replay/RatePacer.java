package dev.seedwatch.replay;

import java.time.Duration;

/** Spaces a target's requests evenly to honour its {@code requests-per-minute}. */
final class RatePacer {

    private final long intervalNanos;
    private long next;

    RatePacer(int requestsPerMinute) {
        this.intervalNanos = Duration.ofMinutes(1).toNanos() / requestsPerMinute;
        this.next = System.nanoTime();
    }

    /** How long the caller must wait before sending; reserves its slot. */
    synchronized Duration reserve() {
        long now = System.nanoTime();
        long slot = Math.max(now, next);
        next = slot + intervalNanos;
        return Duration.ofNanos(slot - now);
    }
}
