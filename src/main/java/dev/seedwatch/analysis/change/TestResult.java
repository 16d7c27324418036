package dev.seedwatch.analysis.change;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One test's result for one run against the reference. {@code pValue} lies in (0, 1] and is valid: under no change,
 * P(pValue ≤ a) ≤ a. {@code statistic} is the observed statistic summed over the probes (its unit depends on the test).
 * {@code probePValues}: each probe tested alone, unadjusted, in the order of the strata (only probes with replies on
 * both sides).
 */
public record TestResult(ChangeTest test, double pValue, double statistic, Map<String, Double> probePValues) {

    public TestResult {
        if (!(pValue > 0 && pValue <= 1)) {
            throw new IllegalArgumentException("p-value outside (0, 1]: " + pValue);
        }
        probePValues = Collections.unmodifiableMap(new LinkedHashMap<>(probePValues));
    }
}
