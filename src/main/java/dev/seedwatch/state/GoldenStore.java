package dev.seedwatch.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

import dev.seedwatch.analysis.Golden;
import dev.seedwatch.support.AtomicFiles;
import dev.seedwatch.support.Json;

/**
 * Reads and writes {@code golden.json} of a (shard's) state directory. It is written only by {@code baseline pin}
 * and removed only by {@code baseline unpin}, so runs and report pruning never touch it.
 */
public final class GoldenStore {

    public static final String FILE = "golden.json";

    private final Path file;

    public GoldenStore(Path dir) {
        this.file = dir.resolve(FILE);
    }

    public Path file() {
        return file;
    }

    /**
     * The pinned golden run, empty when none is pinned. Unlike state, an unreadable golden file is not moved aside:
     * it is what a team validated, and only they should replace it.
     */
    public Optional<Golden> load() throws IOException {
        try {
            Golden golden = Json.MAPPER.readValue(Files.readAllBytes(file), Golden.class);
            if (golden == null || golden.version() != Golden.VERSION) {
                throw new IOException("unsupported golden version " + (golden == null ? "null" : golden.version()));
            }
            return Optional.of(golden);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    public void save(Golden golden) throws IOException {
        AtomicFiles.write(file, Json.MAPPER.writeValueAsBytes(golden));
    }

    /** @return whether a golden run was pinned */
    public boolean delete() throws IOException {
        return Files.deleteIfExists(file);
    }
}
