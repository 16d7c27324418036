package dev.seedwatch.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;

import org.jboss.logging.Logger;

import dev.seedwatch.analysis.State;
import dev.seedwatch.support.AtomicFiles;
import dev.seedwatch.support.Json;

/** Reads and writes {@code state.json} of a state directory. */
public final class StateStore {

    private static final Logger LOG = Logger.getLogger(StateStore.class);
    public static final String FILE = "state.json";

    private final Path dir;

    public StateStore(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** The stored state; empty when there is none. A file that cannot be read is moved aside with a warning. */
    public State load() {
        Path file = dir.resolve(FILE);
        try {
            State state = Json.MAPPER.readValue(Files.readAllBytes(file), State.class);
            if (state == null || state.version() != State.VERSION) {
                throw new IOException("unsupported state version " + (state == null ? "null" : state.version()));
            }
            return state;
        } catch (NoSuchFileException e) {
            return State.empty();
        } catch (IOException | RuntimeException e) {
            Path aside = dir.resolve(FILE + ".corrupt-" + Instant.now().toEpochMilli());
            try {
                Files.move(file, aside);
                LOG.warnf("state file %s is unreadable (%s); moved it to %s and starting without baselines", file,
                        e.getMessage(), aside.getFileName());
            } catch (IOException moveFailed) {
                LOG.warnf("state file %s is unreadable (%s) and could not be moved aside: %s", file, e.getMessage(),
                        moveFailed.getMessage());
            }
            return State.empty();
        }
    }

    public void save(State state) throws IOException {
        AtomicFiles.write(dir.resolve(FILE), Json.MAPPER.writeValueAsBytes(state));
    }
}
