package dev.seedwatch.provider;

/**
 * An {@link Error} (OutOfMemoryError, StackOverflowError…) met while a reply was sent or read. It is not an answer
 * of the provider's and must not be retried as one: the run stops sending and exports what it measured.
 */
public final class RunAbort extends RuntimeException {

    public RunAbort(Error cause) {
        super(cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()),
                cause, false, false);
    }
}
