package dev.seedwatch.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.vertx.core.Vertx;

import dev.seedwatch.analysis.ChangeDetection;
import dev.seedwatch.analysis.Changes;
import dev.seedwatch.analysis.Golden;
import dev.seedwatch.analysis.RunAnalyzer;
import dev.seedwatch.analysis.RunResult;
import dev.seedwatch.analysis.State;
import dev.seedwatch.embedding.Embedders;
import dev.seedwatch.embedding.TimedEmbedder;
import dev.seedwatch.export.Exported;
import dev.seedwatch.export.Exporter;
import dev.seedwatch.export.JunitReport;
import dev.seedwatch.export.PushgatewayPusher;
import dev.seedwatch.export.SummaryTable;
import dev.seedwatch.page.RunPages;
import dev.seedwatch.replay.ReplayOutcome;
import dev.seedwatch.replay.Replayer;
import dev.seedwatch.replay.RunControl;
import dev.seedwatch.report.ReportWriter;
import dev.seedwatch.report.RunReport;
import dev.seedwatch.report.Timings;
import dev.seedwatch.state.ChangeStore;
import dev.seedwatch.state.GoldenStore;
import dev.seedwatch.state.StateLock;
import dev.seedwatch.state.StateStore;
import dev.seedwatch.suite.InvalidSuiteException;
import dev.seedwatch.suite.Suite;
import dev.seedwatch.support.AtomicFiles;
import dev.seedwatch.support.Causes;
import dev.seedwatch.support.Redactor;

/**
 * One run, top to bottom: suite → replay → analysis → export (state, metrics file, push, report) → summary.
 */
@ApplicationScoped
public class RunOrchestrator {

    private static final Logger LOG = Logger.getLogger(RunOrchestrator.class);

    @Inject
    Vertx vertx;

    /**
     * @param ownSignals whether SIGTERM/SIGINT stop this run (the {@code run} command); in serve mode they stop the
     *        whole application instead, which stops the run through {@code control}
     */
    public RunOutcome run(RunSettings settings, RunControl control, boolean ownSignals) {
        return run(settings, control, ownSignals, false);
    }

    /**
     * @param showReplies print the distinct replies of every prompt that split (without it, only when a few split)
     */
    public RunOutcome run(RunSettings settings, RunControl control, boolean ownSignals, boolean showReplies) {
        try {
            return run(settings, Inputs.suite(settings), control, ownSignals, showReplies);
        } catch (InvalidSuiteException e) {
            return RunOutcome.invalid(Inputs.problems(e));
        }
    }

    /** A run of {@code suite}, loaded from {@code settings.suite()} by the caller (serve, which checks it first). */
    public RunOutcome run(RunSettings settings, Suite suite, RunControl control, boolean ownSignals,
            boolean showReplies) {
        suite.warnings().forEach(w -> LOG.warn(w));
        // Signals stay ours until the run has exported: a SIGTERM during the push must not cut it short.
        try (StateLock lock = StateLock.acquire(settings.stateDir());
                StopTriggers triggers = StopTriggers.install(control, settings.runDeadline(), ownSignals)) {
            return measured(settings, suite, control, new StateStore(settings.stateDir()).load(), showReplies);
        } catch (StateLock.LockedException e) {
            return RunOutcome.invalid(List.of(e.getMessage()));
        } catch (StateStore.NewerStateException e) {
            return RunOutcome.invalid(List.of(e.getMessage()));
        } catch (IOException e) {
            // the exception's message is often just the path again; its kind says what is wrong with it
            System.out.println("run: state dir " + settings.stateDir() + " unusable (" + Causes.describe(e)
                    + "), nothing was sent (exit " + ExitCodes.EXPORT_FAILED + ")");
            return new RunOutcome(ExitCodes.EXPORT_FAILED, List.of(), Optional.empty(), List.of());
        }
    }

    /** A run that ends in an exception leaves no metrics file behind that tells an earlier run's success. */
    private RunOutcome measured(RunSettings settings, Suite suite, RunControl control, State previous,
            boolean showReplies) {
        try {
            return run(settings, suite, control, previous, showReplies);
        } catch (RuntimeException | Error e) {
            LOG.errorf("run failed before its export (%s): metrics file %s: %s", e, settings.outputs().metricsFile(),
                    Exporter.removeMetricsFile(settings.outputs().metricsFile()));
            throw e;
        }
    }

    private RunOutcome run(RunSettings settings, Suite suite, RunControl control, State previous,
            boolean showReplies) {
        Instant started = Instant.now();
        String runId = ReportWriter.runId(started, suite.name(), settings.shard());
        StateStore store = new StateStore(settings.stateDir());
        List<String> warnings = new ArrayList<>();
        Golden golden = golden(settings, warnings);
        Redactor redactor = Inputs.redactor(suite);
        Plan plan = Plan.of(suite, settings);
        LOG.infof("run %s: %d request(s) to send", runId, plan.replays());

        long replayStart = System.nanoTime();
        List<ReplayOutcome> outcomes = new Replayer(vertx, settings.replay(), redactor, control,
                Embedders.warmup(suite.embedding(), previous.comparableBaselineTexts(plan.requests(),
                        Embedders.modelId(suite.embedding())))).replay(plan.requests());
        long replayEnd = System.nanoTime();
        boolean interrupted = control.stopped();
        if (interrupted) {
            LOG.warnf("run stopped (%s): exporting what completed; unfinished prompts keep their baseline",
                    control.reason());
        }
        TimedEmbedder embedder = new TimedEmbedder(Embedders.of(suite.embedding(), vertx));
        ChangeStore changeStore = new ChangeStore(settings.stateDir());
        ChangeDetection.Step change = analyze(settings, embedder, changeStore,
                new RunAnalyzer.RunInfo(runId, suite.name(), settings.shard(), started, Instant.now(), interrupted),
                plan, outcomes, previous, golden);
        RunResult result = change.result();
        long analysisEnd = System.nanoTime();

        boolean tooManyFailures = !interrupted && result.failureRatio() > settings.verdict().maxFailureRatio();
        Exporter exporter = exporter(settings, store, redactor);
        Exported exported = exporter.figures(result, previous,
                !interrupted && !tooManyFailures && result.problems().isEmpty());
        List<String> problems = new ArrayList<>(result.problems());
        problems.addAll(warnings);
        if (interrupted) {
            problems.add("run stopped: " + control.reason());
        }
        problems.addAll(exported.problems());
        Optional<String> changeNotSaved = changeStore.save(change.next());
        changeNotSaved.ifPresent(problems::add);
        boolean exportFailed = exported.failed() || changeNotSaved.isPresent() || !result.problems().isEmpty();
        List<String> changes = Changes.of(result);
        int exitCode = ExitCodes.of(interrupted, exportFailed, tooManyFailures,
                settings.verdict().failOnChange() && !changes.isEmpty());
        String outcome = Outcomes.describe(exitCode, result, control.reason(), settings.verdict().maxFailureRatio(),
                exitCode == ExitCodes.CHANGED ? changes : problems);
        Timings timings = new Timings((replayEnd - replayStart) / 1e9, (analysisEnd - replayEnd) / 1e9,
                embedder.seconds(), embedder.texts(), (System.nanoTime() - analysisEnd) / 1e9);
        exitCode = writeFiles(settings, exporter, result, RunReport.of(result, exitCode, exported.success(), outcome,
                settings.verdict().maxFailureRatio(), problems, timings), problems, exitCode);

        System.out.print(SummaryTable.render(result, showReplies));
        Outcomes.logBaselineResets(result);
        problems.forEach(p -> LOG.error(p));
        System.out.println("run " + result.runId() + ": " + outcome + " (exit " + exitCode + ")");
        return new RunOutcome(exitCode, List.of(), Optional.of(exported.metrics()), changes);
    }

    /** The run's figures, then the change tests' step over the reference kept in change.json. */
    private static ChangeDetection.Step analyze(RunSettings settings, TimedEmbedder embedder, ChangeStore changeStore,
            RunAnalyzer.RunInfo info, Plan plan, List<ReplayOutcome> outcomes, State previous, Golden golden) {
        RunResult analyzed = new RunAnalyzer(embedder, settings.detection().fingerprintMemory(),
                settings.detection().behaviourChangeShare()).analyze(info, plan.requests(), outcomes, previous, golden);
        return ChangeDetection.of(analyzed, changeStore.load(), settings.detection().changeAlpha());
    }

    /**
     * The report, then its page (only once the report is written: the page is built from it) and the JUnit file;
     * @return {@code exitCode}, or exit 3 when the report or the JUnit file could not be written
     */
    private static int writeFiles(RunSettings settings, Exporter exporter, RunResult result, RunReport report,
            List<String> problems, int exitCode) {
        int code = exitCode;
        if (!exporter.report(result, report, problems)) {
            code = ExitCodes.EXPORT_FAILED;
        } else if (settings.outputs().history().pages()) {
            writePage(settings, result.runId());
        }
        if (settings.outputs().junit().isPresent() && !writeJunit(settings.outputs().junit().get(), result)) {
            code = ExitCodes.EXPORT_FAILED;
        }
        return code;
    }

    /** The run's page next to its report; a page that cannot be written is said, not an export failure. */
    private static void writePage(RunSettings settings, String runId) {
        RunPages pages = new RunPages(settings.reportDir());
        try {
            AtomicFiles.write(pages.runsDir().resolve(runId + ".html"),
                    pages.html(runId).orElseThrow().getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            LOG.warnf("run page not written: %s", e.getMessage());
        }
    }

    /** The run as JUnit XML for CI; a file that cannot be written fails the export, as a report would. */
    private static boolean writeJunit(Path file, RunResult result) {
        try {
            AtomicFiles.write(file, JunitReport.render(result).getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (IOException e) {
            LOG.errorf("JUnit report not written to %s: %s", file, Causes.describe(e));
            return false;
        }
    }

    /**
     * The pinned golden run; one that cannot be read leaves this run without golden figures, not unmeasured, and is
     * said in {@code warnings} (console and report).
     */
    private static Golden golden(RunSettings settings, List<String> warnings) {
        GoldenStore store = new GoldenStore(settings.stateDir());
        try {
            return store.load().orElse(null);
        } catch (IOException | RuntimeException e) {
            warnings.add("golden run " + store.file() + " is unreadable, golden figures are absent: " + e.getMessage());
            return null;
        }
    }

    private static Exporter exporter(RunSettings settings, StateStore store, Redactor redactor) {
        Optional<RunSettings.Push> push = settings.outputs().push();
        RunSettings.History history = settings.outputs().history();
        return new Exporter(store, settings.outputs().metricsFile(),
                push.map(p -> new PushgatewayPusher(p.url(), p.timeout(), p.retry())),
                push.map(p -> p.url().toString()).orElse(""),
                new ReportWriter(settings.reportDir(), history.keep(), history.maxBytes(), history.compress()),
                redactor, settings.outputs().runPage());
    }
}
