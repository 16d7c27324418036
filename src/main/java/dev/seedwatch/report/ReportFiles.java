package dev.seedwatch.report;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.seedwatch.support.Json;

/**
 * The files of the kept runs in {@code <state-dir>/runs}: a report is {@code <run id>.json}, or {@code <run
 * id>.json.gz} when {@code seedwatch.history.compress} was on as it was written, and its page {@code <run id>.html}.
 * The one place that knows both forms, so that pruning, the pages, serve and pinning find every report whichever
 * form it has (the setting may change between runs).
 */
public final class ReportFiles {

    public static final String JSON = ".json";
    public static final String GZIP = ".json.gz";
    public static final String PAGE = ".html";
    /**
     * Bytes of JSON a report may have, decompressed (see docs/hostile.md): far above a real report, whose texts and
     * provider values are capped, and far below serve's heap, which a 4 MB gzip of 4 GB must not exhaust.
     */
    public static final int MAX_JSON_BYTES = 64 << 20;

    /** A file in {@code runs/} that is no report seedwatch can read: garbage, a foreign file, a bomb. */
    public static final class UnreadableReport extends IOException {
        UnreadableReport(Path report, String why) {
            super(report.getFileName() + " in " + report.toAbsolutePath().getParent()
                    + " is not a readable seedwatch report (" + why + "); skipped");
        }
    }

    private static final Logger LOG = Logger.getLogger(ReportFiles.class);

    private ReportFiles() {
    }

    /** The run id a file name stands for when it is a report's, in either form; empty for anything else. */
    public static Optional<String> runId(String fileName) {
        for (String suffix : List.of(GZIP, JSON)) {
            if (fileName.endsWith(suffix) && fileName.length() > suffix.length()) {
                return Optional.of(fileName.substring(0, fileName.length() - suffix.length()));
            }
        }
        return Optional.empty();
    }

    /**
     * The run ids with a report in {@code runsDir}, newest first (ids start with their UTC start time); each once,
     * even where both forms are there ({@code gzip -k} leaves them). None when the directory does not exist yet.
     */
    public static List<String> runIds(Path runsDir) throws IOException {
        try (Stream<Path> files = Files.list(runsDir)) {
            return files.filter(f -> runId(f.getFileName().toString()).isEmpty() || plainFile(f)
                    || skipped(f, "a symbolic link or no file")).map(f -> runId(f.getFileName().toString()))
                    .flatMap(Optional::stream).distinct()
                    .sorted(Comparator.reverseOrder()).toList();
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }

    /** What follows the time stamp in a run id: the suite, and {@code -shard<i>} when sharded. */
    public static String series(String runId) {
        return runId.substring(runId.indexOf('-') + 1);
    }

    /**
     * The report of {@code runId} in {@code runsDir}, in either form (the plain one where both are). A symbolic link
     * is no report: seedwatch never writes one, and it could point anywhere.
     */
    public static Optional<Path> find(Path runsDir, String runId) {
        return Stream.of(JSON, GZIP).map(suffix -> runsDir.resolve(runId + suffix)).filter(ReportFiles::plainFile)
                .findFirst();
    }

    /** Says why a file named like a report is passed over; false, to filter it out. */
    public static boolean skipped(Path file, String why) {
        LOG.warnf("%s in %s is not a readable seedwatch report (%s); skipped", file.getFileName(),
                file.toAbsolutePath().getParent(), why);
        return false;
    }

    private static boolean plainFile(Path file) {
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS);
    }

    /** Every file of {@code runId}: its report in each form it has, and its page. */
    static List<Path> files(Path runsDir, String runId) {
        List<Path> out = new ArrayList<>();
        for (String suffix : List.of(JSON, GZIP, PAGE)) {
            Path file = runsDir.resolve(runId + suffix);
            if (plainFile(file)) {
                out.add(file);
            }
        }
        return out;
    }

    /** The page next to {@code report}: {@code <run id>.html} whichever form the report has. */
    public static Path page(Path report) {
        String name = report.getFileName().toString();
        return report.resolveSibling(runId(name).orElse(name) + PAGE);
    }

    /**
     * The JSON of {@code report}, decompressed when it is a {@code .json.gz}, at most {@link #MAX_JSON_BYTES}.
     *
     * @throws UnreadableReport when it is larger, or its gzip is broken
     */
    public static byte[] json(Path report) throws IOException {
        boolean gzip = report.getFileName().toString().endsWith(GZIP);
        try (InputStream file = Files.newInputStream(report, LinkOption.NOFOLLOW_LINKS);
                InputStream in = gzip ? new GZIPInputStream(file) : file) {
            byte[] json = in.readNBytes(MAX_JSON_BYTES);
            if (in.read() != -1) {
                throw new UnreadableReport(report, "more than " + MAX_JSON_BYTES + " bytes of JSON");
            }
            return json;
        } catch (ZipException | EOFException e) {
            throw new UnreadableReport(report, "broken gzip: " + e.getMessage());
        }
    }

    /**
     * The report as a tree, of whichever version wrote it (see {@link ReportReader}).
     *
     * @throws UnreadableReport when it is no JSON object with a run id and a report version
     */
    static JsonNode tree(Path report) throws IOException {
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(json(report));
        } catch (JsonProcessingException e) {
            throw new UnreadableReport(report, "not JSON: " + e.getOriginalMessage());
        }
        if (tree == null || !tree.path("runId").isTextual() || !tree.path("reportVersion").isIntegralNumber()) {
            throw new UnreadableReport(report, "no runId and reportVersion");
        }
        return tree;
    }

    /** {@code json} as a gzip file's content, which {@code gunzip -c} turns back into it. */
    static byte[] gzip(byte[] json) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(json);
        }
        return out.toByteArray();
    }
}
