package dev.seedwatch.page;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.seedwatch.analysis.ChangeFigures;
import dev.seedwatch.analysis.TargetResult;
import dev.seedwatch.analysis.change.Evidence;
import dev.seedwatch.analysis.change.TestResult;
import dev.seedwatch.analysis.change.TokenShift;
import dev.seedwatch.report.RunReport;

/**
 * The "same model?" part of a run page, read from each target's {@code change} in the report: the tests' p-values,
 * the evidence against 1/alpha and its history, the probes that moved most and, for logprobs probes, the tokens whose
 * probabilities moved. A figure the report lacks is not shown.
 */
final class SameModelSection {

    /** Probes listed as having moved most, at most. */
    static final int MOVED = 5;
    private static final int BAR = 14;
    private static final int HEIGHT = 40;
    /** The evidence strip's scale starts at 0.01 (log scale): smaller evidence shows no bar. */
    private static final double FLOOR = -2;

    private SameModelSection() {
    }

    /** One entry per target with probes (a {@code change} in the report), detected changes first. */
    static List<RunPage.SameModel> of(RunReport report, List<RunReport> history) {
        List<RunPage.SameModel> out = new ArrayList<>();
        for (TargetResult t : report.targets()) {
            if (t.change() != null) {
                out.add(target(t.target(), t.change(), history));
            }
        }
        out.sort(Comparator.comparing((RunPage.SameModel m) -> !m.detected()));
        return out;
    }

    private static RunPage.SameModel target(String target, ChangeFigures change, List<RunReport> history) {
        List<RunPage.Figure> pValues = new ArrayList<>();
        List<Moved> moved = new ArrayList<>();
        for (TestResult test : change.tests()) {
            String name = test.test().name().toLowerCase(Locale.ROOT);
            pValues.add(new RunPage.Figure(name, p(test.pValue())));
            test.probePValues().forEach((probe, value) -> {
                if (finite(value)) {
                    moved.add(new Moved(value, new RunPage.MovedProbe(probe, name, p(value))));
                }
            });
        }
        List<RunPage.MovedProbe> smallest = moved.stream()
                .sorted(Comparator.comparingDouble(Moved::p).thenComparing(m -> m.view().probe())).limit(MOVED)
                .map(Moved::view).toList();
        List<RunPage.Figure> leftOut = new ArrayList<>();
        change.leftOut().forEach((probe, why) -> leftOut.add(new RunPage.Figure(probe, why)));
        return new RunPage.SameModel(target, change.detected(), verdict(change), pValues,
                history(target, change.alpha(), history), smallest, tokens(change.tokenShifts()), leftOut);
    }

    private record Moved(double p, RunPage.MovedProbe view) {
    }

    private static String verdict(ChangeFigures change) {
        if (change.referenceRunId() == null) {
            return "no reference yet: no run since the last reset had all its probes complete";
        }
        String reference = "reference run " + change.referenceRunId() + (change.pinned() ? " (pinned)" : "");
        if (change.referenceSetNow()) {
            return "this run became the reference: nothing tested yet";
        }
        Evidence evidence = change.evidence();
        double alpha = change.alpha();
        if (evidence == null || !(alpha > 0)) {
            return "tested against the " + reference;
        }
        String against = String.format(Locale.ROOT, "evidence %s %s %s (1/alpha, alpha %s) after %d run(s) against the ",
                number(evidence.value()), change.detected() ? "≥" : "<", number(1 / alpha),
                BigDecimal.valueOf(alpha).stripTrailingZeros().toPlainString(), evidence.runs());
        return (change.detected() ? "model changed: " : "no change detected: ") + against + reference;
    }

    private static List<RunPage.ProbeTokens> tokens(Map<String, List<TokenShift>> shifts) {
        List<RunPage.ProbeTokens> out = new ArrayList<>();
        shifts.forEach((probe, probeShifts) -> {
            List<RunPage.TokenMove> moves = new ArrayList<>();
            for (TokenShift s : probeShifts) {
                if (finite(s.referenceMean()) && finite(s.currentMean())) {
                    moves.add(new RunPage.TokenMove(s.token(), logprob(s.referenceMean()), logprob(s.currentMean()),
                            share(s.referenceShare()), share(s.currentShare())));
                }
            }
            if (!moves.isEmpty()) {
                out.add(new RunPage.ProbeTokens(probe, moves));
            }
        });
        return out;
    }

    /**
     * The target's evidence over the kept runs as an inline SVG, on a log scale from 0.01 with a line at 1/alpha;
     * empty when no kept run has evidence.
     */
    static String history(String target, double alpha, List<RunReport> history) {
        double threshold = alpha > 0 && alpha < 1 ? Math.log10(1 / alpha) : 2;
        double top = threshold + 1;
        StringBuilder bars = new StringBuilder();
        boolean any = false;
        for (int i = 0; i < history.size(); i++) {
            Evidence evidence = evidence(history.get(i), target);
            if (evidence == null) {
                continue;
            }
            any = true;
            double value = evidence.value();
            double level = value > 0 ? Math.min(top, Math.max(FLOOR, Math.log10(value))) : FLOOR;
            int h = (int) Math.round((level - FLOOR) / (top - FLOOR) * HEIGHT);
            bars.append(String.format(Locale.ROOT, "<rect class=\"evidence\" x=\"%d\" y=\"%d\" width=\"%d\""
                    + " height=\"%d\"><title>%s: evidence %s after %d run(s)</title></rect>", i * BAR + 3,
                    HEIGHT - h, BAR - 4, Math.max(h, 1), history.get(i).runId().replaceAll("[^0-9TZ.a-z_-]", ""),
                    number(value), evidence.runs()));
        }
        if (!any) {
            return "";
        }
        int width = history.size() * BAR;
        int line = (int) Math.round(HEIGHT - (threshold - FLOOR) / (top - FLOOR) * HEIGHT);
        return String.format(Locale.ROOT, "<svg class=\"evidence\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\""
                + " height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"evidence over the last %d runs\">"
                + "%s<line class=\"threshold\" x1=\"0\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/></svg>", width, HEIGHT, width,
                HEIGHT, history.size(), bars, width, line, line);
    }

    /** The evidence of {@code target} in {@code report}; null when it has none. */
    private static Evidence evidence(RunReport report, String target) {
        TargetResult t = PageBuilder.target(report, target);
        return t == null || t.change() == null ? null : t.change().evidence();
    }

    /** A p-value: three decimals, or two significant digits below 0.001 (a strong change is far below). */
    static String p(double value) {
        return value >= 0.001 ? String.format(Locale.ROOT, "%.3f", value) : String.format(Locale.ROOT, "%.1e", value);
    }

    private static String number(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.3g", value);
    }

    private static String logprob(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    private static String share(double value) {
        return finite(value) ? String.format(Locale.ROOT, "%.0f%%", value * 100) : "—";
    }

    /** Written as a number: NaN and the infinities are written as strings, and shown as no number. */
    private static boolean finite(Double value) {
        return value != null && Double.isFinite(value);
    }
}
