package dev.seedwatch.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedwatch.support.Json;
import dev.seedwatch.testing.MetricNames;
import dev.seedwatch.testing.Promtool;

/**
 * The alerting rules in k8s/monitoring: valid for Debian's promtool, their promtool unit tests pass, the
 * prometheus-operator PrometheusRule in the kustomization carries exactly the same groups, and every alert is
 * complete (severity, summary, description, runbook link) and unit-tested firing and silent.
 */
class RulesTest {

    static final Path MONITORING = Path.of("k8s/monitoring");
    static final Path RULES = MONITORING.resolve("rules/seedwatch.rules.yml");
    static final Path RULE_TESTS = MONITORING.resolve("rules/seedwatch.rules.test.yml");
    static final Path PROMETHEUS_RULE = MONITORING.resolve("seedwatch-prometheusrule.yaml");
    static final Path KUSTOMIZATION = MONITORING.resolve("kustomization.yaml");
    static final Set<String> ALERTS = Set.of("SeedwatchFingerprintChanged", "SeedwatchServedModelChanged",
            "SeedwatchDeterminismDropped", "SeedwatchBaselineDrift", "SeedwatchRunFailed", "SeedwatchRunStale",
            "SeedwatchLoadSensitive", "SeedwatchAnswersDisagree", "SeedwatchGoldenDrift",
            "SeedwatchSilentBackendChange", "SeedwatchModelChanged");
    static final String RUNBOOK = "https://github.com/seedwatch/seedwatch/blob/main/docs/alerts.md#";


    @Test
    void promtoolChecksTheRules() throws Exception {
        Promtool.Result result = Promtool.run(RULES.getParent(), "check", "rules", "--lint=all", "--lint-fatal",
                RULES.getFileName().toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void promtoolUnitTestsPass() throws Exception {
        // rule_files in the test file are relative to it
        Promtool.Result result = Promtool.run(RULE_TESTS.getParent(), "test", "rules",
                RULE_TESTS.getFileName().toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void prometheusRuleCarriesTheSameGroups() throws IOException {
        JsonNode plain = Json.YAML.readTree(RULES.toFile());
        JsonNode wrapped = Json.YAML.readTree(PROMETHEUS_RULE.toFile());
        assertThat(wrapped.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(wrapped.path("kind").asText()).isEqualTo("PrometheusRule");
        assertThat(wrapped.path("metadata").path("name").asText()).isNotEmpty();
        assertThat(plain.path("groups").isArray()).isTrue();
        assertThat(wrapped.path("spec").path("groups"))
                .as("spec.groups of %s must equal the groups of %s; regenerate it with the command in its header",
                        PROMETHEUS_RULE, RULES)
                .isEqualTo(plain.path("groups"));
    }

    @Test
    void kustomizationDeploysThePrometheusRule() throws IOException {
        JsonNode kustomization = Json.YAML.readTree(KUSTOMIZATION.toFile());
        List<String> resources = new ArrayList<>();
        kustomization.path("resources").forEach(r -> resources.add(r.asText()));
        assertThat(resources).contains(PROMETHEUS_RULE.getFileName().toString());
    }

    @Test
    void everyAlertHasSeveritySummaryDescriptionAndRunbook() throws IOException {
        Set<String> seen = new TreeSet<>();
        for (JsonNode rule : rules()) {
            if (!rule.has("alert")) {
                assertThat(rule.path("record").asText()).as(rule.toString()).startsWith("seedwatch:");
                continue;
            }
            String name = rule.path("alert").asText();
            seen.add(name);
            assertThat(rule.path("labels").path("severity").asText()).as(name).isIn("warning", "critical");
            JsonNode annotations = rule.path("annotations");
            assertThat(annotations.path("summary").asText()).as(name).isNotBlank();
            assertThat(annotations.path("description").asText()).as(name).isNotBlank();
            assertThat(annotations.path("runbook_url").asText()).as(name).isEqualTo(RUNBOOK + name.toLowerCase());
        }
        assertThat(seen).isEqualTo(new TreeSet<>(ALERTS));
    }

    @Test
    void everyAlertIsUnitTestedFiringAndSilent() throws IOException {
        Set<String> firing = new TreeSet<>();
        Set<String> silent = new TreeSet<>();
        for (JsonNode test : Json.YAML.readTree(RULE_TESTS.toFile()).path("tests")) {
            for (JsonNode check : test.path("alert_rule_test")) {
                (check.path("exp_alerts").isEmpty() ? silent : firing).add(check.path("alertname").asText());
            }
        }
        assertThat(firing).as("alerts unit-tested firing").isEqualTo(new TreeSet<>(ALERTS));
        assertThat(silent).as("alerts unit-tested silent").isEqualTo(new TreeSet<>(ALERTS));
    }

    @Test
    void rulesUseOnlyDocumentedMetrics() throws IOException {
        Set<String> documented = MetricNames.documented(Path.of("docs/metrics.md"));
        assertThat(documented).contains("seedwatch_fingerprint_changed", "seedwatch_request_duration_seconds_bucket");
        for (JsonNode rule : rules()) {
            assertThat(documented).as(rule.path("expr").asText()).containsAll(MetricNames.used(rule.path("expr")
                    .asText()));
            for (JsonNode annotation : rule.path("annotations")) {
                assertThat(documented).as(annotation.asText()).containsAll(MetricNames.used(annotation.asText()));
            }
        }
    }

    private static List<JsonNode> rules() throws IOException {
        List<JsonNode> rules = new ArrayList<>();
        Json.YAML.readTree(RULES.toFile()).path("groups").forEach(g -> g.path("rules").forEach(rules::add));
        return rules;
    }
}
