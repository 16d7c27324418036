package dev.seedwatch.analysis;

import java.util.List;

/** The fingerprints and served models one run of a target saw; the last few make its fingerprint memory. */
public record BackendRecord(String runId, String model, List<String> fingerprints, List<String> servedModels) {

    public BackendRecord {
        fingerprints = List.copyOf(fingerprints);
        servedModels = List.copyOf(servedModels);
    }
}
