package dev.seedwatch.suite;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The target types a suite may name, in the order its messages list them. The loader is handed them because the
 * types belong to the providers, which come after the suite in the flow ({@code dev.seedwatch.provider.Providers}).
 */
public final class TargetTypes {

    /** Body fields no type lets a suite set: {@code stream} and {@code n} would change what a reply is. */
    static final Set<String> UNSUPPORTED_PARAMS = Set.of("stream", "n");

    private final List<TargetType> types;
    private final Set<String> reservedParams;
    private final Set<String> credentialHeaders;

    public TargetTypes(List<TargetType> types) {
        this.types = List.copyOf(types);
        this.reservedParams = Stream.concat(types.stream().flatMap(t -> t.bodyFields().stream()),
                UNSUPPORTED_PARAMS.stream()).collect(Collectors.toUnmodifiableSet());
        this.credentialHeaders = types.stream().map(t -> t.keyHeader().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The type a suite names, in any case; empty when there is none of that name. */
    public Optional<TargetType> named(String label) {
        return types.stream().filter(t -> t.label().equalsIgnoreCase(label)).findFirst();
    }

    /** Every type, in registration order. */
    public List<TargetType> all() {
        return types;
    }

    /**
     * Body fields seedwatch writes itself for some type, or supports for none; a suite's {@code params} (which go
     * to every target) may not set them.
     */
    boolean reservedParam(String field) {
        return reservedParams.contains(field);
    }

    /** Whether a header carries some type's API key, which is set from {@code api-key-env} only. */
    boolean credentialHeader(String name) {
        return credentialHeaders.contains(name.toLowerCase(Locale.ROOT));
    }
}
