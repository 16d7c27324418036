package dev.seedwatch.page;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

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
    static List<RunPage.SameModel> of(JsonNode report, List<JsonNode> history) {
        List<RunPage.SameModel> out = new ArrayList<>();
        for (JsonNode t : report.path("targets")) {
            JsonNode change = t.path("change");
            if (change.isObject()) {
                out.add(target(t.path("target").asText(), change, history));
            }
        }
        out.sort(Comparator.comparing((RunPage.SameModel m) -> !m.detected()));
        return out;
    }

    private static RunPage.SameModel target(String target, JsonNode change, List<JsonNode> history) {
        List<RunPage.Figure> pValues = new ArrayList<>();
        List<Moved> moved = new ArrayList<>();
        for (JsonNode test : change.path("tests")) {
            String name = test.path("test").asText().toLowerCase(Locale.ROOT);
            if (test.path("pValue").isNumber()) {
                pValues.add(new RunPage.Figure(name, p(test.path("pValue").asDouble())));
            }
            test.path("probePValues").fields().forEachRemaining(e -> {
                if (e.getValue().isNumber()) {
                    moved.add(new Moved(e.getValue().asDouble(),
                            new RunPage.MovedProbe(e.getKey(), name, p(e.getValue().asDouble()))));
                }
            });
        }
        List<RunPage.MovedProbe> smallest = moved.stream()
                .sorted(Comparator.comparingDouble(Moved::p).thenComparing(m -> m.view().probe())).limit(MOVED)
                .map(Moved::view).toList();
        List<RunPage.Figure> leftOut = new ArrayList<>();
        change.path("leftOut").fields()
                .forEachRemaining(e -> leftOut.add(new RunPage.Figure(e.getKey(), e.getValue().asText())));
        return new RunPage.SameModel(target, change.path("detected").asBoolean(false), verdict(change), pValues,
                history(target, change.path("alpha"), history), smallest, tokens(change.path("tokenShifts")), leftOut);
    }

    private record Moved(double p, RunPage.MovedProbe view) {
    }

    private static String verdict(JsonNode change) {
        if (!change.hasNonNull("referenceRunId")) {
            return "no reference yet: no run since the last reset had all its probes complete";
        }
        String reference = "reference run " + change.path("referenceRunId").asText()
                + (change.path("pinned").asBoolean(false) ? " (pinned)" : "");
        if (change.path("referenceSetNow").asBoolean(false)) {
            return "this run became the reference: nothing tested yet";
        }
        JsonNode evidence = change.path("evidence");
        JsonNode alpha = change.path("alpha");
        if (!evidence.path("value").isNumber() || !alpha.isNumber() || !(alpha.asDouble() > 0)) {
            return "tested against the " + reference;
        }
        String against = String.format(Locale.ROOT, "evidence %s %s %s (1/alpha, alpha %s) after %d run(s) against the ",
                number(evidence.path("value").asDouble()), change.path("detected").asBoolean(false) ? "≥" : "<",
                number(1 / alpha.asDouble()), BigDecimal.valueOf(alpha.asDouble()).stripTrailingZeros().toPlainString(), evidence.path("runs").asInt());
        return (change.path("detected").asBoolean(false) ? "model changed: " : "no change detected: ") + against
                + reference;
    }

    private static List<RunPage.ProbeTokens> tokens(JsonNode shifts) {
        List<RunPage.ProbeTokens> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> probe : (Iterable<Map.Entry<String, JsonNode>>) shifts::fields) {
            List<RunPage.TokenMove> moves = new ArrayList<>();
            for (JsonNode s : probe.getValue()) {
                if (s.path("referenceMean").isNumber() && s.path("currentMean").isNumber()) {
                    moves.add(new RunPage.TokenMove(s.path("token").asText(), logprob(s.path("referenceMean")),
                            logprob(s.path("currentMean")), share(s.path("referenceShare")),
                            share(s.path("currentShare"))));
                }
            }
            if (!moves.isEmpty()) {
                out.add(new RunPage.ProbeTokens(probe.getKey(), moves));
            }
        }
        return out;
    }

    /**
     * The target's evidence over the kept runs as an inline SVG, on a log scale from 0.01 with a line at 1/alpha;
     * empty when no kept run has evidence.
     */
    static String history(String target, JsonNode alpha, List<JsonNode> history) {
        double threshold = alpha.isNumber() && alpha.asDouble() > 0 && alpha.asDouble() < 1
                ? Math.log10(1 / alpha.asDouble())
                : 2;
        double top = threshold + 1;
        StringBuilder bars = new StringBuilder();
        boolean any = false;
        for (int i = 0; i < history.size(); i++) {
            JsonNode evidence = find(history.get(i), target).path("evidence");
            if (!evidence.path("value").isNumber()) {
                continue;
            }
            any = true;
            double value = evidence.path("value").asDouble();
            double level = value > 0 ? Math.min(top, Math.max(FLOOR, Math.log10(value))) : FLOOR;
            int h = (int) Math.round((level - FLOOR) / (top - FLOOR) * HEIGHT);
            bars.append(String.format(Locale.ROOT, "<rect class=\"evidence\" x=\"%d\" y=\"%d\" width=\"%d\""
                    + " height=\"%d\"><title>%s: evidence %s after %d run(s)</title></rect>", i * BAR + 3,
                    HEIGHT - h, BAR - 4, Math.max(h, 1), history.get(i).path("runId").asText()
                            .replaceAll("[^0-9TZ.a-z_-]", ""), number(value), evidence.path("runs").asInt()));
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

    private static JsonNode find(JsonNode report, String target) {
        for (JsonNode t : report.path("targets")) {
            if (t.path("target").asText().equals(target)) {
                return t.path("change");
            }
        }
        return report.path("none");
    }

    /** A p-value: three decimals, or two significant digits below 0.001 (a strong change is far below). */
    static String p(double value) {
        return value >= 0.001 ? String.format(Locale.ROOT, "%.3f", value) : String.format(Locale.ROOT, "%.1e", value);
    }

    private static String number(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.3g", value);
    }

    private static String logprob(JsonNode value) {
        return String.format(Locale.ROOT, "%.4f", value.asDouble());
    }

    private static String share(JsonNode value) {
        return value.isNumber() ? String.format(Locale.ROOT, "%.0f%%", value.asDouble() * 100) : "—";
    }
}
