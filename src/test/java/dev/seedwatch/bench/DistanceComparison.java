package dev.seedwatch.bench;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedwatch.analysis.ReplyStatistics;
import dev.seedwatch.analysis.ReplyStatistics.Distances;
import dev.seedwatch.analysis.TextDistance;
import dev.seedwatch.embedding.Embedder;
import dev.seedwatch.embedding.LocalEmbedder;
import dev.seedwatch.embedding.NgramEmbedder;
import dev.seedwatch.support.Json;

/**
 * The n-gram distance against the in-process MiniLM model on the replies the OpenAI cookbook printed for its seed
 * experiment ({@code src/test/resources/cookbook/seed-parameter-replies.json}), as a Markdown table: the cookbook's
 * own figure (mean distance from the first reply to the other four), and seedwatch's mean and max pairwise distance.
 * Usage: {@code bench/run.sh distances}.
 */
public final class DistanceComparison {

    private DistanceComparison() {
    }

    public static void main(String[] args) throws IOException {
        JsonNode cookbook;
        try (InputStream in = DistanceComparison.class.getResourceAsStream("/cookbook/seed-parameter-replies.json")) {
            cookbook = Json.MAPPER.readTree(in);
        }
        List<Embedder> embedders = List.of(new LocalEmbedder(), new NgramEmbedder());
        System.out.println("| replies | embedding | first → rest (cookbook's figure) | pairwise mean | pairwise max |");
        System.out.println("|---|---|---|---|---|");
        for (String set : List.of("unseeded", "seeded")) {
            JsonNode s = cookbook.path(set);
            List<String> replies = new ArrayList<>();
            s.path("replies").forEach(r -> replies.add(r.asText()));
            System.out.printf(Locale.ROOT, "| %s (%s) | cookbook, OpenAI embeddings | %.3f | | |%n", set,
                    s.path("settings").asText(), s.path("cookbookDistance").asDouble());
            for (Embedder embedder : embedders) {
                List<float[]> vectors = embedder.embed(replies);
                Map<String, float[]> byText = new HashMap<>();
                for (int i = 0; i < replies.size(); i++) {
                    byText.put(replies.get(i), vectors.get(i));
                }
                Distances d = ReplyStatistics.distances(replies, TextDistance.of(byText));
                System.out.printf(Locale.ROOT, "| | %s | %.3f | %.3f | %.3f |%n", embedder.modelId(),
                        d.firstToRestMean(), d.mean(), d.max());
            }
        }
    }
}
