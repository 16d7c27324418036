package dev.seedwatch.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

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
            return files.map(f -> runId(f.getFileName().toString())).flatMap(Optional::stream).distinct()
                    .sorted(Comparator.reverseOrder()).toList();
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }

    /** What follows the time stamp in a run id: the suite, and {@code -shard<i>} when sharded. */
    public static String series(String runId) {
        return runId.substring(runId.indexOf('-') + 1);
    }

    /** The report of {@code runId} in {@code runsDir}, in either form (the plain one where both are). */
    public static Optional<Path> find(Path runsDir, String runId) {
        return Stream.of(JSON, GZIP).map(suffix -> runsDir.resolve(runId + suffix)).filter(Files::isRegularFile)
                .findFirst();
    }

    /** Every file of {@code runId}: its report in each form it has, and its page. */
    static List<Path> files(Path runsDir, String runId) {
        List<Path> out = new ArrayList<>();
        for (String suffix : List.of(JSON, GZIP, PAGE)) {
            Path file = runsDir.resolve(runId + suffix);
            if (Files.isRegularFile(file)) {
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

    /** The JSON of {@code report}, decompressed when it is a {@code .json.gz}. */
    public static byte[] json(Path report) throws IOException {
        if (!report.getFileName().toString().endsWith(GZIP)) {
            return Files.readAllBytes(report);
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(report))) {
            return in.readAllBytes();
        }
    }

    /** The report as a tree, for the readers that must take any version (see {@link ReportTexts}). */
    public static JsonNode read(Path report) throws IOException {
        return Json.MAPPER.readTree(json(report));
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
