package dev.seedwatch.export;

import java.util.Optional;

import dev.seedwatch.analysis.PromptResult;
import dev.seedwatch.analysis.RunResult;
import dev.seedwatch.analysis.TargetResult;

/**
 * The metrics of one run, written from its figures for that run only (as blackbox_exporter builds a registry per
 * probe): a removed prompt or a vanished fingerprint leaves no series behind. Each metric's definition is its HELP
 * text; the per-target and per-prompt series are in {@link TargetMetrics}, {@link PromptMetrics} and
 * {@link ChangeMetrics}.
 */
public final class RunMetrics {

    private final PrometheusText series = new PrometheusText();

    private RunMetrics() {
    }

    /**
     * @param success whether the run counts as successful (exit code 0)
     * @param lastSuccessSeconds the last successful run's time: now when successful, else carried from state
     */
    public static RunMetrics of(RunResult run, boolean success, Double lastSuccessSeconds) {
        RunMetrics m = new RunMetrics();
        PrometheusText s = m.series;
        Labels runLabels = shardOf(run, Labels.of("suite", run.suite()));
        s.gauge("seedwatch_run_success", "1 if the last run completed with exit code 0 (or 5, --fail-on-change), else 0",
                runLabels, success ? 1 : 0);
        s.gauge("seedwatch_run_duration_seconds", "Wall time of the last run, from start to analysis done", runLabels,
                run.duration().toMillis() / 1000.0);
        s.gauge("seedwatch_last_run_timestamp_seconds", "Unix time the last run finished", runLabels,
                run.finishedAt().toEpochMilli() / 1000.0);
        s.gauge("seedwatch_last_success_timestamp_seconds",
                "Unix time of the last successful run (carried forward across failed runs)", runLabels,
                lastSuccessSeconds);
        for (TargetResult t : run.targets()) {
            Labels labels = Labels.of("suite", run.suite(), "target", t.target(), "model", t.model());
            TargetMetrics.register(s, labels, t);
            ChangeMetrics.register(s, labels, t);
        }
        for (PromptResult p : run.prompts()) {
            PromptMetrics.register(s, Labels.of("suite", run.suite(), "target", p.target(), "model", p.model(),
                    "prompt", p.prompt()), p);
        }
        return m;
    }

    /** Adds where the run pages are read: {@code seedwatch_run_page_info}, which the alerts link. */
    public RunMetrics withRunPage(Optional<String> url, RunResult run) {
        url.ifPresent(u -> series.gauge("seedwatch_run_page_info",
                "1, label url: the page of the newest run (seedwatch.external-url), linked from the alerts",
                shardOf(run, Labels.of("suite", run.suite(), "url", u)), 1));
        return this;
    }

    /**
     * Prometheus text format 0.0.4 (node_exporter textfile-collector compatible), families sorted by name: the
     * metrics file, the push body and what serve's {@code /q/metrics} answers.
     */
    public String text() {
        return series.text();
    }

    private static Labels shardOf(RunResult run, Labels labels) {
        return run.shard().sharded() ? labels.and("shard", Integer.toString(run.shard().index())) : labels;
    }
}
