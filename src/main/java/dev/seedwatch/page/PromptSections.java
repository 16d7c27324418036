package dev.seedwatch.page;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The parts of a prompt's page section that only some prompts have, read from its report entry: the load probe,
 * where the replies part token by token, the golden run and a warning about an answer rule. Each is null when the
 * report does not have it (an older report, a prompt without that feature).
 */
final class PromptSections {

    private PromptSections() {
    }

    /** A load probe's isolated replays set against its burst; null for other prompts. */
    static RunPage.LoadProbe loadProbe(JsonNode figures) {
        JsonNode probe = figures.path("loadProbe");
        if (!probe.isObject()) {
            return null;
        }
        String isolated = probe.has("isolatedUniqueCompletions")
                ? String.format(Locale.ROOT, "exact match %.2f, %d distinct", probe.path("isolatedExactMatchRatio")
                        .asDouble(), probe.path("isolatedUniqueCompletions").asInt())
                : "no reply";
        String burst = figures.has("uniqueCompletions")
                ? String.format(Locale.ROOT, "exact match %.2f, %d distinct", figures.path("exactMatchRatio")
                        .asDouble(), figures.path("uniqueCompletions").asInt())
                : "no reply";
        String verdict = !probe.has("loadSensitive") ? "not measured (fewer than 2 replies in a phase)"
                : probe.path("loadSensitive").asInt() == 1
                        ? "yes: identical alone, different together (" + probe.path("loadSensitiveRuns").asInt()
                                + " run(s) in a row)"
                        : "no";
        return new RunPage.LoadProbe(isolated, burst, probe.path("loadSensitive").asInt(0) == 1, verdict);
    }

    /** Where the replies part: the token, the margin there and the token each distinct reply took; else null. */
    static RunPage.Split split(JsonNode figures) {
        JsonNode tokens = figures.path("tokens");
        if (!tokens.has("firstDivergenceToken")) {
            return null;
        }
        int at = tokens.path("firstDivergenceToken").asInt();
        List<RunPage.Alternative> alternatives = new ArrayList<>();
        for (JsonNode window : tokens.path("windows")) {
            JsonNode token = window.path("tokens").path(at - window.path("from").asInt());
            if (token.isObject()) {
                alternatives.add(new RunPage.Alternative(token.path("token").asText(), String.format(Locale.ROOT,
                        "%.3f", token.path("logprob").asDouble()), window.path("replies").asInt()));
            }
        }
        String margin = tokens.has("divergenceMargin")
                ? String.format(Locale.ROOT, "%.3f", tokens.path("divergenceMargin").asDouble())
                : "—";
        return new RunPage.Split(at, margin, alternatives);
    }

    /** The comparison with the pinned golden run; null when nothing is pinned. */
    static RunPage.GoldenView golden(JsonNode golden) {
        String status = golden.path("status").asText("NOTHING_PINNED");
        if ("NOTHING_PINNED".equals(status)) {
            return null;
        }
        String runId = golden.path("goldenRunId").asText();
        if (!"COMPARED".equals(status)) {
            return new RunPage.GoldenView(runId, false,
                    "not compared (" + status.toLowerCase(Locale.ROOT).replace('_', ' ') + ")");
        }
        boolean changed = golden.path("changed").asInt(0) == 1 || golden.path("answerChanged").asInt(0) == 1;
        if (!changed) {
            return new RunPage.GoldenView(runId, false, "same as the golden run");
        }
        StringBuilder detail = new StringBuilder(golden.path("changed").asInt(0) == 1 ? "reply changed" : "");
        if (golden.path("answerChanged").asInt(0) == 1) {
            detail.append(detail.isEmpty() ? "" : ", ").append("answer changed");
        }
        if (golden.has("distance")) {
            detail.append(String.format(Locale.ROOT, ", distance %.4f", golden.path("distance").asDouble()));
        }
        detail.append(", ").append(golden.path("driftRuns").asInt()).append(" run(s) in a row");
        return new RunPage.GoldenView(runId, true, detail.toString());
    }

    /** A warning when the answer rule found an answer in none of the successful replies; else null. */
    static String answerWarning(JsonNode answers) {
        int replies = 0;
        for (JsonNode answer : answers.path("replayAnswers")) {
            replies += answer.isNull() ? 0 : 1;
        }
        if (replies == 0 || answers.path("missing").asInt(0) < replies) {
            return null;
        }
        return "answer rule " + answers.path("rule").asText() + " matched none of the " + replies
                + " replies: check the rule, the answer figures say nothing";
    }
}
