package dev.seedwatch.replay;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.vertx.core.Vertx;

import dev.seedwatch.replay.ReplayQueues.Slot;
import dev.seedwatch.suite.Target;
import dev.seedwatch.support.Redactor;

/**
 * Sends every planned replay with at most {@code concurrency} requests in flight overall and at most a target's own
 * {@code concurrency} towards that target. Each target gets its own worker threads (as many as its cap), which
 * share one global permit pool: a slow or throttled target then never holds up the others' queue.
 */
public final class Replayer {

    private static final Logger LOG = Logger.getLogger(Replayer.class);
    /** How long in-flight requests get to notice a stop before they are recorded as cancelled. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(2);

    private final Vertx vertx;
    private final ReplaySettings settings;
    private final Redactor redactor;
    private final RunControl control;
    private final Consumer<ReplayOutcome> listener;

    public Replayer(Vertx vertx, ReplaySettings settings, Redactor redactor, RunControl control) {
        this(vertx, settings, redactor, control, outcome -> { });
    }

    /** @param listener told of each outcome as it completes (on a worker thread) */
    public Replayer(Vertx vertx, ReplaySettings settings, Redactor redactor, RunControl control,
            Consumer<ReplayOutcome> listener) {
        this.vertx = vertx;
        this.settings = settings;
        this.redactor = redactor;
        this.control = control;
        this.listener = listener;
    }

    /**
     * Replays the plan; the outcomes come back in plan order (request by request; a load probe's isolated replays
     * before its burst; replay index ascending). A target's isolated replays are sent first, one after the other,
     * before anything else of the run goes to that target, so that nothing of this run shares a batch with them.
     */
    public List<ReplayOutcome> replay(List<PlannedRequest> plan) {
        Semaphore inFlight = new Semaphore(settings.concurrency(), true);
        Map<String, TargetWorkers> workers = new LinkedHashMap<>();
        for (PlannedRequest request : plan) {
            workers.computeIfAbsent(request.target().name(), n -> new TargetWorkers(request.target()));
        }
        ReplayQueues queues = ReplayQueues.of(plan);
        control.onStop(() -> {
            workers.values().forEach(w -> w.executor.shutdownNow());
            // queued replays will never run: record them now rather than wait for them
            queues.all().stream().filter(slot -> !slot.started().get())
                    .forEach(slot -> slot.outcome().complete(slot.cancelled(control.reason())));
        });
        workers.forEach((name, w) -> start(w, queues.isolated(name), queues.rest(name), inFlight));
        try {
            await(queues.all());
            return queues.outcomes();
        } finally {
            workers.values().forEach(w -> {
                w.executor.shutdownNow();
                w.client.close();
            });
        }
    }

    /** Hands a target's replays to its workers: the isolated ones one after the other, then the rest. */
    private void start(TargetWorkers w, List<Slot> isolated, List<Slot> rest, Semaphore inFlight) {
        if (isolated.isEmpty()) {
            rest.forEach(slot -> submit(w, slot, inFlight));
            return;
        }
        try {
            w.executor.execute(() -> {
                isolated.forEach(slot -> run(w, slot, inFlight));
                rest.forEach(slot -> submit(w, slot, inFlight));
            });
        } catch (RejectedExecutionException e) {
            isolated.forEach(slot -> slot.outcome().complete(slot.cancelled(control.reason())));
        }
    }

    private void submit(TargetWorkers w, Slot slot, Semaphore inFlight) {
        try {
            w.executor.execute(() -> run(w, slot, inFlight));
        } catch (RejectedExecutionException e) {
            slot.outcome().complete(slot.cancelled(control.reason()));
        }
    }

    /** Sends one slot on the calling worker thread, holding one of the run's global permits while in flight. */
    private void run(TargetWorkers w, Slot slot, Semaphore inFlight) {
        slot.started().set(true);
        if (control.stopped()) {
            slot.outcome().complete(slot.cancelled(control.reason()));
            return;
        }
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            slot.outcome().complete(slot.cancelled(control.reason()));
            return;
        }
        try {
            ReplayOutcome outcome = slot.marked(w.client.replay(slot.request(), slot.index()));
            slot.outcome().complete(outcome);
            listener.accept(outcome);
        } catch (RuntimeException e) {
            slot.outcome().completeExceptionally(e);
        } catch (Error e) {
            // the JVM failing (OutOfMemoryError…) is no reply: stop, and export what was measured
            control.stop(e.getClass().getSimpleName() + " while replaying");
            slot.outcome().complete(slot.cancelled(control.reason()));
        } finally {
            inFlight.release();
        }
    }

    /** Waits for every slot; once the run is stopped, waits only briefly and records the rest as cancelled. */
    private void await(List<Slot> slots) {
        CompletableFuture<Void> all = CompletableFuture.allOf(slots.stream().map(Slot::outcome)
                .toArray(CompletableFuture[]::new));
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        control.onStop(() -> stopped.complete(null));
        try {
            CompletableFuture.anyOf(all, stopped).get();
            if (!all.isDone()) {
                all.get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (TimeoutException e) {
            LOG.warnf("%d request(s) still in flight after the stop; recorded as cancelled",
                    slots.stream().filter(s -> !s.outcome().isDone()).count());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            control.stop("interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException("a replay failed unexpectedly", e.getCause());
        }
        slots.forEach(s -> s.outcome().complete(s.cancelled(control.reason())));
    }

    private final class TargetWorkers {
        final TargetClient client;
        final ExecutorService executor;

        TargetWorkers(Target target) {
            this.client = new TargetClient(vertx, target, settings, redactor, control);
            int threads = Math.min(settings.concurrency(),
                    target.concurrency() == null ? settings.concurrency() : target.concurrency());
            AtomicInteger n = new AtomicInteger();
            this.executor = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "seedwatch-" + target.name() + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            LOG.debugf("target %s: %d worker(s)", target.name(), threads);
        }
    }
}
