package dev.seedwatch.support;

/** A failure put in words for a person: its kind and the first message down its chain of causes. */
public final class Causes {

    private Causes() {
    }

    /**
     * {@code ConnectException: Connection refused}; the JDK's HTTP client throws a ConnectException without a message
     * whose cause has one, so the chain is searched. Just the kind when no exception in the chain says more.
     */
    public static String describe(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return error.getClass().getSimpleName() + ": " + t.getMessage();
            }
        }
        return error.getClass().getSimpleName();
    }
}
