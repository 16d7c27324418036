package dev.seedwatch.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.seedwatch.replay.PlannedRequest;
import dev.seedwatch.suite.Probe;
import dev.seedwatch.suite.PromptKey;
import dev.seedwatch.suite.Suite;
import dev.seedwatch.suite.Target;

/**
 * What a run of a suite will send: the requests of this shard, target by target in suite order, and what they may
 * cost. {@code validate} prints it; {@code run} sends it.
 */
public record Plan(Suite suite, RunSettings settings, List<PlannedRequest> requests) {

    public Plan {
        requests = List.copyOf(requests);
    }

    public static Plan of(Suite suite, RunSettings settings) {
        List<PlannedRequest> requests = new ArrayList<>();
        for (Target t : suite.targets()) {
            suite.prompts().stream().filter(p -> settings.shard().includes(new PromptKey(t.name(), p.id())))
                    .forEach(p -> requests.add(PlannedRequest.of(t, p)));
        }
        return new Plan(suite, settings, requests);
    }

    /** Requests to send: the sum of every planned prompt's replays (twice for a load probe). */
    public int replays() {
        return requests.stream().mapToInt(PlannedRequest::sends).sum();
    }

    public String render() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "suite %s (%s)%s: %d target(s) x %d prompt(s)%n", suite.name(),
                suite.file(), settings.shard().sharded() ? ", shard " + settings.shard() : "", suite.targets().size(),
                suite.prompts().size()));
        Long total = 0L;
        for (Target t : suite.targets()) {
            List<PlannedRequest> own = requests.stream().filter(r -> r.target() == t).toList();
            Long maxTokens = maxCompletionTokens(own);
            total = total == null || maxTokens == null ? null : total + maxTokens;
            out.append(String.format(Locale.ROOT,
                    "  %-20s %-16s %-28s %4d prompt(s) %6d request(s)  max completion tokens %s%n", t.name(),
                    t.type().label(), t.model(), own.size(),
                    own.stream().mapToInt(PlannedRequest::sends).sum(),
                    maxTokens == null ? "unbounded (no max-tokens)" : maxTokens.toString()));
        }
        requests.stream().filter(r -> r.prompt().probe() != null).forEach(r -> out.append(probeLine(r)));
        out.append(String.format(Locale.ROOT, "total: %d request(s), at most %s completion tokens, embeddings: %s%n",
                replays(), total == null ? "unbounded" : total.toString(),
                suite.embedding().provider().name().toLowerCase(Locale.ROOT)));
        out.append(String.format(Locale.ROOT, "concurrency %d, state %s, metrics file %s, pushgateway %s%n",
                settings.replay().concurrency(), settings.stateDir(), settings.outputs().metricsFile(),
                settings.outputs().push().map(p -> p.url().toString()).orElse("none")));
        suite.warnings().forEach(w -> out.append("warning: ").append(w).append('\n'));
        return out.toString();
    }

    /** What one probe costs per run, so that the price of a check is known before it is paid. */
    private static String probeLine(PlannedRequest r) {
        Long tokens = maxCompletionTokens(List.of(r));
        Integer top = Probe.topLogprobs(r.target(), r.prompt());
        return String.format(Locale.ROOT, "  probe %s on %s: %s%s, %d request(s), at most %s completion tokens%n",
                r.prompt().id(), r.target().name(), r.prompt().probe().label(),
                r.prompt().probe() == Probe.LOGPROBS ? " (top " + top + ")" : "", r.sends(),
                tokens == null ? "unbounded" : tokens.toString());
    }

    /** The most completion tokens these requests may cost; null when one of them sets no limit. */
    private static Long maxCompletionTokens(List<PlannedRequest> requests) {
        long sum = 0;
        for (PlannedRequest r : requests) {
            Integer limit = r.prompt().settings().maxTokens() != null ? r.prompt().settings().maxTokens()
                    : r.prompt().settings().maxCompletionTokens();
            if (limit == null) {
                return null;
            }
            sum += (long) limit * r.sends();
        }
        return sum;
    }
}
