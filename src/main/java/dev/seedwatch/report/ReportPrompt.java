package dev.seedwatch.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedwatch.analysis.PromptResult;
import dev.seedwatch.replay.ReplayOutcome;
import dev.seedwatch.support.Json;

/**
 * One (target, prompt) of a report: every field of its result, with each distinct reply text once in {@code texts}
 * and the replays pointing into it. Unwrapped, so that a field added to {@link PromptResult} reaches the report
 * without being listed again here; {@link ReportPacking} then leaves out of the file what it repeats.
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

    /**
     * A prompt in the records' layout (see {@link ReportUpgrade}): each replay gets back its text from {@code texts},
     * cut as it was written, and the target and prompt it sits in.
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static ReportPrompt read(ObjectNode prompt) throws JsonProcessingException {
        List<ReportText> texts = new ArrayList<>();
        for (JsonNode t : prompt.path("texts")) {
            texts.add(Json.MAPPER.treeToValue(t, ReportText.class));
        }
        ObjectNode resultNode = prompt.deepCopy();
        resultNode.remove("texts");
        ArrayNode replayNodes = resultNode.putArray("replays");
        List<Integer> textIndex = new ArrayList<>();
        for (JsonNode r : prompt.path("replays")) {
            ObjectNode replay = r.deepCopy();
            JsonNode index = replay.remove("textIndex");
            textIndex.add(index == null || index.isNull() ? null : index.asInt());
            if (index != null && index.isInt() && index.asInt() >= 0 && index.asInt() < texts.size()) {
                replay.put("text", texts.get(index.asInt()).text());
            }
            replay.set("target", prompt.get("target"));
            replay.set("prompt", prompt.get("prompt"));
            replayNodes.add(replay);
        }
        PromptResult result = Json.MAPPER.treeToValue(resultNode, PromptResult.class);
        List<ReportReplay> replays = new ArrayList<>();
        for (int i = 0; i < result.replays().size(); i++) {
            replays.add(new ReportReplay(result.replays().get(i), textIndex.get(i)));
        }
        return new ReportPrompt(result, texts, replays);
    }
}
