package dev.seedwatch.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.seedwatch.replay.PlannedRequest;
import dev.seedwatch.replay.ReplayOutcome;
import dev.seedwatch.suite.PromptKey;

/**
 * One planned request with every replay that came back for it.
 *
 * @param texts the successful texts the regular figures come from (see {@link PromptAnalysis#successful})
 */
record RequestReplies(PlannedRequest request, List<ReplayOutcome> replays, List<String> texts) {

    /** Each request of the plan, in plan order, with its outcomes. */
    static List<RequestReplies> of(List<PlannedRequest> plan, List<ReplayOutcome> outcomes) {
        Map<PromptKey, List<ReplayOutcome>> byRequest = new HashMap<>();
        for (ReplayOutcome o : outcomes) {
            byRequest.computeIfAbsent(new PromptKey(o.target(), o.prompt()), k -> new ArrayList<>()).add(o);
        }
        return plan.stream().map(request -> {
            List<ReplayOutcome> replays = byRequest.getOrDefault(request.key(), List.of());
            return new RequestReplies(request, replays, PromptAnalysis.successful(replays, request, false).stream()
                    .map(ReplayOutcome::text).toList());
        }).toList();
    }

    String target() {
        return request.target().name();
    }

    String prompt() {
        return request.prompt().id();
    }

    /** The successful replies of one phase (see {@link PromptAnalysis#successful}). */
    List<ReplayOutcome> successful(boolean isolated) {
        return PromptAnalysis.successful(replays, request, isolated);
    }
}
