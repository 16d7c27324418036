package dev.seedwatch.analysis;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.seedwatch.analysis.change.Evidence;
import dev.seedwatch.suite.Probe;

/**
 * What the change tests keep between runs, per target: the reference (the probe replies every later run is tested
 * against, with the evidence accumulated since it was set) and the newest run whose probes all succeeded (what
 * {@code baseline pin} makes the reference). Only what the tests read is kept: per probe its request hash, top-K
 * maps, cut texts and float32 embeddings, so the size is bounded by probes × replays.
 *
 * @param references per target, its reference; absent after a reset until a run's probes all succeed
 * @param latest per target, the newest run whose probes all succeeded
 */
public record ChangeState(int version, Map<String, Reference> references, Map<String, Reference> latest) {

    public static final int VERSION = 1;

    public ChangeState {
        references = references == null ? Map.of() : new LinkedHashMap<>(references);
        latest = latest == null ? Map.of() : new LinkedHashMap<>(latest);
    }

    public static ChangeState empty() {
        return new ChangeState(VERSION, Map.of(), Map.of());
    }

    /**
     * One target's probe replies of one run.
     *
     * @param ranAt when the run finished
     * @param pinned made the reference by {@code baseline pin}
     * @param embeddingModel the model of the embeddings: the energy test needs the same on both sides
     * @param evidence accumulated over the runs tested against this reference
     */
    public record Reference(String runId, Instant ranAt, boolean pinned, String embeddingModel,
            Map<String, Sample> probes, Evidence evidence) {

        public Reference {
            probes = new LinkedHashMap<>(probes);
        }

        Reference with(Evidence value) {
            return new Reference(runId, ranAt, pinned, embeddingModel, probes, value);
        }
    }

    /**
     * One probe's replies: top-K maps (logprobs), texts and base64 little-endian float32 embeddings (sample).
     */
    public record Sample(Probe kind, String requestHash, List<Map<String, Double>> logprobs, List<String> texts,
            List<String> embeddings) {

        public Sample {
            logprobs = List.copyOf(logprobs);
            texts = List.copyOf(texts);
            embeddings = List.copyOf(embeddings);
        }

        static Sample of(ProbeReplies replies) {
            return new Sample(replies.kind(), replies.requestHash(),
                    replies.logprobs().stream().map(t -> t.byToken()).toList(), replies.texts(),
                    replies.embeddings().stream().map(Sample::encode).toList());
        }

        double[][] vectors() {
            return embeddings.stream().map(Sample::decode).toArray(double[][]::new);
        }

        static String encode(float[] vector) {
            ByteBuffer bytes = ByteBuffer.allocate(4 * vector.length).order(ByteOrder.LITTLE_ENDIAN);
            for (float f : vector) {
                bytes.putFloat(f);
            }
            return Base64.getEncoder().encodeToString(bytes.array());
        }

        static double[] decode(String encoded) {
            ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(encoded)).order(ByteOrder.LITTLE_ENDIAN);
            double[] vector = new double[bytes.remaining() / 4];
            for (int i = 0; i < vector.length; i++) {
                vector[i] = bytes.getFloat();
            }
            return vector;
        }
    }

    public Reference reference(String target) {
        return references.get(target);
    }

    /**
     * After {@code baseline pin} of {@code runId}: each target's reference is that run's probe replies where they are
     * the newest complete ones kept, else reset (the next run whose probes all succeed sets it). Evidence restarts.
     */
    public ChangeState pin(String runId) {
        Map<String, Reference> pinned = new LinkedHashMap<>();
        latest.forEach((target, run) -> {
            if (run.runId().equals(runId)) {
                pinned.put(target, new Reference(run.runId(), run.ranAt(), true, run.embeddingModel(), run.probes(),
                        Evidence.start()));
            }
        });
        return new ChangeState(VERSION, pinned, latest);
    }

    /** After {@code baseline unpin}: every reference reset. */
    public ChangeState reset() {
        return new ChangeState(VERSION, Map.of(), latest);
    }
}
