package dev.seedwatch.page;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedwatch.report.ReportTexts;

/**
 * Builds a run page from a report's JSON, as a pure function of the report and the ones before it. It reads the
 * report as a tree, so figures that a report lacks (an older one, a prompt without an answer rule) are simply not
 * shown; reply texts come through {@link ReportTexts}, which reads every report version.
 */
final class PageBuilder {

    /** Runs a history strip shows at most. */
    static final int HISTORY = 20;

    private PageBuilder() {
    }

    /** The header of a run, without its prompts: a row of the list of runs. */
    static RunPage summary(JsonNode report) {
        return new RunPage(report.path("suite").asText(), report.path("runId").asText(),
                report.path("startedAt").asText(), report.path("outcome").asText(), report.path("exitCode").asInt(),
                report.path("success").asBoolean(), seconds(report.path("durationSeconds")), List.of(), List.of(),
                List.of(), changed(report), List.of());
    }

    /** @param history reports of the same suite and shard, oldest first, ending with {@code report} */
    static RunPage build(JsonNode report, List<JsonNode> history) {
        JsonNode previous = history.size() >= 2 ? history.get(history.size() - 2) : null;
        List<RunPage.TargetView> targets = new ArrayList<>();
        for (JsonNode t : report.path("targets")) {
            targets.add(target(t, previous == null ? null : find(previous.path("targets"), "target",
                    t.path("target").asText())));
        }
        List<RunPage.PromptView> prompts = new ArrayList<>();
        for (JsonNode p : report.path("prompts")) {
            prompts.add(prompt(p, history));
        }
        // changed first, then the deterministic prompts least in agreement; nondeterministic ones are expected to vary
        prompts.sort(Comparator.comparing((RunPage.PromptView p) -> !p.changed())
                .thenComparing(p -> "nondeterministic".equals(p.expect()))
                .thenComparing(p -> exact(find(report.path("prompts"), p)))
                .thenComparing(RunPage.PromptView::target).thenComparing(RunPage.PromptView::prompt));
        List<String> problems = new ArrayList<>();
        report.path("problems").forEach(p -> problems.add(p.asText()));
        return new RunPage(report.path("suite").asText(), report.path("runId").asText(),
                report.path("startedAt").asText(), report.path("outcome").asText(), report.path("exitCode").asInt(),
                report.path("success").asBoolean(), seconds(report.path("durationSeconds")), targets, prompts,
                problems, changed(report), SameModelSection.of(report, history));
    }

    private static RunPage.TargetView target(JsonNode t, JsonNode before) {
        JsonNode f = t.path("figures");
        Set<String> previousFingerprints = new LinkedHashSet<>();
        f.path("previousFingerprints").forEach(x -> previousFingerprints.add(x.asText()));
        Set<String> previousServed = new LinkedHashSet<>();
        if (before != null) {
            previousServed.addAll(ReportTexts.values(before.path("figures").path("servedModels")));
        }
        List<RunPage.Seen> fingerprints = seen(ReportTexts.values(f.path("fingerprints")), previousFingerprints);
        List<RunPage.Seen> served = seen(ReportTexts.values(f.path("servedModels")), previousServed);
        boolean changed = f.path("fingerprintChanged").asInt(0) == 1 || f.path("servedModelChanged").asInt(0) == 1
                || f.path("behaviourChanged").asInt(0) == 1;
        String agreement = f.has("totalAgreementRatio")
                ? String.format(Locale.ROOT, "TARr %.2f (%d/%d deterministic prompts identical)", f.path("totalAgreementRatio")
                        .asDouble(), f.path("promptsAgreeing").asInt(), f.path("promptsMeasured").asInt())
                : "TARr — (no deterministic prompt fully measured)";
        return new RunPage.TargetView(t.path("target").asText(), t.path("model").asText(), fingerprints, served,
                agreement, changed);
    }

    private static RunPage.PromptView prompt(JsonNode p, List<JsonNode> history) {
        JsonNode f = p.path("figures");
        Map<String, Integer> counts = new LinkedHashMap<>();
        List<RunPage.Failure> failures = new ArrayList<>();
        int replays = p.path("replays").size();
        for (int i = 0; i < replays; i++) {
            JsonNode r = p.path("replays").path(i);
            String text = ReportTexts.text(p, i);
            if (text != null && !r.hasNonNull("failure")) {
                counts.merge(text, 1, Integer::sum);
            } else {
                failures.add(new RunPage.Failure(r.path("index").asInt(), r.path("failure").asText("cancelled")
                        .toLowerCase(Locale.ROOT), r.path("error").asText("")));
            }
        }
        String prefix = commonPrefix(counts.keySet());
        List<RunPage.Reply> replies = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer> comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> new RunPage.Reply(e.getValue(), e.getKey().substring(prefix.length()))).toList();
        String mostCommon = f.path("mostCommonText").asText(null);
        JsonNode baseline = p.path("baseline");
        TextDiff.Diff diff = new TextDiff.Diff(TextDiff.Granularity.WORD, List.of());
        String baselineRun = null;
        if (mostCommon != null && "COMPARED".equals(p.path("baselineStatus").asText())) {
            diff = TextDiff.of(baseline.path("text").asText(), mostCommon);
            baselineRun = baseline.path("runId").asText();
        }
        return new RunPage.PromptView(p.path("target").asText(), p.path("prompt").asText(),
                p.path("expect").asText().toLowerCase(Locale.ROOT), promptChanged(p), figures(f), prefix, replies,
                replays, diff.parts(), baselineRun, failures,
                HistoryStrip.svg(p.path("target").asText(), p.path("prompt").asText(), history),
                diff.granularity().label(), PromptSections.loadProbe(f), PromptSections.split(f),
                PromptSections.golden(p.path("golden")), PromptSections.answerWarning(p.path("answers")));
    }

    private static List<RunPage.Figure> figures(JsonNode f) {
        List<RunPage.Figure> out = new ArrayList<>();
        out.add(new RunPage.Figure("replies", f.path("succeeded").asInt() + "/" + f.path("replaysPlanned").asInt()));
        add(out, "exact match", f.path("exactMatchRatio"));
        add(out, "distinct", f.path("uniqueCompletions"));
        add(out, "common prefix", f.path("commonPrefixChars"));
        add(out, "distance mean", f.path("distanceMean"));
        add(out, "distance max", f.path("distanceMax"));
        add(out, "baseline distance", f.path("baselineDistance"));
        add(out, "changed", f.path("completionChanged"));
        JsonNode tokens = f.path("tokens");
        add(out, "split at token", tokens.path("firstDivergenceToken"));
        add(out, "split margin", tokens.path("divergenceMargin"));
        add(out, "min token margin", tokens.path("minTokenMargin"));
        return out;
    }

    private static void add(List<RunPage.Figure> out, String label, JsonNode value) {
        if (value.isNumber()) {
            out.add(new RunPage.Figure(label, value.isIntegralNumber() ? value.asText()
                    : String.format(Locale.ROOT, "%.4f", value.asDouble())));
        }
    }

    /** The longest prefix of all texts, never ending inside a surrogate pair. */
    static String commonPrefix(Set<String> texts) {
        String prefix = null;
        for (String t : texts) {
            if (prefix == null) {
                prefix = t;
                continue;
            }
            int n = 0;
            while (n < prefix.length() && n < t.length() && prefix.charAt(n) == t.charAt(n)) {
                n++;
            }
            if (n > 0 && Character.isHighSurrogate(prefix.charAt(n - 1))) {
                n--;
            }
            prefix = prefix.substring(0, n);
        }
        return texts.size() < 2 || prefix == null ? "" : prefix;
    }

    /** A nondeterministic prompt is expected to change: only deterministic ones (the default) count. */
    private static boolean promptChanged(JsonNode p) {
        JsonNode golden = p.path("golden");
        return !"NONDETERMINISTIC".equals(p.path("expect").asText()) && (p.path("figures").path("completionChanged")
                .asInt(0) == 1 || p.path("answers").path("answerChanged").asInt(0) == 1
                || golden.path("changed").asInt(0) == 1 || golden.path("answerChanged").asInt(0) == 1);
    }

    private static long changed(JsonNode report) {
        long n = 0;
        for (JsonNode p : report.path("prompts")) {
            n += promptChanged(p) ? 1 : 0;
        }
        return n;
    }

    private static double exact(JsonNode p) {
        return p == null ? 1 : p.path("figures").path("exactMatchRatio").asDouble(1);
    }

    private static JsonNode find(JsonNode prompts, RunPage.PromptView view) {
        for (JsonNode p : prompts) {
            if (p.path("target").asText().equals(view.target()) && p.path("prompt").asText().equals(view.prompt())) {
                return p;
            }
        }
        return null;
    }

    private static JsonNode find(JsonNode array, String key, String value) {
        for (JsonNode n : array) {
            if (n.path(key).asText().equals(value)) {
                return n;
            }
        }
        return null;
    }

    private static List<RunPage.Seen> seen(List<String> now, Set<String> before) {
        List<RunPage.Seen> out = new ArrayList<>();
        now.forEach(v -> out.add(new RunPage.Seen(v, before.isEmpty() || before.contains(v) ? "kept" : "new")));
        before.stream().filter(v -> !now.contains(v)).forEach(v -> out.add(new RunPage.Seen(v, "gone")));
        return out;
    }

    private static String seconds(JsonNode value) {
        return String.format(Locale.ROOT, "%.1f s", value.asDouble());
    }
}
