package dev.seedwatch.serve;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;

import dev.seedwatch.replay.RunControl;
import dev.seedwatch.run.Inputs;
import dev.seedwatch.run.RunOrchestrator;
import dev.seedwatch.run.RunOutcome;
import dev.seedwatch.run.RunSettings;
import dev.seedwatch.suite.InvalidSuiteException;
import dev.seedwatch.suite.Suite;

/**
 * Serve mode's runs: the first at start, then on the schedule; one at a time (a trigger while one runs is skipped),
 * the first with the suite serve checked at start, each later one with the suite read again (its ConfigMap may have
 * changed), each run's metrics published whole, and a run in progress stopped and given time to export when the
 * application stops.
 */
@ApplicationScoped
public class ServeRuns {

    private static final Logger LOG = Logger.getLogger(ServeRuns.class);

    private record Running(RunControl control, CompletableFuture<Void> done) {
    }

    private final AtomicReference<Running> current = new AtomicReference<>();

    @Inject
    RunOrchestrator orchestrator;

    @Inject
    ServeState state;

    @Inject
    LatestRunMetrics latest;

    @Inject
    Scheduler scheduler;

    @Inject
    RunRoutes pages;

    /**
     * Runs {@code suite}, just loaded from {@code settings.suite()}, now (on a thread of its own), then the suite read
     * again on {@code schedule}.
     */
    public void start(RunSettings settings, Suite suite, String schedule) {
        state.suiteValid();
        state.scheduled(schedule, settings.runDeadline(), Instant.now());
        pages.serve(settings.reportDir());
        new Thread(() -> runIfIdle(settings, "start", () -> suite), "seedwatch-first-run").start();
        scheduler.newJob("seedwatch-suite")
                .setCron(schedule)
                .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
                .setTask(execution -> runIfIdle(settings, "schedule", () -> Inputs.suite(settings)))
                .schedule();
    }

    /** Where a run's suite comes from: the one serve started with, or the file read again. */
    interface SuiteSource {
        Suite load() throws InvalidSuiteException;
    }

    void runIfIdle(RunSettings settings, String why, SuiteSource source) {
        Running run = new Running(new RunControl(), new CompletableFuture<>());
        if (!current.compareAndSet(null, run)) {
            LOG.warnf("%s trigger skipped: the previous run is still in progress", why);
            return;
        }
        state.runStarted(Instant.now());
        try {
            Suite suite;
            try {
                suite = source.load();
                state.suiteValid();
            } catch (InvalidSuiteException e) {
                state.suiteInvalid(Inputs.problems(e));
                LOG.errorf("suite invalid, run skipped:%n%s", e.getMessage());
                return;
            }
            RunOutcome outcome = orchestrator.run(settings, suite, run.control(), false, false);
            outcome.metrics().ifPresent(latest::publish);
            LOG.infof("run (%s) finished with exit code %d", why, outcome.exitCode());
        } catch (RuntimeException | Error e) {
            // an Error (OutOfMemoryError) ends this run, not the schedule: its memory is free again once it is gone
            LOG.error("run failed", e);
        } finally {
            current.set(null);
            run.done().complete(null);
        }
    }

    void stopOnShutdown(@Observes ShutdownEvent event) {
        Running run = current.get();
        if (run == null) {
            return;
        }
        run.control().stop("shutdown");
        try {
            run.done().get(10, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.warn("the run in progress did not finish exporting within 10 s of shutdown");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
