package dev.seedwatch.page;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import dev.seedwatch.report.ReportFiles;
import dev.seedwatch.report.ReportReader;
import dev.seedwatch.report.RunReport;

/**
 * The run pages of a state dir: finds the kept reports ({@code <state-dir>/runs/*.json} and {@code *.json.gz}),
 * builds a page from one of them and the ones before it, and renders it as one self-contained HTML file (inline CSS
 * and SVG, no script, nothing from another host).
 */
public final class RunPages {

    /** A run id as the report writer makes them; anything else (a path, {@code ..}) names no report. */
    private static final Pattern RUN_ID = Pattern.compile("[0-9]{8}T[0-9]{6}\\.[0-9]{3}Z-[a-z0-9_-]+");
    private static final Logger LOG = Logger.getLogger(RunPages.class);

    private final Path runsDir;
    private final Map<String, Summary> summaries = new ConcurrentHashMap<>();

    /** @param stateDir the root state dir, whose {@code runs/} holds every shard's reports */
    public RunPages(Path stateDir) {
        this.runsDir = stateDir.resolve("runs");
    }

    public Path runsDir() {
        return runsDir;
    }

    /** The run ids kept, newest first. */
    public List<String> runIds() throws IOException {
        return ReportFiles.runIds(runsDir).stream().filter(id -> RUN_ID.matcher(id).matches()).toList();
    }

    /**
     * The report of {@code runId} ({@code latest}: the newest readable one, a garbage file passed over), if it is
     * kept.
     */
    public Optional<Path> report(String runId) throws IOException {
        if ("latest".equals(runId)) {
            Optional<Kept> newest = newestReadable();
            return newest.isPresent() ? ReportFiles.find(runsDir, newest.get().id()) : Optional.empty();
        }
        return runIds().contains(runId) ? ReportFiles.find(runsDir, runId) : Optional.empty();
    }

    /** The newest kept report that can be read, garbage passed over; read once, as the page needs it too. */
    private Optional<Kept> newestReadable() throws IOException {
        for (String id : runIds()) {
            Optional<RunReport> report = readable(id);
            if (report.isPresent()) {
                return Optional.of(new Kept(id, report.get()));
            }
        }
        return Optional.empty();
    }

    private record Kept(String id, RunReport report) {
    }

    /** The report of a run id just listed; empty, and said, when it is no readable report. */
    private Optional<RunReport> readable(String id) throws IOException {
        try {
            return Optional.of(read(id));
        } catch (ReportFiles.UnreadableReport e) {
            LOG.warn(e.getMessage());
            return Optional.empty();
        }
    }

    /** The page of {@code runId}, or empty when no such report is kept. */
    public Optional<String> html(String runId) throws IOException {
        Optional<RunReport> report = "latest".equals(runId) ? newestReadable().map(Kept::report)
                : runIds().contains(runId) ? Optional.of(read(runId)) : Optional.empty();
        if (report.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(render(PageBuilder.build(report.get(), history(report.get()))));
    }

    /** The list of kept runs, newest first, linking each page. */
    public String index() throws IOException {
        List<String> ids = runIds();
        summaries.keySet().retainAll(ids);
        List<RunPage> runs = new ArrayList<>();
        for (String id : ids) {
            try {
                runs.add(summary(id));
            } catch (ReportFiles.UnreadableReport e) {
                LOG.warn(e.getMessage());
            }
        }
        return Templates.runPage(true, runs, null).render();
    }

    /**
     * A run's line in the index. A kept report is written once and never changes, so each is read once (a report of
     * a large suite is megabytes); one whose file changed after all (same id, other form or size) is read again.
     */
    private RunPage summary(String id) throws IOException {
        Path file = listed(id);
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        Summary known = summaries.get(id);
        if (known != null && known.file().equals(file) && known.size() == attributes.size()
                && known.modified().equals(attributes.lastModifiedTime())) {
            return known.page();
        }
        RunPage page = PageBuilder.summary(ReportReader.read(file));
        summaries.put(id, new Summary(file, attributes.size(), attributes.lastModifiedTime(), page));
        return page;
    }

    private record Summary(Path file, long size, FileTime modified, RunPage page) {
    }

    static String render(RunPage page) {
        return Templates.runPage(false, List.of(), page).render();
    }

    /** The reports of the same suite and shard up to and including {@code report}, oldest first. */
    private List<RunReport> history(RunReport report) throws IOException {
        String runId = report.runId();
        String series = ReportFiles.series(runId);
        List<RunReport> reports = new ArrayList<>();
        for (String id : runIds()) {
            if (ReportFiles.series(id).equals(series) && id.compareTo(runId) <= 0
                    && reports.size() < PageBuilder.HISTORY) {
                (id.equals(runId) ? Optional.of(report) : readable(id)).ifPresent(r -> reports.add(0, r));
            }
        }
        return reports;
    }

    /** The report of a run id just listed, in whichever form it is kept. */
    private RunReport read(String id) throws IOException {
        return ReportReader.read(listed(id));
    }

    /** The file of a run id just listed; gone since (pruned meanwhile) it is an I/O error like any other. */
    private Path listed(String id) throws NoSuchFileException {
        return ReportFiles.find(runsDir, id)
                .orElseThrow(() -> new NoSuchFileException(runsDir.resolve(id + ReportFiles.JSON).toString()));
    }

    /**
     * {@code templates/seedwatch/run-page.html}, one template for a run's page and the list of runs. Its expressions
     * are checked against these parameter types when the application is built, and Quarkus generates the value
     * resolvers of the page records, so rendering needs no reflection (the native executable has none for them).
     * HTML is escaped by the file's suffix.
     */
    @CheckedTemplate(basePath = "seedwatch", defaultName = CheckedTemplate.HYPHENATED_ELEMENT_NAME)
    static final class Templates {

        private Templates() {
        }

        static native TemplateInstance runPage(boolean index, List<RunPage> runs, RunPage page);
    }
}
