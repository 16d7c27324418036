package dev.seedwatch.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedwatch.support.Json;

/**
 * A Grafana dashboard JSON read the way Grafana's Prometheus data source uses it: its template variables, every
 * panel (rows' nested panels included), every query (panel targets and annotation queries), and the substitution
 * of variables into PromQL.
 */
public final class GrafanaDashboard {

    public static final Path SEEDWATCH = Path.of("k8s/monitoring/grafana/seedwatch-dashboard.json");

    /** {@code label_values(selector, label)}, the variable query form the dashboard uses. */
    public static final Pattern LABEL_VALUES = Pattern
            .compile("^\\s*label_values\\((.*),\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*\\)\\s*$", Pattern.DOTALL);

    /** Grafana's built-in interval variables, replaced by {@link #substitute} with this duration. */
    public static final String INTERVAL = "1m";

    private static final Pattern VARIABLE = Pattern
            .compile("\\$\\{([A-Za-z0-9_]+)(?::[A-Za-z]+)?}|\\[\\[([A-Za-z0-9_]+)]]|\\$([A-Za-z0-9_]+)");
    private static final Map<String, String> BUILT_INS = Map.of("__rate_interval", INTERVAL, "__interval", INTERVAL,
            "__range", INTERVAL, "__interval_ms", "60000", "__range_s", "60", "__range_ms", "60000");

    public record Variable(String name, String type, String query, boolean multi, boolean includeAll,
            String allValue) {
    }

    /** One PromQL expression and where it is (for messages). */
    public record Query(String where, String expr) {
    }

    private final JsonNode json;

    private GrafanaDashboard(JsonNode json) {
        this.json = json;
    }

    public static GrafanaDashboard load(Path file) throws IOException {
        return new GrafanaDashboard(Json.MAPPER.readTree(file.toFile()));
    }

    public JsonNode json() {
        return json;
    }

    public List<Variable> variables() {
        List<Variable> variables = new ArrayList<>();
        for (JsonNode v : json.path("templating").path("list")) {
            JsonNode query = v.path("query");
            String text = query.isObject() ? query.path("query").asText() : query.asText();
            if (text.isEmpty()) {
                text = v.path("definition").asText();
            }
            variables.add(new Variable(v.path("name").asText(), v.path("type").asText(), text,
                    v.path("multi").asBoolean(), v.path("includeAll").asBoolean(), v.path("allValue").asText(null)));
        }
        return variables;
    }

    /** Every panel, rows included, with the panels of collapsed rows. */
    public List<JsonNode> panels() {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode p : json.path("panels")) {
            panels.add(p);
            p.path("panels").forEach(panels::add);
        }
        return panels;
    }

    /** Every PromQL expression: each panel target and each Prometheus annotation query. */
    public List<Query> queries() {
        List<Query> queries = new ArrayList<>();
        for (JsonNode p : panels()) {
            for (JsonNode t : p.path("targets")) {
                queries.add(new Query("panel '" + p.path("title").asText() + "' " + t.path("refId").asText(),
                        t.path("expr").asText()));
            }
        }
        for (JsonNode a : json.path("annotations").path("list")) {
            String expr = a.has("expr") ? a.path("expr").asText() : a.path("target").path("expr").asText();
            if (!expr.isEmpty()) {
                queries.add(new Query("annotation '" + a.path("name").asText() + "'", expr));
            }
        }
        return queries;
    }

    /**
     * Replaces {@code $var}, {@code ${var}}, {@code ${var:format}} and {@code [[var]]} with the given values and
     * Grafana's interval variables with {@link #INTERVAL}; an unknown variable is left as it is.
     */
    public static String substitute(String expr, Map<String, String> values) {
        Matcher m = VARIABLE.matcher(expr);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            String value = values.containsKey(name) ? values.get(name) : BUILT_INS.get(name);
            m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * How Grafana's Prometheus data source interpolates a selection into a regex matcher: one value regex-escaped,
     * several as {@code (a|b)}.
     */
    public static String regexValue(List<String> selected) {
        List<String> escaped = selected.stream().map(GrafanaDashboard::escapeRegex).toList();
        return escaped.size() == 1 ? escaped.get(0) : escaped.stream().collect(Collectors.joining("|", "(", ")"));
    }

    private static String escapeRegex(String value) {
        // Inside a PromQL double-quoted string a regex backslash is written twice.
        return value.replaceAll("([\\\\^$*+?.()|\\[\\]{}])", "\\\\\\\\$1");
    }
}
