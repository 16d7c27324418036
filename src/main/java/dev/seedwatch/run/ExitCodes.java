package dev.seedwatch.run;

/**
 * The contract's exit codes; {@code seedwatch_run_success} is 1 exactly when the code is {@link #OK} or
 * {@link #CHANGED}.
 */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int TOO_MANY_FAILURES = 1;
    public static final int INVALID = 2;
    public static final int EXPORT_FAILED = 3;
    public static final int INTERRUPTED = 4;
    /** {@code --fail-on-change}: the run completed as for {@link #OK}, and something changed ({@code Changes}). */
    public static final int CHANGED = 5;

    private ExitCodes() {
    }

    /**
     * A measured run's code: an interruption outranks a failed export, which outranks too many failed replays, which
     * outrank a change.
     *
     * @param failingChange something changed and {@code --fail-on-change} was given
     */
    public static int of(boolean interrupted, boolean exportFailed, boolean tooManyFailures, boolean failingChange) {
        return interrupted ? INTERRUPTED
                : exportFailed ? EXPORT_FAILED : tooManyFailures ? TOO_MANY_FAILURES : failingChange ? CHANGED : OK;
    }
}
