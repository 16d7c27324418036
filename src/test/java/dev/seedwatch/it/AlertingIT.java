package dev.seedwatch.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedwatch.support.Json;
import dev.seedwatch.testing.FakeOpenAi;
import dev.seedwatch.testing.FakeOpenAi.Reply;
import dev.seedwatch.testing.GrafanaDashboard;
import dev.seedwatch.testing.GrafanaDashboard.Query;
import dev.seedwatch.testing.GrafanaDashboard.Variable;
import dev.seedwatch.testing.JarRunner;
import dev.seedwatch.testing.PrometheusProcess;
import dev.seedwatch.testing.PushgatewayProcess;
import dev.seedwatch.testing.RealParts;
import dev.seedwatch.testing.RealParts.Started;

/**
 * The alert rules and the dashboard on the real thing: Debian's Pushgateway and Prometheus (scraping the
 * Pushgateway every second with honor_labels, evaluating k8s/monitoring/rules/seedwatch.rules.yml every second), and
 * the built jar run twice against WireMock acting as OpenAI, with a backend change (fingerprint, served model, reply
 * text) in between.
 *
 * <p>
 * The suite is chosen so that every dashboard query has data after the second run: a deterministic prompt whose
 * reply changes (baseline distance), one whose replies diverge (distances, exact match below 1), a
 * nondeterministic one, a logprobs probe (the change tests), and one the provider refuses with a 400 (failures by
 * reason) — tolerated by --max-failure-ratio so that the runs succeed and a last-success time exists.
 */
@ExtendWith(RealParts.class)
class AlertingIT {

    static final String KEY = "sk-it-alerting-canary-1a2b3c4d";
    static final String OLD_FP = "fp_old0001";
    static final String NEW_FP = "fp_new0002";
    static final String OLD_MODEL = "gpt-4o-mini-2024-07-18";
    static final String NEW_MODEL = "gpt-4o-mini-2025-01-01";
    static final String OLD_TEXT = "Mission control confirmed the crew entered Mars orbit on schedule.";
    static final String NEW_TEXT = "The lander touched down in Jezero crater after a seven-minute descent.";
    static final String A = "The crew of Ares IV reported that the ship passed the halfway point.";
    static final String B = "The crew of Ares IV reported that the ship slowed for a course correction.";
    static final Map<String, String> TARGET = Map.of("suite", "alerting", "target", "openai", "model", "gpt-4o-mini");

    @TempDir
    static Path dir;
    @Started
    static PushgatewayProcess pushgateway;
    @Started
    static PrometheusProcess prometheus;
    @Started
    static FakeOpenAi fake;

    @BeforeAll
    static void twoRunsWithABackendChangeInBetween() throws Exception {
        Path suite = dir.resolve("suite.yaml");
        Files.writeString(suite, """
                suite: alerting
                defaults: {seed: 123, temperature: 0, max-tokens: 200, replays: 3}
                targets:
                  - {name: openai, base-url: "%s", model: gpt-4o-mini, api-key-env: IT_OPENAI_KEY, concurrency: 1,
                     logprobs: 2}
                prompts:
                  - id: steady
                    messages: [{role: user, content: steady}]
                  - id: diverging
                    answer: {regex: '^(\\w+)'}
                    messages: [{role: user, content: diverging}]
                  - id: story
                    expect: nondeterministic
                    temperature: 0.7
                    messages: [{role: user, content: story}]
                  - id: refused
                    messages: [{role: user, content: refused}]
                  - id: probe
                    load-probe: true
                    messages: [{role: user, content: probe}]
                  - id: first-token
                    probe: logprobs
                    replays: 4
                    messages: [{role: user, content: once upon a time}]
                """.formatted(fake.baseUrl()));
        String[] args = { "run", "--suite", suite.toString(), "--state-dir", dir.resolve("state").toString(),
                "--pushgateway", pushgateway.url(), "--max-failure-ratio", "0.5" };
        JarRunner jar = new JarRunner(dir);
        Map<String, String> env = Map.of("IT_OPENAI_KEY", KEY, "SEEDWATCH_EXTERNAL_URL", "https://seedwatch.example.com/");

        backend(OLD_FP, OLD_MODEL, OLD_TEXT);
        JarRunner.Result first = jar.run(env, args);
        assertThat(first.exitCode()).as(first.all()).isZero();
        // Let Prometheus see the old backend, so the timeline and the alert texts have an old value to show.
        await("Prometheus scrapes the first run").untilAsserted(() -> assertThat(prometheus.query(
                "seedwatch_fingerprint_info{fingerprint=\"" + OLD_FP + "\"}").path("result")).isNotEmpty());
        // the first run becomes the golden run, so the second has golden series for the dashboard's golden panels
        JarRunner.Result pinned = jar.run(env, "baseline", "pin", "--suite", suite.toString(), "--state-dir",
                dir.resolve("state").toString());
        assertThat(pinned.exitCode()).as(pinned.all()).isZero();

        backend(NEW_FP, NEW_MODEL, NEW_TEXT);
        JarRunner.Result second = jar.run(env, args);
        assertThat(second.exitCode()).as(second.all()).isZero();
    }

    @Test
    void fingerprintChangeRaisesOneAlertNamingOldAndNew() {
        await("SeedwatchFingerprintChanged pending or firing").untilAsserted(() -> {
            List<JsonNode> alerts = alerts("SeedwatchFingerprintChanged");
            assertThat(alerts).hasSize(1);
            JsonNode alert = alerts.get(0);
            assertThat(alert.path("state").asText()).isIn("pending", "firing");
            TARGET.forEach((k, v) -> assertThat(alert.path("labels").path(k).asText()).as(k).isEqualTo(v));
            assertThat(alert.path("labels").path("severity").asText()).isEqualTo("warning");
            assertThat(alert.path("annotations").path("description").asText())
                    .contains("changed system_fingerprint: " + OLD_FP + " → " + NEW_FP + ".");
            // the alert links the page of the newest run, where the replies can be read
            assertThat(alert.path("annotations").path("run_page").asText())
                    .isEqualTo("https://seedwatch.example.com/runs/latest");
            assertThat(alert.path("annotations").path("runbook_url").asText())
                    .endsWith("docs/alerts.md#seedwatchfingerprintchanged");
        });
    }

    @Test
    void servedModelChangeNamesTheModelServedBefore() {
        await("SeedwatchServedModelChanged pending or firing").untilAsserted(() -> {
            List<JsonNode> alerts = alerts("SeedwatchServedModelChanged");
            assertThat(alerts).hasSize(1);
            assertThat(alerts.get(0).path("state").asText()).isIn("pending", "firing");
            assertThat(alerts.get(0).path("annotations").path("description").asText())
                    .contains("was served " + NEW_MODEL + ";")
                    .contains("served during the last 7 days but not now: " + OLD_MODEL + ".");
        });
    }

    @Test
    void healthyRunsRaiseNoRunAlerts() {
        // Wait for an evaluation that has seen the second run, then check the run alerts are quiet.
        await("a rule evaluation after the second run").until(() -> !alerts("SeedwatchFingerprintChanged").isEmpty());
        await("no SeedwatchRunFailed/SeedwatchRunStale for the suite").untilAsserted(() -> {
            assertThat(alerts("SeedwatchRunFailed")).isEmpty();
            // A suite-less SeedwatchRunStale (absent_over_time) fires at Prometheus' start, before the first
            // scrape, and resolves with it; none may name the suite.
            assertThat(alerts("SeedwatchRunStale")).allSatisfy(
                    a -> assertThat(a.path("labels").has("suite")).as(a.toString()).isFalse());
        });
    }

    @Test
    void everyRuleEvaluatesWithoutError() {
        await("every rule evaluated with health ok").untilAsserted(() -> {
            List<String> problems = new ArrayList<>();
            int count = 0;
            for (JsonNode group : prometheus.ruleGroups()) {
                for (JsonNode rule : group.path("rules")) {
                    count++;
                    if (!"ok".equals(rule.path("health").asText()) || !rule.path("lastError").asText().isEmpty()) {
                        problems.add(rule.path("name").asText() + ": " + rule.path("health").asText() + " "
                                + rule.path("lastError").asText());
                    }
                }
            }
            assertThat(count).as("rules loaded from " + RealParts.RULES).isEqualTo(14);
            assertThat(problems).isEmpty();
        });
    }

    @Test
    void everyDashboardQueryReturnsData() throws IOException {
        GrafanaDashboard dashboard = GrafanaDashboard.load(GrafanaDashboard.SEEDWATCH);
        List<Query> queries = dashboard.queries();
        assertThat(queries).hasSizeGreaterThan(20);
        await("every dashboard query returns data").untilAsserted(() -> {
            // Template variables resolved the way Grafana does: each variable's label_values query (with the
            // variables before it substituted), all its values selected; then again with "All" (allValue .*).
            Map<String, String> selected = new LinkedHashMap<>();
            Map<String, String> all = new LinkedHashMap<>();
            for (Variable v : dashboard.variables()) {
                if (v.type().equals("datasource")) {
                    continue;
                }
                Matcher m = GrafanaDashboard.LABEL_VALUES.matcher(v.query());
                assertThat(m.matches()).as(v.query()).isTrue();
                String selector = GrafanaDashboard.substitute(m.group(1), selected);
                List<String> values = prometheus.labelValues(m.group(2), selector);
                assertThat(values).as("values of $%s: %s", v.name(), selector).isNotEmpty();
                selected.put(v.name(), GrafanaDashboard.regexValue(values));
                all.put(v.name(), v.allValue());
            }
            assertThat(selected).containsEntry("suite", "alerting").containsEntry("target", "openai")
                    .containsEntry("prompt", "(diverging|first-token|probe|refused|steady|story)");
            List<String> empty = new ArrayList<>();
            for (Map<String, String> values : List.of(selected, all)) {
                for (Query q : queries) {
                    String expr = GrafanaDashboard.substitute(q.expr(), values);
                    assertThat(expr).as(q.where()).doesNotContain("$");
                    // query() fails on invalid PromQL; an empty result is collected
                    if (prometheus.query(expr).path("result").isEmpty()) {
                        empty.add(q.where() + ": " + expr);
                    }
                }
            }
            assertThat(empty).as("queries without data").isEmpty();
        });
    }

    private static List<JsonNode> alerts(String name) throws IOException, InterruptedException {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode a : prometheus.alerts()) {
            if (name.equals(a.path("labels").path("alertname").asText())) {
                found.add(a);
            }
        }
        return found;
    }

    private static ConditionFactory await(String what) {
        return Awaitility.await(what).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions();
    }

    private static void backend(String fingerprint, String served, String steadyText) throws IOException {
        fake.reset();
        fake.reply("steady", new Reply(steadyText, fingerprint, served));
        fake.reply("diverging", new Reply(A, fingerprint, served, true), new Reply(A, fingerprint, served, true),
                new Reply(B, fingerprint, served, true));
        fake.reply("probe", new Reply(steadyText, fingerprint, served, true));
        // the change tests' probe: the first run is its reference, the second is tested against it
        Map<String, Double> top = new LinkedHashMap<>();
        top.put("Once", steadyText.equals(OLD_TEXT) ? -0.03 : -0.3);
        top.put(" There", -3.5);
        ObjectNode body = (ObjectNode) Json.MAPPER.readTree(FakeOpenAi.firstTokenBody(top));
        body.put("system_fingerprint", fingerprint).put("model", served);
        fake.replyBodies("once upon a time", List.of(body.toString()));
        fake.reply("story", new Reply("Once upon a time the universe was a seed.", fingerprint, served),
                new Reply("In the beginning there was a very hot, very dense point.", fingerprint, served),
                new Reply("First there was light, then there were stars.", fingerprint, served));
        fake.server().stubFor(fake.chat("refused").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody(FakeOpenAi.fixtureText("error-400-max-tokens.json"))));
    }
}
