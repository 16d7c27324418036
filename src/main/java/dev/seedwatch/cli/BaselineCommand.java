package dev.seedwatch.cli;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import dev.seedwatch.analysis.Golden;
import dev.seedwatch.run.ExitCodes;
import dev.seedwatch.run.GoldenPins;
import dev.seedwatch.run.Inputs;
import dev.seedwatch.run.RunSettings;
import dev.seedwatch.run.SeedwatchConfig;
import dev.seedwatch.suite.InvalidSuiteException;
import dev.seedwatch.suite.Suite;

@Command(name = "baseline", mixinStandardHelpOptions = true,
        description = "Pin a run as the golden baseline, show it, or unpin it.",
        subcommands = { BaselineCommand.Pin.class, BaselineCommand.Show.class, BaselineCommand.Unpin.class })
public class BaselineCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: pin, show, unpin");
    }

    @Command(name = "pin", mixinStandardHelpOptions = true,
            description = "Store a run's most common texts and answers as the golden baseline (default: the newest "
                    + "complete run). Only prompts the run measured fully are pinned.")
    public static class Pin implements Callable<Integer> {

        @Mixin
        StateOptions options;

        @Option(names = "--run", paramLabel = "RUN_ID", description = "The run to pin (a report name without .json)")
        String runId;

        @Inject
        SeedwatchConfig config;

        @Override
        public Integer call() throws RunSettings.InvalidSettingsException, InvalidSuiteException {
            try {
                RunSettings settings = RunSettings.resolve(options.overrides(), config, System::getenv);
                // the suite names the reports; loading it also checks it as run would
                Suite suite = Inputs.suite(settings);
                GoldenPins.Pinned pinned = GoldenPins.pin(settings, suite.name(), runId, Instant.now());
                Golden g = pinned.golden();
                System.out.println("pinned run " + g.runId() + " (ran " + g.ranAt() + ") as the golden baseline in "
                        + settings.stateDir() + ": " + pinned.pinned().size() + " prompt(s)");
                pinned.pinned().forEach(p -> System.out.println("  pinned   " + p));
                pinned.skipped().forEach(p -> System.out.println("  skipped  " + p + " (not fully measured)"));
                System.out.println("change reference (probes): the golden run's for "
                        + GoldenPins.changeReferencesPinned(settings) + "; other targets' reset, the next run whose "
                        + "probes all succeed sets it");
                return ExitCodes.OK;
            } catch (GoldenPins.PinException e) {
                System.err.println("seedwatch: nothing pinned: " + e.getMessage());
                return ExitCodes.INVALID;
            } catch (IOException e) {
                System.err.println("seedwatch: golden baseline not written, the previous one stays: " + e.getMessage());
                return ExitCodes.EXPORT_FAILED;
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print the golden baseline.")
    public static class Show implements Callable<Integer> {

        @Mixin
        StateOptions options;

        @Inject
        SeedwatchConfig config;

        @Override
        public Integer call() throws RunSettings.InvalidSettingsException {
            try {
                RunSettings settings = RunSettings.resolve(options.overrides(), config, System::getenv);
                Optional<Golden> golden = GoldenPins.show(settings);
                if (golden.isEmpty()) {
                    System.out.println("no golden baseline pinned in " + settings.stateDir());
                    return ExitCodes.OK;
                }
                Golden g = golden.get();
                System.out.println("golden run " + g.runId() + " of suite " + g.suite()
                        + (g.shard() == null ? "" : " shard " + g.shard()) + ", ran " + g.ranAt() + ", pinned "
                        + g.pinnedAt());
                g.targets().forEach((name, t) -> System.out.println("  target " + name + " (" + t.model()
                        + "): fingerprints " + String.join(", ", t.fingerprints()) + "; served models "
                        + String.join(", ", t.servedModels())));
                g.prompts().forEach((target, prompts) -> prompts.forEach((id, p) -> print(target, id, p)));
                return ExitCodes.OK;
            } catch (IOException e) {
                System.err.println("seedwatch: golden baseline unreadable: " + e.getMessage());
                return ExitCodes.EXPORT_FAILED;
            }
        }

        private static void print(String target, String id, Golden.Prompt p) {
            System.out.println("  " + target + "/" + id + " " + p.requestHash());
            if (p.answerRule() != null) {
                System.out.println("    answer (" + p.answerRule() + "): " + p.answer());
            }
            System.out.println("    text: " + p.text().replace("\n", "\n          "));
        }
    }

    @Command(name = "unpin", mixinStandardHelpOptions = true,
            description = "Remove the golden baseline; the next run exports no golden series.")
    public static class Unpin implements Callable<Integer> {

        @Mixin
        StateOptions options;

        @Inject
        SeedwatchConfig config;

        @Override
        public Integer call() throws RunSettings.InvalidSettingsException {
            try {
                RunSettings settings = RunSettings.resolve(options.overrides(), config, System::getenv);
                System.out.println(GoldenPins.unpin(settings) ? "unpinned the golden baseline in " + settings.stateDir()
                        : "no golden baseline was pinned in " + settings.stateDir());
                return ExitCodes.OK;
            } catch (IOException e) {
                System.err.println("seedwatch: golden baseline not removed: " + e.getMessage());
                return ExitCodes.EXPORT_FAILED;
            }
        }
    }
}
