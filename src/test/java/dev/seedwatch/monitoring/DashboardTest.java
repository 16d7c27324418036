package dev.seedwatch.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedwatch.support.Json;
import dev.seedwatch.testing.GrafanaDashboard;
import dev.seedwatch.testing.GrafanaDashboard.Query;
import dev.seedwatch.testing.GrafanaDashboard.Variable;
import dev.seedwatch.testing.MetricNames;
import dev.seedwatch.testing.Promtool;

/**
 * The Grafana dashboard, checked without Grafana: its shape (data source variable, template variables, panels),
 * that every query parses as PromQL (promtool), uses only documented metrics and covers what the dashboard must
 * show, and that the kustomization turns it into a ConfigMap for Grafana's sidecar. AlertingIT runs every query
 * against a real Prometheus.
 */
class DashboardTest {

    static final Map<String, String> DS = Map.of("type", "prometheus", "uid", "${datasource}");

    final GrafanaDashboard dashboard;

    DashboardTest() throws IOException {
        dashboard = GrafanaDashboard.load(GrafanaDashboard.SEEDWATCH);
    }

    @Test
    void hasIdentityAndADataSourceVariable() {
        JsonNode json = dashboard.json();
        assertThat(json.path("uid").asText()).isEqualTo("seedwatch");
        assertThat(json.path("title").asText()).isNotBlank();
        assertThat(json.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
        assertThat(json.has("__inputs")).as("no import-only ${DS_...} inputs: the sidecar cannot fill them").isFalse();
        List<Variable> variables = dashboard.variables();
        assertThat(variables.get(0).name()).isEqualTo("datasource");
        assertThat(variables.get(0).type()).isEqualTo("datasource");
        assertThat(variables.get(0).query()).isEqualTo("prometheus");
    }

    @Test
    void noPanelCoversAnother() {
        List<JsonNode> placed = new ArrayList<>();
        for (JsonNode panel : dashboard.json().path("panels")) {
            JsonNode g = panel.path("gridPos");
            for (JsonNode other : placed) {
                JsonNode o = other.path("gridPos");
                boolean apart = g.path("x").asInt() >= o.path("x").asInt() + o.path("w").asInt()
                        || o.path("x").asInt() >= g.path("x").asInt() + g.path("w").asInt()
                        || g.path("y").asInt() >= o.path("y").asInt() + o.path("h").asInt()
                        || o.path("y").asInt() >= g.path("y").asInt() + g.path("h").asInt();
                assertThat(apart).as("'%s' %s and '%s' %s", panel.path("title").asText(), g,
                        other.path("title").asText(), o).isTrue();
            }
            placed.add(panel);
        }
        assertThat(placed).hasSizeGreaterThan(10);
    }

    @Test
    void templateVariablesComeFromLabelValues() {
        Map<String, Variable> byName = new HashMap<>();
        dashboard.variables().forEach(v -> byName.put(v.name(), v));
        for (String name : List.of("suite", "target", "model", "prompt")) {
            Variable v = byName.get(name);
            assertThat(v).as(name).isNotNull();
            assertThat(v.type()).isEqualTo("query");
            Matcher m = GrafanaDashboard.LABEL_VALUES.matcher(v.query());
            assertThat(m.matches()).as(v.query()).isTrue();
            assertThat(m.group(2)).isEqualTo(name);
            assertThat(v.multi()).as(name).isTrue();
            assertThat(v.includeAll()).as(name).isTrue();
        }
        for (JsonNode v : dashboard.json().path("templating").path("list")) {
            if ("query".equals(v.path("type").asText())) {
                assertThat(v.path("datasource")).as(v.path("name").asText()).isEqualTo(Json.MAPPER.valueToTree(DS));
            }
        }
    }

    @Test
    void everyPanelAndQueryUsesTheDataSourceVariable() {
        JsonNode ds = Json.MAPPER.valueToTree(DS);
        Set<Integer> ids = new HashSet<>();
        List<JsonNode> panels = dashboard.panels();
        assertThat(panels).isNotEmpty();
        for (JsonNode p : panels) {
            String title = p.path("title").asText();
            assertThat(ids.add(p.path("id").asInt())).as("unique id of " + title).isTrue();
            JsonNode grid = p.path("gridPos");
            assertThat(grid.path("x").asInt() + grid.path("w").asInt()).as(title).isLessThanOrEqualTo(24);
            assertThat(grid.path("h").asInt()).as(title).isPositive();
            if ("row".equals(p.path("type").asText())) {
                continue;
            }
            assertThat(title).isNotBlank();
            assertThat(p.path("datasource")).as(title).isEqualTo(ds);
            assertThat(p.path("targets")).as(title).isNotEmpty();
            Set<String> refIds = new HashSet<>();
            for (JsonNode t : p.path("targets")) {
                assertThat(t.path("datasource")).as(title).isEqualTo(ds);
                assertThat(t.path("expr").asText()).as(title).isNotBlank();
                assertThat(refIds.add(t.path("refId").asText())).as(title + " refIds").isTrue();
            }
        }
    }

    @Test
    void everyQueryParsesAsPromQl(@TempDir Path dir) throws Exception {
        // promtool has no "check query"; a rule file with one recording rule per query makes it parse them all.
        Map<String, String> values = new HashMap<>();
        dashboard.variables().forEach(v -> values.put(v.name(), ".*"));
        ObjectNode file = Json.YAML.createObjectNode();
        ArrayNode rules = file.putArray("groups").addObject().put("name", "dashboard").putArray("rules");
        List<Query> queries = dashboard.queries();
        for (int i = 0; i < queries.size(); i++) {
            String expr = GrafanaDashboard.substitute(queries.get(i).expr(), values);
            assertThat(expr).as(queries.get(i).where() + ": a variable left over").doesNotContain("$");
            rules.addObject().put("record", "dashboard:query_" + i).put("expr", expr);
        }
        Path rulesFile = dir.resolve("dashboard.rules.yml");
        Json.YAML.writeValue(rulesFile.toFile(), file);
        Promtool.Result result = Promtool.run(dir, "check", "rules", "--lint=none", rulesFile.getFileName().toString());
        assertThat(result.exitCode()).as(result.output() + "\n" + Files.readString(rulesFile)).isZero();
    }

    @Test
    void queriesUseOnlyDocumentedMetrics() throws IOException {
        Set<String> documented = MetricNames.documented(Path.of("docs/metrics.md"));
        for (Query q : dashboard.queries()) {
            assertThat(documented).as(q.where() + ": " + q.expr()).containsAll(MetricNames.used(q.expr()));
        }
    }

    @Test
    void showsWhatTheIssueAsksFor() {
        String all = String.join("\n", dashboard.queries().stream().map(Query::expr).toList());
        assertThat(all).contains("seedwatch_run_success", "seedwatch_last_success_timestamp_seconds",
                "seedwatch_run_duration_seconds", "seedwatch_prompts_agreeing", "seedwatch_prompts_measured",
                "seedwatch_exact_match_ratio", "seedwatch_unique_completions", "seedwatch_replay_distance_mean",
                "seedwatch_baseline_distance", "seedwatch_fingerprint_info", "seedwatch_fingerprint_changed",
                "seedwatch_served_model_info", "seedwatch_replay_failures", "seedwatch_tokens",
                "histogram_quantile(0.95, sum by (target, le) (seedwatch_request_duration_seconds_bucket",
                "seedwatch_prompts_novel", "seedwatch_prompts_compared", "seedwatch_completion_novel");
        List<String> types = new ArrayList<>();
        dashboard.panels().forEach(p -> types.add(p.path("type").asText()));
        assertThat(types).contains("stat", "timeseries", "table", "state-timeline");
        List<String> annotations = new ArrayList<>();
        dashboard.json().path("annotations").path("list").forEach(a -> annotations.add(a.path("name").asText()));
        assertThat(annotations).contains("Fingerprint changed", "Served model changed");
    }

    @Test
    void hasARowForAnswersAndGolden() {
        List<String> rows = new ArrayList<>();
        dashboard.panels().stream().filter(p -> p.path("type").asText().equals("row"))
                .forEach(p -> rows.add(p.path("title").asText()));
        assertThat(rows).contains("Answers and golden");
        String all = String.join("\n", dashboard.queries().stream().map(Query::expr).toList());
        assertThat(all).contains("seedwatch_prompts_answer_agreeing", "seedwatch_prompts_answer_measured",
                "seedwatch_answer_agreement_ratio", "seedwatch_golden_distance", "seedwatch_golden_drift_runs");
    }

    @Test
    void kustomizationGeneratesTheSidecarConfigMap() throws IOException {
        JsonNode kustomization = Json.YAML.readTree(RulesTest.KUSTOMIZATION.toFile());
        JsonNode generator = null;
        for (JsonNode g : kustomization.path("configMapGenerator")) {
            if (g.path("name").asText().equals("seedwatch-dashboard")) {
                generator = g;
            }
        }
        assertThat(generator).as("configMapGenerator seedwatch-dashboard").isNotNull();
        List<String> files = new ArrayList<>();
        generator.path("files").forEach(f -> files.add(f.asText()));
        assertThat(files).containsExactly("grafana/seedwatch-dashboard.json");
        assertThat(RulesTest.MONITORING.resolve(files.get(0))).isEqualTo(GrafanaDashboard.SEEDWATCH);
        JsonNode options = generator.path("options");
        assertThat(options.path("labels").path("grafana_dashboard").isTextual()).as("label value must be the string \"1\"")
                .isTrue();
        assertThat(options.path("labels").path("grafana_dashboard").asText()).isEqualTo("1");
        assertThat(options.path("disableNameSuffixHash").asBoolean()).isTrue();
    }
}
