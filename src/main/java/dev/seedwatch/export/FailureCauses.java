package dev.seedwatch.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.seedwatch.analysis.PromptResult;
import dev.seedwatch.provider.FailureReason;
import dev.seedwatch.replay.ReplayOutcome;

/**
 * Why replays failed, for the console: per target, each distinct cause (the failure class with the HTTP status and
 * the provider's message, already redacted when it was recorded) with how many replays it failed. Replays cancelled
 * by a stop are said by the run's outcome, not here.
 */
public final class FailureCauses {

    /** A provider's message is hostile: one line of it, cut to a length a console line can hold. */
    static final int MAX_MESSAGE_CHARS = 200;

    private FailureCauses() {
    }

    public static String render(List<PromptResult> prompts) {
        Map<String, Integer> causes = new LinkedHashMap<>();
        for (PromptResult p : prompts) {
            for (ReplayOutcome r : p.replays()) {
                if (!r.succeeded() && r.failure() != FailureReason.CANCELLED) {
                    causes.merge(p.target() + ": " + cause(r), 1, Integer::sum);
                }
            }
        }
        List<String> lines = new ArrayList<>();
        causes.forEach((cause, count) -> lines.add(String.format(Locale.ROOT, "  %d x %s%n", count, cause)));
        return lines.isEmpty() ? "" : "why replays failed:\n" + String.join("", lines);
    }

    private static String cause(ReplayOutcome r) {
        String reason = r.failure() == null ? "no text" : r.failure().label();
        if (r.error() == null || r.error().isBlank()) {
            return r.httpStatus() == null ? reason : reason + " (HTTP " + r.httpStatus() + ")";
        }
        String message = r.error().replaceAll("\\p{Cntrl}+", " ").strip();
        if (message.length() > MAX_MESSAGE_CHARS) {
            message = message.substring(0, MAX_MESSAGE_CHARS) + "…";
        }
        return reason + ": " + message;
    }
}
