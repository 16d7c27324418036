package dev.seedwatch.export;

import java.util.Locale;

import io.micrometer.core.instrument.Tags;

import dev.seedwatch.analysis.ChangeFigures;
import dev.seedwatch.analysis.TargetResult;
import dev.seedwatch.analysis.change.TestResult;

/** Is it still the same model: a target's change tests as metrics (absent without a reference). */
final class ChangeMetrics {

    private ChangeMetrics() {
    }

    static void register(RunMetrics m, String suite, TargetResult t) {
        ChangeFigures c = t.change();
        if (c == null || !c.hasReference()) {
            return;
        }
        Tags tags = Tags.of("suite", suite, "target", t.target(), "model", t.model());
        m.gauge("seedwatch_change_reference_timestamp_seconds",
                "Unix time the reference run of the change tests finished (the golden run's where pinned)", tags,
                c.referenceRanAt().toEpochMilli() / 1000.0);
        m.gauge("seedwatch_change_evidence", "Evidence accumulated over the runs tested against the reference: "
                + "the weighted sum of their tests' calibrated e-values; under no change it reaches 1/alpha with "
                + "probability at most alpha", tags, c.evidence().value());
        m.gauge("seedwatch_change_detected",
                "1 once seedwatch_change_evidence reached 1/alpha (seedwatch.change.alpha), until the next reference; "
                        + "else 0", tags, c.detected() ? 1 : 0);
        for (TestResult r : c.tests()) {
            String test = r.test().name().toLowerCase(Locale.ROOT);
            m.gauge("seedwatch_change_p_value", "This run's permutation p-value against the reference, per test "
                    + "(logprobs, mmd, energy), stratified by probe", tags.and("test", test), r.pValue());
            r.probePValues().forEach((probe, p) -> m.gauge("seedwatch_probe_p_value",
                    "The same test on this probe alone, unadjusted: which probes moved",
                    tags.and("prompt", probe).and("test", test), p));
        }
    }
}
