package dev.seedwatch.run;

/**
 * What the command line set, as typed (null where an option was not given): checked together with the
 * configuration in {@link RunSettings}, so that every mistake is reported at once.
 */
public record Overrides(String suite, String stateDir, String pushgateway, String metricsFile, String concurrency,
        String maxFailureRatio, String shard) {

    public static final Overrides NONE = new Overrides(null, null, null, null, null, null, null);
}
