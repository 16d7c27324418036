package dev.seedwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedwatch.support.Json;
import dev.seedwatch.testing.JarRunner;
import dev.seedwatch.testing.PromText;

/**
 * {@code seedwatch demo} from the built jar, as a newcomer runs it: no key in the environment, and a Pushgateway
 * configured that nobody listens on (the demo must not reach out for it).
 */
class DemoIT {

    @TempDir
    Path dir;

    @Test
    void threeRunsWithASilentChangeInTheThirdWithoutAKey() throws Exception {
        Path state = dir.resolve("demo");
        JarRunner.Result demo = new JarRunner(dir).run(
                Map.of("SEEDWATCH_PUSHGATEWAY_URL", "http://127.0.0.1:1"), "demo", "--state-dir", state.toString());

        assertThat(demo.exitCode()).as(demo.all()).isZero();
        List<Path> reports = files(state.resolve("runs"), ".json");
        assertThat(reports).hasSize(3);
        for (Path report : reports) {
            assertThat(report.resolveSibling(report.getFileName().toString().replace(".json", ".html"))).exists();
            assertThat(Json.MAPPER.readTree(report.toFile()).path("exitCode").asInt()).isZero();
        }
        JsonNode third = Json.MAPPER.readTree(reports.get(2).toFile());
        assertThat(third.toString()).contains("Label: neutral");

        PromText metrics = PromText.parse(Files.readString(state.resolve("metrics.prom")));
        Map<String, String> target = Map.of("target", "simulated");
        assertThat(metrics.require("seedwatch_behaviour_changed", target)).isEqualTo(1.0);
        assertThat(metrics.require("seedwatch_fingerprint_changed", target)).isZero();
        assertThat(metrics.require("seedwatch_served_model_changed", target)).isZero();
        assertThat(metrics.require("seedwatch_run_success", Map.of())).isEqualTo(1.0);

        assertThat(demo.stdout()).contains("What changed in run 3")
                .contains("simulated: behaviour changed: 3 of 4 compared deterministic prompts")
                .contains("simulated/review-label: the most common answer changed against the baseline (now neutral)")
                .contains(reports.get(2).getFileName().toString().replace(".json", ".html"))
                .doesNotContain("universe-story: the most common reply changed");
    }

    @Test
    void aStateDirThatHoldsSomethingIsRefused() throws Exception {
        Files.writeString(dir.resolve("state.json"), "{}");
        JarRunner.Result demo = new JarRunner(dir).run(Map.of(), "demo", "--state-dir", dir.toString());

        assertThat(demo.exitCode()).isEqualTo(2);
        assertThat(demo.stderr()).contains("--state-dir " + dir + ": not empty");
        assertThat(Files.readString(dir.resolve("state.json"))).isEqualTo("{}");
    }

    static List<Path> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }
}
