package dev.seedwatch.replay;

/** Which half of a {@code load-probe} prompt's replays an outcome belongs to. */
public enum ReplayPhase {
    /** Sent one at a time, with no other request of the run in flight to the target. */
    ISOLATED,
    /** Sent all at once (within the concurrency caps); the prompt's regular figures come from these. */
    BURST
}
