package dev.seedwatch.embedding;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Counts what an embedder did and how long it took, for the run report's timings. */
public final class TimedEmbedder implements Embedder {

    private final Embedder delegate;
    private final AtomicLong nanos = new AtomicLong();
    private final AtomicInteger texts = new AtomicInteger();

    public TimedEmbedder(Embedder delegate) {
        this.delegate = delegate;
    }

    @Override
    public String modelId() {
        return delegate.modelId();
    }

    @Override
    public List<float[]> embed(List<String> input) {
        long start = System.nanoTime();
        try {
            return delegate.embed(input);
        } finally {
            nanos.addAndGet(System.nanoTime() - start);
            texts.addAndGet(input.size());
        }
    }

    public double seconds() {
        return nanos.get() / 1e9;
    }

    public int texts() {
        return texts.get();
    }
}
