package dev.seedwatch.analysis;

/** How this run's replies of a (target, prompt) relate to the golden run. */
public enum GoldenStatus {
    /** Compared against the golden run. */
    COMPARED,
    /** No golden run is pinned. */
    NOTHING_PINNED,
    /** A golden run is pinned, but this prompt was not fully measured in it (or did not exist). */
    NOT_PINNED,
    /** The request body changed since the golden run: not comparable. */
    REQUEST_CHANGED,
    /** This run has no successful reply to compare. */
    NOTHING_TO_COMPARE,
    /** The prompt is a probe: the change tests compare its replies, not its most common text. */
    PROBE
}
