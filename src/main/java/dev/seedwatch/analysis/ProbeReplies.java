package dev.seedwatch.analysis;

import java.util.List;
import java.util.Map;

import dev.seedwatch.analysis.change.TopLogprobs;
import dev.seedwatch.provider.TokenLogprob;
import dev.seedwatch.replay.ReplayOutcome;
import dev.seedwatch.suite.Probe;

/**
 * One probe's successful replies of one run in the form the change tests read them: the first token's top-K log
 * probabilities (logprobs probes), the reply texts cut at {@link #MAX_TEXT_CHARS} and their embeddings (sample
 * probes). Both sides of a test are cut alike, so the cut bounds the stored reference without biasing the test.
 *
 * @param complete every planned replay succeeded: only a run whose probes are all complete becomes the reference
 * @param logprobs per reply, its first token's alternatives; an empty map where the reply carried none
 * @param embeddings per text, its embedding; empty when embedding failed
 */
public record ProbeReplies(String target, String probe, Probe kind, String requestHash, boolean complete,
        List<TopLogprobs> logprobs, List<String> texts, List<float[]> embeddings) {

    /** Characters of a sample reply the tests read (40 tokens are some 200). */
    public static final int MAX_TEXT_CHARS = 1000;

    public ProbeReplies {
        logprobs = List.copyOf(logprobs);
        texts = List.copyOf(texts);
        embeddings = List.copyOf(embeddings);
    }

    /** @param vectors the run's embeddings by text; a sample probe's texts are among them unless embedding failed */
    static ProbeReplies of(String target, String probe, Probe kind, String requestHash, boolean complete,
            List<ReplayOutcome> successful, Map<String, float[]> vectors) {
        if (kind == Probe.LOGPROBS) {
            return new ProbeReplies(target, probe, kind, requestHash, complete,
                    successful.stream().map(ProbeReplies::firstToken).toList(), List.of(), List.of());
        }
        List<String> texts = successful.stream().map(r -> cut(r.text())).toList();
        boolean embedded = texts.stream().allMatch(vectors::containsKey);
        return new ProbeReplies(target, probe, kind, requestHash, complete, List.of(), texts,
                embedded ? texts.stream().map(vectors::get).toList() : List.of());
    }

    /** A sample reply as the tests read it. */
    static String cut(String text) {
        return text.length() <= MAX_TEXT_CHARS ? text : text.substring(0, MAX_TEXT_CHARS);
    }

    private static TopLogprobs firstToken(ReplayOutcome reply) {
        List<TokenLogprob> tokens = reply.tokens();
        return new TopLogprobs(tokens == null || tokens.isEmpty() ? Map.of() : tokens.get(0).alternatives());
    }
}
