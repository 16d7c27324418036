package dev.seedwatch.suite;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedwatch.suite.FieldReader.Problems;

/** Reads one entry of a suite's {@code targets}: its type's facts, its key and headers, its limits. */
final class TargetReader {

    private static final Set<String> TARGET = Set.of("name", "type", "base-url", "api-version", "model",
            "api-key-env", "headers", "concurrency", "requests-per-minute", "timeout", "max-response-bytes",
            "logprobs");
    private static final Set<String> HEADER = Set.of("name", "value", "value-env");

    private final Secrets secrets;
    private final TargetTypes types;

    TargetReader(Secrets secrets, TargetTypes types) {
        this.secrets = secrets;
        this.types = types;
    }

    /** The target, or empty when a required field is missing (each mistake is in {@code problems}). */
    Optional<Target> read(FieldReader r, Problems problems) {
        r.rejectUnknown(TARGET);
        Optional<String> name = r.label("name", true);
        TargetType type = type(r, problems);
        Optional<URI> baseUrl = r.httpUrl("base-url", type.defaultBaseUrl().isEmpty()).or(type::defaultBaseUrl);
        Optional<String> apiVersion = r.string("api-version", type.requiresApiVersion());
        if (!type.requiresApiVersion() && r.has("api-version")) {
            problems.add(r.path("api-version"), "only applies to type: azure");
        }
        Optional<String> model = r.string("model", true);
        Optional<String> apiKeyEnv = r.string("api-key-env", false);
        // fixed headers first, so that a suite's own header of the same name (a newer anthropic-version) wins
        Map<String, String> headerValues = new LinkedHashMap<>(type.fixedHeaders());
        apiKeyEnv.flatMap(env -> secrets.get(env, r.path("api-key-env"), problems))
                .ifPresent(key -> headerValues.put(type.keyHeader(), type.keyValue(key)));
        List<Header> headers = new ArrayList<>();
        List<JsonNode> headerNodes = r.list("headers", false);
        for (int i = 0; i < headerNodes.size(); i++) {
            String path = r.path("headers") + "[" + i + "]";
            FieldReader.of(headerNodes.get(i), path, problems).ifPresent(h -> {
                h.rejectUnknown(HEADER);
                Optional<String> headerName = h.string("name", true);
                Optional<String> value = h.string("value", false);
                value.filter(v -> !Secrets.headerSafe(v)).ifPresent(v -> problems.add(h.path("value"),
                        "holds a control character (CR, LF or other); a header value cannot carry it"));
                Optional<String> valueEnv = h.string("value-env", false);
                if (value.isPresent() == valueEnv.isPresent()) {
                    problems.add(path, "needs exactly one of value or value-env");
                }
                // set from api-key-env only, so that a key never sits in a suite file
                headerName.filter(types::credentialHeader)
                        .ifPresent(n -> problems.add(h.path("name"), "'" + n + "' is set from api-key-env"));
                Optional<String> resolved = valueEnv.isPresent()
                        ? secrets.get(valueEnv.get(), h.path("value-env"), problems)
                        : value;
                if (headerName.isPresent() && resolved.isPresent()) {
                    headers.add(new Header(headerName.get(), value.orElse(null), valueEnv.orElse(null)));
                    headerValues.put(headerName.get(), resolved.get());
                }
            });
        }
        Optional<Long> concurrency = r.integer("concurrency", 1, 10_000);
        Optional<Long> rpm = r.integer("requests-per-minute", 1, 1_000_000);
        Optional<Duration> timeout = r.duration("timeout");
        Optional<Long> maxResponseBytes = r.bytes("max-response-bytes", 1024);
        Optional<Long> logprobs = r.integer("logprobs", 1, 20);
        if (logprobs.isPresent() && !type.acceptsLogprobs()) {
            problems.add(r.path("logprobs"), "type " + type.label() + " returns no token log probabilities");
        }
        if (name.isEmpty() || baseUrl.isEmpty() || model.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Target(name.get(), type, baseUrl.get(), apiVersion.orElse(null), model.get(),
                apiKeyEnv.orElse(null), headers, concurrency.map(Long::intValue).orElse(null),
                rpm.map(Long::intValue).orElse(null), timeout.orElse(null), new Target.SecretHeaders(headerValues),
                maxResponseBytes.orElse(null), logprobs.map(Long::intValue).orElse(null)));
    }

    /** The named type; the first registered ({@code openai}) when none is named or the name is a mistake. */
    private TargetType type(FieldReader r, Problems problems) {
        Optional<String> label = r.string("type", false);
        Optional<TargetType> type = label.flatMap(types::named);
        if (label.isPresent() && type.isEmpty()) {
            problems.add(r.path("type"), "must be one of "
                    + String.join(", ", types.all().stream().map(TargetType::label).toList()) + ", got '"
                    + label.get() + "'");
        }
        return type.orElse(types.all().get(0));
    }
}
