package dev.seedwatch.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.seedwatch.analysis.PromptFigures;
import dev.seedwatch.analysis.PromptResult;
import dev.seedwatch.analysis.RunResult;
import dev.seedwatch.analysis.TargetResult;

/** The human-readable table printed after a run: one row per target × prompt, then one line per target. */
public final class SummaryTable {

    private static final String[] HEADER = { "TARGET", "PROMPT", "EXPECT", "OK/REPLAYS", "EXACT", "UNIQUE", "PREFIX",
            "DIST MEAN", "DIST MAX", "BASELINE", "CHANGED", "GOLDEN", "FINGERPRINT" };

    private SummaryTable() {
    }

    /** The table with the distinct replies of split prompts when only a few split. */
    public static String render(RunResult run) {
        return render(run, false);
    }

    /** @param showReplies print the distinct replies of every prompt that split */
    public static String render(RunResult run, boolean showReplies) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (PromptResult p : run.prompts()) {
            PromptFigures f = p.figures();
            TargetResult target = run.targets().stream().filter(t -> t.target().equals(p.target())).findFirst()
                    .orElseThrow();
            PromptFigures.Agreement agreement = f.agreement();
            rows.add(new String[] { p.target(), p.prompt(), p.expect().label(),
                    f.counts().succeeded() + "/" + f.counts().planned(),
                    number(agreement.exactMatchRatio(), 2), integer(agreement.uniqueCompletions()),
                    integer(agreement.commonPrefixChars()),
                    number(f.distances().mean(), 4), number(f.distances().max(), 4),
                    number(f.drift().baselineDistance(), 4),
                    f.drift().completionChanged().map(yes -> yes ? "yes" : "no").orElse("-"),
                    SummaryNotes.golden(p.golden()),
                    String.join(",", target.figures().fingerprint().replays().keySet()) });
        }
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                out.append(String.format("%-" + widths[i] + "s", row[i]));
                out.append(i == row.length - 1 ? "\n" : "  ");
            }
        }
        for (TargetResult t : run.targets()) {
            var f = t.figures();
            out.append(String.format(Locale.ROOT, "%s (%s): TARr@N %s (%d/%d deterministic prompts identical), "
                    + "fingerprints %s%s, served models %s%s, tokens %d+%d%s%n",
                    t.target(), t.model(), number(f.agreement().ratio(), 2), f.agreement().agreeing(),
                    f.agreement().measured(), f.fingerprint().replays().keySet(),
                    changed(f.fingerprint().changed(), " CHANGED from " + f.fingerprint().previous()),
                    f.servedModel().replays().keySet(), changed(f.servedModel().changed(), " CHANGED"),
                    f.tokens().prompt(), f.tokens().completion(), t.golden() == null ? "" : ", golden run " + t.golden().runId()));
        }
        SummaryNotes.of(run, showReplies).forEach(line -> out.append(line).append('\n'));
        List<String> failures = run.prompts().stream().filter(p -> !p.figures().counts().failures().isEmpty())
                .map(p -> p.target() + "/" + p.prompt() + " " + p.figures().counts().failures())
                .collect(Collectors.toList());
        if (!failures.isEmpty()) {
            out.append("failed replays: ").append(String.join("; ", failures)).append('\n');
        }
        out.append(FailureCauses.render(run.prompts()));
        return out.toString();
    }

    private static String changed(Optional<Boolean> flag, String text) {
        return flag.orElse(false) ? text : "";
    }

    private static String number(Double value, int decimals) {
        return value == null ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static String integer(Integer value) {
        return value == null ? "-" : value.toString();
    }
}
