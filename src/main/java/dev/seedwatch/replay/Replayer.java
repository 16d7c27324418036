package dev.seedwatch.replay;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

import dev.seedwatch.suite.Target;

/**
 * Sends every planned replay with at most {@code concurrency} requests in flight overall and at most a target's own
 * {@code concurrency} towards that target. Each target gets its own worker threads (as many as its cap), which
 * share one global permit pool: a slow or throttled target then never holds up the others' queue.
 */
public final class Replayer {

    private static final Logger LOG = Logger.getLogger(Replayer.class);

    private final ReplaySettings settings;
    private final Redactor redactor;

    public Replayer(ReplaySettings settings, Redactor redactor) {
        this.settings = settings;
        this.redactor = redactor;
    }

    /** Replays the plan; the outcomes come back in plan order (request by request, replay index ascending). */
    public List<ReplayOutcome> replay(List<PlannedRequest> plan) {
        Semaphore inFlight = new Semaphore(settings.concurrency(), true);
        Map<String, TargetWorkers> workers = new LinkedHashMap<>();
        for (PlannedRequest request : plan) {
            workers.computeIfAbsent(request.target().name(), n -> new TargetWorkers(request.target()));
        }
        // Interleave requests so that every prompt progresses together rather than prompt after prompt.
        int maxReplays = plan.stream().mapToInt(PlannedRequest::replays).max().orElse(0);
        Map<PlannedRequest, List<CompletableFuture<ReplayOutcome>>> byRequest = new LinkedHashMap<>();
        for (int index = 0; index < maxReplays; index++) {
            for (PlannedRequest request : plan) {
                if (index >= request.replays()) {
                    continue;
                }
                int replayIndex = index;
                TargetWorkers w = workers.get(request.target().name());
                CompletableFuture<ReplayOutcome> future = CompletableFuture.supplyAsync(() -> {
                    inFlight.acquireUninterruptibly();
                    try {
                        return w.client.replay(request, replayIndex);
                    } finally {
                        inFlight.release();
                    }
                }, w.executor);
                byRequest.computeIfAbsent(request, r -> new ArrayList<>()).add(future);
            }
        }
        try {
            List<ReplayOutcome> outcomes = new ArrayList<>();
            for (List<CompletableFuture<ReplayOutcome>> list : byRequest.values()) {
                for (CompletableFuture<ReplayOutcome> f : list) {
                    outcomes.add(f.join());
                }
            }
            return outcomes;
        } finally {
            workers.values().forEach(w -> w.executor.shutdownNow());
        }
    }

    private final class TargetWorkers {
        final TargetClient client;
        final ExecutorService executor;

        TargetWorkers(Target target) {
            this.client = new TargetClient(target, settings, redactor);
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
