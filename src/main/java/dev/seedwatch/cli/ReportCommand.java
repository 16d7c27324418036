package dev.seedwatch.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.seedwatch.page.RunPages;
import dev.seedwatch.report.ReportFiles;
import dev.seedwatch.run.ExitCodes;
import dev.seedwatch.run.RunSettings.InvalidSettingsException;
import dev.seedwatch.run.SeedwatchConfig;
import dev.seedwatch.support.AtomicFiles;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write the page of a run: one self-contained HTML file (no script, nothing from another host).")
public class ReportCommand implements Callable<Integer> {

    @Option(names = "--run", paramLabel = "RUN_ID", defaultValue = "latest",
            description = "The run (default: latest, the newest kept report)")
    String run;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Where to write the page (default: next to the report, <state-dir>/runs/<run>.html)")
    Path out;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "State directory (default: .seedwatch)")
    Optional<Path> stateDir;

    @Inject
    SeedwatchConfig config;

    @Override
    public Integer call() throws IOException, InvalidSettingsException {
        RunPages pages = new RunPages(stateDir.orElseGet(() -> Path.of(config.stateDir())));
        Optional<Path> report = pages.report(run);
        if (report.isEmpty()) {
            throw new InvalidSettingsException(List.of("latest".equals(run) ? "--state-dir: no run report in "
                    + pages.runsDir() + " (run the suite first)"
                    : "--run: no kept report of run '" + run + "' in " + pages.runsDir()));
        }
        String html;
        try {
            html = pages.html(run).orElseThrow();
        } catch (ReportFiles.UnreadableReport e) {
            throw new InvalidSettingsException(List.of("--run: " + e.getMessage()));
        }
        Path file = out != null ? out : ReportFiles.page(report.get());
        AtomicFiles.write(file, html.getBytes(StandardCharsets.UTF_8));
        System.out.println(file);
        return ExitCodes.OK;
    }
}
