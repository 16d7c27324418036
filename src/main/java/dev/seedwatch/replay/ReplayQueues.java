package dev.seedwatch.replay;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.seedwatch.provider.FailureReason;

/**
 * A plan's replays as each target's workers take them: a target's isolated load-probe replays first, one after the
 * other; then the bursts, each queued as one block so that its replays go out together; then the other prompts,
 * prompt after prompt, so that a stopped run keeps every prompt it finished rather than a part of each.
 */
final class ReplayQueues {

    /** One replay to send, and its outcome once sent or cancelled. */
    record Slot(PlannedRequest request, int index, ReplayPhase phase, CompletableFuture<ReplayOutcome> outcome,
            AtomicBoolean started) {

        ReplayOutcome cancelled(String reason) {
            return marked(ReplayOutcome.failed(request.target().name(), request.prompt().id(), index, 0,
                    FailureReason.CANCELLED, null, "not sent: run stopped (" + reason + ")"));
        }

        ReplayOutcome marked(ReplayOutcome outcome) {
            return phase == null ? outcome : outcome.in(phase);
        }
    }

    private final Map<PlannedRequest, List<Slot>> byRequest = new LinkedHashMap<>();
    private final Map<String, List<Slot>> isolated = new LinkedHashMap<>();
    private final Map<String, List<Slot>> rest = new LinkedHashMap<>();
    private final List<Slot> slots = new ArrayList<>();

    private ReplayQueues() {
    }

    static ReplayQueues of(List<PlannedRequest> plan) {
        ReplayQueues queues = new ReplayQueues();
        plan.forEach(r -> queues.byRequest.put(r, new ArrayList<>()));
        plan.stream().filter(PlannedRequest::loadProbe)
                .forEach(r -> queues.enqueue(r, ReplayPhase.ISOLATED, queues.isolated));
        plan.stream().filter(PlannedRequest::loadProbe).forEach(r -> queues.enqueue(r, ReplayPhase.BURST, queues.rest));
        plan.stream().filter(r -> !r.loadProbe()).forEach(r -> queues.enqueue(r, null, queues.rest));
        return queues;
    }

    /** Queues a request's replays of one phase (null: not a load probe) on its target's queue, index ascending. */
    private void enqueue(PlannedRequest request, ReplayPhase phase, Map<String, List<Slot>> queues) {
        for (int index = 0; index < request.replays(); index++) {
            Slot slot = new Slot(request, index, phase, new CompletableFuture<>(), new AtomicBoolean());
            byRequest.get(request).add(slot);
            queues.computeIfAbsent(request.target().name(), n -> new ArrayList<>()).add(slot);
            slots.add(slot);
        }
    }

    /** The target's load-probe replays to send alone, before anything else goes to it. */
    List<Slot> isolated(String target) {
        return isolated.getOrDefault(target, List.of());
    }

    /** The target's other replays, in the order they are to be sent. */
    List<Slot> rest(String target) {
        return rest.getOrDefault(target, List.of());
    }

    /** Every slot of the plan. */
    List<Slot> all() {
        return slots;
    }

    /** The outcomes in plan order: request by request, a load probe's isolated replays before its burst. */
    List<ReplayOutcome> outcomes() {
        List<ReplayOutcome> outcomes = new ArrayList<>(slots.size());
        byRequest.values().forEach(list -> list.forEach(slot -> outcomes.add(slot.outcome().join())));
        return outcomes;
    }
}
