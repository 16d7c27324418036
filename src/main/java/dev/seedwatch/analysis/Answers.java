package dev.seedwatch.analysis;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;

import dev.seedwatch.suite.AnswerRule;
import dev.seedwatch.support.Json;

/**
 * Reads answers out of replies and computes a prompt's answer figures: pure functions of the texts, the rule and
 * the answer baseline.
 */
public final class Answers {

    /** The answer of a reply that has none to extract: a value of its own, counted like any other answer. */
    public static final String NONE = "none";

    private static final Pattern JSON_FENCE = Pattern.compile("```json[ \\t]*\\R(.*?)```", Pattern.DOTALL);
    /** A reply of JSON followed by prose is not "the reply parsed as JSON". */
    private static final ObjectReader STRICT = Json.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Answers() {
    }

    /** The trimmed answer of one reply, or null when the rule finds none. */
    public static String extract(AnswerRule rule, String text) {
        String raw = rule.regex() != null ? byRegex(rule.regex(), text) : byPointer(rule.jsonPointer(), text);
        return raw == null ? null : raw.strip();
    }

    private static String byRegex(String regex, String text) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            return null;
        }
        // a group that did not take part in the match (optional group) gives no answer
        return m.groupCount() > 0 ? m.group(1) : m.group();
    }

    private static String byPointer(String pointer, String text) {
        JsonNode document = parse(text);
        if (document == null) {
            Matcher fence = JSON_FENCE.matcher(text);
            document = fence.find() ? parse(fence.group(1)) : null;
        }
        if (document == null) {
            return null;
        }
        JsonNode value = document.at(pointer);
        if (value.isMissingNode()) {
            return null;
        }
        // a string is its value; numbers, booleans, null, objects and arrays are their compact JSON text
        return value.isTextual() ? value.asText() : value.toString();
    }

    private static JsonNode parse(String text) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return STRICT.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The answer figures of one prompt.
     *
     * @param replies every replay's text in replay order, null where the replay failed
     * @param texts the texts that enter the figures (empty when a stopped run did not finish the prompt)
     * @param complete all planned replays succeeded
     * @param baseline the answer baseline, already known to be comparable (same request and rule), or null
     */
    public static AnswerFigures figures(AnswerRule rule, List<String> replies, List<String> texts, boolean complete,
            AnswerBaseline baseline) {
        List<String> perReplay = new ArrayList<>();
        for (String reply : replies) {
            perReplay.add(reply == null ? null : orNone(extract(rule, reply)));
        }
        List<String> answers = new ArrayList<>();
        int missing = 0;
        for (String text : texts) {
            String answer = extract(rule, text);
            if (answer == null) {
                missing++;
            }
            answers.add(orNone(answer));
        }
        Map<String, Integer> counts = ReplyStatistics.counts(answers);
        String common = ReplyStatistics.mostCommon(counts);
        Optional<Boolean> changed = baseline == null || common == null ? Optional.empty()
                : Optional.of(!common.equals(baseline.answer()));
        boolean agreeing = complete && counts.size() == 1 && missing == 0;
        return new AnswerFigures(rule.describe(), perReplay, common,
                ReplyStatistics.exactMatchRatio(counts, answers.size()), answers.isEmpty() ? null : counts.size(),
                answers.isEmpty() ? null : missing, changed, complete, agreeing);
    }

    private static String orNone(String answer) {
        return answer == null ? NONE : answer;
    }
}
