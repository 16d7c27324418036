package dev.seedwatch.export;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.seedwatch.analysis.PromptResult;
import dev.seedwatch.replay.ReplayOutcome;

/**
 * One (target, prompt) as a report writes it: every field of its result, with each distinct reply text once in
 * {@code texts} and the replays pointing into it. Unwrapped, so that a field added to {@link PromptResult} reaches
 * the report without being listed again here.
 *
 * @param texts the distinct texts of the replays in the order they first occur; empty when no replay gave a text
 * @param replays every replay, in the order of the result's
 */
public record ReportPrompt(@JsonUnwrapped @JsonIgnoreProperties("replays") PromptResult result,
        List<ReportText> texts, List<ReportReplay> replays) {

    public ReportPrompt {
        texts = List.copyOf(texts);
        replays = List.copyOf(replays);
    }

    /** The report's form of {@code result}, texts cut to {@code maxChars} characters. */
    static ReportPrompt of(PromptResult result, int maxChars) {
        // grouped by the full text, so that texts equal only once cut stay apart (see ReportText.of)
        Map<String, Integer> indexOf = new HashMap<>();
        List<String> distinct = new ArrayList<>();
        List<List<Integer>> positions = new ArrayList<>();
        List<ReportReplay> replays = new ArrayList<>();
        for (int i = 0; i < result.replays().size(); i++) {
            ReplayOutcome r = result.replays().get(i);
            Integer textIndex = null;
            if (r.text() != null) {
                textIndex = indexOf.get(r.text());
                if (textIndex == null) {
                    textIndex = distinct.size();
                    indexOf.put(r.text(), textIndex);
                    distinct.add(r.text());
                    positions.add(new ArrayList<>());
                }
                positions.get(textIndex).add(i);
            }
            replays.add(new ReportReplay(r, textIndex));
        }
        List<ReportText> texts = new ArrayList<>();
        for (int t = 0; t < distinct.size(); t++) {
            texts.add(ReportText.of(distinct.get(t), positions.get(t), maxChars));
        }
        return new ReportPrompt(result, texts, replays);
    }
}
