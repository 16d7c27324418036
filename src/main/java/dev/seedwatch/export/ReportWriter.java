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
    private final long maxBytes;

    /**
     * @param keep reports kept at most ({@code seedwatch.history.keep})
     * @param maxBytes bytes the kept reports and their pages may take together ({@code seedwatch.history.max-bytes})
     */
    public ReportWriter(Path stateDir, int keep, long maxBytes) {
        this.runsDir = stateDir.resolve("runs");
        this.keep = keep;
        this.maxBytes = maxBytes;
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

    /**
     * Deletes the oldest reports of this suite (and shard), with their pages, beyond {@code keep} or beyond
     * {@code maxBytes} together; the newest report always stays. Names sort by time.
     */
    private void prune(RunResult run) {
        String suffix = "-" + run.suite() + (run.shard().sharded() ? "-shard" + run.shard().index() : "") + ".json";
        try (Stream<Path> files = Files.list(runsDir)) {
            List<Path> reports = files.filter(f -> f.getFileName().toString().endsWith(suffix))
                    .sorted(Comparator.comparing((Path f) -> f.getFileName().toString()).reversed())
                    .toList();
            long bytes = 0;
            for (int i = 0; i < reports.size(); i++) {
                Path report = reports.get(i);
                Path page = report.resolveSibling(report.getFileName().toString().replaceFirst("\\.json$", ".html"));
                bytes += Files.size(report) + (Files.exists(page) ? Files.size(page) : 0);
                if (i > 0 && (i >= keep || bytes > maxBytes)) {
                    Files.deleteIfExists(report);
                    Files.deleteIfExists(page);
                }
            }
        } catch (IOException e) {
            LOG.warnf("could not prune old reports in %s: %s", runsDir, e.getMessage());
        }
    }
}
