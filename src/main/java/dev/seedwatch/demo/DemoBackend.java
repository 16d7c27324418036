package dev.seedwatch.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedwatch.support.Json;

/**
 * The model behind the simulated provider: scripted replies by the last message's content, from
 * {@code seedwatch/demo/backend.json}. A list of replies is served in turn, one per request, so a prompt's replies
 * within a run are known whatever the order of its requests. {@link #swap()} changes the backend silently: the
 * fingerprint and served model stay.
 */
final class DemoBackend {

    static final String RESOURCE = "seedwatch/demo/backend.json";
    static final String UNSCRIPTED = "This prompt is not in the demo's script.";

    private final String fingerprint;
    private final String servedModel;
    private final Map<String, List<String>> before = new HashMap<>();
    private final Map<String, List<String>> after = new HashMap<>();
    private final Map<String, AtomicInteger> served = new ConcurrentHashMap<>();
    private volatile boolean swapped;

    private DemoBackend(JsonNode script) {
        fingerprint = script.path("fingerprint").asText();
        servedModel = script.path("served-model").asText();
        for (JsonNode r : script.path("replies")) {
            before.put(r.path("content").asText(), texts(r.path("before")));
            after.put(r.path("content").asText(), texts(r.path("after")));
        }
    }

    static DemoBackend load() {
        try (InputStream in = DemoBackend.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            return new DemoBackend(Json.MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String fingerprint() {
        return fingerprint;
    }

    String servedModel() {
        return servedModel;
    }

    /** From now on the second script answers; each prompt's turn starts over. */
    void swap() {
        swapped = true;
        served.clear();
    }

    String reply(String lastMessage) {
        List<String> texts = (swapped ? after : before).get(lastMessage);
        if (texts == null) {
            return UNSCRIPTED;
        }
        int turn = served.computeIfAbsent(lastMessage, k -> new AtomicInteger()).getAndIncrement();
        return texts.get(turn % texts.size());
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
