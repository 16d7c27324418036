package dev.seedwatch.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.seedwatch.embedding.Embedder;
import dev.seedwatch.suite.Probe;

/**
 * The run's one batched call to the embedder: only the texts whose distance some figure needs, each distinct text
 * once.
 *
 * @param vectors each embedded text's vector; empty when embedding failed
 * @param distance null when embedding failed: distance figures are then absent
 * @param problem why embedding failed
 */
record ReplyEmbeddings(Map<String, float[]> vectors, TextDistance distance, Optional<String> problem) {

    static ReplyEmbeddings of(Embedder embedder, Set<String> texts) {
        Map<String, float[]> vectors = new HashMap<>();
        try {
            if (!texts.isEmpty()) {
                List<String> list = new ArrayList<>(texts);
                List<float[]> embedded = embedder.embed(list);
                for (int i = 0; i < list.size(); i++) {
                    vectors.put(list.get(i), embedded.get(i));
                }
            }
            return new ReplyEmbeddings(vectors, TextDistance.of(vectors), Optional.empty());
        } catch (RuntimeException e) {
            // Without embeddings the texts still tell exact matches and changes; distances stay absent.
            return new ReplyEmbeddings(vectors, null, Optional.of("embedding with " + embedder.modelId()
                    + " failed, distances are absent: " + e.getMessage()));
        }
    }

    /**
     * The texts a run needs embedded: a prompt's distinct replies when they differ, its most common text and the
     * baseline's or golden run's text it is held against when they differ, and a sample probe's every reply.
     */
    static Set<String> needed(List<RequestReplies> requests, State previous, Golden golden, String embeddingModel) {
        Set<String> needed = new LinkedHashSet<>();
        for (RequestReplies r : requests) {
            if (r.request().prompt().probe() != null) {
                // the embedding stage of the energy test: a sample probe's every reply, as the tests read it
                if (r.request().prompt().probe() == Probe.SAMPLE) {
                    r.texts().forEach(t -> needed.add(ProbeReplies.cut(t)));
                }
                continue;
            }
            Map<String, Integer> counts = ReplyStatistics.counts(r.texts());
            if (counts.size() > 1) {
                needed.addAll(counts.keySet());
            }
            String common = ReplyStatistics.mostCommon(counts);
            if (common == null) {
                continue;
            }
            Baseline baseline = previous.prompt(r.request().key()).baseline().orElse(null);
            if (RunAnalyzer.status(baseline, r.request(), embeddingModel) == BaselineStatus.COMPARED) {
                pair(needed, common, baseline.text());
            }
            Golden.Prompt pinned = golden == null ? null : golden.prompt(r.target(), r.prompt());
            if (pinned != null && pinned.requestHash().equals(r.request().bodyHash())) {
                pair(needed, common, pinned.text());
            }
        }
        return needed;
    }

    private static void pair(Set<String> needed, String text, String reference) {
        if (!text.equals(reference)) {
            needed.add(text);
            needed.add(reference);
        }
    }
}
