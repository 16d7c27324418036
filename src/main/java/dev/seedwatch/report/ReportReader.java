package dev.seedwatch.report;

import java.io.IOException;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedwatch.support.Json;

/**
 * Reads a kept report, {@code .json} or {@code .json.gz}, of any report version, as the {@link RunReport} it was
 * written from: the readers (pages, pinning, serve) take the records, so renaming a field of the report fails the
 * build instead of blanking a page.
 */
public final class ReportReader {

    private ReportReader() {
    }

    /**
     * The report in {@code file}, older versions upgraded (see {@link ReportUpgrade}).
     *
     * @throws ReportFiles.UnreadableReport when it is no seedwatch report
     */
    public static RunReport read(Path file) throws IOException {
        JsonNode tree = ReportFiles.tree(file);
        try {
            return parse(tree);
        } catch (JsonProcessingException e) {
            throw new ReportFiles.UnreadableReport(file, "not a seedwatch report: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw new ReportFiles.UnreadableReport(file, "not a seedwatch report: " + e.getMessage());
        }
    }

    /** {@code tree}, a report's JSON of any version (as {@code /runs/<run>.json} serves it), as the record. */
    public static RunReport parse(JsonNode tree) throws JsonProcessingException {
        if (!(tree instanceof ObjectNode report)) {
            throw new IllegalArgumentException("no JSON object");
        }
        RunReport read = Json.MAPPER.treeToValue(ReportUpgrade.toRecords(report.deepCopy()), RunReport.class);
        // every report seedwatch writes has these; the readers need not ask again
        if (read.targets().stream().anyMatch(t -> t.target() == null || t.figures() == null)
                || read.prompts().stream().anyMatch(p -> p.result().target() == null || p.result().prompt() == null
                        || p.result().figures() == null)) {
            throw new IllegalArgumentException("a target or prompt without its name or figures");
        }
        return read;
    }
}
