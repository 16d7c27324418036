package dev.seedwatch.replay;

import java.time.Duration;
import java.util.ArrayList;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.vertx.core.Vertx;

import dev.seedwatch.provider.FailureReason;
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

    private record Slot(PlannedRequest request, int index, ReplayPhase phase, CompletableFuture<ReplayOutcome> outcome,
            AtomicBoolean started) {
        ReplayOutcome cancelled(String reason) {
            return marked(ReplayOutcome.failed(request.target().name(), request.prompt().id(), index, 0,
                    FailureReason.CANCELLED, null, "not sent: run stopped (" + reason + ")"));
        }

        ReplayOutcome marked(ReplayOutcome outcome) {
            return phase == null ? outcome : outcome.in(phase);
        }
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
        Map<PlannedRequest, List<Slot>> byRequest = new LinkedHashMap<>();
        plan.forEach(r -> byRequest.put(r, new ArrayList<>()));
        Map<String, List<Slot>> isolated = new LinkedHashMap<>();
        Map<String, List<Slot>> rest = new LinkedHashMap<>();
        workers.keySet().forEach(name -> {
            isolated.put(name, new ArrayList<>());
            rest.put(name, new ArrayList<>());
        });
        List<Slot> slots = new ArrayList<>();
        for (PlannedRequest request : plan) {
            if (request.loadProbe()) {
                enqueue(request, ReplayPhase.ISOLATED, byRequest, isolated, slots);
            }
        }
        // A burst is queued as one block so that its replays go out together; it comes before the other prompts.
        for (PlannedRequest request : plan) {
            if (request.loadProbe()) {
                enqueue(request, ReplayPhase.BURST, byRequest, rest, slots);
            }
        }
        // Prompt after prompt: the workers take a prompt's replays before the next prompt's, so prompts finish one
        // after another and a stopped run keeps every prompt it finished rather than a part of each.
        for (PlannedRequest request : plan) {
            if (!request.loadProbe()) {
                enqueue(request, null, byRequest, rest, slots);
            }
        }
        control.onStop(() -> {
            workers.values().forEach(w -> w.executor.shutdownNow());
            // queued replays will never run: record them now rather than wait for them
            slots.stream().filter(slot -> !slot.started().get())
                    .forEach(slot -> slot.outcome().complete(slot.cancelled(control.reason())));
        });
        workers.forEach((name, w) -> {
            List<Slot> first = isolated.get(name);
            if (first.isEmpty()) {
                rest.get(name).forEach(slot -> submit(w, slot, inFlight));
                return;
            }
            try {
                w.executor.execute(() -> {
                    first.forEach(slot -> run(w, slot, inFlight));
                    rest.get(name).forEach(slot -> submit(w, slot, inFlight));
                });
            } catch (RejectedExecutionException e) {
                first.forEach(slot -> slot.outcome().complete(slot.cancelled(control.reason())));
            }
        });
        try {
            await(slots);
            List<ReplayOutcome> outcomes = new ArrayList<>(slots.size());
            for (List<Slot> list : byRequest.values()) {
                for (Slot slot : list) {
                    outcomes.add(slot.outcome().join());
                }
            }
            return outcomes;
        } finally {
            workers.values().forEach(w -> {
                w.executor.shutdownNow();
                w.client.close();
            });
        }
    }

    /** Queues a request's replays of one phase (null: not a load probe) on its target's queue, index ascending. */
    private static void enqueue(PlannedRequest request, ReplayPhase phase, Map<PlannedRequest, List<Slot>> byRequest,
            Map<String, List<Slot>> queues, List<Slot> slots) {
        for (int index = 0; index < request.replays(); index++) {
            Slot slot = new Slot(request, index, phase, new CompletableFuture<>(), new AtomicBoolean());
            byRequest.get(request).add(slot);
            queues.get(request.target().name()).add(slot);
            slots.add(slot);
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
