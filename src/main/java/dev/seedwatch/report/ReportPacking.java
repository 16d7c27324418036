package dev.seedwatch.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedwatch.support.Json;

/**
 * Report version 4 on disk, against the layout the records are written and read in (version 3's): nothing a reader
 * can tell from the rest is written again. {@link #pack} leaves a value out only where {@link #unpack} gives it back
 * equal, so that a report reads back as the record it was written from.
 * <ul>
 * <li>a target lists its replays' distinct fingerprints and served models once, in {@code distinctFingerprints} and
 * {@code distinctServedModels}; a replay names them by {@code fingerprintIndex} and {@code servedModelIndex};</li>
 * <li>a replay's fields are its target's {@code replayDefaults}, overlaid by its prompt's {@code replayDefaults},
 * overlaid by its own (null removes a field; see {@link SharedFields}); its {@code index} only where it is not its
 * position;</li>
 * <li>each text is once in its prompt's {@code texts}: the figures' {@code mostCommonTextIndex} and the baseline's
 * {@code textIndex} point there; a text's {@code count} and {@code replays} follow from the replays' {@code
 * textIndex};</li>
 * <li>a prompt's {@code model}, its baseline's {@code requestHash} and {@code embeddingModel}, and a target's {@code
 * latenciesSeconds} (its successful replays' latencies) only where they are not the target's, the prompt's, the
 * run's or the replays' own.</li>
 * </ul>
 */
final class ReportPacking {

    private ReportPacking() {
    }

    /** {@code report}, in the records' layout, changed in place to version 4's. */
    static ObjectNode pack(ObjectNode report) {
        Map<String, ObjectNode> targets = targets(report);
        Map<String, List<ObjectNode>> promptsOf = promptsByTarget(report, targets);
        promptsOf.forEach((name, prompts) -> {
            ObjectNode target = targets.get(name);
            if (target.path("figures") instanceof ObjectNode figures
                    && figures.path("latenciesSeconds").equals(latencies(prompts))) {
                figures.remove("latenciesSeconds");
            }
            ValueTable fingerprints = new ValueTable();
            ValueTable servedModels = new ValueTable();
            List<ObjectNode> replays = new ArrayList<>();
            for (ObjectNode prompt : prompts) {
                omitWhereEqual(prompt, "model", target.get("model"));
                PromptTexts.pack(prompt, report.get("embeddingModel"));
                List<ObjectNode> own = replays(prompt);
                for (int i = 0; i < own.size(); i++) {
                    ObjectNode replay = own.get(i);
                    omitWhereEqual(replay, "index", Json.MAPPER.getNodeFactory().numberNode(i));
                    fingerprints.replace(replay, "fingerprint", "fingerprintIndex");
                    servedModels.replace(replay, "servedModel", "servedModelIndex");
                }
                replays.addAll(own);
            }
            fingerprints.putInto(target, "distinctFingerprints");
            servedModels.putInto(target, "distinctServedModels");
            ObjectNode targetDefaults = SharedFields.mostCommon(replays);
            if (!targetDefaults.isEmpty()) {
                target.set("replayDefaults", targetDefaults);
            }
            prompts.forEach(p -> packReplays(p, targetDefaults));
        });
        return report;
    }

    /** {@code report}, in version 4's layout, changed in place to the records'. */
    static ObjectNode unpack(ObjectNode report) {
        Map<String, ObjectNode> targets = targets(report);
        Map<String, List<ObjectNode>> promptsOf = promptsByTarget(report, targets);
        promptsOf.forEach((name, prompts) -> {
            ObjectNode target = targets.get(name);
            JsonNode fingerprints = target.remove("distinctFingerprints");
            JsonNode servedModels = target.remove("distinctServedModels");
            JsonNode defaults = target.remove("replayDefaults");
            ObjectNode targetDefaults = defaults instanceof ObjectNode d ? d : Json.MAPPER.createObjectNode();
            for (ObjectNode prompt : prompts) {
                if (!prompt.has("model") && target.has("model")) {
                    prompt.set("model", target.get("model"));
                }
                ObjectNode promptDefaults = SharedFields.overlay(targetDefaults,
                        prompt.path("replayDefaults").isObject() ? prompt.remove("replayDefaults")
                                : Json.MAPPER.createObjectNode());
                if (prompt.get("replays") instanceof ArrayNode replays) {
                    for (int i = 0; i < replays.size(); i++) {
                        ObjectNode replay = SharedFields.overlay(promptDefaults, replays.get(i));
                        if (!replay.has("index")) {
                            replay.put("index", i);
                        }
                        ValueTable.resolve(replay, "fingerprintIndex", "fingerprint", fingerprints);
                        ValueTable.resolve(replay, "servedModelIndex", "servedModel", servedModels);
                        replays.set(i, replay);
                    }
                }
                PromptTexts.unpack(prompt, report.get("embeddingModel"));
            }
            if (target.path("figures") instanceof ObjectNode figures && !figures.has("latenciesSeconds")) {
                figures.set("latenciesSeconds", latencies(prompts));
            }
        });
        return report;
    }

    /** The prompt's replays written as what they add to the target's defaults, through its own defaults. */
    private static void packReplays(ObjectNode prompt, ObjectNode targetDefaults) {
        List<ObjectNode> replays = replays(prompt);
        ObjectNode promptDefaults = SharedFields.mostCommon(replays);
        ArrayNode written = Json.MAPPER.createArrayNode();
        replays.forEach(r -> written.add(SharedFields.difference(promptDefaults, r)));
        // removed and put back so that a prompt's defaults come before its replays in the file
        JsonNode original = prompt.remove("replays");
        ObjectNode own = SharedFields.difference(targetDefaults, promptDefaults);
        if (!own.isEmpty()) {
            prompt.set("replayDefaults", own);
        }
        if (original != null) {
            prompt.set("replays", written);
        }
    }

    /** The latencies of the successful replays of {@code prompts} (records' layout), as their target's figures. */
    private static ArrayNode latencies(List<ObjectNode> prompts) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (ObjectNode prompt : prompts) {
            for (JsonNode r : prompt.path("replays")) {
                if (!r.has("failure") && r.has("textIndex") && r.has("latencySeconds")) {
                    out.add(r.get("latencySeconds"));
                }
            }
        }
        return out;
    }

    static void omitWhereEqual(ObjectNode node, String field, JsonNode value) {
        if (value != null && value.equals(node.get(field))) {
            node.remove(field);
        }
    }

    private static List<ObjectNode> replays(ObjectNode prompt) {
        List<ObjectNode> out = new ArrayList<>();
        prompt.path("replays").forEach(r -> {
            if (r instanceof ObjectNode o) {
                out.add(o);
            }
        });
        return out;
    }

    /** The targets by name; target names are unique in a run (the suite refuses a duplicate). */
    private static Map<String, ObjectNode> targets(ObjectNode report) {
        Map<String, ObjectNode> out = new HashMap<>();
        report.path("targets").forEach(t -> {
            if (t instanceof ObjectNode o && o.path("target").isTextual()) {
                out.putIfAbsent(o.get("target").asText(), o);
            }
        });
        return out;
    }

    /** Each listed target's prompts in the report's order; a prompt of no listed target is left as it is. */
    private static Map<String, List<ObjectNode>> promptsByTarget(ObjectNode report, Map<String, ObjectNode> targets) {
        Map<String, List<ObjectNode>> out = new LinkedHashMap<>();
        targets.keySet().forEach(name -> out.put(name, new ArrayList<>()));
        report.path("prompts").forEach(p -> {
            if (p instanceof ObjectNode o && out.containsKey(o.path("target").asText())) {
                out.get(o.path("target").asText()).add(o);
            }
        });
        return out;
    }

    /** A target's distinct values of one provider field, in the order they first occur. */
    private static final class ValueTable {

        private final Map<JsonNode, Integer> indexOf = new LinkedHashMap<>();

        /** Moves {@code replay}'s {@code field} into the table, leaving its position there as {@code indexField}. */
        void replace(ObjectNode replay, String field, String indexField) {
            JsonNode value = replay.remove(field);
            if (value != null) {
                replay.put(indexField, indexOf.computeIfAbsent(value, v -> indexOf.size()));
            }
        }

        void putInto(ObjectNode target, String field) {
            if (!indexOf.isEmpty()) {
                target.putArray(field).addAll(indexOf.keySet());
            }
        }

        /** Puts the value {@code replay}'s {@code indexField} points to in {@code table} back as {@code field}. */
        static void resolve(ObjectNode replay, String indexField, String field, JsonNode table) {
            JsonNode index = replay.remove(indexField);
            if (index != null && index.canConvertToInt() && table != null
                    && !table.path(index.asInt()).isMissingNode()) {
                replay.set(field, table.get(index.asInt()));
            }
        }
    }
}
