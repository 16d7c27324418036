package dev.seedwatch.serve;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

/** Whether serve mode's suite is loaded and valid, and if not, why. */
@ApplicationScoped
public class ServeState {

    private final AtomicReference<List<String>> problems = new AtomicReference<>(List.of("suite not loaded yet"));

    public void suiteValid() {
        problems.set(List.of());
    }

    public void suiteInvalid(List<String> why) {
        problems.set(List.copyOf(why));
    }

    public List<String> problems() {
        return problems.get();
    }
}
