package dev.seedwatch.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.vertx.core.Vertx;

import dev.seedwatch.page.RunPages;
import dev.seedwatch.replay.RunControl;
import dev.seedwatch.run.ExitCodes;
import dev.seedwatch.run.Overrides;
import dev.seedwatch.run.RunOrchestrator;
import dev.seedwatch.run.RunOutcome;
import dev.seedwatch.run.RunSettings;
import dev.seedwatch.run.SeedwatchConfig;
import dev.seedwatch.run.Selection;
import dev.seedwatch.suite.Shard;
import dev.seedwatch.support.AtomicFiles;

/**
 * {@code seedwatch demo}: the real run, three times, against a provider simulated in this process whose backend is
 * silently swapped before the third run. Nothing leaves the machine: no key, no push, the provider on 127.0.0.1.
 */
@ApplicationScoped
public class Demo {

    static final String SUITE = "seedwatch/demo/suite.yaml";
    static final int RUNS = 3;

    @Inject
    Vertx vertx;

    @Inject
    RunOrchestrator orchestrator;

    @Inject
    SeedwatchConfig config;

    /** What went wrong before anything ran: the state dir cannot hold a fresh demo. */
    public static final class UnusableStateDirException extends Exception {
        UnusableStateDirException(String message) {
            super(message);
        }
    }

    /** @return the exit code of the first run that did not succeed, else 0 */
    public int run(Path stateDir) throws UnusableStateDirException, IOException, InterruptedException {
        requireFresh(stateDir);
        DemoBackend backend = DemoBackend.load();
        try (SimulatedProvider provider = SimulatedProvider.start(vertx, backend)) {
            RunSettings settings = settings(stateDir, writeSuite(stateDir, provider.baseUrl()));
            RunOutcome outcome = null;
            for (int run = 1; run <= RUNS; run++) {
                if (run == RUNS) {
                    backend.swap();
                }
                System.out.printf("%n== demo run %d of %d: %s%n", run, RUNS, run == RUNS
                        ? "the backend was swapped silently (same fingerprint " + backend.fingerprint()
                                + ", same served model " + backend.servedModel() + ")"
                        : "the provider's original backend");
                outcome = orchestrator.run(settings, new RunControl(), true);
                if (outcome.exitCode() != ExitCodes.OK) {
                    outcome.invalid().forEach(p -> System.err.println("seedwatch demo: " + p));
                    return outcome.exitCode();
                }
            }
            printSummary(stateDir, settings, outcome.changes());
            return ExitCodes.OK;
        }
    }

    private static void requireFresh(Path stateDir) throws UnusableStateDirException, IOException {
        if (Files.exists(stateDir) && !Files.isDirectory(stateDir)) {
            throw new UnusableStateDirException("--state-dir " + stateDir + ": is a file, not a directory");
        }
        if (Files.isDirectory(stateDir)) {
            try (Stream<Path> entries = Files.list(stateDir)) {
                if (entries.findAny().isPresent()) {
                    // the first run would compare against whatever ran there before, and the story would not hold
                    throw new UnusableStateDirException("--state-dir " + stateDir
                            + ": not empty; the demo starts from nothing (remove it or name a new directory)");
                }
            }
        }
    }

    private static Path writeSuite(Path stateDir, String baseUrl) throws IOException {
        String text;
        try (InputStream in = Demo.class.getClassLoader().getResourceAsStream(SUITE)) {
            if (in == null) {
                throw new IllegalStateException(SUITE + " is missing from the jar");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${base-url}", baseUrl);
        }
        Path suite = stateDir.resolve("demo-suite.yaml");
        AtomicFiles.write(suite, text.getBytes(StandardCharsets.UTF_8));
        return suite;
    }

    /** As a real run would resolve them, except that nothing is pushed and every run's page is written. */
    private RunSettings settings(Path stateDir, Path suite) throws IOException {
        Overrides overrides = new Overrides(Optional.of(suite), Optional.of(stateDir), Optional.of(Overrides.NO_PUSH),
                Optional.of(stateDir.resolve("metrics.prom")), Optional.empty(), Optional.empty(),
                Optional.of(Shard.ALL), Selection.ALL, false, Optional.empty());
        try {
            return RunSettings.resolve(overrides, config, name -> null).withPages();
        } catch (RunSettings.InvalidSettingsException e) {
            throw new IOException("the demo's settings are invalid: " + e.getMessage(), e);
        }
    }

    private static void printSummary(Path stateDir, RunSettings settings, List<String> changes) throws IOException {
        System.out.printf("%nWhat changed in run %d, with the same fingerprint and served model:%n", RUNS);
        changes.forEach(c -> System.out.println("  " + c));
        RunPages pages = new RunPages(settings.reportDir());
        String latest = pages.runIds().get(0);
        System.out.println();
        System.out.println("Reports and pages: " + pages.runsDir().toAbsolutePath());
        System.out.println("Metrics file:      " + settings.outputs().metricsFile().toAbsolutePath());
        System.out.println("Suite:             " + stateDir.resolve("demo-suite.yaml").toAbsolutePath());
        System.out.println("Open the page of the third run:");
        System.out.println("  " + pages.runsDir().resolve(latest + ".html").toAbsolutePath().toUri());
    }
}
