package dev.seedwatch.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedwatch.analysis.RunAnalyzer;
import dev.seedwatch.analysis.RunResult;
import dev.seedwatch.analysis.State;
import dev.seedwatch.embedding.Embedder;
import dev.seedwatch.provider.ChatCompletions;
import dev.seedwatch.provider.FailureReason;
import dev.seedwatch.provider.Fingerprint;
import dev.seedwatch.provider.TokenLogprob;
import dev.seedwatch.replay.PlannedRequest;
import dev.seedwatch.replay.ReplayOutcome;
import dev.seedwatch.replay.ReplayPhase;
import dev.seedwatch.report.ReportWriter;
import dev.seedwatch.report.RunReport;
import dev.seedwatch.report.Timings;
import dev.seedwatch.suite.AnswerRule;
import dev.seedwatch.suite.Expectation;
import dev.seedwatch.suite.Message;
import dev.seedwatch.suite.Probe;
import dev.seedwatch.suite.Prompt;
import dev.seedwatch.suite.RequestSettings;
import dev.seedwatch.suite.Shard;
import dev.seedwatch.suite.Target;
import dev.seedwatch.suite.TargetType;

/**
 * The suite, reply and run fixtures tests share: targets, prompts and replay outcomes with plain defaults, changed
 * field by field where a test is about that field, and the runs and reports made of them.
 */
public final class Build {

    /** An embedder that loads no model: a text's vector is (its length, 1), so texts of one length are 0 apart. */
    public static final Embedder LENGTH_EMBEDDER = new Embedder() {
        @Override
        public String modelId() {
            return "length";
        }

        @Override
        public List<float[]> embed(List<String> texts) {
            return texts.stream().map(t -> new float[] { t.length(), 1 }).toList();
        }
    };

    private Build() {
    }

    /** A run of {@code suite} (and shard) that started at {@code started}, took 30 s and was not interrupted. */
    public static RunAnalyzer.RunInfo runInfo(String suite, Shard shard, Instant started) {
        return new RunAnalyzer.RunInfo(ReportWriter.runId(started, suite, shard), suite, shard, started,
                started.plusSeconds(30), false);
    }

    /** The analysis of {@code outcomes} with {@link #LENGTH_EMBEDDER}, no previous state and no golden run. */
    public static RunResult analyze(RunAnalyzer.RunInfo info, List<PlannedRequest> plan, List<ReplayOutcome> outcomes) {
        return new RunAnalyzer(LENGTH_EMBEDDER, 3).analyze(info, plan, outcomes, State.empty());
    }

    /** The run id of {@link #storyRun()}, and the name of its version 1 report. */
    public static final String STORY_RUN = "20250102T030000.000Z-nightly";

    /**
     * The run that {@code src/test/resources/reports/v1} holds the version 1 report of (see the README there): to
     * write it again as the current version and compare what the readers make of the two.
     */
    public static RunResult storyRun() {
        Target target = target("t1").build();
        PlannedRequest split = PlannedRequest.of(target, prompt("split").replays(5).build());
        PlannedRequest full = PlannedRequest.of(target,
                prompt("full").answer(AnswerRule.regex("Label: (\\w+)")).replays(2).build());
        String fox = "Once upon a time there was a fox.";
        return analyze(runInfo("nightly", Shard.ALL, Instant.parse("2025-01-02T03:00:00Z")), List.of(split, full),
                List.of(reply(split, 0, fox).build(), reply(split, 1, fox).build(),
                        reply(split, 2, "Once upon a time there was a bear.").build(), reply(split, 3, fox).build(),
                        failed(split, 4, 3, FailureReason.TIMEOUT, null, "timed out after 60 s"),
                        reply(full, 0, "Label: golden").build(), reply(full, 1, "Label: golden").build()));
    }

    /** Copies the version 1 report of {@link #storyRun()} into {@code runsDir}. */
    public static Path storyRunV1(Path runsDir) throws IOException {
        return storyRunReport(runsDir, 1);
    }

    /** Copies the report of {@link #storyRun()} as report {@code version} wrote it into {@code runsDir}. */
    public static Path storyRunReport(Path runsDir, int version) throws IOException {
        String name = STORY_RUN + ".json";
        Files.createDirectories(runsDir);
        try (InputStream in = Build.class.getResourceAsStream("/reports/v" + version + "/" + name)) {
            Path file = runsDir.resolve(name);
            Files.copy(in, file);
            return file;
        }
    }

    /** The report of {@code run} as a successful run (exit 0) writes it. */
    public static RunReport report(RunResult run) {
        return RunReport.of(run, 0, true, "success", 0, List.of(), new Timings(0, 0, 0, 0, 0));
    }

    /**
     * The replies of a logprobs probe, one per replay: the token "Once" at {@code once} (less 0.001 per replay,
     * cycling over 3) and " There" at -3.5 behind it (jittered the other way).
     */
    public static List<ReplayOutcome> onceReplies(PlannedRequest probe, double once) {
        List<ReplayOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < probe.replays(); i++) {
            Map<String, Double> top = new LinkedHashMap<>();
            top.put("Once", once - (i % 3) * 0.001);
            top.put(" There", -3.5 + (i % 3) * 0.001);
            outcomes.add(reply(probe, i, "Once")
                    .tokens(List.of(new TokenLogprob("Once", once, List.copyOf(top.values()), top))).build());
        }
        return outcomes;
    }

    public static TargetBuilder target(String name) {
        return new TargetBuilder(name);
    }

    public static PromptBuilder prompt(String id) {
        return new PromptBuilder(id);
    }

    /** A successful replay with the defaults of {@link ReplyBuilder}. */
    public static ReplyBuilder reply(PlannedRequest request, int index, String text) {
        return new ReplyBuilder(request, index, text);
    }

    public static ReplayOutcome failed(PlannedRequest r, int index, int attempts, FailureReason reason,
            Integer status, String error) {
        return ReplayOutcome.failed(r.target().name(), r.prompt().id(), index, attempts, reason, status, error);
    }

    /** An OpenAI target at a local address nothing answers on, keyless, with no caps. */
    public static final class TargetBuilder {
        private final String name;
        private TargetType type = ChatCompletions.OPENAI;
        private String baseUrl = "http://localhost:9/v1";
        private String apiVersion;
        private String model = "gpt-4o-mini";
        private String apiKeyEnv;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Integer concurrency;
        private Integer requestsPerMinute;
        private Duration timeout;
        private Long maxResponseBytes;
        private Integer logprobs;

        private TargetBuilder(String name) {
            this.name = name;
        }

        public TargetBuilder type(TargetType value) {
            type = value;
            return this;
        }

        public TargetBuilder baseUrl(String value) {
            baseUrl = value;
            return this;
        }

        public TargetBuilder apiVersion(String value) {
            apiVersion = value;
            return this;
        }

        public TargetBuilder model(String value) {
            model = value;
            return this;
        }

        /** The key as a resolved header, the way the suite loader sends it for {@code type}. */
        public TargetBuilder key(String env, String header, String value) {
            apiKeyEnv = env;
            headers.put(header, value);
            return this;
        }

        /** The key with the headers the suite loader sends alongside it, for the type set before this call. */
        public TargetBuilder typedKey(String env, String value) {
            apiKeyEnv = env;
            headers.putAll(type.fixedHeaders());
            headers.put(type.keyHeader(), type.keyValue(value));
            return this;
        }

        public TargetBuilder concurrency(Integer value) {
            concurrency = value;
            return this;
        }

        public TargetBuilder requestsPerMinute(Integer value) {
            requestsPerMinute = value;
            return this;
        }

        public TargetBuilder timeout(Duration value) {
            timeout = value;
            return this;
        }

        public TargetBuilder maxResponseBytes(Long value) {
            maxResponseBytes = value;
            return this;
        }

        public TargetBuilder logprobs(Integer value) {
            logprobs = value;
            return this;
        }

        public Target build() {
            return new Target(name, type, URI.create(baseUrl), apiVersion, model, apiKeyEnv, List.of(), concurrency,
                    requestsPerMinute, timeout, new Target.SecretHeaders(headers), maxResponseBytes, logprobs);
        }
    }

    /** A deterministic prompt of one user message, seed 123, temperature 0, 50 max tokens, 5 replays. */
    public static final class PromptBuilder {
        private final String id;
        private Expectation expect = Expectation.DETERMINISTIC;
        private List<Message> messages;
        private Long seed = 123L;
        private Double temperature = 0.0;
        private Double topP;
        private Integer maxTokens = 50;
        private Integer maxCompletionTokens;
        private Map<String, JsonNode> params = Map.of();
        private int replays = 5;
        private boolean loadProbe;
        private AnswerRule answer;
        private Probe probe;

        private PromptBuilder(String id) {
            this.id = id;
            this.messages = List.of(new Message("user", id));
        }

        public PromptBuilder expect(Expectation value) {
            expect = value;
            return this;
        }

        public PromptBuilder user(String content) {
            messages = List.of(new Message("user", content));
            return this;
        }

        public PromptBuilder messages(Message... value) {
            messages = List.of(value);
            return this;
        }

        public PromptBuilder seed(Long value) {
            seed = value;
            return this;
        }

        public PromptBuilder temperature(Double value) {
            temperature = value;
            return this;
        }

        public PromptBuilder topP(Double value) {
            topP = value;
            return this;
        }

        public PromptBuilder maxTokens(Integer value) {
            maxTokens = value;
            return this;
        }

        public PromptBuilder maxCompletionTokens(Integer value) {
            maxCompletionTokens = value;
            return this;
        }

        public PromptBuilder params(Map<String, JsonNode> value) {
            params = value;
            return this;
        }

        public PromptBuilder replays(int value) {
            replays = value;
            return this;
        }

        public PromptBuilder loadProbe(boolean value) {
            loadProbe = value;
            return this;
        }

        public PromptBuilder answer(AnswerRule value) {
            answer = value;
            return this;
        }

        /** A probe of {@code kind}, with the settings given here (not the probe's defaults, which the loader sets). */
        public PromptBuilder probe(Probe kind) {
            probe = kind;
            return this;
        }

        public Prompt build() {
            return new Prompt(id, expect, messages, new RequestSettings(seed, temperature, topP, maxTokens,
                    maxCompletionTokens, params, replays, loadProbe), answer, probe);
        }
    }

    /** A successful first attempt: finish reason stop, fingerprint fp_a, no served model, usage, latency unset. */
    public static final class ReplyBuilder {
        private final PlannedRequest request;
        private final int index;
        private final String text;
        private String finishReason = "stop";
        private Fingerprint fingerprint = Fingerprint.of("fp_a");
        private String servedModel;
        private Long promptTokens;
        private Long completionTokens;
        private Double latency;
        private List<TokenLogprob> tokens;
        private ReplayPhase phase;

        private ReplyBuilder(PlannedRequest request, int index, String text) {
            this.request = request;
            this.index = index;
            this.text = text;
        }

        public ReplyBuilder finishReason(String value) {
            finishReason = value;
            return this;
        }

        public ReplyBuilder fingerprint(Fingerprint value) {
            fingerprint = value;
            return this;
        }

        public ReplyBuilder servedModel(String value) {
            servedModel = value;
            return this;
        }

        public ReplyBuilder usage(Long prompt, Long completion) {
            promptTokens = prompt;
            completionTokens = completion;
            return this;
        }

        public ReplyBuilder latency(Double seconds) {
            latency = seconds;
            return this;
        }

        public ReplyBuilder tokens(List<TokenLogprob> value) {
            tokens = value;
            return this;
        }

        public ReplyBuilder phase(ReplayPhase value) {
            phase = value;
            return this;
        }

        public ReplayOutcome build() {
            return new ReplayOutcome(request.target().name(), request.prompt().id(), index, text, finishReason,
                    fingerprint, servedModel, promptTokens, completionTokens, latency, 1, null, 200, null, tokens,
                    phase);
        }
    }
}
