package dev.seedwatch.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.seedwatch.analysis.AnswerFigures;
import dev.seedwatch.analysis.GoldenFigures;
import dev.seedwatch.analysis.GoldenStatus;
import dev.seedwatch.analysis.LoadProbeFigures;
import dev.seedwatch.analysis.PromptFigures;
import dev.seedwatch.analysis.PromptResult;
import dev.seedwatch.analysis.ReplyStatistics;
import dev.seedwatch.analysis.RunResult;
import dev.seedwatch.analysis.TokenFigures;
import dev.seedwatch.provider.TokenLogprob;
import dev.seedwatch.replay.ReplayOutcome;
import dev.seedwatch.replay.ReplayPhase;

/**
 * The lines under the console's table that say what the columns cannot: answer rules that matched nothing, load
 * probes, where split replies part, and the distinct replies of prompts that split.
 */
final class SummaryNotes {

    /** Distinct replies are printed unasked when at most this many prompts split. */
    static final int FEW_SPLITS = 3;
    /** Characters of a reply the console prints. */
    static final int REPLY_CHARS = 160;

    private SummaryNotes() {
    }

    /** @param showReplies print the distinct replies of every prompt that split, however many */
    static List<String> of(RunResult run, boolean showReplies) {
        List<String> out = new ArrayList<>();
        long splits = run.prompts().stream().filter(SummaryNotes::split).count();
        for (PromptResult p : run.prompts()) {
            String name = p.target() + "/" + p.prompt();
            AnswerFigures a = p.answers();
            long answered = a == null ? 0 : a.replayAnswers().stream().filter(x -> x != null).count();
            if (a != null && answered > 0 && a.missing() != null && a.missing() == answered) {
                out.add("WARNING " + name + ": answer rule " + a.rule() + " matched none of the " + answered
                        + " replies; its answer figures say nothing");
            }
            if (p.figures().loadProbe() != null) {
                out.add(loadProbe(name, p.figures()));
            }
            TokenFigures tokens = p.figures().tokens();
            if (tokens != null && tokens.firstDivergenceToken() != null) {
                out.add(name + " parts at token " + tokens.firstDivergenceToken() + " (margin " + (tokens
                        .divergenceMargin() == null ? "-" : String.format(Locale.ROOT, "%.3f", tokens
                                .divergenceMargin())) + "): " + alternatives(tokens));
            }
            if (split(p) && (showReplies || splits <= FEW_SPLITS)) {
                out.add(name + " replies:");
                replies(p).forEach((text, count) -> out.add("  " + count + "× " + quoted(text)));
            }
        }
        return out;
    }

    /** The golden column: whether the most common reply (or answer) is the golden run's. */
    static String golden(GoldenFigures g) {
        if (g == null || g.status() == GoldenStatus.NOTHING_PINNED) {
            return "-";
        }
        if (g.status() != GoldenStatus.COMPARED) {
            return "n/c";
        }
        return g.changed().orElseThrow() || g.answerChanged().orElse(false) ? "changed" : "same";
    }

    private static boolean split(PromptResult p) {
        return p.figures().agreement().uniqueCompletions() != null && p.figures().agreement().uniqueCompletions() > 1;
    }

    private static String loadProbe(String name, PromptFigures f) {
        LoadProbeFigures probe = f.loadProbe();
        String verdict = probe.loadSensitive()
                .map(yes -> yes ? "LOAD SENSITIVE (" + probe.loadSensitiveRuns() + " run(s) in a row)"
                        : "not load sensitive")
                .orElse("not measured");
        return String.format(Locale.ROOT, "load probe %s: isolated exact %s (%s distinct), burst exact %s (%s distinct):"
                + " %s", name, number(probe.isolatedExactMatchRatio()), probe.isolatedUniqueCompletions() == null ? "-"
                        : probe.isolatedUniqueCompletions(), number(f.agreement().exactMatchRatio()),
                f.agreement().uniqueCompletions() == null ? "-" : f.agreement().uniqueCompletions(), verdict);
    }

    private static String alternatives(TokenFigures tokens) {
        List<String> out = new ArrayList<>();
        for (TokenFigures.Window w : tokens.windows()) {
            int at = tokens.firstDivergenceToken() - w.from();
            if (at >= 0 && at < w.tokens().size()) {
                TokenLogprob t = w.tokens().get(at);
                out.add(quoted(t.token()) + " " + String.format(Locale.ROOT, "%.3f", t.logprob()) + " ×" + w.replies());
            }
        }
        return String.join(", ", out);
    }

    /** The distinct texts the figures come from (a load probe's burst), most frequent first. */
    private static Map<String, Integer> replies(PromptResult p) {
        List<String> texts = p.replays().stream().filter(ReplayOutcome::succeeded)
                .filter(r -> r.phase() != ReplayPhase.ISOLATED).map(ReplayOutcome::text).toList();
        Map<String, Integer> sorted = new LinkedHashMap<>();
        ReplyStatistics.counts(texts).entrySet().stream()
                .sorted(Map.Entry.<String, Integer> comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** A reply on one line: control characters escaped, cut to {@link #REPLY_CHARS}. */
    static String quoted(String text) {
        String cut = text.codePointCount(0, text.length()) > REPLY_CHARS
                ? text.substring(0, text.offsetByCodePoints(0, REPLY_CHARS)) + "…"
                : text;
        StringBuilder out = new StringBuilder("\"");
        cut.codePoints().forEach(c -> {
            if (c == '\n') {
                out.append("\\n");
            } else if (c == '"' || c == '\\') {
                out.append('\\').appendCodePoint(c);
            } else if (Character.isISOControl(c)) {
                out.append(String.format(Locale.ROOT, "\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.append('"').toString();
    }

    private static String number(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.2f", value);
    }
}
