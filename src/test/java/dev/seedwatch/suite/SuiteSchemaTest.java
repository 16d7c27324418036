package dev.seedwatch.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import dev.seedwatch.provider.Providers;
import dev.seedwatch.support.Json;

/**
 * The suite's JSON Schema (docs/suite.schema.json), which editors use to complete and check a suite, says what the
 * loader says: every example suite names it and validates against it, as does the reference in docs/suite.md; each
 * mapping of a suite has in the schema exactly the keys the loader knows (read from the loader's own "known keys"
 * message, so no list is kept twice), each choice exactly the loader's values; and suites the loader rejects for a
 * rule the schema can state are rejected by the schema too.
 */
class SuiteSchemaTest {

    private static final Path ROOT = Path.of(System.getProperty("user.dir"));
    private static final Path SCHEMA_FILE = ROOT.resolve("docs/suite.schema.json");
    /** How a suite names the schema for the YAML language server, by a path relative to the suite file. */
    private static final String MODELINE = "# yaml-language-server: $schema=";
    private static final String UNKNOWN = "zz-unknown";
    private static final String BOGUS = "zz-bogus";

    /** A valid suite with one of each mapping, that needs no environment variable. */
    private static final String BASE = """
            suite: base
            defaults: {seed: 1, answer: {regex: "x"}}
            targets:
              - name: t
                base-url: http://127.0.0.1:1/v1
                model: m
                headers: [{name: X-Team, value: b}]
            embedding: {provider: ngram}
            prompts:
              - id: p
                answer: {json-pointer: /label}
                messages: [{role: user, content: hi}]
            """;

    private static final JsonNode SCHEMA_NODE = readJson(SCHEMA_FILE);
    private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
            .getSchema(SchemaLocation.of(SCHEMA_FILE.toUri().toString()), SCHEMA_NODE);

    @TempDir
    Path dir;

    @Test
    void theSchemaIsAValidDraft07Schema() {
        Schema draft07 = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                .getSchema(SchemaLocation.of("http://json-schema.org/draft-07/schema#"));

        assertThat(messages(draft07.validate(SCHEMA_NODE))).isEmpty();
        assertThat(SCHEMA_NODE.path("$schema").asText()).isEqualTo("http://json-schema.org/draft-07/schema#");
    }

    /** The example suites, and the one the Kubernetes manifests mount. */
    static Stream<Path> exampleFiles() throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve("examples"))) {
            List<Path> yaml = files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
            assertThat(yaml).as("examples/*.yaml").isNotEmpty();
            return Stream.concat(yaml.stream(), Stream.of(ROOT.resolve("k8s/base/suite.yaml")));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exampleFiles")
    void everyExampleNamesTheSchemaAndValidates(Path example) throws IOException {
        String firstLine = Files.readAllLines(example).get(0);

        assertThat(firstLine).as("first line of %s", example).startsWith(MODELINE);
        Path named = example.getParent().resolve(firstLine.substring(MODELINE.length())).normalize();
        assertThat(named).isEqualTo(SCHEMA_FILE.normalize());
        assertThat(messages(SCHEMA.validate(Json.YAML.readTree(example.toFile())))).isEmpty();
    }

    /**
     * The demo's suite, as the demo writes it (with its provider's address), carries no line for editors: the demo
     * shows it as it ran. It validates all the same.
     */
    @Test
    void theDemoSuiteValidates() throws IOException {
        try (InputStream in = SuiteSchemaTest.class.getResourceAsStream("/seedwatch/demo/suite.yaml")) {
            assertThat(in).isNotNull();
            String suite = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("${base-url}", "http://127.0.0.1:8080/v1");
            assertThat(messages(SCHEMA.validate(Json.YAML.readTree(suite)))).isEmpty();
        }
    }

    @Test
    void theReferenceInTheDocsValidates() throws IOException {
        String doc = Files.readString(ROOT.resolve("docs/suite.md"));
        int start = doc.indexOf("```yaml\n") + "```yaml\n".length();
        String reference = doc.substring(start, doc.indexOf("```", start));

        assertThat(reference).contains("suite: nightly");
        assertThat(messages(SCHEMA.validate(Json.YAML.readTree(reference)))).isEmpty();
    }

    @Test
    void theBaseSuiteIsValidForBoth() throws Exception {
        JsonNode base = Json.YAML.readTree(BASE);

        assertThat(messages(SCHEMA.validate(base))).isEmpty();
        assertThat(new SuiteLoader(Providers.TYPES, Map.<String, String>of()::get, false).load(write(base)).prompts()).hasSize(1);
    }

    static Stream<Arguments> mappings() {
        return Stream.of(
                Arguments.of("", "", "/properties"),
                Arguments.of("/defaults", "defaults.", "/properties/defaults/properties"),
                Arguments.of("/defaults/answer", "defaults.answer.", "/definitions/answer/properties"),
                Arguments.of("/targets/0", "targets[0].", "/definitions/target/properties"),
                Arguments.of("/targets/0/headers/0", "targets[0].headers[0].", "/definitions/header/properties"),
                Arguments.of("/embedding", "embedding.", "/definitions/embedding/properties"),
                Arguments.of("/prompts/0", "prompts[0].", "/definitions/prompt/properties"),
                Arguments.of("/prompts/0/answer", "prompts[0].answer.", "/definitions/answer/properties"),
                Arguments.of("/prompts/0/messages/0", "prompts[0].messages[0].", "/definitions/message/properties"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mappings")
    void eachMappingHasInTheSchemaExactlyTheKeysTheLoaderKnows(String at, String path, String schemaKeys)
            throws Exception {
        JsonNode suite = changed(at, node -> node.put(UNKNOWN, 1));

        String reason = onlyProblem(suite, path + UNKNOWN);
        Set<String> loaderKeys = listAfter(reason, "; known keys: ", reason.length());

        assertThat(fieldNames(SCHEMA_NODE.at(schemaKeys))).as("keys at %s of the schema", schemaKeys)
                .isEqualTo(loaderKeys);
        assertThat(messages(SCHEMA.validate(suite))).anyMatch(m -> m.contains(UNKNOWN));
    }

    @Test
    void theSettingsAreThoseOfTheDefaultsAndOfEveryPrompt() {
        Set<String> settings = fieldNames(SCHEMA_NODE.at("/definitions/settings/properties"));
        Set<String> defaults = fieldNames(SCHEMA_NODE.at("/properties/defaults/properties"));

        assertThat(settings).isEqualTo(minus(defaults, "answer"));
        assertThat(fieldNames(SCHEMA_NODE.at("/definitions/prompt/properties"))).containsAll(settings);
    }

    static Stream<Arguments> choices() {
        return Stream.of(
                Arguments.of("/targets/0", "type", "targets[0].type", "/definitions/target/properties/type/enum"),
                Arguments.of("/embedding", "provider", "embedding.provider",
                        "/definitions/embedding/properties/provider/enum"),
                Arguments.of("/prompts/0", "expect", "prompts[0].expect", "/definitions/prompt/properties/expect/enum"),
                Arguments.of("/prompts/0", "probe", "prompts[0].probe", "/definitions/prompt/properties/probe/enum"),
                Arguments.of("/prompts/0/messages/0", "role", "prompts[0].messages[0].role",
                        "/definitions/message/properties/role/enum"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("choices")
    void eachChoiceHasInTheSchemaExactlyTheLoadersValues(String at, String key, String path, String schemaValues)
            throws Exception {
        JsonNode suite = changed(at, node -> node.put(key, BOGUS));

        String reason = onlyProblem(suite, path);
        Set<String> loaderValues = listAfter(reason, "must be one of ", reason.indexOf(", got '" + BOGUS));

        Set<String> values = new TreeSet<>();
        SCHEMA_NODE.at(schemaValues).forEach(v -> values.add(v.asText()));
        assertThat(values).as("values at %s of the schema", schemaValues).isEqualTo(loaderValues);
        assertThat(messages(SCHEMA.validate(suite))).isNotEmpty();
    }

    /** Mistakes the loader reports (exit 2) that the schema states as rules, so that an editor marks them too. */
    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("openai target without base-url", "/targets/0",
                        (Consumer<ObjectNode>) t -> t.remove("base-url")),
                Arguments.of("api-version on an openai target", "/targets/0",
                        (Consumer<ObjectNode>) t -> t.put("api-version", "2024-02-01")),
                Arguments.of("azure target without api-version", "/targets/0",
                        (Consumer<ObjectNode>) t -> t.put("type", "azure")),
                Arguments.of("logprobs on an anthropic target", "/targets/0",
                        (Consumer<ObjectNode>) t -> t.put("type", "anthropic").put("logprobs", 2)),
                Arguments.of("header with value and value-env", "/targets/0/headers/0",
                        (Consumer<ObjectNode>) h -> h.put("value-env", "TEAM")),
                Arguments.of("header with a line break", "/targets/0/headers/0",
                        (Consumer<ObjectNode>) h -> h.put("value", "b\r\nX-Injected: 1")),
                Arguments.of("timeout that is no duration", "/targets/0",
                        (Consumer<ObjectNode>) t -> t.put("timeout", "soon")),
                Arguments.of("max-response-bytes below 1K", "/targets/0",
                        (Consumer<ObjectNode>) t -> t.put("max-response-bytes", 10)),
                Arguments.of("base-url with credentials", "/targets/0",
                        (Consumer<ObjectNode>) t -> t.put("base-url", "http://user:pw@127.0.0.1:1/v1")),
                Arguments.of("label with capitals", "/prompts/0", (Consumer<ObjectNode>) p -> p.put("id", "Mars")),
                Arguments.of("both token limits", "/defaults",
                        (Consumer<ObjectNode>) d -> d.put("max-tokens", 5).put("max-completion-tokens", 5)),
                Arguments.of("temperature above 2", "/prompts/0", (Consumer<ObjectNode>) p -> p.put("temperature", 3)),
                Arguments.of("reserved param", "/defaults",
                        (Consumer<ObjectNode>) d -> d.putObject("params").put("stream", true)),
                Arguments.of("answer with regex and pointer", "/prompts/0/answer",
                        (Consumer<ObjectNode>) a -> a.put("regex", "x")),
                Arguments.of("pointer that is not RFC 6901", "/prompts/0/answer",
                        (Consumer<ObjectNode>) a -> a.put("json-pointer", "label")),
                Arguments.of("probe with an answer", "/prompts/0",
                        (Consumer<ObjectNode>) p -> p.put("probe", "sample")),
                Arguments.of("probe with load-probe", "/prompts/0",
                        (Consumer<ObjectNode>) p -> p.put("probe", "sample").putNull("answer").put("load-probe", true)),
                Arguments.of("no messages", "/prompts/0", (Consumer<ObjectNode>) p -> p.putArray("messages")),
                Arguments.of("blank content", "/prompts/0/messages/0",
                        (Consumer<ObjectNode>) m -> m.put("content", " ")),
                Arguments.of("openai embedding without model", "/embedding",
                        (Consumer<ObjectNode>) e -> e.put("provider", "openai").put("base-url", "http://127.0.0.1:1")),
                Arguments.of("model on the ngram embedding", "/embedding",
                        (Consumer<ObjectNode>) e -> e.put("model", "m")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void aMistakeOfTheLoaderIsOneOfTheSchema(String mistake, String at, Consumer<ObjectNode> change)
            throws Exception {
        JsonNode suite = changed(at, change);

        InvalidSuiteException invalid = catchThrowableOfType(InvalidSuiteException.class,
                () -> new SuiteLoader(Providers.TYPES, Map.<String, String>of()::get, false).load(write(suite)));
        assertThat(invalid).as("the loader rejects it").isNotNull();
        assertThat(messages(SCHEMA.validate(suite))).as("the schema rejects it").isNotEmpty();
    }

    private static JsonNode changed(String at, Consumer<ObjectNode> change) throws IOException {
        JsonNode suite = Json.YAML.readTree(BASE);
        change.accept((ObjectNode) suite.at(at));
        return suite;
    }

    /** The reason of the loader's one problem with {@code suite}, which must be at {@code path}. */
    private String onlyProblem(JsonNode suite, String path) throws IOException {
        Path file = write(suite);
        InvalidSuiteException invalid = catchThrowableOfType(InvalidSuiteException.class,
                () -> new SuiteLoader(Providers.TYPES, Map.<String, String>of()::get, false).load(file));
        assertThat(invalid).as("the loader rejects it").isNotNull();
        assertThat(invalid.problems()).extracting(SuiteProblem::path).containsExactly(path);
        return invalid.problems().get(0).reason();
    }

    private Path write(JsonNode suite) throws IOException {
        Path file = Files.createTempFile(dir, "suite", ".yaml");
        Json.YAML.writeValue(file.toFile(), suite);
        return file;
    }

    private static Set<String> listAfter(String reason, String marker, int end) {
        assertThat(reason).contains(marker);
        String list = reason.substring(reason.indexOf(marker) + marker.length(), end);
        return Arrays.stream(list.split(", ")).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> fieldNames(JsonNode mapping) {
        assertThat(mapping.isObject()).as("a mapping in the schema").isTrue();
        Set<String> names = new TreeSet<>();
        mapping.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<String> minus(Set<String> all, String name) {
        Set<String> rest = new TreeSet<>(all);
        rest.remove(name);
        return rest;
    }

    private static List<String> messages(List<Error> errors) {
        return errors.stream().map(Error::toString).toList();
    }

    private static JsonNode readJson(Path file) {
        try {
            return Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalStateException(file + " cannot be read", e);
        }
    }
}
