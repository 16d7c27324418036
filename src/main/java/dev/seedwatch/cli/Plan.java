package dev.seedwatch.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.seedwatch.suite.Prompt;
import dev.seedwatch.suite.Suite;
import dev.seedwatch.suite.Target;

/** What a run of a suite will send: requests per target and the most completion tokens it may cost. */
public record Plan(Suite suite, RunSettings settings, List<Row> rows) {

    public record Row(Target target, int prompts, int requests, Long maxCompletionTokens) {
    }

    public static Plan of(Suite suite, RunSettings settings) {
        List<Row> rows = new ArrayList<>();
        for (Target t : suite.targets()) {
            int prompts = 0;
            int requests = 0;
            Long maxTokens = 0L;
            for (Prompt p : suite.prompts()) {
                if (!settings.shard().includes(t.name(), p.id())) {
                    continue;
                }
                prompts++;
                requests += p.settings().replays();
                Integer limit = p.settings().maxTokens() != null ? p.settings().maxTokens()
                        : p.settings().maxCompletionTokens();
                maxTokens = maxTokens == null || limit == null ? null : maxTokens + (long) limit * p.settings().replays();
            }
            rows.add(new Row(t, prompts, requests, maxTokens));
        }
        return new Plan(suite, settings, rows);
    }

    public int requests() {
        return rows.stream().mapToInt(Row::requests).sum();
    }

    public String render() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "suite %s (%s)%s: %d target(s) x %d prompt(s)%n", suite.name(),
                suite.file(), settings.shard().sharded() ? ", shard " + settings.shard() : "", suite.targets().size(),
                suite.prompts().size()));
        for (Row r : rows) {
            out.append(String.format(Locale.ROOT, "  %-20s %-6s %-28s %4d prompt(s) %6d request(s)  max completion tokens %s%n",
                    r.target().name(), r.target().type().name().toLowerCase(Locale.ROOT), r.target().model(),
                    r.prompts(), r.requests(), r.maxCompletionTokens() == null ? "unbounded (no max-tokens)"
                            : r.maxCompletionTokens().toString()));
        }
        Long total = rows.stream().map(Row::maxCompletionTokens).reduce(0L,
                (a, b) -> a == null || b == null ? null : a + b);
        out.append(String.format(Locale.ROOT, "total: %d request(s), at most %s completion tokens, embeddings: %s%n",
                requests(), total == null ? "unbounded" : total.toString(),
                suite.embedding().provider().name().toLowerCase(Locale.ROOT)));
        out.append(String.format(Locale.ROOT, "concurrency %d, state %s, metrics file %s, pushgateway %s%n",
                settings.concurrency(), settings.stateDir(), settings.metricsFile(),
                settings.pushgateway().map(Object::toString).orElse("none")));
        suite.warnings().forEach(w -> out.append("warning: ").append(w).append('\n'));
        return out.toString();
    }
}
