package dev.seedwatch.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import dev.seedwatch.replay.RunControl;
import dev.seedwatch.run.ExitCodes;
import dev.seedwatch.run.RunOrchestrator;
import dev.seedwatch.run.RunOutcome;
import dev.seedwatch.run.RunSettings;
import dev.seedwatch.run.SeedwatchConfig;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Replay the suite once, analyse, write report and state, export metrics, exit.")
public class RunCommand implements Callable<Integer> {

    @Mixin
    RunOptions options;

    @Mixin
    SelectionOptions selection;

    @Option(names = "--fail-on-change",
            description = "Exit 5 when the run completed and something changed (fingerprint, served model, a "
                    + "deterministic prompt's reply or answer against the baseline or golden run, behaviour, or a model "
                    + "change the probes detected)")
    boolean failOnChange;

    @Option(names = "--junit", paramLabel = "FILE",
            description = "Also write the run as JUnit XML: a test case per target and prompt, failed where it "
                    + "changed or its replies disagreed")
    Optional<Path> junit;

    @Option(names = "--show-replies", description = "Print the distinct replies of every prompt whose replies split "
            + "(default: only when at most 3 prompts split)")
    boolean showReplies;

    @Inject
    SeedwatchConfig config;

    @Inject
    RunOrchestrator orchestrator;

    @Override
    public Integer call() throws RunSettings.InvalidSettingsException {
        RunOutcome outcome = orchestrator.run(
                RunSettings.resolve(options.overrides(selection.selection(), failOnChange, junit), config,
                        System::getenv),
                new RunControl(), true, showReplies);
        if (outcome.exitCode() == ExitCodes.INVALID) {
            throw new RunSettings.InvalidSettingsException(outcome.invalid());
        }
        return outcome.exitCode();
    }
}
