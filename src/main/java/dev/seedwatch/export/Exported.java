package dev.seedwatch.export;

import java.util.List;

/**
 * What the sinks of a run achieved.
 *
 * @param success the run counts as successful: it was measured fully, and state, metrics file and push all worked
 * @param failed some sink failed (exit 3 unless the run was interrupted)
 * @param metrics what was exported (and what serve's {@code /q/metrics} shows)
 * @param problems what failed, in words, credentials redacted
 */
public record Exported(boolean success, boolean failed, RunMetrics metrics, List<String> problems) {

    public Exported {
        problems = List.copyOf(problems);
    }
}
