package dev.seedwatch.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import org.jboss.logging.Logger;

import dev.seedwatch.analysis.ChangeState;
import dev.seedwatch.support.AtomicFiles;
import dev.seedwatch.support.Json;

/**
 * Reads and writes {@code change.json} of a (shard's) state directory: the change tests' references and evidence.
 * It is kept apart from {@code state.json} because it is reset on its own ({@code baseline pin | unpin}) and is
 * larger (probe replies, embeddings).
 */
public final class ChangeStore {

    private static final Logger LOG = Logger.getLogger(ChangeStore.class);
    public static final String FILE = "change.json";

    private final Path file;

    public ChangeStore(Path dir) {
        this.file = dir.resolve(FILE);
    }

    /**
     * The stored references; empty when there are none. A file that cannot be read (or of another version) is moved
     * aside with a warning: the next run whose probes all succeed sets a new reference, with fresh evidence.
     */
    public ChangeState load() {
        try {
            ChangeState state = Json.MAPPER.readValue(Files.readAllBytes(file), ChangeState.class);
            if (state == null || state.version() != ChangeState.VERSION) {
                throw new IOException("unsupported version " + (state == null ? "null" : state.version()));
            }
            return state;
        } catch (NoSuchFileException e) {
            return ChangeState.empty();
        } catch (IOException | RuntimeException e) {
            Path aside = file.resolveSibling(FILE + ".corrupt-" + Instant.now().toEpochMilli());
            try {
                Files.move(file, aside);
                LOG.warnf("change references %s are unreadable (%s); moved to %s, the next complete run is the new "
                        + "reference", file, e.getMessage(), aside.getFileName());
            } catch (IOException moveFailed) {
                LOG.warnf("change references %s are unreadable (%s) and could not be moved aside: %s", file,
                        e.getMessage(), moveFailed.getMessage());
            }
            return ChangeState.empty();
        }
    }

    /** Writes atomically; the problem to report when it could not. */
    public Optional<String> save(ChangeState state) {
        try {
            AtomicFiles.write(file, Json.MAPPER.writeValueAsBytes(state));
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("change references not written to " + file + ": " + e.getMessage());
        }
    }
}
