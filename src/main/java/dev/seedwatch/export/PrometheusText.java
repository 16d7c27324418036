package dev.seedwatch.export;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One run's series in the Prometheus text format 0.0.4 (what the textfile collector, the Pushgateway and a scrape
 * read), built for that run only: a removed prompt or a vanished fingerprint leaves nothing behind. The first value
 * given for a series stands.
 */
final class PrometheusText {

    /** Declared in the order that puts a counter before a gauge of the same base name (seedwatch_tokens). */
    private enum Type {
        COUNTER, GAUGE, HISTOGRAM
    }

    private record FamilyKey(String name, Type type) {
    }

    /**
     * A metric family. Its series are kept by their label values in a ConcurrentHashMap and written in that map's
     * order, which is the order the Micrometer registry seedwatch exported through before wrote them in: metrics
     * files stay byte-identical across that change.
     */
    private record Family(String name, Type type, String help, Map<List<String>, String> series) {

        String exposedName() {
            return type == Type.COUNTER ? name + "_total" : name;
        }
    }

    private final Map<FamilyKey, Family> families = new HashMap<>();

    /** A gauge with a fixed value; a null value is an undefined figure and writes nothing. */
    void gauge(String name, String help, Labels labels, Number value) {
        if (value != null) {
            add(name, Type.GAUGE, help, labels, sample(name, labels, value.doubleValue()));
        }
    }

    /** A yes/no figure as the 1 or 0 it is exported as; an undefined one writes nothing. */
    void gauge(String name, String help, Labels labels, Optional<Boolean> flag) {
        gauge(name, help, labels, flag.map(yes -> yes ? 1 : 0).orElse(null));
    }

    /** A counter {@code <name>_total} whose value was counted elsewhere (across runs, in the state dir). */
    void counter(String name, String help, Labels labels, double value) {
        add(name, Type.COUNTER, help, labels, sample(name + "_total", labels, value));
    }

    /**
     * A histogram of {@code values} over cumulative {@code buckets} (upper bounds, +Inf added), with its
     * {@code <name>_max} gauge: the largest value, 0 without any.
     */
    void histogram(String name, String help, Labels labels, Duration[] buckets, List<Duration> values) {
        List<Long> nanos = values.stream().map(Duration::toNanos).filter(n -> n >= 0).toList();
        StringBuilder lines = new StringBuilder();
        for (Duration bucket : buckets) {
            long bound = bucket.toNanos();
            lines.append(bucket(name, labels, number(bound / 1e9), nanos.stream().filter(n -> n <= bound).count()));
        }
        lines.append(bucket(name, labels, "+Inf", nanos.size()));
        lines.append(sample(name + "_count", labels, nanos.size()));
        long sum = nanos.stream().mapToLong(Long::longValue).sum();
        lines.append(sample(name + "_sum", labels, sum / 1e9));
        add(name, Type.HISTOGRAM, help, labels, lines.toString());
        long max = nanos.stream().mapToLong(Long::longValue).max().orElse(0);
        gauge(name + "_max", help, labels, max / 1e9);
    }

    private void add(String name, Type type, String help, Labels labels, String lines) {
        families.computeIfAbsent(new FamilyKey(name, type), k -> new Family(name, type, help, new ConcurrentHashMap<>()))
                .series().putIfAbsent(labels.values(), lines);
    }

    /** The families by name (then type), each with its HELP and TYPE. */
    String text() {
        List<Family> sorted = new ArrayList<>(families.values());
        sorted.sort(Comparator.comparing(Family::name).thenComparing(Family::type));
        StringBuilder out = new StringBuilder();
        for (Family family : sorted) {
            out.append("# HELP ").append(family.exposedName()).append(' ').append(escapeHelp(family.help()))
                    .append('\n');
            out.append("# TYPE ").append(family.exposedName()).append(' ')
                    .append(family.type().name().toLowerCase(Locale.ROOT)).append('\n');
            family.series().values().forEach(out::append);
        }
        return out.toString();
    }

    private static String sample(String name, Labels labels, double value) {
        String pairs = pairs(labels);
        return name + (pairs.isEmpty() ? "" : "{" + pairs + "}") + " " + number(value) + "\n";
    }

    /** A histogram bucket: its bound {@code le} comes after the series' labels, not in name order. */
    private static String bucket(String name, Labels labels, String le, long count) {
        return name + "_bucket{" + pairs(labels) + "le=\"" + le + "\",} " + number(count) + "\n";
    }

    /** {@code name="value",} for each label: the trailing comma is the 0.0.4 writer's that wrote these files before. */
    private static String pairs(Labels labels) {
        StringBuilder pairs = new StringBuilder();
        labels.byName().forEach((label, text) -> pairs.append(label).append("=\"").append(escapeLabel(text))
                .append("\","));
        return pairs.toString();
    }

    /** Go's float syntax where Java's differs: +Inf and -Inf. */
    private static String number(double value) {
        if (value == Double.POSITIVE_INFINITY) {
            return "+Inf";
        }
        return value == Double.NEGATIVE_INFINITY ? "-Inf" : Double.toString(value);
    }

    private static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }

    private static String escapeLabel(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
