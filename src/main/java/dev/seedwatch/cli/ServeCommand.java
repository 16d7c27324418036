package dev.seedwatch.cli;

import java.util.List;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Quarkus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import dev.seedwatch.run.ExitCodes;
import dev.seedwatch.run.Inputs;
import dev.seedwatch.run.RunSettings;
import dev.seedwatch.run.SeedwatchConfig;
import dev.seedwatch.serve.Schedules;
import dev.seedwatch.serve.ServeRuns;
import dev.seedwatch.suite.InvalidSuiteException;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the suite at start, then on seedwatch.schedule (5-field cron); serve /q/metrics and /q/health.")
public class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = Logger.getLogger(ServeCommand.class);

    @Mixin
    RunOptions options;

    @Inject
    SeedwatchConfig config;

    @Inject
    ServeRuns runs;

    @Override
    public Integer call() {
        RunSettings settings;
        try {
            settings = RunSettings.resolve(options.overrides(), config, System::getenv);
            Inputs.suite(settings);
        } catch (RunSettings.InvalidSettingsException | InvalidSuiteException e) {
            Problems.print(Inputs.problems(e));
            return ExitCodes.INVALID;
        }
        String schedule = config.schedule().orElse(null);
        List<String> scheduleProblems = Schedules.problems(schedule);
        if (!scheduleProblems.isEmpty()) {
            Problems.print(scheduleProblems);
            return ExitCodes.INVALID;
        }
        runs.start(settings, schedule);
        LOG.infof("serving: suite %s every '%s'", settings.suite(), schedule);
        Quarkus.waitForExit();
        return ExitCodes.OK;
    }
}
