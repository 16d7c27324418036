package dev.seedwatch.cli;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Quarkus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import dev.seedwatch.run.ExitCodes;
import dev.seedwatch.run.Inputs;
import dev.seedwatch.run.RunSettings;
import dev.seedwatch.run.SeedwatchConfig;
import dev.seedwatch.serve.Schedules;
import dev.seedwatch.serve.ServeRuns;
import dev.seedwatch.suite.InvalidSuiteException;
import dev.seedwatch.suite.Suite;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = { "Run the suite at start, then on a schedule (--schedule or seedwatch.schedule: 5-field unix "
                + "cron); serve /runs, /q/metrics and /q/health.",
            "HTTP on port 8080 (quarkus.http.port, QUARKUS_HTTP_PORT); bin/seedwatch binds it to 127.0.0.1 unless "
                    + "QUARKUS_HTTP_HOST says otherwise, the container image to every interface." })
public class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = Logger.getLogger(ServeCommand.class);

    @Mixin
    RunOptions options;

    @Option(names = "--schedule", paramLabel = "CRON",
            description = "When to run the suite after the first run, 5-field unix cron (default: seedwatch.schedule)")
    String schedule;

    @Inject
    SeedwatchConfig config;

    @Inject
    ServeRuns runs;

    @Override
    public Integer call() throws RunSettings.InvalidSettingsException, InvalidSuiteException {
        RunSettings settings = RunSettings.resolve(options.overrides(), config, System::getenv);
        Suite suite = Inputs.suite(settings);
        String schedule = Optional.ofNullable(this.schedule).or(config::schedule).orElse(null);
        List<String> scheduleProblems = Schedules.problems(schedule);
        if (!scheduleProblems.isEmpty()) {
            throw new RunSettings.InvalidSettingsException(scheduleProblems);
        }
        runs.start(settings, suite, schedule);
        LOG.infof("serving: suite %s every '%s'", settings.suite(), schedule);
        Quarkus.waitForExit();
        return ExitCodes.OK;
    }
}
