package dev.seedwatch.page;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import dev.seedwatch.analysis.AnswerFigures;
import dev.seedwatch.analysis.GoldenFigures;
import dev.seedwatch.analysis.GoldenStatus;
import dev.seedwatch.analysis.LoadProbeFigures;
import dev.seedwatch.analysis.PromptFigures;
import dev.seedwatch.analysis.TokenFigures;
import dev.seedwatch.provider.TokenLogprob;

/**
 * The parts of a prompt's page section that only some prompts have, read from its report entry: the load probe,
 * where the replies part token by token, the golden run and a warning about an answer rule. Each is null when the
 * report does not have it (an older report, a prompt without that feature).
 */
final class PromptSections {

    private PromptSections() {
    }

    /** A load probe's isolated replays set against its burst; null for other prompts. */
    static RunPage.LoadProbe loadProbe(PromptFigures figures) {
        LoadProbeFigures probe = figures.loadProbe();
        if (probe == null) {
            return null;
        }
        String isolated = probe.isolatedUniqueCompletions() != null
                ? String.format(Locale.ROOT, "exact match %.2f, %d distinct", orZero(probe.isolatedExactMatchRatio()),
                        probe.isolatedUniqueCompletions())
                : "no reply";
        PromptFigures.Agreement agreement = figures.agreement();
        String burst = agreement.uniqueCompletions() != null
                ? String.format(Locale.ROOT, "exact match %.2f, %d distinct", orZero(agreement.exactMatchRatio()),
                        agreement.uniqueCompletions())
                : "no reply";
        String verdict = probe.loadSensitive() == null ? "not measured (fewer than 2 replies in a phase)"
                : PageBuilder.set(probe.loadSensitive())
                        ? "yes: identical alone, different together ("
                                + Objects.requireNonNullElse(probe.loadSensitiveRuns(), 0) + " run(s) in a row)"
                        : "no";
        return new RunPage.LoadProbe(isolated, burst, PageBuilder.set(probe.loadSensitive()), verdict);
    }

    /** Where the replies part: the token, the margin there and the token each distinct reply took; else null. */
    static RunPage.Split split(PromptFigures figures) {
        TokenFigures tokens = figures.tokens();
        if (tokens == null || tokens.firstDivergenceToken() == null) {
            return null;
        }
        int at = tokens.firstDivergenceToken();
        List<RunPage.Alternative> alternatives = new ArrayList<>();
        for (TokenFigures.Window window : tokens.windows()) {
            int index = at - window.from();
            if (index >= 0 && index < window.tokens().size()) {
                TokenLogprob token = window.tokens().get(index);
                alternatives.add(new RunPage.Alternative(token.token(),
                        String.format(Locale.ROOT, "%.3f", token.logprob()), window.replies()));
            }
        }
        String margin = tokens.divergenceMargin() != null
                ? String.format(Locale.ROOT, "%.3f", tokens.divergenceMargin())
                : "—";
        return new RunPage.Split(at, margin, alternatives);
    }

    /** The comparison with the pinned golden run; null when nothing is pinned. */
    static RunPage.GoldenView golden(GoldenFigures golden) {
        if (golden == null || golden.status() == null || golden.status() == GoldenStatus.NOTHING_PINNED) {
            return null;
        }
        String runId = PageBuilder.text(golden.goldenRunId());
        if (golden.status() != GoldenStatus.COMPARED) {
            return new RunPage.GoldenView(runId, false,
                    "not compared (" + golden.status().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")");
        }
        boolean replyChanged = PageBuilder.set(golden.changed());
        boolean answerChanged = PageBuilder.set(golden.answerChanged());
        if (!replyChanged && !answerChanged) {
            return new RunPage.GoldenView(runId, false, "same as the golden run");
        }
        StringBuilder detail = new StringBuilder(replyChanged ? "reply changed" : "");
        if (answerChanged) {
            detail.append(detail.isEmpty() ? "" : ", ").append("answer changed");
        }
        if (golden.distance() != null) {
            detail.append(String.format(Locale.ROOT, ", distance %.4f", golden.distance()));
        }
        detail.append(", ").append(Objects.requireNonNullElse(golden.driftRuns(), 0)).append(" run(s) in a row");
        return new RunPage.GoldenView(runId, true, detail.toString());
    }

    /** A warning when the answer rule found an answer in none of the successful replies; else null. */
    static String answerWarning(AnswerFigures answers) {
        if (answers == null) {
            return null;
        }
        long replies = answers.replayAnswers().stream().filter(Objects::nonNull).count();
        if (replies == 0 || Objects.requireNonNullElse(answers.missing(), 0) < replies) {
            return null;
        }
        return "answer rule " + PageBuilder.text(answers.rule()) + " matched none of the " + replies
                + " replies: check the rule, the answer figures say nothing";
    }

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }
}
