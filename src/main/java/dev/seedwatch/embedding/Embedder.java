package dev.seedwatch.embedding;

import java.util.List;

/** Turns texts into vectors whose cosine distance says how far their meanings are apart. */
public interface Embedder {

    /** Identifies the model, so that a baseline embedded with another model is not compared against. */
    String modelId();

    /** One vector per text, in order. An empty or blank text gets the zero vector (no meaning to embed). */
    List<float[]> embed(List<String> texts);
}
