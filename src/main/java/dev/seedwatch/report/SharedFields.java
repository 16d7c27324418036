package dev.seedwatch.report;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedwatch.support.Json;

/**
 * Fields a group of JSON objects mostly share, written once for the group, each object then saying only where it
 * differs: the replays of a report repeat their finish reason, fingerprint, served model, token counts, status and
 * text index, and a deterministic suite's replays differ in little but their latency. A field an object lacks but
 * the group has is written as null.
 */
final class SharedFields {

    private SharedFields() {
    }

    /**
     * Per field, the value most of {@code objects} have, ties to the first seen, where at least two have it: a value
     * of one object alone (a latency) stays with it. Lacking a field counts as a value.
     */
    static ObjectNode mostCommon(List<ObjectNode> objects) {
        Set<String> fields = new LinkedHashSet<>();
        objects.forEach(o -> o.fieldNames().forEachRemaining(fields::add));
        ObjectNode shared = Json.MAPPER.createObjectNode();
        for (String field : fields) {
            Map<JsonNode, Integer> counts = new LinkedHashMap<>();
            objects.forEach(o -> counts.merge(o.path(field), 1, Integer::sum));
            JsonNode most = counts.entrySet().stream().reduce((a, b) -> b.getValue() > a.getValue() ? b : a)
                    .orElseThrow().getKey();
            if (!(most instanceof MissingNode) && counts.get(most) >= 2) {
                shared.set(field, most);
            }
        }
        return shared;
    }

    /** What turns {@code base} into {@code object}: its fields that differ from base's, null for those it lacks. */
    static ObjectNode difference(ObjectNode base, ObjectNode object) {
        ObjectNode diff = Json.MAPPER.createObjectNode();
        object.properties().forEach(e -> {
            if (!e.getValue().equals(base.get(e.getKey()))) {
                diff.set(e.getKey(), e.getValue());
            }
        });
        base.fieldNames().forEachRemaining(f -> {
            if (!object.has(f)) {
                diff.putNull(f);
            }
        });
        return diff;
    }

    /** {@code base} with the fields of {@code over} set, a null one removed: the inverse of {@link #difference}. */
    static ObjectNode overlay(ObjectNode base, JsonNode over) {
        ObjectNode out = base.deepCopy();
        over.properties().forEach(e -> {
            if (e.getValue().isNull()) {
                out.remove(e.getKey());
            } else {
                out.set(e.getKey(), e.getValue());
            }
        });
        return out;
    }
}
