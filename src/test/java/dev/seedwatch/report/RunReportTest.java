package dev.seedwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedwatch.analysis.RunResult;
import dev.seedwatch.provider.FailureReason;
import dev.seedwatch.provider.Fingerprint;
import dev.seedwatch.replay.PlannedRequest;
import dev.seedwatch.replay.ReplayOutcome;
import dev.seedwatch.suite.Shard;
import dev.seedwatch.support.Json;
import dev.seedwatch.testing.Build;

/** The report's layout (version 3): each distinct text of a prompt once, its replays pointing into them. */
class RunReportTest {

    static final Instant STARTED = Instant.parse("2026-03-01T10:00:00Z");

    /** The report's only prompt as written, for one prompt with {@code replies} (null: a timed-out replay). */
    static JsonNode prompt(String... replies) throws Exception {
        PlannedRequest request = PlannedRequest.of(Build.target("t").build(),
                Build.prompt("p").replays(replies.length).build());
        List<ReplayOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < replies.length; i++) {
            outcomes.add(replies[i] == null ? Build.failed(request, i, 3, FailureReason.TIMEOUT, null, "timed out")
                    : Build.reply(request, i, replies[i]).servedModel("m-1").usage(7L, 11L).latency(0.25).build());
        }
        RunResult run = Build.analyze(Build.runInfo("s", Shard.ALL, STARTED), List.of(request), outcomes);
        JsonNode report = Json.MAPPER.readTree(Json.MAPPER.writeValueAsBytes(Build.report(run)));
        assertThat(report.path("reportVersion").asInt()).isEqualTo(3);
        assertThat(report.path("prompts")).hasSize(1);
        return report.path("prompts").get(0);
    }

    static List<Integer> ints(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asInt()));
        return out;
    }

    /** The text of each replay as a reader of the report gets it back. */
    static List<String> replayTexts(JsonNode prompt) throws Exception {
        return ReportPrompt.read((ObjectNode) prompt).replays().stream().map(r -> r.outcome().text()).toList();
    }

    @Test
    void eachDistinctTextIsWrittenOnceInTheOrderItFirstCame() throws Exception {
        JsonNode p = prompt("A", "A", "B", "A");

        JsonNode texts = p.path("texts");
        assertThat(texts).hasSize(2);
        assertThat(texts.get(0).path("text").asText()).isEqualTo("A");
        assertThat(texts.get(0).path("count").asInt()).isEqualTo(3);
        assertThat(ints(texts.get(0).path("replays"))).containsExactly(0, 1, 3);
        assertThat(texts.get(1).path("text").asText()).isEqualTo("B");
        assertThat(texts.get(1).path("count").asInt()).isEqualTo(1);
        assertThat(ints(texts.get(1).path("replays"))).containsExactly(2);
        assertThat(texts.get(0).has("truncated")).isFalse();

        List<Integer> textIndex = new ArrayList<>();
        p.path("replays").forEach(r -> textIndex.add(r.path("textIndex").asInt()));
        assertThat(textIndex).containsExactly(0, 0, 1, 0);
        assertThat(p.path("replays")).allSatisfy(r -> assertThat(r.has("text")).isFalse());
        assertThat(replayTexts(p)).containsExactly("A", "A", "B", "A");
    }

    @Test
    void everyOtherFieldOfAReplayAndOfThePromptStays() throws Exception {
        JsonNode p = prompt("A", null);

        JsonNode ok = p.path("replays").get(0);
        // named once by the prompt the replay sits in
        assertThat(ok.has("target")).isFalse();
        assertThat(ok.has("prompt")).isFalse();
        assertThat(p.path("target").asText()).isEqualTo("t");
        assertThat(p.path("prompt").asText()).isEqualTo("p");
        assertThat(ok.path("index").asInt()).isZero();
        assertThat(ok.path("finishReason").asText()).isEqualTo("stop");
        assertThat(ok.path("fingerprint").path("value").asText()).isEqualTo("fp_a");
        assertThat(ok.path("servedModel").asText()).isEqualTo("m-1");
        assertThat(ok.path("promptTokens").asLong()).isEqualTo(7);
        assertThat(ok.path("completionTokens").asLong()).isEqualTo(11);
        assertThat(ok.path("latencySeconds").asDouble()).isEqualTo(0.25);
        assertThat(ok.path("attempts").asInt()).isEqualTo(1);
        assertThat(ok.path("httpStatus").asInt()).isEqualTo(200);
        JsonNode failed = p.path("replays").get(1);
        assertThat(failed.path("index").asInt()).isEqualTo(1);
        assertThat(failed.path("failure").asText()).isEqualTo("TIMEOUT");
        assertThat(failed.path("attempts").asInt()).isEqualTo(3);
        assertThat(failed.path("error").asText()).isEqualTo("timed out");
        assertThat(failed.has("textIndex")).isFalse();

        assertThat(p.path("target").asText()).isEqualTo("t");
        assertThat(p.path("requestHash").asText()).startsWith("sha256:");
        assertThat(p.path("requestBody").asText()).contains("\"seed\":123");
        assertThat(p.path("figures").path("mostCommonText").asText()).isEqualTo("A");
        assertThat(p.path("baselineStatus").asText()).isEqualTo("NONE");
    }

    @Test
    void aPromptWhoseReplaysAllFailedHasNoTexts() throws Exception {
        JsonNode p = prompt(null, null, null);

        assertThat(p.path("texts").isArray()).isTrue();
        assertThat(p.path("texts")).isEmpty();
        assertThat(p.path("replays")).hasSize(3).allSatisfy(r -> assertThat(r.has("textIndex")).isFalse());
        assertThat(replayTexts(p)).containsExactly(null, null, null);
    }

    @Test
    void anEmptyReplyIsATextLikeAnyOther() throws Exception {
        JsonNode p = prompt("", null, "");

        assertThat(p.path("texts")).hasSize(1);
        assertThat(p.path("texts").get(0).path("text").isTextual()).isTrue();
        assertThat(p.path("texts").get(0).path("text").asText()).isEmpty();
        assertThat(p.path("texts").get(0).path("count").asInt()).isEqualTo(2);
        assertThat(ints(p.path("texts").get(0).path("replays"))).containsExactly(0, 2);
        assertThat(replayTexts(p)).containsExactly("", null, "");
    }

    @Test
    void aSingleReplayHasItsOneText() throws Exception {
        JsonNode p = prompt("only");

        assertThat(p.path("texts")).hasSize(1);
        assertThat(p.path("texts").get(0).path("count").asInt()).isEqualTo(1);
        assertThat(ints(p.path("texts").get(0).path("replays"))).containsExactly(0);
        assertThat(p.path("replays").get(0).path("textIndex").asInt()).isZero();
    }

    @Test
    void longTextsAreToldApartBeforeTheyAreCut() throws Exception {
        int cap = RunReport.MAX_TEXT_CHARS;
        String shared = "x".repeat(cap);
        // equal once cut, yet two completions: they stay two texts, both cut, each with its length
        JsonNode p = prompt(shared + "fox", shared + "bear", shared + "fox", "short");

        JsonNode texts = p.path("texts");
        assertThat(texts).hasSize(3);
        assertThat(texts.get(0).path("text").asText()).isEqualTo(shared);
        assertThat(texts.get(0).path("truncated").asBoolean()).isTrue();
        assertThat(texts.get(0).path("textLength").asInt()).isEqualTo(cap + 3);
        assertThat(ints(texts.get(0).path("replays"))).containsExactly(0, 2);
        assertThat(texts.get(1).path("text").asText()).isEqualTo(shared);
        assertThat(texts.get(1).path("textLength").asInt()).isEqualTo(cap + 4);
        assertThat(texts.get(2).path("text").asText()).isEqualTo("short");
        assertThat(texts.get(2).has("truncated")).isFalse();
        assertThat(texts.get(2).has("textLength")).isFalse();
        assertThat(p.path("figures").path("uniqueCompletions").asInt()).isEqualTo(texts.size());
    }

    @Test
    void aTextIsNeverCutInsideASurrogatePair() throws Exception {
        int cap = RunReport.MAX_TEXT_CHARS;
        // the cap falls between the two halves of the emoji
        JsonNode p = prompt("x".repeat(cap - 1) + "\uD83D\uDE00tail");

        assertThat(p.path("texts").get(0).path("text").asText()).isEqualTo("x".repeat(cap - 1));
        assertThat(p.path("texts").get(0).path("textLength").asInt()).isEqualTo(cap + 5);
    }

    @Test
    void fingerprintsAndServedModelsAreListsNotObjectKeys() throws Exception {
        PlannedRequest request = PlannedRequest.of(Build.target("t").build(), Build.prompt("p").replays(2).build());
        RunResult run = Build.analyze(Build.runInfo("s", Shard.ALL, STARTED), List.of(request),
                List.of(Build.reply(request, 0, "a").fingerprint(Fingerprint.of("fp_1")).servedModel("m-1").build(),
                        Build.reply(request, 1, "a").fingerprint(Fingerprint.of("fp_2")).servedModel("m-1").build()));
        JsonNode report = Json.MAPPER.readTree(Json.MAPPER.writeValueAsBytes(Build.report(run)));
        JsonNode figures = report.path("targets").get(0).path("figures");

        assertThat(figures.path("fingerprints").toString())
                .isEqualTo("[{\"value\":\"fp_1\",\"replays\":1},{\"value\":\"fp_2\",\"replays\":1}]");
        assertThat(ReportReader.parse(report).targets().get(0).figures().servedModel().replays()).containsOnlyKeys("m-1");
    }
}
