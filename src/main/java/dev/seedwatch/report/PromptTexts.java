package dev.seedwatch.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedwatch.support.Json;

/**
 * The texts of one prompt in report version 4 (see {@link ReportPacking}): each once, in {@code texts}, where the
 * figures' most common text and the baseline's text point to it by index, and without the {@code count} and {@code
 * replays} of each that the replays' {@code textIndex} tell.
 */
final class PromptTexts {

    private PromptTexts() {
    }

    /** {@code prompt}, in the records' layout, changed in place to version 4's. */
    static void pack(ObjectNode prompt, JsonNode embeddingModel) {
        JsonNode texts = prompt.path("texts");
        if (prompt.path("figures") instanceof ObjectNode figures) {
            toIndex(figures, "mostCommonText", "mostCommonTextIndex", texts);
        }
        if (prompt.path("baseline") instanceof ObjectNode baseline) {
            toIndex(baseline, "text", "textIndex", texts);
            ReportPacking.omitWhereEqual(baseline, "requestHash", prompt.get("requestHash"));
            ReportPacking.omitWhereEqual(baseline, "embeddingModel", embeddingModel);
        }
        for (int t = 0; t < texts.size(); t++) {
            if (texts.get(t) instanceof ObjectNode text && text.path("replays").equals(replaysOf(prompt, t))
                    && text.path("count").asInt(-1) == text.path("replays").size()) {
                text.remove("count");
                text.remove("replays");
            }
        }
    }

    /** {@code prompt}, in version 4's layout with its replays already unpacked, changed in place to the records'. */
    static void unpack(ObjectNode prompt, JsonNode embeddingModel) {
        JsonNode texts = prompt.path("texts");
        for (int t = 0; t < texts.size(); t++) {
            if (texts.get(t) instanceof ObjectNode text && !text.has("replays")) {
                ArrayNode replays = replaysOf(prompt, t);
                text.put("count", replays.size());
                text.set("replays", replays);
            }
        }
        if (prompt.path("figures") instanceof ObjectNode figures) {
            fromIndex(figures, "mostCommonTextIndex", "mostCommonText", texts);
        }
        if (prompt.path("baseline") instanceof ObjectNode baseline) {
            fromIndex(baseline, "textIndex", "text", texts);
            if (!baseline.has("requestHash") && prompt.has("requestHash")) {
                baseline.set("requestHash", prompt.get("requestHash"));
            }
            if (!baseline.has("embeddingModel") && embeddingModel != null) {
                baseline.set("embeddingModel", embeddingModel);
            }
        }
    }

    /** The positions of the replays whose {@code textIndex} is {@code t}. */
    private static ArrayNode replaysOf(ObjectNode prompt, int t) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        JsonNode replays = prompt.path("replays");
        for (int i = 0; i < replays.size(); i++) {
            JsonNode index = replays.get(i).get("textIndex");
            if (index != null && index.canConvertToInt() && index.asInt() == t) {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * Replaces {@code node}'s {@code field} by the position in {@code texts} of the same text, or of that text cut as
     * {@code texts} holds it; leaves it where there is none.
     */
    private static void toIndex(ObjectNode node, String field, String indexField, JsonNode texts) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            return;
        }
        String full = value.asText();
        for (int t = 0; t < texts.size(); t++) {
            JsonNode entry = texts.get(t);
            String text = entry.path("text").asText();
            boolean cut = entry.path("truncated").asBoolean() && entry.path("textLength").asInt() == full.length();
            if (entry.path("text").isTextual() && (text.equals(full) || cut && full.startsWith(text))) {
                rename(node, field, indexField, Json.MAPPER.getNodeFactory().numberNode(t));
                return;
            }
        }
    }

    private static void fromIndex(ObjectNode node, String indexField, String field, JsonNode texts) {
        JsonNode index = node.get(indexField);
        if (index != null && index.canConvertToInt() && texts.path(index.asInt()).path("text").isTextual()) {
            rename(node, indexField, field, texts.get(index.asInt()).get("text"));
        } else {
            node.remove(indexField);
        }
    }

    /** Replaces {@code node}'s {@code field} by {@code value} as {@code newField}, where the field was in the file. */
    private static void rename(ObjectNode node, String field, String newField, JsonNode value) {
        ObjectNode old = node.deepCopy();
        node.removeAll();
        old.properties().forEach(e -> node.set(e.getKey().equals(field) ? newField : e.getKey(),
                e.getKey().equals(field) ? value : e.getValue()));
    }
}
