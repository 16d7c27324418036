package dev.seedwatch.analysis;

import java.util.List;

/**
 * The golden run of one target.
 *
 * @param ranAtSeconds seedwatch_golden_pinned_timestamp_seconds: Unix time the golden run finished
 * @param fingerprints seedwatch_golden_fingerprint_info: the fingerprints of the golden run
 */
public record GoldenTargetFigures(String runId, double ranAtSeconds, List<String> fingerprints) {

    public GoldenTargetFigures {
        fingerprints = List.copyOf(fingerprints);
    }
}
