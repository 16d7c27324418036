package dev.seedwatch.run;

/** The contract's exit codes; {@code seedwatch_run_success} is 1 exactly when the code is {@link #OK}. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int TOO_MANY_FAILURES = 1;
    public static final int INVALID = 2;
    public static final int EXPORT_FAILED = 3;
    public static final int INTERRUPTED = 4;

    private ExitCodes() {
    }

    /** A measured run's code: an interruption outranks a failed export, which outranks too many failed replays. */
    public static int of(boolean interrupted, boolean exportFailed, boolean tooManyFailures) {
        return interrupted ? INTERRUPTED : exportFailed ? EXPORT_FAILED : tooManyFailures ? TOO_MANY_FAILURES : OK;
    }
}
