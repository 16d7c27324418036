package dev.seedwatch.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.jboss.logging.Logger;

import dev.seedwatch.analysis.RunResult;
import dev.seedwatch.suite.Shard;
import dev.seedwatch.support.AtomicFiles;
import dev.seedwatch.support.Json;

/**
 * Writes {@code <state-dir>/runs/<UTC timestamp>-<suite>[-shard<i>].json} ({@code .json.gz} when compressing) and
 * keeps only the newest reports.
 */
public final class ReportWriter {

    private static final Logger LOG = Logger.getLogger(ReportWriter.class);
    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path runsDir;
    private final int keep;
    private final long maxBytes;
    private final boolean compress;

    /**
     * @param keep reports kept at most ({@code seedwatch.history.keep})
     * @param maxBytes bytes the kept reports and their pages may take together ({@code seedwatch.history.max-bytes})
     * @param compress write reports gzipped, as {@code .json.gz} ({@code seedwatch.history.compress})
     */
    public ReportWriter(Path stateDir, int keep, long maxBytes, boolean compress) {
        this.runsDir = stateDir.resolve("runs");
        this.keep = keep;
        this.maxBytes = maxBytes;
        this.compress = compress;
    }

    /** {@code <UTC timestamp>-<suite>[-shard<i>]}: the run id, and the report's name without its extension. */
    public static String runId(Instant started, String suite, Shard shard) {
        return STAMP.format(started) + "-" + series(suite, shard);
    }

    /** The part of a run id that names its suite and shard; the reports of one series are pruned together. */
    public static String series(String suite, Shard shard) {
        return suite + (shard.sharded() ? "-shard" + shard.index() : "");
    }

    public Path write(RunResult run, RunReport report) throws IOException {
        byte[] json = json(report);
        String runId = runId(run.startedAt(), run.suite(), run.shard());
        Path file = runsDir.resolve(runId + (compress ? ReportFiles.GZIP : ReportFiles.JSON));
        AtomicFiles.write(file, compress ? ReportFiles.gzip(json) : json);
        prune(series(run.suite(), run.shard()));
        return file;
    }

    /** The report as its file holds it (before any gzip): compact JSON in the layout of {@link RunReport#VERSION}. */
    static byte[] json(RunReport report) throws IOException {
        return Json.COMPACT.writeValueAsBytes(ReportPacking.pack(Json.MAPPER.valueToTree(report)));
    }

    /**
     * Deletes the oldest runs of this suite (and shard), report and page, beyond {@code keep} or beyond
     * {@code maxBytes} together; the newest run always stays. Reports of both forms count, so turning compression
     * on or off keeps the older ones under the same limits.
     */
    private void prune(String series) {
        try {
            List<String> runs = ReportFiles.runIds(runsDir).stream()
                    .filter(id -> ReportFiles.series(id).equals(series)).toList();
            long bytes = 0;
            for (int i = 0; i < runs.size(); i++) {
                List<Path> files = ReportFiles.files(runsDir, runs.get(i));
                for (Path f : files) {
                    bytes += Files.size(f);
                }
                if (i > 0 && (i >= keep || bytes > maxBytes)) {
                    for (Path f : files) {
                        Files.deleteIfExists(f);
                    }
                }
            }
        } catch (IOException e) {
            LOG.warnf("could not prune old reports in %s: %s", runsDir, e.getMessage());
        }
    }
}
