package dev.seedwatch.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jboss.logging.Logger;

import dev.seedwatch.analysis.RunResult;
import dev.seedwatch.analysis.State;
import dev.seedwatch.analysis.StateUpdate;
import dev.seedwatch.report.ReportWriter;
import dev.seedwatch.report.RunReport;
import dev.seedwatch.state.StateStore;
import dev.seedwatch.support.AtomicFiles;
import dev.seedwatch.support.Redactor;

/**
 * A run's sinks: state, metrics file, Pushgateway, report. Each is attempted even when another failed, so that
 * nothing already measured is lost; what failed is said, not thrown.
 */
public final class Exporter {

    private static final Logger LOG = Logger.getLogger(Exporter.class);

    private final StateStore store;
    private final Path metricsFile;
    private final Optional<PushgatewayPusher> pushgateway;
    private final String pushgatewayName;
    private final ReportWriter reports;
    private final Redactor redactor;
    private final Optional<String> runPage;

    /**
     * @param pushgatewayName the Pushgateway's URL as problems may name it
     * @param runPage the URL of the newest run's page, exported for the alerts to link
     */
    public Exporter(StateStore store, Path metricsFile, Optional<PushgatewayPusher> pushgateway,
            String pushgatewayName, ReportWriter reports, Redactor redactor, Optional<String> runPage) {
        this.store = store;
        this.metricsFile = metricsFile;
        this.pushgateway = pushgateway;
        this.pushgatewayName = pushgatewayName;
        this.reports = reports;
        this.redactor = redactor;
        this.runPage = runPage;
    }

    /**
     * Writes state, metrics file and push. A run that would succeed but whose export failed is no success: the state
     * is written again without it, so the previous last-success time is kept, and the metrics file says so.
     *
     * @param measured every replay was sent and no more failed than allowed
     */
    public Exported figures(RunResult result, State previous, boolean measured) {
        List<String> problems = new ArrayList<>();
        State next = StateUpdate.next(previous, result, measured);
        boolean stateWritten = saveState(next, problems);
        if (!stateWritten) {
            next = previous;
        }
        boolean success = measured && stateWritten;
        RunMetrics metrics = RunMetrics.of(result, success, next.lastSuccessTimestampSeconds())
                .withRunPage(runPage, result);
        boolean fileWritten = writeMetricsFile(metrics, problems);
        boolean pushed = push(metrics, result, problems);
        if (success && !(fileWritten && pushed)) {
            success = false;
            State reverted = StateUpdate.next(previous, result, false);
            if (!saveState(reverted, new ArrayList<>())) {
                problems.add("state not rewritten after the failed export");
            }
            metrics = RunMetrics.of(result, false, reverted.lastSuccessTimestampSeconds()).withRunPage(runPage, result);
            writeMetricsFile(metrics, new ArrayList<>());
        }
        return new Exported(success, !(stateWritten && fileWritten && pushed), metrics, problems);
    }

    /** Writes the run report; false (with the problem added) when it could not be written. */
    public boolean report(RunResult result, RunReport report, List<String> problems) {
        try {
            reports.write(result, report);
            return true;
        } catch (IOException e) {
            problems.add("report not written: " + e.getMessage());
            return false;
        }
    }

    private boolean saveState(State state, List<String> problems) {
        try {
            store.save(state);
            return true;
        } catch (IOException e) {
            problems.add("state not written to " + store.dir() + ": " + e.getMessage());
            return false;
        }
    }

    /**
     * Writes the metrics file; where it cannot be written (a full disk), removes the previous run's, so that the
     * textfile collector does not go on exporting an older run's success as the last word.
     */
    private boolean writeMetricsFile(RunMetrics metrics, List<String> problems) {
        try {
            AtomicFiles.write(metricsFile, metrics.text().getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (IOException e) {
            problems.add("metrics file not written to " + metricsFile + ": " + e.getMessage() + "; "
                    + removeMetricsFile(metricsFile));
            return false;
        }
    }

    /** Removes a metrics file that no longer tells the last run's outcome; says what became of it. */
    public static String removeMetricsFile(Path metricsFile) {
        try {
            return Files.deleteIfExists(metricsFile) ? "the previous run's file was removed" : "there is none";
        } catch (IOException e) {
            LOG.errorf("stale metrics file %s not removed: %s", metricsFile, e.getMessage());
            return "the previous run's file could not be removed: " + e.getMessage();
        }
    }

    private boolean push(RunMetrics metrics, RunResult result, List<String> problems) {
        if (pushgateway.isEmpty()) {
            return true;
        }
        try {
            pushgateway.get().push(metrics, result.suite(), result.shard());
        } catch (IOException e) {
            problems.add("push to Pushgateway " + redactor.redact(pushgatewayName) + " failed: "
                    + redactor.redact(e.getMessage()));
            return false;
        }
        if (result.shard().index() == 0) {
            deleteOrphanGroups(pushgateway.get(), result);
        }
        return true;
    }

    /** Housekeeping after a successful push: a failure here leaves stale groups, not a failed export. */
    private static void deleteOrphanGroups(PushgatewayPusher pusher, RunResult result) {
        try {
            pusher.deleteOrphanGroups(result.suite(), result.shard())
                    .forEach(g -> LOG.infof("deleted Pushgateway group %s left by another shard layout", g));
        } catch (IOException e) {
            LOG.warnf("could not look for Pushgateway groups left by another shard layout: %s", e.getMessage());
        }
    }
}
