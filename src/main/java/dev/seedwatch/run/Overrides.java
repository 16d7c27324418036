package dev.seedwatch.run;

import java.util.List;

/**
 * What the command line set, as typed (null or empty where an option was not given): checked together with the
 * configuration in {@link RunSettings}, so that every mistake is reported at once.
 *
 * @param targets {@code --target}, repeatable
 * @param prompts {@code --prompt}, repeatable
 * @param failOnChange {@code --fail-on-change}: exit 5 when the run completed and something changed
 * @param junit {@code --junit FILE}: where to write the run as JUnit XML
 */
public record Overrides(String suite, String stateDir, String pushgateway, String metricsFile, String concurrency,
        String maxFailureRatio, String shard, String replays, List<String> targets, List<String> prompts,
        boolean failOnChange, String junit) {

    public static final Overrides NONE = new Overrides(null, null, null, null, null, null, null, null, List.of(),
            List.of(), false, null);

    public Overrides {
        targets = targets == null ? List.of() : List.copyOf(targets);
        prompts = prompts == null ? List.of() : List.copyOf(prompts);
    }
}
