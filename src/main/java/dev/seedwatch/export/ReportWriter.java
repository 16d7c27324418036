package dev.seedwatch.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

import dev.seedwatch.analysis.RunResult;
import dev.seedwatch.suite.Shard;
import dev.seedwatch.support.AtomicFiles;
import dev.seedwatch.support.Json;

/** Writes {@code <state-dir>/runs/<UTC timestamp>-<suite>[-shard<i>].json} and keeps only the newest reports. */
public final class ReportWriter {

    private static final Logger LOG = Logger.getLogger(ReportWriter.class);
    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path runsDir;
    private final int keep;

    public ReportWriter(Path stateDir, int keep) {
        this.runsDir = stateDir.resolve("runs");
        this.keep = keep;
    }

    /** {@code <UTC timestamp>-<suite>[-shard<i>]}: the run id, and the report's name without {@code .json}. */
    public static String runId(Instant started, String suite, Shard shard) {
        return STAMP.format(started) + "-" + suite + (shard.sharded() ? "-shard" + shard.index() : "");
    }

    public static String fileName(RunResult run) {
        return runId(run.startedAt(), run.suite(), run.shard()) + ".json";
    }

    public Path write(RunResult run, RunReport report) throws IOException {
        Path file = runsDir.resolve(fileName(run));
        AtomicFiles.write(file, Json.MAPPER.writeValueAsBytes(report));
        prune(run);
        return file;
    }

    /** Deletes the oldest reports of this suite (and shard) beyond {@code keep}; names sort by time. */
    private void prune(RunResult run) {
        String suffix = "-" + run.suite() + (run.shard().sharded() ? "-shard" + run.shard().index() : "") + ".json";
        try (Stream<Path> files = Files.list(runsDir)) {
            List<Path> reports = files.filter(f -> f.getFileName().toString().endsWith(suffix))
                    .sorted(Comparator.comparing(f -> f.getFileName().toString()))
                    .toList();
            for (Path old : reports.subList(0, Math.max(0, reports.size() - keep))) {
                Files.deleteIfExists(old);
            }
        } catch (IOException e) {
            LOG.warnf("could not prune old reports in %s: %s", runsDir, e.getMessage());
        }
    }
}
