package dev.seedwatch.serve;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

/** Whether serve mode's suite is loaded and valid, and if not, why; and when its last run started. */
@ApplicationScoped
public class ServeState {

    private record Schedule(String cron, Duration runDeadline) {
    }

    private final AtomicReference<List<String>> problems = new AtomicReference<>(List.of("suite not loaded yet"));
    private final AtomicReference<Schedule> schedule = new AtomicReference<>();
    private final AtomicReference<Instant> lastRunStart = new AtomicReference<>();

    public void suiteValid() {
        problems.set(List.of());
    }

    public void suiteInvalid(List<String> why) {
        problems.set(List.copyOf(why));
    }

    public List<String> problems() {
        return problems.get();
    }

    /** Serve runs on {@code cron}; its clock starts now, as if a run had started. */
    void scheduled(String cron, Duration runDeadline, Instant now) {
        schedule.set(new Schedule(cron, runDeadline));
        lastRunStart.set(now);
    }

    void runStarted(Instant at) {
        lastRunStart.set(at);
    }

    Optional<Instant> lastRunStart() {
        return Optional.ofNullable(lastRunStart.get());
    }

    /** When the next run must have started; empty when nothing is scheduled (not serving). */
    Optional<Instant> nextRunDueBy() {
        Schedule s = schedule.get();
        Instant last = lastRunStart.get();
        return s == null || last == null ? Optional.empty()
                : Optional.of(Schedules.nextRunDueBy(s.cron(), last, s.runDeadline()));
    }
}
