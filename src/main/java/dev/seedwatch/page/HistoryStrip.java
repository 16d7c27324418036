package dev.seedwatch.page;

import java.util.List;
import java.util.Locale;

import dev.seedwatch.analysis.PromptFigures;
import dev.seedwatch.analysis.PromptResult;
import dev.seedwatch.analysis.TargetResult;
import dev.seedwatch.report.RunReport;

/**
 * A prompt's last runs as an inline SVG: a bar per run for its exact-match ratio, the number of distinct replies
 * above it, a dot where the reply moved from its baseline, and a red tick where the target's fingerprint changed.
 * It holds numbers only, never reply text.
 */
final class HistoryStrip {

    private static final int BAR = 14;
    private static final int HEIGHT = 40;

    private HistoryStrip() {
    }

    static String svg(String target, String prompt, List<RunReport> history) {
        StringBuilder svg = new StringBuilder();
        int width = Math.max(1, history.size()) * BAR;
        svg.append(String.format(Locale.ROOT, "<svg class=\"history\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\""
                + " height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"last %d runs\">", width, HEIGHT + 12,
                width, HEIGHT + 12, history.size()));
        for (int i = 0; i < history.size(); i++) {
            RunReport run = history.get(i);
            PromptResult p = PageBuilder.prompt(run, target, prompt);
            TargetResult t = PageBuilder.target(run, target);
            int x = i * BAR;
            if (t != null && PageBuilder.set(t.figures().fingerprint().changed())) {
                svg.append(String.format(Locale.ROOT, "<rect class=\"fp\" x=\"%d\" y=\"0\" width=\"2\" height=\"%d\">"
                        + "<title>fingerprint changed</title></rect>", x, HEIGHT + 12));
            }
            if (p == null || p.figures().agreement().exactMatchRatio() == null) {
                continue;
            }
            PromptFigures f = p.figures();
            double exact = f.agreement().exactMatchRatio();
            int distinct = f.agreement().uniqueCompletions() == null ? 0 : f.agreement().uniqueCompletions();
            int h = (int) Math.round(exact * HEIGHT);
            svg.append(String.format(Locale.ROOT, "<rect class=\"exact\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\">"
                    + "<title>%s: exact match %.2f, %d distinct</title></rect>", x + 3, 12 + HEIGHT - h, BAR - 4,
                    Math.max(h, 1), run.runId().replaceAll("[^0-9TZ.a-z_-]", ""), exact, distinct));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"10\">%d</text>", x + 4, distinct));
            if (PageBuilder.set(f.drift().completionChanged())) {
                svg.append(String.format(Locale.ROOT, "<circle class=\"moved\" cx=\"%d\" cy=\"%d\" r=\"3\"/>",
                        x + BAR / 2 + 1, 12 + HEIGHT - 4));
            }
        }
        return svg.append("</svg>").toString();
    }
}
