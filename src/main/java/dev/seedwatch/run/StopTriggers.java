package dev.seedwatch.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import dev.seedwatch.replay.RunControl;

/**
 * What stops a run early: SIGTERM (Kubernetes evicting the pod), SIGINT (Ctrl-C) and the run deadline. The signal
 * handlers replace the JVM's for the duration of the replays, so that a signal does not start JVM shutdown while
 * results are still to be exported: the run winds down, exports what completed and exits 4 by itself.
 */
final class StopTriggers implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(StopTriggers.class);

    private final List<Runnable> undo = new ArrayList<>();

    static StopTriggers install(RunControl control, Duration deadline, boolean signals) {
        StopTriggers triggers = new StopTriggers();
        for (String name : signals ? List.of("TERM", "INT") : List.<String> of()) {
            try {
                Signal signal = new Signal(name);
                SignalHandler previous = Signal.handle(signal, s -> {
                    LOG.warnf("SIG%s received: stopping the run", name);
                    control.stop("SIG" + name);
                });
                triggers.undo.add(() -> Signal.handle(signal, previous));
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                LOG.debugf("cannot handle SIG%s here: %s", name, e.getMessage());
            }
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "seedwatch-deadline");
            t.setDaemon(true);
            return t;
        });
        timer.schedule(() -> control.stop("run deadline of " + deadline + " passed"), deadline.toMillis(),
                TimeUnit.MILLISECONDS);
        triggers.undo.add(timer::shutdownNow);
        return triggers;
    }

    @Override
    public void close() {
        undo.forEach(Runnable::run);
    }
}
