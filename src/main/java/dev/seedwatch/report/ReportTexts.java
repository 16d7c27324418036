package dev.seedwatch.report;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedwatch.support.Json;

/**
 * The reply texts of a report read as a tree, whichever version wrote it: the one place that knows where a replay's
 * text is, so that the page and every other reader read the reports kept from before version 2 as well.
 */
public final class ReportTexts {

    private ReportTexts() {
    }

    /**
     * The text of the replay at {@code position} in {@code prompt}'s {@code replays}, or null when it gave none (a
     * failed replay). Version 2 points into the prompt's {@code texts} with {@code textIndex}; version 1 kept the
     * text in the replay. The replay says which, so a prompt needs no report around it to be read.
     */
    public static String text(JsonNode prompt, int position) {
        JsonNode replay = prompt.path("replays").path(position);
        JsonNode index = replay.get("textIndex");
        if (index != null && index.isIntegralNumber()) {
            return Json.textOrNull(prompt.path("texts").path(index.asInt()).get("text"));
        }
        return Json.textOrNull(replay.get("text"));
    }

    /**
     * The values of a target's {@code fingerprints} or {@code servedModels} figure: version 3 lists them as
     * {@code {value, replays}}, earlier versions keyed an object by them.
     */
    public static List<String> values(JsonNode counts) {
        List<String> out = new ArrayList<>();
        if (counts.isArray()) {
            counts.forEach(c -> out.add(c.path("value").asText()));
        } else {
            counts.fieldNames().forEachRemaining(out::add);
        }
        return out;
    }
}
