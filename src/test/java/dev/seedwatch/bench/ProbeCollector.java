package dev.seedwatch.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedwatch.analysis.change.TopLogprobs;
import dev.seedwatch.support.Json;

/**
 * Sends one run's probes to an OpenAI-compatible chat endpoint as seedwatch's probes do (contract: {@code probe:
 * logprobs}: one output token with its top-K log probabilities; {@code probe: sample}: no seed, temperature 1, a
 * few tokens), with {@code concurrency} requests in flight in shuffled order so that every reply is computed in a
 * batch with others: the batch noise of a hosted API. Logprob probes ask llama-server not to reuse a slot's cached
 * prompt ({@code cache_prompt: false}), as docs/probes.md advises for llama.cpp: with the cache, every reply of a
 * probe in one run shares the prompt computed once in one batch, and a run carries its own offset.
 */
final class ProbeCollector {

    /** One run's probes: prompt texts, replays per probe, top-K, tokens per sample. */
    record Probes(List<String> logprobPrompts, int logprobReplays, int topK, List<String> samplePrompts,
            int sampleReplays, int sampleTokens) {
    }

    /** One run's replies by probe, and what the run cost: requests and output tokens of each kind of probe. */
    record Replies(Map<String, List<TopLogprobs>> logprobs, Map<String, List<String>> samples, Cost logprobCost,
            Cost sampleCost) {
    }

    record Cost(int requests, long tokens) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final String model;
    private final int concurrency;
    private final Random random;

    ProbeCollector(String baseUrl, String model, int concurrency, long seed) {
        this.baseUrl = baseUrl;
        this.model = model;
        this.concurrency = concurrency;
        this.random = new Random(seed);
    }

    Replies collect(Probes probes) throws IOException, InterruptedException {
        record Call(String prompt, boolean logprob, ObjectNode body) {
        }
        List<Call> calls = new ArrayList<>();
        for (String prompt : probes.logprobPrompts()) {
            for (int i = 0; i < probes.logprobReplays(); i++) {
                ObjectNode body = body(prompt, 1);
                body.put("temperature", 0);
                body.put("logprobs", true);
                body.put("top_logprobs", probes.topK());
                body.put("cache_prompt", false);
                calls.add(new Call(prompt, true, body));
            }
        }
        for (String prompt : probes.samplePrompts()) {
            for (int i = 0; i < probes.sampleReplays(); i++) {
                ObjectNode body = body(prompt, probes.sampleTokens());
                body.put("temperature", 1);
                calls.add(new Call(prompt, false, body));
            }
        }
        Collections.shuffle(calls, random);
        List<JsonNode> answers = send(calls.stream().map(Call::body).toList());
        Map<String, List<TopLogprobs>> logprobs = new LinkedHashMap<>();
        Map<String, List<String>> samples = new LinkedHashMap<>();
        probes.logprobPrompts().forEach(p -> logprobs.put(p, new ArrayList<>()));
        probes.samplePrompts().forEach(p -> samples.put(p, new ArrayList<>()));
        long logprobTokens = 0;
        long sampleTokens = 0;
        for (int i = 0; i < calls.size(); i++) {
            JsonNode answer = answers.get(i);
            long tokens = answer.path("usage").path("completion_tokens").asLong();
            JsonNode choice = answer.path("choices").path(0);
            if (calls.get(i).logprob()) {
                logprobTokens += tokens;
                logprobs.get(calls.get(i).prompt()).add(topLogprobs(choice));
            } else {
                sampleTokens += tokens;
                samples.get(calls.get(i).prompt()).add(choice.path("message").path("content").asText());
            }
        }
        int logprobRequests = probes.logprobPrompts().size() * probes.logprobReplays();
        return new Replies(logprobs, samples, new Cost(logprobRequests, logprobTokens),
                new Cost(calls.size() - logprobRequests, sampleTokens));
    }

    private ObjectNode body(String prompt, int maxTokens) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("model", model);
        body.putArray("messages").addObject().put("role", "user").put("content", prompt);
        body.put("max_tokens", maxTokens);
        return body;
    }

    /** The first output token's top-K alternatives; a token text listed twice keeps its first (highest) value. */
    private static TopLogprobs topLogprobs(JsonNode choice) {
        Map<String, Double> byToken = new LinkedHashMap<>();
        for (JsonNode alternative : choice.path("logprobs").path("content").path(0).path("top_logprobs")) {
            byToken.putIfAbsent(alternative.path("token").asText(), alternative.path("logprob").asDouble());
        }
        return new TopLogprobs(byToken);
    }

    private List<JsonNode> send(List<ObjectNode> bodies) throws IOException, InterruptedException {
        Semaphore inFlight = new Semaphore(concurrency);
        List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
        for (ObjectNode body : bodies) {
            inFlight.acquire();
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/chat/completions"))
                    .timeout(Duration.ofSeconds(120)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
            futures.add(HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, failure) -> inFlight.release()));
        }
        List<JsonNode> answers = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> future : futures) {
            HttpResponse<String> response = future.join();
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode() + ": " + response.body());
            }
            answers.add(Json.MAPPER.readTree(response.body()));
        }
        return answers;
    }
}
