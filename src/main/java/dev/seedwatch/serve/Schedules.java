package dev.seedwatch.serve;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

/** serve's schedule: a 5-field unix cron expression, as in a CronJob. */
public final class Schedules {

    private static final CronParser UNIX_CRON = new CronParser(
            CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    /** How late a due run may start before serve counts as wedged: time for a run stopped at its deadline to export. */
    static final Duration GRACE = Duration.ofMinutes(5);

    private Schedules() {
    }

    /**
     * When the run after one started at {@code lastStart} must have started for serve to be alive: the first
     * scheduled time after that run's deadline (a trigger while it runs is skipped), plus {@link #GRACE}. Later, no
     * run is starting (a wedged scheduler, a thread stuck for good): the liveness probe says so, and Kubernetes
     * restarts the pod.
     */
    static Instant nextRunDueBy(String schedule, Instant lastStart, Duration runDeadline) {
        return ExecutionTime.forCron(UNIX_CRON.parse(schedule))
                .nextExecution(lastStart.plus(runDeadline).atZone(ZoneOffset.UTC))
                .map(next -> next.toInstant().plus(GRACE))
                .orElseThrow(() -> new IllegalArgumentException("schedule '" + schedule + "' never fires again"));
    }

    /** What is wrong with a serve schedule, if anything. */
    public static List<String> problems(String schedule) {
        if (schedule == null || schedule.isBlank()) {
            return List.of("--schedule (seedwatch.schedule, SEEDWATCH_SCHEDULE): serve needs a 5-field cron schedule, e.g. "
                    + "'0 * * * *'");
        }
        try {
            UNIX_CRON.parse(schedule).validate();
            return List.of();
        } catch (IllegalArgumentException e) {
            return List.of("--schedule (seedwatch.schedule, SEEDWATCH_SCHEDULE): not a 5-field cron expression '" + schedule
                    + "': " + e.getMessage());
        }
    }
}
