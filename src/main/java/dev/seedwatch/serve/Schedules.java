package dev.seedwatch.serve;

import java.util.List;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;

/** serve's schedule: a 5-field unix cron expression, as in a CronJob. */
public final class Schedules {

    private static final CronParser UNIX_CRON = new CronParser(
            CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private Schedules() {
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
