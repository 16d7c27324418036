package dev.seedwatch.suite;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedwatch.suite.FieldReader.Problems;

/** Reads a suite's {@code prompts}, each over the suite's {@code defaults}. */
final class PromptReader {

    private static final Set<String> SETTINGS = Set.of("seed", "temperature", "top-p", "max-tokens",
            "max-completion-tokens", "params", "replays", "load-probe");
    /** What a {@code defaults} block may set: what every prompt inherits. */
    static final Set<String> DEFAULTS = union(SETTINGS, Set.of("answer"));
    private static final Set<String> PROMPT = union(DEFAULTS, Set.of("id", "expect", "messages", "probe"));
    private static final Set<String> MESSAGE = Set.of("role", "content");
    private static final Set<String> ROLES = Set.of("system", "user", "assistant");

    /** A prompt read, with the path that problems about it name ({@code prompts[2]}). */
    record PromptAt(String path, Prompt prompt) {
    }

    private final SettingsLayer defaults;
    private final Optional<AnswerRule> defaultAnswer;
    private final Problems problems;
    private final TargetTypes types;

    PromptReader(SettingsLayer defaults, Optional<AnswerRule> defaultAnswer, Problems problems, TargetTypes types) {
        this.types = types;
        this.defaults = defaults;
        this.defaultAnswer = defaultAnswer;
        this.problems = problems;
    }

    /** The prompts under {@code top}'s {@code prompts} that have no mistake, with a warning for each single replay. */
    List<PromptAt> readAll(FieldReader top, List<String> warnings) {
        List<PromptAt> prompts = new ArrayList<>();
        top.eachEntry("prompts", "prompt", "id", (path, r) -> prompt(r).ifPresent(p -> {
            if (p.settings().replays() < 2) {
                warnings.add(path + ": replays is " + p.settings().replays()
                        + ": with one replay there is no determinism to measure, only drift between runs");
            }
            prompts.add(new PromptAt(path, p));
        }));
        return prompts;
    }

    private Optional<Prompt> prompt(FieldReader r) {
        r.rejectUnknown(PROMPT);
        Optional<String> id = r.label("id", true);
        Expectation expect = r.choice("expect", Expectation.class).orElse(Expectation.DETERMINISTIC);
        List<Message> messages = messages(r);
        Probe probe = r.choice("probe", Probe.class).orElse(null);
        Optional<RequestSettings> settings = SettingsLayer.read(r, problems, types)
                .over(probe == null ? defaults : defaults.forProbe(probe));
        // a prompt's own answer (even null: "no answer rule") replaces the default one
        AnswerRule answer = (r.has("answer") ? AnswerReader.read(r) : defaultAnswer).orElse(null);
        if (probe != null) {
            rejectOnProbe(r);
            answer = null;
        }
        if (id.isEmpty() || settings.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Prompt(id.get(), expect, messages, settings.get(), answer, probe));
    }

    private List<Message> messages(FieldReader r) {
        List<Message> messages = new ArrayList<>();
        List<JsonNode> messageNodes = r.list("messages", true);
        if (r.has("messages") && messageNodes.isEmpty() && r.raw("messages").isArray()) {
            problems.add(r.path("messages"), "must hold at least one message");
        }
        for (int i = 0; i < messageNodes.size(); i++) {
            String path = r.path("messages") + "[" + i + "]";
            FieldReader.of(messageNodes.get(i), path, problems).ifPresent(m -> {
                m.rejectUnknown(MESSAGE);
                Optional<String> role = m.string("role", true);
                role.filter(x -> !ROLES.contains(x)).ifPresent(x -> problems.add(m.path("role"),
                        "must be one of system, user, assistant, got '" + x + "'"));
                Optional<String> content = m.string("content", true);
                if (role.isPresent() && content.isPresent()) {
                    messages.add(new Message(role.get(), content.get()));
                }
            });
        }
        return messages;
    }

    /** A probe is compared by the change tests only: the figures of an answer or a load probe are not made for it. */
    private static void rejectOnProbe(FieldReader r) {
        if (r.has("answer") && !r.raw("answer").isNull()) {
            r.problems().add(r.path("answer"), "does not apply to a probe: its replies are compared by the change "
                    + "tests, not by their answers");
        }
        if (r.has("load-probe") && r.raw("load-probe").asBoolean(false)) {
            r.problems().add(r.path("load-probe"), "does not apply to a probe: it is measured by the change tests");
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
