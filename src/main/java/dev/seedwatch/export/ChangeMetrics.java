package dev.seedwatch.export;

import java.util.Locale;

import dev.seedwatch.analysis.ChangeFigures;
import dev.seedwatch.analysis.TargetResult;
import dev.seedwatch.analysis.change.TestResult;

/** Is it still the same model: a target's change tests as metrics (absent without a reference). */
final class ChangeMetrics {

    private ChangeMetrics() {
    }

    static void register(PrometheusText s, Labels labels, TargetResult t) {
        ChangeFigures c = t.change();
        if (c == null || !c.hasReference()) {
            return;
        }
        s.gauge("seedwatch_change_reference_timestamp_seconds",
                "Unix time the reference run of the change tests finished (the golden run's where pinned)", labels,
                c.referenceRanAt().toEpochMilli() / 1000.0);
        s.gauge("seedwatch_change_evidence", "Evidence accumulated over the runs tested against the reference: "
                + "the weighted sum of their tests' calibrated e-values; under no change it reaches 1/alpha with "
                + "probability at most alpha", labels, c.evidence().value());
        s.gauge("seedwatch_change_detected",
                "1 once seedwatch_change_evidence reached 1/alpha (seedwatch.change.alpha), until the next reference; "
                        + "else 0", labels, c.detected() ? 1 : 0);
        for (TestResult r : c.tests()) {
            String test = r.test().name().toLowerCase(Locale.ROOT);
            s.gauge("seedwatch_change_p_value", "This run's permutation p-value against the reference, per test "
                    + "(logprobs, mmd, energy), stratified by probe", labels.and("test", test), r.pValue());
            r.probePValues().forEach((probe, p) -> s.gauge("seedwatch_probe_p_value",
                    "The same test on this probe alone, unadjusted: which probes moved",
                    labels.and("prompt", probe).and("test", test), p));
        }
    }
}
