package dev.seedwatch.embedding;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * all-MiniLM-L6-v2 (quantised), bundled in the jar and run in-process through ONNX Runtime: no network, no key.
 * Loading takes a few hundred milliseconds, so {@link #preload()} starts it on a background thread as early as
 * possible (from {@code main}) and the first {@link #embed} waits for it.
 */
public final class LocalEmbedder implements Embedder {

    public static final String MODEL_ID = "local:all-minilm-l6-v2-q";

    private static volatile CompletableFuture<EmbeddingModel> model;

    public static synchronized CompletableFuture<EmbeddingModel> preload() {
        if (model == null) {
            model = CompletableFuture.supplyAsync(AllMiniLmL6V2QuantizedEmbeddingModel::new,
                    command -> {
                        Thread t = new Thread(command, "seedwatch-embedding-load");
                        t.setDaemon(true);
                        t.start();
                    });
        }
        return model;
    }

    /**
     * Waits for a load still in progress. A process that exits while ONNX Runtime is initialising on the loader
     * thread can be killed by the native library's own exit-time teardown (SIGBUS, exit 134) after the run has
     * already reported success; the load is short, so the exit waits for it.
     */
    public static void settle() {
        CompletableFuture<EmbeddingModel> loading = model;
        if (loading != null) {
            loading.handle((loaded, failure) -> null).join();
        }
    }

    @Override
    public String modelId() {
        return MODEL_ID;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        List<float[]> vectors = new ArrayList<>(texts.size());
        List<TextSegment> segments = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            vectors.add(null);
            if (texts.get(i).isBlank()) {
                vectors.set(i, new float[0]); // langchain4j refuses blank segments; zero vector by definition
            } else {
                segments.add(TextSegment.from(texts.get(i)));
                positions.add(i);
            }
        }
        if (!segments.isEmpty()) {
            List<Embedding> embeddings = preload().join().embedAll(segments).content();
            for (int k = 0; k < positions.size(); k++) {
                vectors.set(positions.get(k), embeddings.get(k).vector());
            }
        }
        return vectors;
    }
}
