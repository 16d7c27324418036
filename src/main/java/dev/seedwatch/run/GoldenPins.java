package dev.seedwatch.run;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import dev.seedwatch.analysis.AnswerFigures;
import dev.seedwatch.analysis.ChangeState;
import dev.seedwatch.analysis.Golden;
import dev.seedwatch.analysis.PromptFigures;
import dev.seedwatch.analysis.PromptResult;
import dev.seedwatch.analysis.TargetResult;
import dev.seedwatch.report.ReportFiles;
import dev.seedwatch.report.ReportPrompt;
import dev.seedwatch.report.ReportReader;
import dev.seedwatch.report.ReportWriter;
import dev.seedwatch.report.RunReport;
import dev.seedwatch.state.ChangeStore;
import dev.seedwatch.state.GoldenStore;
import dev.seedwatch.suite.Shard;

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
        RunReport report;
        if (runId != null) {
            // where neither form is there, reading the plain one finds nothing too
            file = ReportFiles.find(runs, runId).orElse(runs.resolve(runId + ReportFiles.JSON));
            report = read(file).orElseThrow(() -> new PinException("no report of run " + runId + " in " + runs));
            String expected = suite + (settings.shard().sharded() ? " shard " + settings.shard() : "");
            if (!ofSeries(report, suite, settings.shard())) {
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
    static Pinned golden(RunReport report, Path file, Instant now) {
        Map<String, Golden.Target> targets = new LinkedHashMap<>();
        for (TargetResult t : report.targets()) {
            targets.put(t.target(), new Golden.Target(t.model(),
                    List.copyOf(t.figures().fingerprint().replays().keySet()),
                    List.copyOf(t.figures().servedModel().replays().keySet())));
        }
        Map<String, Map<String, Golden.Prompt>> prompts = new LinkedHashMap<>();
        List<String> pinned = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (ReportPrompt reported : report.prompts()) {
            PromptResult p = reported.result();
            String name = p.target() + "/" + p.prompt();
            PromptFigures figures = p.figures();
            if (!figures.counts().complete()) {
                skipped.add(name + ": " + figures.counts().succeeded() + " of " + figures.counts().planned()
                        + " replays succeeded");
                continue;
            }
            Optional<AnswerFigures> answers = Optional.ofNullable(p.answers());
            prompts.computeIfAbsent(p.target(), t -> new LinkedHashMap<>()).put(p.prompt(),
                    new Golden.Prompt(p.requestHash(), figures.agreement().mostCommonText(),
                            answers.map(AnswerFigures::rule).orElse(null),
                            answers.map(AnswerFigures::mostCommonAnswer).orElse(null)));
            pinned.add(name);
        }
        Golden golden = new Golden(Golden.VERSION, report.runId(), report.suite(), report.shard(),
                report.finishedAt(), now, targets, prompts);
        return new Pinned(golden, file, pinned, skipped);
    }

    /** Run ids start with their UTC start time, so the greatest is the newest run. */
    private static Optional<Path> newestComplete(Path runs, String suite, Shard shard) throws IOException {
        for (String id : ReportFiles.runIds(runs)) {
            if (!ReportFiles.series(id).equals(ReportWriter.series(suite, shard))) {
                continue;
            }
            Optional<Path> report = ReportFiles.find(runs, id);
            Optional<RunReport> read;
            try {
                read = report.isEmpty() ? Optional.empty() : read(report.get());
            } catch (IOException e) {
                // a report cut short by a full disk is no run to pin; an older one may be
                continue;
            }
            if (read.isPresent() && ofSeries(read.get(), suite, shard) && !read.get().interrupted()) {
                return report;
            }
        }
        return Optional.empty();
    }

    /** A suite "a" shard 1 and a suite "a-shard1" share their run ids' series: the report says which it is. */
    private static boolean ofSeries(RunReport report, String suite, Shard shard) {
        return suite.equals(report.suite())
                && Objects.equals(shard.sharded() ? shard.toString() : null, report.shard());
    }

    private static Optional<RunReport> read(Path file) throws IOException {
        try {
            return Optional.of(ReportReader.read(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }
}
