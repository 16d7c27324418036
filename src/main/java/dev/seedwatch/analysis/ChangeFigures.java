package dev.seedwatch.analysis;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.seedwatch.analysis.change.Evidence;
import dev.seedwatch.analysis.change.TestResult;
import dev.seedwatch.analysis.change.TokenShift;

/**
 * Is it still the same model: one target's probes of one run against its reference.
 *
 * @param referenceRunId the run whose probe replies are the reference; null while the target has none (every
 *        figure below is then absent)
 * @param referenceRanAt seedwatch_change_reference_timestamp_seconds: when the reference run finished
 * @param pinned the reference is the golden run's probe replies
 * @param referenceSetNow this run became the reference, so nothing was tested
 * @param tests seedwatch_change_p_value and, per probe, seedwatch_probe_p_value: the tests that had replies on both
 *        sides
 * @param evidence seedwatch_change_evidence: accumulated over the runs tested against this reference
 * @param detected seedwatch_change_detected: the evidence reached 1 / alpha (it never decreases, so it stays so until
 *        the next reference)
 * @param alpha seedwatch.change.alpha: the false-alarm probability over the reference's whole period
 * @param tokenShifts per logprobs probe, the tokens whose mean log probability moved most, reference → this run
 * @param leftOut per probe left out of the tests, why
 */
public record ChangeFigures(String referenceRunId, Instant referenceRanAt, boolean pinned, boolean referenceSetNow,
        List<TestResult> tests, Evidence evidence, boolean detected, double alpha,
        Map<String, List<TokenShift>> tokenShifts, Map<String, String> leftOut) {

    public ChangeFigures {
        tests = List.copyOf(tests);
        tokenShifts = Collections.unmodifiableMap(new LinkedHashMap<>(tokenShifts));
        leftOut = Collections.unmodifiableMap(new LinkedHashMap<>(leftOut));
    }

    /** A target with probes but no reference yet: its probes were not all complete in any run since the reset. */
    static ChangeFigures noReference(double alpha, Map<String, String> leftOut) {
        return new ChangeFigures(null, null, false, false, List.of(), null, false, alpha, Map.of(), leftOut);
    }

    public boolean hasReference() {
        return referenceRunId != null;
    }
}
