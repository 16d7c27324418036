package dev.seedwatch.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

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

    /** A state file written by a newer seedwatch: resetting it would lose its history on a rollback. */
    public static final class NewerStateException extends Exception {
        NewerStateException(String message) {
            super(message);
        }
    }

    /**
     * The stored state; empty when there is none. A file that cannot be read is moved aside with a warning.
     *
     * @throws NewerStateException when the file is of a newer state version than this seedwatch reads
     */
    public State load() throws NewerStateException {
        Path file = dir.resolve(FILE);
        try {
            byte[] content = Files.readAllBytes(file);
            JsonNode version = Json.MAPPER.readTree(content).path("version");
            if (version.isIntegralNumber() && version.asLong() > StateFile.VERSION) {
                throw new NewerStateException(file + ": written by a newer seedwatch (state version " + version.asLong()
                        + "; this one reads " + StateFile.VERSION
                        + "). Refusing to run rather than reset its baselines and counters: run the newer seedwatch, "
                        + "or move the file aside to start afresh");
            }
            StateFile stored = Json.MAPPER.readValue(content, StateFile.class);
            if (stored == null || stored.version() != StateFile.VERSION) {
                throw new IOException("unsupported state version " + (stored == null ? "null" : stored.version()));
            }
            return stored.state();
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
        AtomicFiles.write(dir.resolve(FILE), Json.MAPPER.writeValueAsBytes(StateFile.of(state)));
    }
}
