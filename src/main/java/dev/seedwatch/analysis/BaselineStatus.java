package dev.seedwatch.analysis;

/** How this run's replies relate to the stored baseline of their (target, prompt). */
public enum BaselineStatus {
    /** No baseline yet: first run of this prompt. */
    NONE,
    /** Compared against the baseline. */
    COMPARED,
    /** The request body changed since the baseline was taken: not comparable, baseline reset. */
    RESET_REQUEST_CHANGED,
    /** The embedding model changed since the baseline was taken: distances not comparable, baseline reset. */
    RESET_EMBEDDING_CHANGED,
    /** The baseline exists but this run has no successful reply to compare. */
    NOTHING_TO_COMPARE
}
