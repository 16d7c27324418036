package dev.seedwatch.run;

import java.util.List;
import java.util.Locale;

import org.jboss.logging.Logger;

import dev.seedwatch.analysis.PromptResult;
import dev.seedwatch.analysis.RunResult;

/** How a run's ending is put in words, in the report and on the console. */
final class Outcomes {

    private static final Logger LOG = Logger.getLogger(Outcomes.class);

    private Outcomes() {
    }

    /** @param problems what went wrong; for {@link ExitCodes#CHANGED}, what changed */
    static String describe(int exitCode, RunResult result, String stopReason, double maxFailureRatio,
            List<String> problems) {
        return switch (exitCode) {
            case ExitCodes.OK -> "success";
            case ExitCodes.CHANGED -> "completed, and with --fail-on-change a change fails it: " + String.join("; ", problems);
            case ExitCodes.INTERRUPTED -> "interrupted (" + stopReason + "): " + result.replaysFailed() + " of "
                    + result.replaysPlanned() + " replays did not complete";
            case ExitCodes.TOO_MANY_FAILURES -> String.format(Locale.ROOT,
                    "%d of %d replays failed (%.1f%%), more than --max-failure-ratio %.3f allows",
                    result.replaysFailed(), result.replaysPlanned(), 100 * result.failureRatio(), maxFailureRatio);
            default -> "export failed: " + String.join("; ", problems);
        };
    }

    static void logBaselineResets(RunResult result) {
        for (PromptResult p : result.prompts()) {
            switch (p.baselineStatus()) {
                case RESET_REQUEST_CHANGED -> LOG.infof("%s/%s: request changed since the baseline; baseline reset",
                        p.target(), p.prompt());
                case RESET_EMBEDDING_CHANGED -> LOG.infof(
                        "%s/%s: embedding model changed since the baseline; baseline reset", p.target(), p.prompt());
                default -> {
                }
            }
        }
    }
}
