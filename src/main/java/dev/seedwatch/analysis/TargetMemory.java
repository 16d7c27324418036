package dev.seedwatch.analysis;

import java.util.List;
import java.util.Optional;

/**
 * What the runs so far left for one target: the backends of its recent runs that answered, newest first, and the
 * tokens it used across all runs (absent until a run has counted them).
 */
public record TargetMemory(List<BackendRecord> backends, Optional<TokenTotals> tokens) {

    public static final TargetMemory NONE = new TargetMemory(List.of(), Optional.empty());

    public TargetMemory {
        backends = List.copyOf(backends);
    }

    public TargetMemory withBackends(List<BackendRecord> value) {
        return new TargetMemory(value, tokens);
    }

    public TargetMemory withTokens(TokenTotals value) {
        return new TargetMemory(backends, Optional.of(value));
    }
}
