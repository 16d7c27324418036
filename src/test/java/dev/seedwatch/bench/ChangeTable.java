package dev.seedwatch.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.seedwatch.analysis.change.ChangeTest;
import dev.seedwatch.analysis.change.Evidence;
import dev.seedwatch.analysis.change.EvidenceLedger;
import dev.seedwatch.analysis.change.TestResult;

/** The Markdown tables of {@link ChangeDetectionBench}. */
final class ChangeTable {

    /** The tests whose one-run evidence decides a row: one test, the two sample tests, or all three. */
    private record Row(String name, List<ChangeTest> tests) {
    }

    private static final List<Row> ROWS = List.of(
            new Row("logprobs", List.of(ChangeTest.LOGPROBS)),
            new Row("mmd", List.of(ChangeTest.MMD)),
            new Row("energy", List.of(ChangeTest.ENERGY)),
            new Row("mmd + energy", List.of(ChangeTest.MMD, ChangeTest.ENERGY)),
            new Row("all three", List.of(ChangeTest.values())));

    private ChangeTable() {
    }

    static void print(Map<ChangeDetectionBench.Distortion, List<Map<ChangeTest, TestResult>>> results,
            List<Integer> runsToDetect, ProbeCollector.Replies cost, int trials, double seconds) {
        System.out.printf(Locale.ROOT, "%d trials in %.0f s. Cost of one run: logprob probes %d requests, %d "
                + "output tokens; sample probes %d requests, %d output tokens.%n%n", trials, seconds,
                cost.logprobCost().requests(), cost.logprobCost().tokens(), cost.sampleCost().requests(),
                cost.sampleCost().tokens());
        System.out.println("| distortion | test | detected in one run, α = 0.01 | α = 0.05 | p-value median "
                + "[min, max] |");
        System.out.println("|---|---|---|---|---|");
        results.forEach((distortion, trialResults) -> {
            for (Row row : ROWS) {
                System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", distortion.label, row.name(),
                        detected(trialResults, row, 0.01), detected(trialResults, row, 0.05),
                        row.tests().size() == 1 ? spread(trialResults, row.tests().get(0)) : "—");
            }
        });
        System.out.printf(Locale.ROOT, "%nQ4_0, sample tests only (mmd + energy), α = %.2f: run of detection per "
                + "trial (0: not within %d runs): %s%n", ChangeDetectionBench.SEQUENTIAL_ALPHA,
                ChangeDetectionBench.SEQUENTIAL_RUNS, runsToDetect);
        if (runsToDetect.isEmpty()) {
            System.out.println("(no sample probes: the sequential Q4_0 check did not run)");
        }
        List<Map<ChangeTest, TestResult>> nulls = results.get(ChangeDetectionBench.Distortion.NONE);
        for (ChangeTest test : ChangeTest.values()) {
            System.out.printf(Locale.ROOT, "null p-values, %s: %s%n", test.name().toLowerCase(), nulls.stream()
                    .filter(r -> r.containsKey(test)).map(r -> format(r.get(test).pValue()))
                    .collect(Collectors.joining(", ")));
        }
    }

    private static String detected(List<Map<ChangeTest, TestResult>> trials, Row row, double alpha) {
        if (trials.stream().noneMatch(results -> row.tests().stream().anyMatch(results::containsKey))) {
            return "—";
        }
        long hits = trials.stream().filter(results -> {
            List<TestResult> tested = new ArrayList<>();
            row.tests().forEach(test -> {
                if (results.containsKey(test)) {
                    tested.add(results.get(test));
                }
            });
            return EvidenceLedger.next(Evidence.start(), tested).detected(alpha);
        }).count();
        return hits + "/" + trials.size();
    }

    private static String spread(List<Map<ChangeTest, TestResult>> trials, ChangeTest test) {
        double[] p = trials.stream().filter(r -> r.containsKey(test)).mapToDouble(r -> r.get(test).pValue())
                .sorted().toArray();
        if (p.length == 0) {
            return "—";
        }
        double median = p.length % 2 == 1 ? p[p.length / 2] : (p[p.length / 2 - 1] + p[p.length / 2]) / 2;
        return format(median) + " [" + format(p[0]) + ", " + format(p[p.length - 1]) + "]";
    }

    private static String format(double p) {
        return String.format(Locale.ROOT, "%.2g", p);
    }
}
