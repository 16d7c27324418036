package dev.seedwatch.cli;

import java.util.List;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;

import io.quarkus.runtime.Quarkus;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import dev.seedwatch.serve.ServeState;
import dev.seedwatch.suite.InvalidSuiteException;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the suite at start, then on seedwatch.schedule (5-field cron); serve /q/metrics and /q/health.")
public class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = Logger.getLogger(ServeCommand.class);
    private static final CronParser UNIX_CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    @Mixin
    RunOptions options;

    @Inject
    SeedwatchConfig config;

    @Inject
    RunPipeline pipeline;

    @Inject
    ServeState state;

    @Inject
    Scheduler scheduler;

    @Inject
    ServeRuns current;

    /** What is wrong with a serve schedule, if anything: it must be a 5-field unix cron expression. */
    static List<String> scheduleProblems(String schedule) {
        try {
            UNIX_CRON.parse(schedule).validate();
            return List.of();
        } catch (IllegalArgumentException e) {
            return List.of("seedwatch.schedule (SEEDWATCH_SCHEDULE): not a 5-field cron expression '" + schedule
                    + "': " + e.getMessage());
        }
    }

    @Override
    public Integer call() {
        RunSettings settings;
        try {
            settings = RunSettings.resolve(options, config, System::getenv);
            RunPipeline.loadSuite(settings);
        } catch (RunSettings.InvalidSettingsException | InvalidSuiteException e) {
            return RunPipeline.invalid(e);
        }
        String schedule = config.schedule().orElse(null);
        if (schedule == null || schedule.isBlank()) {
            RunPipeline.printProblems(List.of("seedwatch.schedule (SEEDWATCH_SCHEDULE): serve needs a 5-field cron "
                    + "schedule, e.g. '0 * * * *'"));
            return ExitCodes.INVALID;
        }
        List<String> scheduleProblems = scheduleProblems(schedule);
        if (!scheduleProblems.isEmpty()) {
            RunPipeline.printProblems(scheduleProblems);
            return ExitCodes.INVALID;
        }
        state.suiteValid();
        Thread first = new Thread(() -> current.runIfIdle(pipeline, state, settings, "start"), "seedwatch-first-run");
        first.start();
        scheduler.newJob("seedwatch-suite")
                .setCron(schedule)
                .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
                .setTask(execution -> current.runIfIdle(pipeline, state, settings, "schedule"))
                .schedule();
        LOG.infof("serving: suite %s every '%s'", settings.suite(), schedule);
        Quarkus.waitForExit();
        return ExitCodes.OK;
    }
}
