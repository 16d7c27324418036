package dev.seedwatch.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedwatch.analysis.RunResult;
import dev.seedwatch.provider.FailureReason;
import dev.seedwatch.provider.Fingerprint;
import dev.seedwatch.replay.PlannedRequest;
import dev.seedwatch.replay.ReplayOutcome;
import dev.seedwatch.suite.Shard;
import dev.seedwatch.support.Json;
import dev.seedwatch.testing.Build;

/**
 * The report's layout (version 4): each distinct text of a prompt once, its replays and figures pointing into them;
 * provider values once per target; a replay only what it does not share with its target and prompt.
 */
class RunReportTest {

    static final Instant STARTED = Instant.parse("2026-03-01T10:00:00Z");

    /** The report's only prompt as written, for one prompt with {@code replies} (null: a timed-out replay). */
    static JsonNode prompt(String... replies) throws Exception {
        return report(replies).path("prompts").get(0);
    }

    /** The report as written, for one prompt with {@code replies} (null: a timed-out replay). */
    static JsonNode report(String... replies) throws Exception {
        PlannedRequest request = PlannedRequest.of(Build.target("t").build(),
                Build.prompt("p").replays(replies.length).build());
        List<ReplayOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < replies.length; i++) {
            outcomes.add(replies[i] == null ? Build.failed(request, i, 3, FailureReason.TIMEOUT, null, "timed out")
                    : Build.reply(request, i, replies[i]).servedModel("m-1").usage(7L, 11L).latency(0.25).build());
        }
        RunResult run = Build.analyze(Build.runInfo("s", Shard.ALL, STARTED), List.of(request), outcomes);
        JsonNode report = written(Build.report(run));
        assertThat(report.path("reportVersion").asInt()).isEqualTo(4);
        assertThat(report.path("prompts")).hasSize(1);
        return report;
    }

    static JsonNode written(RunReport report) throws Exception {
        return Json.MAPPER.readTree(ReportWriter.json(report));
    }

    /** The only prompt of {@code report} as a reader gets it back. */
    static ReportPrompt read(JsonNode report) throws Exception {
        return ReportReader.parse(report).prompts().get(0);
    }

    /** The text of each replay as a reader of the report gets it back. */
    static List<String> replayTexts(JsonNode report) throws Exception {
        return read(report).replays().stream().map(r -> r.outcome().text()).toList();
    }

    @Test
    void eachDistinctTextIsWrittenOnceInTheOrderItFirstCame() throws Exception {
        JsonNode report = report("A", "A", "B", "A");
        JsonNode p = report.path("prompts").get(0);

        JsonNode texts = p.path("texts");
        assertThat(texts.toString()).isEqualTo("[{\"text\":\"A\"},{\"text\":\"B\"}]");
        // the most common text points there; the replays that do not give it say so
        assertThat(p.path("figures").has("mostCommonText")).isFalse();
        assertThat(p.path("figures").path("mostCommonTextIndex").asInt()).isZero();
        assertThat(report.path("targets").get(0).path("replayDefaults").path("textIndex").asInt()).isZero();
        assertThat(p.path("replays").get(2).path("textIndex").asInt()).isEqualTo(1);
        assertThat(p.path("replays")).allSatisfy(r -> assertThat(r.has("text")).isFalse());

        ReportPrompt read = read(report);
        assertThat(read.texts()).extracting(ReportText::text, ReportText::count, ReportText::replays)
                .containsExactly(tuple("A", 3, List.of(0, 1, 3)), tuple("B", 1, List.of(2)));
        assertThat(read.result().figures().agreement().mostCommonText()).isEqualTo("A");
        assertThat(replayTexts(report)).containsExactly("A", "A", "B", "A");
    }

    @Test
    void everyOtherFieldOfAReplayAndOfThePromptStays() throws Exception {
        JsonNode report = report("A", "A", null);
        JsonNode p = report.path("prompts").get(0);

        ReportPrompt read = read(report);
        ReplayOutcome ok = read.replays().get(0).outcome();
        assertThat(ok.target()).isEqualTo("t");
        assertThat(ok.prompt()).isEqualTo("p");
        assertThat(ok.index()).isZero();
        assertThat(ok.finishReason()).isEqualTo("stop");
        assertThat(ok.fingerprint()).isEqualTo(Fingerprint.of("fp_a"));
        assertThat(ok.servedModel()).isEqualTo("m-1");
        assertThat(ok.promptTokens()).isEqualTo(7);
        assertThat(ok.completionTokens()).isEqualTo(11);
        assertThat(ok.latencySeconds()).isEqualTo(0.25);
        assertThat(ok.attempts()).isEqualTo(1);
        assertThat(ok.httpStatus()).isEqualTo(200);
        ReplayOutcome failed = read.replays().get(2).outcome();
        assertThat(failed.index()).isEqualTo(2);
        assertThat(failed.failure()).isEqualTo(FailureReason.TIMEOUT);
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(failed.error()).isEqualTo("timed out");
        assertThat(failed.text()).isNull();
        assertThat(failed.fingerprint()).isNull();
        assertThat(failed.servedModel()).isNull();
        assertThat(read.result().model()).isEqualTo("gpt-4o-mini");
        assertThat(read.result().requestHash()).startsWith("sha256:");
        assertThat(read.result().requestBody()).contains("\"seed\":123");
        assertThat(read.result().baselineStatus()).hasToString("NONE");

        // written: what the successful replays share is the target's; the failed one says where it differs
        JsonNode target = report.path("targets").get(0);
        assertThat(target.path("replayDefaults").toString()).isEqualTo("{\"finishReason\":\"stop\","
                + "\"promptTokens\":7,\"completionTokens\":11,\"latencySeconds\":0.25,\"attempts\":1,"
                + "\"httpStatus\":200,\"textIndex\":0,\"fingerprintIndex\":0,\"servedModelIndex\":0}");
        assertThat(p.path("replays").get(0).toString()).isEqualTo("{}");
        assertThat(p.path("replays").get(2).path("failure").asText()).isEqualTo("TIMEOUT");
        assertThat(p.path("replays").get(2).path("fingerprintIndex").isNull()).isTrue();
        assertThat(p.has("model")).isFalse();
        assertThat(target.path("figures").has("latenciesSeconds")).isFalse();
        assertThat(ReportReader.parse(report).targets().get(0).figures().latenciesSeconds())
                .containsExactly(0.25, 0.25);
    }

    @Test
    void aPromptWhoseReplaysAllFailedHasNoTexts() throws Exception {
        JsonNode p = prompt(null, null, null);

        assertThat(p.path("texts").isArray()).isTrue();
        assertThat(p.path("texts")).isEmpty();
        assertThat(p.path("replays")).hasSize(3).allSatisfy(r -> assertThat(r.has("textIndex")).isFalse());
        assertThat(replayTexts(report(null, null, null))).containsExactly(null, null, null);
    }

    @Test
    void anEmptyReplyIsATextLikeAnyOther() throws Exception {
        JsonNode report = report("", null, "");
        JsonNode p = report.path("prompts").get(0);

        assertThat(p.path("texts")).hasSize(1);
        assertThat(p.path("texts").get(0).path("text").isTextual()).isTrue();
        assertThat(p.path("texts").get(0).path("text").asText()).isEmpty();
        assertThat(read(report).texts().get(0).count()).isEqualTo(2);
        assertThat(read(report).texts().get(0).replays()).containsExactly(0, 2);
        assertThat(replayTexts(report)).containsExactly("", null, "");
    }

    @Test
    void aSingleReplayHasItsOneText() throws Exception {
        JsonNode report = report("only");

        assertThat(report.path("prompts").get(0).path("texts")).hasSize(1);
        assertThat(read(report).texts().get(0).count()).isEqualTo(1);
        assertThat(read(report).texts().get(0).replays()).containsExactly(0);
        assertThat(replayTexts(report)).containsExactly("only");
    }

    @Test
    void longTextsAreToldApartBeforeTheyAreCut() throws Exception {
        int cap = RunReport.MAX_TEXT_CHARS;
        String shared = "x".repeat(cap);
        // equal once cut, yet two completions: they stay two texts, both cut, each with its length
        JsonNode report = report(shared + "fox", shared + "bear", shared + "fox", "short");
        JsonNode p = report.path("prompts").get(0);

        JsonNode texts = p.path("texts");
        assertThat(texts).hasSize(3);
        assertThat(texts.get(0).path("text").asText()).isEqualTo(shared);
        assertThat(texts.get(0).path("truncated").asBoolean()).isTrue();
        assertThat(texts.get(0).path("textLength").asInt()).isEqualTo(cap + 3);
        assertThat(read(report).texts().get(0).replays()).containsExactly(0, 2);
        // the figures' copy is the one in texts, cut as it is
        assertThat(p.path("figures").path("mostCommonTextIndex").asInt()).isZero();
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
        JsonNode report = written(Build.report(run));
        JsonNode target = report.path("targets").get(0);

        assertThat(target.path("figures").path("fingerprints").toString())
                .isEqualTo("[{\"value\":\"fp_1\",\"replays\":1},{\"value\":\"fp_2\",\"replays\":1}]");
        // once per distinct value, the replays pointing there
        assertThat(target.path("distinctFingerprints").toString()).isEqualTo(
                "[{\"presence\":\"PRESENT\",\"value\":\"fp_1\"},{\"presence\":\"PRESENT\",\"value\":\"fp_2\"}]");
        assertThat(target.path("distinctServedModels").toString()).isEqualTo("[\"m-1\"]");
        assertThat(report.path("prompts").get(0).path("replays").get(1).toString())
                .isEqualTo("{\"fingerprintIndex\":1}");
        assertThat(ReportReader.parse(report).targets().get(0).figures().servedModel().replays())
                .containsOnlyKeys("m-1");
    }

    @Test
    void aLongFingerprintOnEveryReplayIsWrittenOnce() throws Exception {
        String fingerprint = "fp_" + "f".repeat(253);
        PlannedRequest first = PlannedRequest.of(Build.target("t").build(), Build.prompt("p1").replays(3).build());
        PlannedRequest second = PlannedRequest.of(Build.target("t").build(), Build.prompt("p2").replays(3).build());
        List<ReplayOutcome> outcomes = new ArrayList<>();
        for (PlannedRequest r : List.of(first, second)) {
            for (int i = 0; i < 3; i++) {
                outcomes.add(Build.reply(r, i, "a").fingerprint(Fingerprint.of(fingerprint)).build());
            }
        }
        RunResult run = Build.analyze(Build.runInfo("s", Shard.ALL, STARTED), List.of(first, second), outcomes);

        String file = new String(ReportWriter.json(Build.report(run)), StandardCharsets.UTF_8);

        // in the target's list and in the figures' count of it; never once per replay
        assertThat(file.split(fingerprint, -1)).hasSize(3);
        assertThat(ReportReader.parse(Json.MAPPER.readTree(file)).prompts()).allSatisfy(p -> assertThat(p.replays())
                .allSatisfy(r -> assertThat(r.outcome().fingerprint()).isEqualTo(Fingerprint.of(fingerprint))));
    }
}
