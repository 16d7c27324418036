package dev.seedwatch.replay;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Lets a run be stopped from outside (SIGTERM, the run deadline) or from inside (an {@link Error} while replaying):
 * once stopped, nothing more is sent, in-flight requests are abandoned, and the run goes on to export what
 * completed.
 */
public final class RunControl {

    private final AtomicReference<String> reason = new AtomicReference<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /** Stops the run; the first reason wins. */
    public void stop(String why) {
        if (reason.compareAndSet(null, why)) {
            listeners.forEach(Runnable::run);
        }
    }

    public boolean stopped() {
        return reason.get() != null;
    }

    /** Why the run was stopped, or null. */
    public String reason() {
        return reason.get();
    }

    /** Runs {@code action} when the run is stopped (at once if it already is). */
    public void onStop(Runnable action) {
        listeners.add(action);
        if (stopped()) {
            action.run();
        }
    }
}
