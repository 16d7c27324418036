package dev.seedwatch.run;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedwatch.analysis.ChangeState;
import dev.seedwatch.analysis.Golden;
import dev.seedwatch.report.ReportFiles;
import dev.seedwatch.report.ReportTexts;
import dev.seedwatch.report.ReportWriter;
import dev.seedwatch.state.ChangeStore;
import dev.seedwatch.state.GoldenStore;
import dev.seedwatch.suite.Shard;
import dev.seedwatch.support.Json;

/**
 * {@code seedwatch baseline pin | show | unpin}: turns a run report into the golden run of a (shard's) state dir.
 * The report, not the state, is the source: it holds every figure of a named run, while the state holds only the
 * newest baselines.
 */
public final class GoldenPins {

    /** What cannot be pinned: no such run, no complete run, nothing fully measured (exit 2). */
    public static final class PinException extends Exception {
        PinException(String message) {
            super(message);
        }
    }

    /**
     * @param pinned {@code target/prompt} of every prompt pinned
     * @param skipped {@code target/prompt: why} of every prompt the run did not measure fully
     */
    public record Pinned(Golden golden, Path report, List<String> pinned, List<String> skipped) {
    }

    private GoldenPins() {
    }

    /**
     * Pins {@code runId}, or the newest complete (not interrupted) run of this suite and shard when null, in the
     * shard's state dir.
     */
    public static Pinned pin(RunSettings settings, String suite, String runId, Instant now)
            throws PinException, IOException {
        Path runs = settings.reportDir().resolve("runs");
        Path file;
        JsonNode report;
        if (runId != null) {
            // where neither form is there, reading the plain one finds nothing too
            file = ReportFiles.find(runs, runId).orElse(runs.resolve(runId + ReportFiles.JSON));
            report = read(file).orElseThrow(() -> new PinException("no report of run " + runId + " in " + runs));
            String expected = suite + (settings.shard().sharded() ? " shard " + settings.shard() : "");
            if (!suite.equals(report.path("suite").asText()) || !shardOf(settings.shard()).equals(
                    report.path("shard").asText(""))) {
                throw new PinException("run " + runId + " is not a run of suite " + expected);
            }
        } else {
            Optional<Path> newest = newestComplete(runs, suite, settings.shard());
            file = newest.orElseThrow(() -> new PinException("no complete run of suite " + suite
                    + (settings.shard().sharded() ? " shard " + settings.shard() : "") + " in " + runs));
            report = read(file).orElseThrow();
        }
        Pinned pinned = golden(report, file, now);
        if (pinned.pinned().isEmpty()) {
            throw new PinException("run " + pinned.golden().runId() + " measured no prompt fully, nothing pinned: "
                    + String.join("; ", pinned.skipped()));
        }
        new GoldenStore(settings.stateDir()).save(pinned.golden());
        saveChange(settings, new ChangeStore(settings.stateDir()).load().pin(pinned.golden().runId()));
        return pinned;
    }

    public static Optional<Golden> show(RunSettings settings) throws IOException {
        return new GoldenStore(settings.stateDir()).load();
    }

    /** @return whether a golden run was pinned */
    public static boolean unpin(RunSettings settings) throws IOException {
        saveChange(settings, new ChangeStore(settings.stateDir()).load().reset());
        return new GoldenStore(settings.stateDir()).delete();
    }

    /**
     * The targets whose change reference is the golden run's probe replies; the others' references were reset by the
     * pin, and the next run whose probes all succeed sets them.
     */
    public static Set<String> changeReferencesPinned(RunSettings settings) {
        return new ChangeStore(settings.stateDir()).load().references().keySet();
    }

    /** Pinning and unpinning reset the change tests' references (and their evidence). */
    private static void saveChange(RunSettings settings, ChangeState next) throws IOException {
        Optional<String> problem = new ChangeStore(settings.stateDir()).save(next);
        if (problem.isPresent()) {
            throw new IOException(problem.get());
        }
    }

    /** The golden run a report describes: its targets, and every prompt it measured fully. */
    static Pinned golden(JsonNode report, Path file, Instant now) {
        Map<String, Golden.Target> targets = new LinkedHashMap<>();
        for (JsonNode t : report.path("targets")) {
            targets.put(t.path("target").asText(), new Golden.Target(t.path("model").asText(),
                    ReportTexts.values(t.path("figures").path("fingerprints")),
                    ReportTexts.values(t.path("figures").path("servedModels"))));
        }
        Map<String, Map<String, Golden.Prompt>> prompts = new LinkedHashMap<>();
        List<String> pinned = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (JsonNode p : report.path("prompts")) {
            String name = p.path("target").asText() + "/" + p.path("prompt").asText();
            JsonNode figures = p.path("figures");
            if (!figures.path("complete").asBoolean()) {
                skipped.add(name + ": " + (figures.path("succeeded").asInt()) + " of "
                        + figures.path("replaysPlanned").asInt() + " replays succeeded");
                continue;
            }
            JsonNode answers = p.path("answers");
            prompts.computeIfAbsent(p.path("target").asText(), t -> new LinkedHashMap<>()).put(
                    p.path("prompt").asText(), new Golden.Prompt(p.path("requestHash").asText(),
                            figures.path("mostCommonText").asText(), Json.textOrNull(answers.get("rule")),
                            Json.textOrNull(answers.get("mostCommonAnswer"))));
            pinned.add(name);
        }
        Golden golden = new Golden(Golden.VERSION, report.path("runId").asText(), report.path("suite").asText(),
                Json.textOrNull(report.get("shard")), Instant.parse(report.path("finishedAt").asText()), now, targets,
                prompts);
        return new Pinned(golden, file, pinned, skipped);
    }

    /** Run ids start with their UTC start time, so the greatest is the newest run. */
    private static Optional<Path> newestComplete(Path runs, String suite, Shard shard) throws IOException {
        for (String id : ReportFiles.runIds(runs)) {
            if (!ReportFiles.series(id).equals(ReportWriter.series(suite, shard))) {
                continue;
            }
            Optional<Path> report = ReportFiles.find(runs, id);
            Optional<JsonNode> node;
            try {
                node = report.isEmpty() ? Optional.empty() : read(report.get());
            } catch (IOException e) {
                // a report cut short by a full disk is no run to pin; an older one may be
                continue;
            }
            // a suite "a" shard 1 and a suite "a-shard1" share their names: the report says which it is
            if (node.isPresent() && suite.equals(node.get().path("suite").asText())
                    && shardOf(shard).equals(node.get().path("shard").asText(""))
                    && !node.get().path("interrupted").asBoolean()) {
                return report;
            }
        }
        return Optional.empty();
    }

    private static String shardOf(Shard shard) {
        return shard.sharded() ? shard.toString() : "";
    }

    private static Optional<JsonNode> read(Path file) throws IOException {
        try {
            return Optional.of(ReportFiles.tree(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }
}
