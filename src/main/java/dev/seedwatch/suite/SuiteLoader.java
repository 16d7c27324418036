package dev.seedwatch.suite;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.ImageMode;

import dev.seedwatch.suite.FieldReader.Problems;
import dev.seedwatch.support.Json;

/**
 * Loads a suite file and checks all of it before anything is sent. Binding straight to records would stop at the
 * first mistake and name Java fields; walking the tree reports every mistake with its YAML path.
 */
public final class SuiteLoader {

    private static final Set<String> TOP = Set.of("suite", "defaults", "targets", "embedding", "prompts");
    private static final Set<String> SETTINGS = Set.of("seed", "temperature", "top-p", "max-tokens",
            "max-completion-tokens", "params", "replays", "load-probe");
    private static final Set<String> DEFAULTS = union(SETTINGS, Set.of("answer"));
    private static final Set<String> PROMPT = union(DEFAULTS, Set.of("id", "expect", "messages", "probe"));
    private static final Set<String> ANSWER = Set.of("regex", "json-pointer");
    /** RFC 6901: empty (the whole document), or reference tokens each after a '/', with '~' only as ~0 or ~1. */
    private static final Pattern JSON_POINTER = Pattern.compile("(/([^~/]|~[01])*)*");
    private static final Set<String> EMBEDDING = Set.of("provider", "base-url", "model", "api-key-env");
    private static final Set<String> MESSAGE = Set.of("role", "content");
    private static final Set<String> ROLES = Set.of("system", "user", "assistant");


    private final Secrets secrets;
    private final TargetReader targets;
    private final boolean nativeExecutable;

    /** @param environment looks up environment variables by name (System::getenv outside tests) */
    public SuiteLoader(Function<String, String> environment) {
        this(environment, ImageMode.current().isNativeImage());
    }

    /** @param nativeExecutable whether this is the native executable, which has no in-process embedding model */
    SuiteLoader(Function<String, String> environment, boolean nativeExecutable) {
        this.nativeExecutable = nativeExecutable;
        this.secrets = new Secrets(environment);
        this.targets = new TargetReader(secrets);
    }

    public Suite load(Path file) throws InvalidSuiteException {
        String name = file.toString();
        Problems problems = new Problems(name);
        JsonNode root;
        try {
            root = Json.YAML.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw invalid(problems, "", "file not found");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw invalid(problems, "", "not valid YAML" + where + ": " + yamlReason(e.getOriginalMessage()));
        } catch (IOException e) {
            throw invalid(problems, "", "cannot be read: " + e.getMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw invalid(problems, "", "is empty");
        }
        Optional<FieldReader> top = FieldReader.of(root, "", problems);
        if (top.isEmpty()) {
            throw new InvalidSuiteException(problems.list());
        }
        Suite suite = read(file, top.get(), problems);
        if (!problems.list().isEmpty()) {
            throw new InvalidSuiteException(problems.list());
        }
        return suite;
    }

    private Suite read(Path file, FieldReader top, Problems problems) {
        top.rejectUnknown(TOP);
        String suiteName = top.label("suite", true).orElse(null);
        FieldReader defaultsReader = top.object("defaults", false).orElse(null);
        if (defaultsReader != null) {
            defaultsReader.rejectUnknown(DEFAULTS);
        }
        SettingsLayer defaults = defaultsReader == null ? SettingsLayer.NONE
                : SettingsLayer.read(defaultsReader, problems);
        AnswerRule defaultAnswer = defaultsReader == null ? null : answer(defaultsReader).orElse(null);
        List<String> warnings = new ArrayList<>();

        List<Target> targets = new ArrayList<>();
        Set<String> targetNames = new HashSet<>();
        List<JsonNode> targetNodes = top.list("targets", true);
        if (top.has("targets") && targetNodes.isEmpty() && top.raw("targets").isArray()) {
            problems.add("targets", "must list at least one target");
        }
        for (int i = 0; i < targetNodes.size(); i++) {
            String path = "targets[" + i + "]";
            Optional<FieldReader> reader = FieldReader.of(targetNodes.get(i), path, problems);
            // checked on the raw value so that a duplicate shows even when the target has other mistakes
            rawText(targetNodes.get(i), "name").filter(n -> !targetNames.add(n))
                    .ifPresent(n -> problems.add(path + ".name", "duplicate target name '" + n + "'"));
            reader.flatMap(r -> this.targets.read(r, problems)).ifPresent(targets::add);
        }

        EmbeddingSettings embedding = top.object("embedding", false).map(this::embedding)
                .orElse(EmbeddingSettings.local());
        if (embedding.provider() == EmbeddingSettings.Provider.LOCAL && nativeExecutable) {
            // the model runs on ONNX Runtime over JNI, which the native executable does not carry
            problems.add("embedding.provider", "local (the default) is the in-process model, which only the JVM "
                    + "build has; the native executable needs provider: openai (any OpenAI-compatible /embeddings)");
        }

        List<Prompt> prompts = new ArrayList<>();
        List<String> promptPaths = new ArrayList<>();
        Set<String> promptIds = new HashSet<>();
        List<JsonNode> promptNodes = top.list("prompts", true);
        if (top.has("prompts") && promptNodes.isEmpty() && top.raw("prompts").isArray()) {
            problems.add("prompts", "must list at least one prompt");
        }
        for (int i = 0; i < promptNodes.size(); i++) {
            String path = "prompts[" + i + "]";
            Optional<FieldReader> reader = FieldReader.of(promptNodes.get(i), path, problems);
            rawText(promptNodes.get(i), "id").filter(id -> !promptIds.add(id))
                    .ifPresent(id -> problems.add(path + ".id", "duplicate prompt id '" + id + "'"));
            reader.flatMap(r -> prompt(r, defaults, defaultAnswer, problems)).ifPresent(p -> {
                if (p.settings().replays() < 2) {
                    warnings.add(path + ": replays is " + p.settings().replays()
                            + ": with one replay there is no determinism to measure, only drift between runs");
                }
                prompts.add(p);
                promptPaths.add(path);
            });
        }
        checkAgainstTypes(targets, prompts, promptPaths, problems, warnings);
        return new Suite(file, suiteName, targets, embedding, prompts, warnings);
    }

    /**
     * What depends on both a target's type and the prompts: a type that needs a token limit gets one from every
     * prompt (an error naming the field), a seed set for a type that takes none is not sent (one warning per target).
     */
    private static void checkAgainstTypes(List<Target> targets, List<Prompt> prompts, List<String> promptPaths,
            Problems problems, List<String> warnings) {
        for (Target t : targets) {
            if (t.type().requiresMaxTokens()) {
                for (int i = 0; i < prompts.size(); i++) {
                    RequestSettings s = prompts.get(i).settings();
                    if (s.maxTokens() == null && s.maxCompletionTokens() == null) {
                        problems.add(promptPaths.get(i) + ".max-tokens", "is required by target '" + t.name()
                                + "' (type: " + t.type().label() + "); set it here or in defaults");
                    }
                }
            }
            if (!t.type().acceptsLogprobs()) {
                for (int i = 0; i < prompts.size(); i++) {
                    if (prompts.get(i).probe() == Probe.LOGPROBS) {
                        problems.add(promptPaths.get(i) + ".probe", "logprobs needs log probabilities, which target '"
                                + t.name() + "' (type: " + t.type().label() + ") does not return; use probe: sample");
                    }
                }
            }
            if (!t.type().acceptsSeed() && prompts.stream().anyMatch(p -> p.settings().seed() != null)) {
                warnings.add("target " + t.name() + " (type: " + t.type().label()
                        + "): the API takes no seed; seed is not sent to it");
            }
        }
    }

    private EmbeddingSettings embedding(FieldReader r) {
        r.rejectUnknown(EMBEDDING);
        EmbeddingSettings.Provider provider = r.choice("provider", EmbeddingSettings.Provider.class)
                .orElse(EmbeddingSettings.Provider.LOCAL);
        if (provider == EmbeddingSettings.Provider.LOCAL) {
            for (String key : List.of("base-url", "model", "api-key-env")) {
                if (r.has(key)) {
                    r.string(key, false);
                    r.problems().add(r.path(key), "only applies to provider: openai");
                }
            }
            return EmbeddingSettings.local();
        }
        Optional<URI> baseUrl = r.httpUrl("base-url", true);
        Optional<String> model = r.string("model", true);
        Optional<String> keyEnv = r.string("api-key-env", false);
        Optional<String> key = keyEnv.flatMap(env -> secrets.get(env, r.path("api-key-env"), r.problems()));
        return new EmbeddingSettings(provider, baseUrl.orElse(null), model.orElse(null), keyEnv.orElse(null),
                key.orElse(null));
    }

    private Optional<Prompt> prompt(FieldReader r, SettingsLayer defaults, AnswerRule defaultAnswer,
            Problems problems) {
        r.rejectUnknown(PROMPT);
        Optional<String> id = r.label("id", true);
        Expectation expect = r.choice("expect", Expectation.class).orElse(Expectation.DETERMINISTIC);
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
        Probe probe = r.choice("probe", Probe.class).orElse(null);
        Optional<RequestSettings> settings = SettingsLayer.read(r, problems)
                .over(probe == null ? defaults : defaults.forProbe(probe));
        // a prompt's own answer (even null: "no answer rule") replaces the default one
        AnswerRule answer = r.has("answer") ? answer(r).orElse(null) : defaultAnswer;
        if (probe != null) {
            rejectOnProbe(r);
            answer = null;
        }
        if (id.isEmpty() || settings.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Prompt(id.get(), expect, messages, settings.get(), answer, probe));
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

    /** The {@code answer} rule of a prompt or of the defaults: exactly one of a compiling regex or a JSON pointer. */
    private static Optional<AnswerRule> answer(FieldReader parent) {
        Optional<FieldReader> found = parent.object("answer", false);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        FieldReader r = found.get();
        r.rejectUnknown(ANSWER);
        if (r.has("regex") == r.has("json-pointer")) {
            r.problems().add(parent.path("answer"), "needs exactly one of regex or json-pointer");
            return Optional.empty();
        }
        if (r.has("regex")) {
            return r.string("regex", true).flatMap(pattern -> {
                try {
                    Pattern.compile(pattern);
                    return Optional.of(AnswerRule.regex(pattern));
                } catch (PatternSyntaxException e) {
                    r.problems().add(r.path("regex"), "is not a valid Java regex: " + e.getDescription()
                            + " near index " + e.getIndex());
                    return Optional.empty();
                }
            });
        }
        JsonNode pointer = r.raw("json-pointer");
        // not string(): the empty pointer is valid and means the whole reply
        if (!pointer.isTextual()) {
            r.problems().add(r.path("json-pointer"), "must be a string, got " + FieldReader.describe(pointer));
            return Optional.empty();
        }
        if (!JSON_POINTER.matcher(pointer.asText()).matches()) {
            r.problems().add(r.path("json-pointer"), "is not an RFC 6901 JSON pointer (empty, or '/'-separated "
                    + "tokens with '~' written as ~0 and '/' as ~1), got '" + pointer.asText() + "'");
            return Optional.empty();
        }
        return Optional.of(AnswerRule.jsonPointer(pointer.asText()));
    }

    /** SnakeYAML's message repeats the location with a drawing of the line; keep its sentences only. */
    private static String yamlReason(String message) {
        return Arrays.stream(message.split("\\R"))
                .filter(l -> !l.isBlank() && !l.startsWith(" ") && !l.startsWith("\t"))
                .map(String::strip)
                .collect(Collectors.joining("; "))
                + (message.contains("Duplicate") ? "" : " (text with ': ', '#', '?', '{' or '}' needs quotes)");
    }

    private static Optional<String> rawText(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value != null && value.isValueNode() && !value.isNull() ? Optional.of(value.asText()) : Optional.empty();
    }

    private static InvalidSuiteException invalid(Problems problems, String path, String reason) {
        problems.add(path, reason);
        return new InvalidSuiteException(problems.list());
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
