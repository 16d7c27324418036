package dev.seedwatch.cli;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;

import dev.seedwatch.replay.RunControl;
import dev.seedwatch.serve.ServeState;
import dev.seedwatch.suite.InvalidSuiteException;

/**
 * Serve mode's runs: one at a time (a trigger while one runs is skipped), the suite re-read before each (its
 * ConfigMap may have changed), and a run in progress stopped and given time to export when the application stops.
 */
@ApplicationScoped
public class ServeRuns {

    private static final Logger LOG = Logger.getLogger(ServeRuns.class);

    private record Running(RunControl control, CompletableFuture<Void> done) {
    }

    private final AtomicReference<Running> current = new AtomicReference<>();

    void runIfIdle(RunPipeline pipeline, ServeState state, RunSettings settings, String why) {
        Running run = new Running(new RunControl(), new CompletableFuture<>());
        if (!current.compareAndSet(null, run)) {
            LOG.warnf("%s trigger skipped: the previous run is still in progress", why);
            return;
        }
        try {
            try {
                RunPipeline.loadSuite(settings);
                state.suiteValid();
            } catch (InvalidSuiteException e) {
                state.suiteInvalid(e.problems().stream().map(Object::toString).toList());
                LOG.errorf("suite invalid, run skipped:%n%s", e.getMessage());
                return;
            }
            int code = pipeline.run(settings, run.control(), false);
            LOG.infof("run (%s) finished with exit code %d", why, code);
        } catch (RuntimeException e) {
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
