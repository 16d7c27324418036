package dev.seedwatch.cli;

import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import dev.seedwatch.suite.InvalidSuiteException;
import dev.seedwatch.suite.Suite;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Load and check the suite and settings exactly as run would, print the plan, send nothing.")
public class ValidateCommand implements Callable<Integer> {

    @Mixin
    RunOptions options;

    @Inject
    SeedwatchConfig config;

    @Override
    public Integer call() {
        try {
            RunSettings settings = RunSettings.resolve(options, config, System::getenv);
            Suite suite = RunPipeline.loadSuite(settings);
            // a schedule set for serve mode is checked too, so that a Deployment's settings can be validated
            java.util.List<String> schedule = config.schedule().filter(x -> !x.isBlank())
                    .map(ServeCommand::scheduleProblems).orElse(java.util.List.of());
            if (!schedule.isEmpty()) {
                RunPipeline.printProblems(schedule);
                return ExitCodes.INVALID;
            }
            System.out.print(Plan.of(suite, settings).render());
            return ExitCodes.OK;
        } catch (RunSettings.InvalidSettingsException | InvalidSuiteException e) {
            return RunPipeline.invalid(e);
        }
    }
}
