package dev.seedwatch.cli;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import dev.seedwatch.run.ExitCodes;
import dev.seedwatch.run.Inputs;
import dev.seedwatch.run.Plan;
import dev.seedwatch.run.RunSettings;
import dev.seedwatch.run.SeedwatchConfig;
import dev.seedwatch.serve.Schedules;
import dev.seedwatch.suite.InvalidSuiteException;
import dev.seedwatch.suite.Suite;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Load and check the suite and settings exactly as run would, print the plan, send nothing.")
public class ValidateCommand implements Callable<Integer> {

    @Mixin
    RunOptions options;

    @Mixin
    SelectionOptions selection;

    @Inject
    SeedwatchConfig config;

    @Override
    public Integer call() throws RunSettings.InvalidSettingsException, InvalidSuiteException {
        RunSettings settings = RunSettings.resolve(options.overrides(selection.selection(), false, Optional.empty()),
                config, System::getenv);
        Suite suite = Inputs.suite(settings);
        // a schedule set for serve mode is checked too, so that a Deployment's settings can be validated
        List<String> schedule = config.schedule().filter(x -> !x.isBlank()).map(Schedules::problems)
                .orElse(List.of());
        if (!schedule.isEmpty()) {
            throw new RunSettings.InvalidSettingsException(schedule);
        }
        System.out.print(Plan.of(suite, settings).render());
        return ExitCodes.OK;
    }
}
