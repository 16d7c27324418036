package dev.seedwatch.suite;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import io.quarkus.runtime.ImageMode;

import dev.seedwatch.suite.FieldReader.Problems;
import dev.seedwatch.suite.PromptReader.PromptAt;

/**
 * Loads a suite file and checks all of it before anything is sent. Binding straight to records would stop at the
 * first mistake and name Java fields; walking the tree reports every mistake with its YAML path.
 */
public final class SuiteLoader {

    private static final Set<String> TOP = Set.of("suite", "defaults", "targets", "embedding", "prompts");
    private static final Set<String> EMBEDDING = Set.of("provider", "base-url", "model", "api-key-env");

    private final Secrets secrets;
    private final TargetReader targets;
    private final boolean nativeExecutable;
    private final TargetTypes types;

    /**
     * @param types the target types a suite may name ({@code Providers.TYPES} outside tests)
     * @param environment looks up environment variables by name (System::getenv outside tests)
     */
    public SuiteLoader(TargetTypes types, Function<String, String> environment) {
        this(types, environment, ImageMode.current().isNativeImage());
    }

    /** @param nativeExecutable whether this is the native executable, which has no in-process embedding model */
    SuiteLoader(TargetTypes types, Function<String, String> environment, boolean nativeExecutable) {
        this.nativeExecutable = nativeExecutable;
        this.types = types;
        this.secrets = new Secrets(environment);
        this.targets = new TargetReader(secrets, types);
    }

    public Suite load(Path file) throws InvalidSuiteException {
        Problems problems = new Problems(file.toString());
        Optional<Suite> suite = SuiteYaml.read(file, problems)
                .flatMap(root -> FieldReader.of(root, "", problems))
                .map(top -> read(file, top, problems));
        if (!problems.list().isEmpty()) {
            throw new InvalidSuiteException(problems.list());
        }
        return suite.orElseThrow();
    }

    private Suite read(Path file, FieldReader top, Problems problems) {
        top.rejectUnknown(TOP);
        String suiteName = top.label("suite", true).orElse(null);
        FieldReader defaultsReader = top.object("defaults", false).orElse(null);
        if (defaultsReader != null) {
            defaultsReader.rejectUnknown(PromptReader.DEFAULTS);
        }
        SettingsLayer defaults = defaultsReader == null ? SettingsLayer.NONE
                : SettingsLayer.read(defaultsReader, problems, types);
        Optional<AnswerRule> defaultAnswer = defaultsReader == null ? Optional.empty()
                : AnswerReader.read(defaultsReader);
        List<String> warnings = new ArrayList<>();

        List<Target> targets = readTargets(top, problems);
        EmbeddingSettings embedding = top.object("embedding", false).map(this::embedding)
                .orElse(EmbeddingSettings.of(defaultEmbedding()));
        if (embedding.provider() == EmbeddingSettings.Provider.LOCAL && nativeExecutable) {
            // the model runs on ONNX Runtime over JNI, which the native executable does not carry
            problems.add("embedding.provider", "local is the in-process model, which only the JVM build has; the "
                    + "native executable takes provider: ngram (its default) or openai (any OpenAI-compatible "
                    + "/embeddings)");
        }

        List<PromptAt> prompts = new PromptReader(defaults, defaultAnswer, problems, types).readAll(top, warnings);
        checkAgainstTypes(targets, prompts, problems, warnings);
        return new Suite(file, suiteName, targets, embedding, prompts.stream().map(PromptAt::prompt).toList(),
                warnings);
    }

    private List<Target> readTargets(FieldReader top, Problems problems) {
        List<Target> targets = new ArrayList<>();
        top.eachEntry("targets", "target", "name",
                (path, r) -> this.targets.read(r, problems).ifPresent(targets::add));
        return targets;
    }

    /**
     * What depends on both a target's type and the prompts: a type that needs a token limit gets one from every
     * prompt (an error naming the field), a seed set for a type that takes none is not sent (one warning per target).
     */
    private static void checkAgainstTypes(List<Target> targets, List<PromptAt> prompts, Problems problems,
            List<String> warnings) {
        for (Target t : targets) {
            if (t.type().requiresMaxTokens()) {
                for (PromptAt p : prompts) {
                    RequestSettings s = p.prompt().settings();
                    if (s.maxTokens() == null && s.maxCompletionTokens() == null) {
                        problems.add(p.path() + ".max-tokens", "is required by target '" + t.name()
                                + "' (type: " + t.type().label() + "); set it here or in defaults");
                    }
                }
            }
            if (!t.type().acceptsLogprobs()) {
                for (PromptAt p : prompts) {
                    if (p.prompt().probe() == Probe.LOGPROBS) {
                        problems.add(p.path() + ".probe", "logprobs needs log probabilities, which target '"
                                + t.name() + "' (type: " + t.type().label() + ") does not return; use probe: sample");
                    }
                }
            }
            if (!t.type().acceptsSeed() && prompts.stream().anyMatch(p -> p.prompt().settings().seed() != null)) {
                warnings.add("target " + t.name() + " (type: " + t.type().label()
                        + "): the API takes no seed; seed is not sent to it");
            }
        }
    }

    /**
     * The provider of a suite that names none: the in-process model on the JVM; the n-gram distance in the native
     * executable, which has no ONNX Runtime (a suite is not invalid there for leaving the provider out).
     */
    private EmbeddingSettings.Provider defaultEmbedding() {
        return nativeExecutable ? EmbeddingSettings.Provider.NGRAM : EmbeddingSettings.Provider.LOCAL;
    }

    private EmbeddingSettings embedding(FieldReader r) {
        r.rejectUnknown(EMBEDDING);
        EmbeddingSettings.Provider provider = r.choice("provider", EmbeddingSettings.Provider.class)
                .orElse(defaultEmbedding());
        if (provider != EmbeddingSettings.Provider.OPENAI) {
            for (String key : List.of("base-url", "model", "api-key-env")) {
                if (r.has(key)) {
                    r.string(key, false);
                    r.problems().add(r.path(key), "only applies to provider: openai");
                }
            }
            return EmbeddingSettings.of(provider);
        }
        Optional<URI> baseUrl = r.httpUrl("base-url", true);
        Optional<String> model = r.string("model", true);
        Optional<String> keyEnv = r.string("api-key-env", false);
        Optional<String> key = keyEnv.flatMap(env -> secrets.get(env, r.path("api-key-env"), r.problems()));
        return new EmbeddingSettings(provider, baseUrl.orElse(null), model.orElse(null), keyEnv.orElse(null),
                key.orElse(null));
    }
}
