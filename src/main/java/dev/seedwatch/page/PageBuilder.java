package dev.seedwatch.page;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import dev.seedwatch.analysis.AnswerFigures;
import dev.seedwatch.analysis.BaselineStatus;
import dev.seedwatch.analysis.GoldenFigures;
import dev.seedwatch.analysis.PromptFigures;
import dev.seedwatch.analysis.PromptResult;
import dev.seedwatch.analysis.TargetFigures;
import dev.seedwatch.analysis.TargetResult;
import dev.seedwatch.analysis.TokenFigures;
import dev.seedwatch.replay.ReplayOutcome;
import dev.seedwatch.report.ReportPrompt;
import dev.seedwatch.report.ReportReplay;
import dev.seedwatch.report.RunReport;
import dev.seedwatch.suite.Expectation;

/**
 * Builds a run page from a report, as a pure function of the report and the ones before it. Reports of every version
 * come as the same records (see {@code ReportReader}), so a figure a report lacks (an older one, a prompt without an
 * answer rule) is null and simply not shown.
 */
final class PageBuilder {

    /** Runs a history strip shows at most. */
    static final int HISTORY = 20;

    private PageBuilder() {
    }

    /** The header of a run, without its prompts: a row of the list of runs. */
    static RunPage summary(RunReport report) {
        return new RunPage(text(report.suite()), report.runId(), text(report.startedAt()), text(report.outcome()),
                report.exitCode(), report.success(), seconds(report.durationSeconds()), List.of(), List.of(),
                List.of(), changed(report), List.of());
    }

    /** @param history reports of the same suite and shard, oldest first, ending with {@code report} */
    static RunPage build(RunReport report, List<RunReport> history) {
        RunReport previous = history.size() >= 2 ? history.get(history.size() - 2) : null;
        List<RunPage.TargetView> targets = new ArrayList<>();
        for (TargetResult t : report.targets()) {
            targets.add(target(t, previous == null ? null : target(previous, t.target())));
        }
        List<RunPage.PromptView> prompts = new ArrayList<>();
        for (ReportPrompt p : report.prompts()) {
            prompts.add(prompt(p, history));
        }
        // changed first, then the deterministic prompts least in agreement; nondeterministic ones are expected to vary
        prompts.sort(Comparator.comparing((RunPage.PromptView p) -> !p.changed())
                .thenComparing(p -> "nondeterministic".equals(p.expect()))
                .thenComparing(p -> exact(prompt(report, p.target(), p.prompt())))
                .thenComparing(RunPage.PromptView::target).thenComparing(RunPage.PromptView::prompt));
        return new RunPage(text(report.suite()), report.runId(), text(report.startedAt()), text(report.outcome()),
                report.exitCode(), report.success(), seconds(report.durationSeconds()), targets, prompts,
                report.problems(), changed(report), SameModelSection.of(report, history));
    }

    /** A yes/no figure of the report: set when yes, unset when no or undefined. */
    static boolean set(Optional<Boolean> flag) {
        return flag.orElse(false);
    }

    /** The target named {@code name} in {@code report}; null when it has none. */
    static TargetResult target(RunReport report, String name) {
        return report.targets().stream().filter(t -> t.target().equals(name)).findFirst().orElse(null);
    }

    /** The (target, prompt) of {@code report}; null when it has none. */
    static PromptResult prompt(RunReport report, String target, String prompt) {
        return report.prompts().stream().map(ReportPrompt::result)
                .filter(p -> p.target().equals(target) && p.prompt().equals(prompt)).findFirst().orElse(null);
    }

    private static RunPage.TargetView target(TargetResult t, TargetResult before) {
        TargetFigures f = t.figures();
        Set<String> previousFingerprints = new LinkedHashSet<>(f.fingerprint().previous());
        Set<String> previousServed = new LinkedHashSet<>();
        if (before != null) {
            previousServed.addAll(before.figures().servedModel().replays().keySet());
        }
        List<RunPage.Seen> fingerprints = seen(List.copyOf(f.fingerprint().replays().keySet()), previousFingerprints);
        List<RunPage.Seen> served = seen(List.copyOf(f.servedModel().replays().keySet()), previousServed);
        boolean changed = set(f.fingerprint().changed()) || set(f.servedModel().changed())
                || set(f.behaviour().changed());
        String agreement = f.agreement().ratio() != null
                ? String.format(Locale.ROOT, "TARr %.2f (%d/%d deterministic prompts identical)",
                        f.agreement().ratio(), f.agreement().agreeing(), f.agreement().measured())
                : "TARr — (no deterministic prompt fully measured)";
        return new RunPage.TargetView(t.target(), text(t.model()), fingerprints, served, agreement, changed);
    }

    private static RunPage.PromptView prompt(ReportPrompt reported, List<RunReport> history) {
        PromptResult p = reported.result();
        PromptFigures f = p.figures();
        Map<String, Integer> counts = new LinkedHashMap<>();
        List<RunPage.Failure> failures = new ArrayList<>();
        for (ReportReplay replay : reported.replays()) {
            ReplayOutcome r = replay.outcome();
            if (r.text() != null && r.failure() == null) {
                counts.merge(r.text(), 1, Integer::sum);
            } else {
                failures.add(new RunPage.Failure(r.index(), r.failure() == null ? "cancelled"
                        : r.failure().name().toLowerCase(Locale.ROOT), text(r.error())));
            }
        }
        String prefix = commonPrefix(counts.keySet());
        List<RunPage.Reply> replies = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer> comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> new RunPage.Reply(e.getValue(), e.getKey().substring(prefix.length()))).toList();
        TextDiff.Diff diff = new TextDiff.Diff(TextDiff.Granularity.WORD, List.of());
        String baselineRun = null;
        String common = f.agreement().mostCommonText();
        if (common != null && p.baselineStatus() == BaselineStatus.COMPARED && p.baseline() != null) {
            diff = TextDiff.of(text(p.baseline().text()), common);
            baselineRun = text(p.baseline().runId());
        }
        return new RunPage.PromptView(p.target(), p.prompt(),
                p.expect() == null ? "" : p.expect().name().toLowerCase(Locale.ROOT), promptChanged(p), figures(f),
                prefix, replies, reported.replays().size(), diff.parts(), baselineRun, failures,
                HistoryStrip.svg(p.target(), p.prompt(), history), diff.granularity().label(),
                PromptSections.loadProbe(f), PromptSections.split(f), PromptSections.golden(p.golden()),
                PromptSections.answerWarning(p.answers()));
    }

    private static List<RunPage.Figure> figures(PromptFigures f) {
        List<RunPage.Figure> out = new ArrayList<>();
        out.add(new RunPage.Figure("replies", f.counts().succeeded() + "/" + f.counts().planned()));
        add(out, "exact match", f.agreement().exactMatchRatio());
        add(out, "distinct", f.agreement().uniqueCompletions());
        add(out, "common prefix", f.agreement().commonPrefixChars());
        add(out, "distance mean", f.distances().mean());
        add(out, "distance max", f.distances().max());
        add(out, "baseline distance", f.drift().baselineDistance());
        add(out, "changed", f.drift().completionChanged());
        TokenFigures tokens = f.tokens();
        if (tokens != null) {
            add(out, "split at token", tokens.firstDivergenceToken());
            add(out, "split margin", tokens.divergenceMargin());
            add(out, "min token margin", tokens.minTokenMargin());
        }
        return out;
    }

    /** A figure, when defined: a count as it is, a ratio or distance with 4 decimals (NaN is written as no number). */
    private static void add(List<RunPage.Figure> out, String label, Integer value) {
        if (value != null) {
            out.add(new RunPage.Figure(label, value.toString()));
        }
    }

    /** A yes/no figure as the report and the metrics write it: 1 or 0. */
    private static void add(List<RunPage.Figure> out, String label, Optional<Boolean> value) {
        value.ifPresent(v -> out.add(new RunPage.Figure(label, v ? "1" : "0")));
    }

    private static void add(List<RunPage.Figure> out, String label, Double value) {
        if (value != null && Double.isFinite(value)) {
            out.add(new RunPage.Figure(label, String.format(Locale.ROOT, "%.4f", value)));
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
    private static boolean promptChanged(PromptResult p) {
        AnswerFigures answers = p.answers();
        GoldenFigures golden = p.golden();
        return p.expect() != Expectation.NONDETERMINISTIC && (set(p.figures().drift().completionChanged())
                || answers != null && set(answers.answerChanged())
                || golden != null && (set(golden.changed()) || set(golden.answerChanged())));
    }

    private static long changed(RunReport report) {
        return report.prompts().stream().filter(p -> promptChanged(p.result())).count();
    }

    private static double exact(PromptResult p) {
        Double exact = p == null ? null : p.figures().agreement().exactMatchRatio();
        return exact == null ? 1 : exact;
    }

    private static List<RunPage.Seen> seen(List<String> now, Set<String> before) {
        List<RunPage.Seen> out = new ArrayList<>();
        now.forEach(v -> out.add(new RunPage.Seen(v, before.isEmpty() || before.contains(v) ? "kept" : "new")));
        before.stream().filter(v -> !now.contains(v)).forEach(v -> out.add(new RunPage.Seen(v, "gone")));
        return out;
    }

    private static String seconds(double value) {
        return String.format(Locale.ROOT, "%.1f s", value);
    }

    /** A value as the page shows it; nothing where the report has none. */
    static String text(Object value) {
        return Objects.toString(value, "");
    }
}
