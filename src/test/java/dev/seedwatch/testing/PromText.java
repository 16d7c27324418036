package dev.seedwatch.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses Prometheus text format into samples, so tests assert series and values rather than raw text. */
public final class PromText {

    public record Sample(String name, Map<String, String> labels, double value) {
        public boolean matches(String metric, Map<String, String> subset) {
            return name.equals(metric) && subset.entrySet().stream()
                    .allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
        }
    }

    private static final Pattern LINE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)(\\s+\\d+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    private final List<Sample> samples;
    private final Map<String, String> types;

    private PromText(List<Sample> samples, Map<String, String> types) {
        this.samples = samples;
        this.types = types;
    }

    public static PromText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        Map<String, String> types = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ");
                types.put(parts[2], parts[3]);
                continue;
            }
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("not a sample line: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
                }
            }
            samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(4))));
        }
        return new PromText(samples, types);
    }

    public List<Sample> samples() {
        return samples;
    }

    public String type(String family) {
        return types.get(family);
    }

    public List<Sample> all(String metric, Map<String, String> labels) {
        return samples.stream().filter(s -> s.matches(metric, labels)).toList();
    }

    public Optional<Double> value(String metric, Map<String, String> labels) {
        List<Sample> found = all(metric, labels);
        if (found.size() > 1) {
            throw new IllegalStateException("more than one series of " + metric + " " + labels + ": " + found);
        }
        return found.stream().findFirst().map(Sample::value);
    }

    public double require(String metric, Map<String, String> labels) {
        return value(metric, labels).orElseThrow(() -> new AssertionError("no series " + metric + labels
                + " among " + samples.stream().filter(s -> s.name().equals(metric)).toList()));
    }
}
