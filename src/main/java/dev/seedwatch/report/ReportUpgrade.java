package dev.seedwatch.report;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedwatch.support.Json;

/**
 * Turns the tree of a report of any version into the layout the records are read in (version 3's, which {@link
 * ReportPacking} packs into version 4's): the one place that knows what older versions wrote, so that every reader
 * takes the records and still reads the reports kept on disk. The version number itself stays what the file says.
 */
final class ReportUpgrade {

    private ReportUpgrade() {
    }

    /** {@code report}, changed in place to the records' layout. */
    static ObjectNode toRecords(ObjectNode report) {
        int version = report.path("reportVersion").asInt();
        if (version >= 4) {
            return ReportPacking.unpack(report);
        }
        if (version < 3) {
            for (JsonNode target : report.path("targets")) {
                if (target.path("figures") instanceof ObjectNode figures) {
                    valueCounts(figures, "fingerprints");
                    valueCounts(figures, "servedModels");
                }
            }
        }
        if (version < 2) {
            for (JsonNode prompt : report.path("prompts")) {
                if (prompt instanceof ObjectNode p) {
                    textsOutOfReplays(p);
                }
            }
        }
        return report;
    }

    /** Versions 1 and 2 keyed an object by each provider value; 3 lists {@code {value, replays}}. */
    private static void valueCounts(ObjectNode figures, String field) {
        JsonNode counts = figures.get(field);
        if (counts == null || !counts.isObject()) {
            return;
        }
        ArrayNode list = Json.MAPPER.createArrayNode();
        counts.properties().forEach(e -> list.addObject().put("value", e.getKey()).set("replays", e.getValue()));
        figures.set(field, list);
    }

    /**
     * Version 1 kept each replay's text, with {@code textLength} and {@code truncated}, in the replay; 2 holds each
     * distinct text once in the prompt's {@code texts}, and each replay's {@code textIndex} points there.
     */
    private static void textsOutOfReplays(ObjectNode prompt) {
        Map<String, Integer> indexOf = new HashMap<>();
        ArrayNode texts = Json.MAPPER.createArrayNode();
        JsonNode replays = prompt.path("replays");
        for (int i = 0; i < replays.size(); i++) {
            if (!(replays.get(i) instanceof ObjectNode replay) || !replay.path("text").isTextual()) {
                continue;
            }
            String text = replay.remove("text").asText();
            int index = indexOf.computeIfAbsent(text, t -> texts.add(newText(t, replay)).size() - 1);
            ObjectNode entry = (ObjectNode) texts.get(index);
            entry.put("count", entry.path("count").asInt() + 1);
            ((ArrayNode) entry.get("replays")).add(i);
            replay.put("textIndex", index);
            replay.remove("textLength");
            replay.remove("truncated");
        }
        prompt.set("texts", texts);
    }

    private static ObjectNode newText(String text, ObjectNode replay) {
        ObjectNode entry = Json.MAPPER.createObjectNode().put("text", text).put("count", 0);
        entry.putArray("replays");
        if (replay.path("truncated").asBoolean()) {
            entry.set("textLength", replay.get("textLength"));
            entry.put("truncated", true);
        }
        return entry;
    }
}
