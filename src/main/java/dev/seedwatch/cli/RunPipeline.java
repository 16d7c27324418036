package dev.seedwatch.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.seedwatch.analysis.PromptResult;
import dev.seedwatch.analysis.RunAnalyzer;
import dev.seedwatch.analysis.RunResult;
import dev.seedwatch.embedding.Embedder;
import dev.seedwatch.embedding.EmbeddingWarmup;
import dev.seedwatch.embedding.LocalEmbedder;
import dev.seedwatch.embedding.OpenAiEmbedder;
import dev.seedwatch.embedding.TimedEmbedder;
import dev.seedwatch.metrics.PushgatewayPusher;
import dev.seedwatch.metrics.RunMetrics;
import dev.seedwatch.replay.PlannedRequest;
import dev.seedwatch.replay.Redactor;
import dev.seedwatch.replay.ReplayOutcome;
import dev.seedwatch.replay.Replayer;
import dev.seedwatch.replay.RunControl;
import dev.seedwatch.serve.LatestRunMetrics;
import dev.seedwatch.report.ReportWriter;
import dev.seedwatch.report.RunReport;
import dev.seedwatch.report.SummaryTable;
import dev.seedwatch.report.Timings;
import dev.seedwatch.state.AtomicFiles;
import dev.seedwatch.state.State;
import dev.seedwatch.state.StateLock;
import dev.seedwatch.state.StateStore;
import dev.seedwatch.state.StateUpdate;
import dev.seedwatch.suite.EmbeddingSettings;
import dev.seedwatch.suite.InvalidSuiteException;
import dev.seedwatch.suite.Prompt;
import dev.seedwatch.suite.Suite;
import dev.seedwatch.suite.SuiteLoader;
import dev.seedwatch.suite.Target;

/**
 * One run, top to bottom: suite → replay → analysis → state, metrics (file and push), report, summary. Every sink
 * is attempted even when an earlier one failed, so that nothing already measured is lost.
 */
@ApplicationScoped
public class RunPipeline {

    private static final Logger LOG = Logger.getLogger(RunPipeline.class);

    @Inject
    LatestRunMetrics latestMetrics;

    /** A run of the {@code run} command: SIGTERM and SIGINT stop it (exit 4). */
    public int run(RunSettings settings) {
        return run(settings, new RunControl(), true);
    }

    /**
     * @param ownSignals whether SIGTERM/SIGINT stop this run (the {@code run} command); in serve mode they stop the
     *        whole application instead, which stops the run through {@code control}
     */
    public int run(RunSettings settings, RunControl control, boolean ownSignals) {
        Suite suite;
        try {
            suite = loadSuite(settings);
        } catch (InvalidSuiteException e) {
            return invalid(e);
        }
        suite.warnings().forEach(w -> LOG.warn(w));
        // Signals stay ours until the run has exported: a SIGTERM during the push must not cut it short.
        try (StateLock lock = StateLock.acquire(settings.stateDir());
                StopTriggers triggers = StopTriggers.install(control, settings.runDeadline(), ownSignals)) {
            return run(settings, suite, control);
        } catch (StateLock.LockedException e) {
            printProblems(List.of(e.getMessage()));
            return ExitCodes.INVALID;
        } catch (IOException e) {
            printProblems(List.of("cannot use state dir " + settings.stateDir() + ": " + e.getMessage()));
            return ExitCodes.EXPORT_FAILED;
        }
    }

    private int run(RunSettings settings, Suite suite, RunControl control) {
        Instant started = Instant.now();
        String runId = ReportWriter.runId(started, suite.name(), settings.shard());
        StateStore store = new StateStore(settings.stateDir());
        State previous = store.load();
        Redactor redactor = redactor(suite);

        List<PlannedRequest> plan = new ArrayList<>();
        for (Prompt p : suite.prompts()) {
            for (Target t : suite.targets()) {
                if (settings.shard().includes(t.name(), p.id())) {
                    plan.add(PlannedRequest.of(t, p));
                }
            }
        }
        plan.sort(java.util.Comparator.comparingInt(r -> suite.targets().indexOf(r.target())));
        LOG.infof("run %s: %d request(s) to send", runId, plan.stream().mapToInt(PlannedRequest::replays).sum());

        long replayStart = System.nanoTime();
        List<ReplayOutcome> outcomes = new Replayer(settings.replay(), redactor, control,
                embeddingWarmup(suite, plan, previous)).replay(plan);
        long replayEnd = System.nanoTime();
        boolean interrupted = control.stopped();
        if (interrupted) {
            LOG.warnf("run stopped (%s): exporting what completed; unfinished prompts keep their baseline",
                    control.reason());
        }
        TimedEmbedder embedder = new TimedEmbedder(embedder(suite.embedding()));
        RunResult result = new RunAnalyzer(embedder, settings.fingerprintMemory()).analyze(
                new RunAnalyzer.RunInfo(runId, suite.name(), settings.shard(), started, Instant.now(), interrupted),
                plan, outcomes, previous);
        long analysisEnd = System.nanoTime();

        List<String> problems = new ArrayList<>(result.problems());
        if (interrupted) {
            problems.add("run stopped: " + control.reason());
        }
        boolean tooManyFailures = !interrupted && result.failureRatio() > settings.maxFailureRatio();
        boolean exportFailed = !result.problems().isEmpty();

        State next = StateUpdate.next(previous, result, !tooManyFailures && !exportFailed && !interrupted);
        try {
            store.save(next);
        } catch (IOException e) {
            exportFailed = true;
            problems.add("state not written to " + settings.stateDir() + ": " + e.getMessage());
            next = previous;
        }

        boolean success = !tooManyFailures && !exportFailed && !interrupted;
        RunMetrics metrics = RunMetrics.of(result, success, next.lastSuccessTimestampSeconds());
        boolean fileWritten = writeMetricsFile(settings, metrics, problems);
        if (settings.pushgateway().isPresent()) {
            PushgatewayPusher pusher = new PushgatewayPusher(settings.pushgateway().get(), settings.pushTimeout(),
                    settings.pushAttempts());
            try {
                pusher.push(metrics, suite.name(), settings.shard());
                if (settings.shard().index() == 0) {
                    deleteOrphanGroups(pusher, suite.name(), settings);
                }
            } catch (IOException e) {
                problems.add("push to Pushgateway " + redactor.redact(settings.pushgateway().get().toString())
                        + " failed: " + redactor.redact(e.getMessage()));
                exportFailed = true;
            }
        }
        if (!fileWritten) {
            exportFailed = true;
        }
        if (success && exportFailed) {
            // The run no longer counts as a success: say so in what is kept, and keep the previous last success.
            success = false;
            State reverted = StateUpdate.next(previous, result, false);
            try {
                store.save(reverted);
            } catch (IOException e) {
                problems.add("state not rewritten: " + e.getMessage());
            }
            metrics = RunMetrics.of(result, false, reverted.lastSuccessTimestampSeconds());
            writeMetricsFile(settings, metrics, new ArrayList<>());
        }
        latestMetrics.publish(metrics);

        int exitCode = interrupted ? ExitCodes.INTERRUPTED
                : exportFailed ? ExitCodes.EXPORT_FAILED
                : tooManyFailures ? ExitCodes.TOO_MANY_FAILURES : ExitCodes.OK;
        String outcome = switch (exitCode) {
            case ExitCodes.OK -> "success";
            case ExitCodes.INTERRUPTED -> "interrupted (" + control.reason() + "): " + result.replaysFailed() + " of "
                    + result.replaysPlanned() + " replays did not complete";
            case ExitCodes.TOO_MANY_FAILURES -> String.format(Locale.ROOT,
                    "%d of %d replays failed (%.1f%%), more than --max-failure-ratio %.3f allows",
                    result.replaysFailed(), result.replaysPlanned(), 100 * result.failureRatio(),
                    settings.maxFailureRatio());
            default -> "export failed: " + String.join("; ", problems);
        };
        Timings timings = new Timings((replayEnd - replayStart) / 1e9, (analysisEnd - replayEnd) / 1e9,
                embedder.seconds(), embedder.texts(), (System.nanoTime() - analysisEnd) / 1e9);
        try {
            new ReportWriter(settings.reportDir(), settings.historyKeep()).write(result, new RunReport(1,
                    result.runId(), result.suite(), settings.shard().sharded() ? settings.shard().toString() : null,
                    result.startedAt(), result.finishedAt(), result.duration().toMillis() / 1000.0, exitCode, success,
                    outcome, result.interrupted(), result.embeddingModel(), result.replaysPlanned(),
                    result.replaysFailed(), settings.maxFailureRatio(), problems, timings, result.targets(),
                    result.prompts()));
        } catch (IOException e) {
            problems.add("report not written: " + e.getMessage());
            exitCode = ExitCodes.EXPORT_FAILED;
        }

        System.out.print(SummaryTable.render(result));
        logChanges(result);
        problems.forEach(p -> LOG.error(p));
        System.out.println("run " + result.runId() + ": " + outcome + " (exit " + exitCode + ")");
        return exitCode;
    }

    /** Housekeeping after a successful push: a failure here leaves stale groups, not a failed export. */
    private static void deleteOrphanGroups(PushgatewayPusher pusher, String suite, RunSettings settings) {
        try {
            pusher.deleteOrphanGroups(suite, settings.shard())
                    .forEach(g -> LOG.infof("deleted Pushgateway group %s left by another shard layout", g));
        } catch (IOException e) {
            LOG.warnf("could not look for Pushgateway groups left by another shard layout: %s", e.getMessage());
        }
    }

    private static boolean writeMetricsFile(RunSettings settings, RunMetrics metrics, List<String> problems) {
        try {
            AtomicFiles.write(settings.metricsFile(), metrics.text().getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (IOException e) {
            problems.add("metrics file not written to " + settings.metricsFile() + ": " + e.getMessage());
            return false;
        }
    }

    private static void logChanges(RunResult result) {
        for (PromptResult p : result.prompts()) {
            switch (p.baselineStatus()) {
                case RESET_REQUEST_CHANGED -> LOG.infof("%s/%s: request changed since the baseline; baseline reset",
                        p.target(), p.prompt());
                case RESET_EMBEDDING_CHANGED -> LOG.infof(
                        "%s/%s: embedding model changed since the baseline; baseline reset", p.target(), p.prompt());
                default -> {
                }
            }
        }
    }

    static Suite loadSuite(RunSettings settings) throws InvalidSuiteException {
        return new SuiteLoader(System::getenv).load(settings.suite());
    }

    /** Says what is wrong with the input (settings or suite) and gives the exit code for it. */
    static int invalid(Exception e) {
        if (e instanceof InvalidSuiteException suite) {
            printProblems(suite.problems().stream().map(Object::toString).toList());
        } else if (e instanceof RunSettings.InvalidSettingsException settings) {
            printProblems(settings.problems());
        } else {
            printProblems(List.of(e.getMessage()));
        }
        return ExitCodes.INVALID;
    }

    static void printProblems(List<String> problems) {
        System.err.println("seedwatch: invalid input, nothing was sent:");
        problems.forEach(p -> System.err.println("  " + p));
    }

    /** The local model is loaded only once a reply shows there is something to embed (see EmbeddingWarmup). */
    private static java.util.function.Consumer<ReplayOutcome> embeddingWarmup(Suite suite, List<PlannedRequest> plan,
            State previous) {
        if (suite.embedding().provider() != EmbeddingSettings.Provider.LOCAL) {
            return outcome -> { };
        }
        java.util.Map<String, String> baselines = new java.util.HashMap<>();
        for (PlannedRequest r : plan) {
            var baseline = previous.baseline(r.target().name(), r.prompt().id());
            if (baseline != null && baseline.requestHash().equals(r.bodyHash())
                    && baseline.embeddingModel().equals(LocalEmbedder.MODEL_ID)) {
                baselines.put(EmbeddingWarmup.key(r.target().name(), r.prompt().id()), baseline.text());
            }
        }
        return new EmbeddingWarmup(baselines, LocalEmbedder::preload);
    }

    private static Embedder embedder(EmbeddingSettings settings) {
        return settings.provider() == EmbeddingSettings.Provider.OPENAI ? new OpenAiEmbedder(settings)
                : new LocalEmbedder();
    }

    /** Every credential the suite resolved, so that none can leak through an echoed error message. */
    private static Redactor redactor(Suite suite) {
        List<String> secrets = new ArrayList<>();
        for (Target t : suite.targets()) {
            t.secretHeaders().values().values().forEach(v -> {
                secrets.add(v);
                if (v.startsWith("Bearer ")) {
                    secrets.add(v.substring("Bearer ".length()));
                }
            });
        }
        if (suite.embedding().apiKey() != null) {
            secrets.add(suite.embedding().apiKey());
        }
        return new Redactor(secrets);
    }
}
