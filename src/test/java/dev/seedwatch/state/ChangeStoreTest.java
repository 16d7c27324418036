package dev.seedwatch.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.seedwatch.analysis.ChangeState;
import dev.seedwatch.analysis.change.Evidence;
import dev.seedwatch.suite.Probe;

/** change.json: written atomically, read back whole, and an unreadable or foreign version one is moved aside. */
class ChangeStoreTest {

    @TempDir
    Path dir;

    static ChangeState state() {
        ChangeState.Sample sample = new ChangeState.Sample(Probe.LOGPROBS, "sha256:a",
                List.of(Map.of("Once", -0.03, " There", -3.5)), List.of(), List.of());
        ChangeState.Reference reference = new ChangeState.Reference("run-1", Instant.parse("2026-01-01T00:00:30Z"),
                true, "all-MiniLM-L6-v2", Map.of("first-token", sample), new Evidence(3, 12.5));
        return new ChangeState(ChangeState.VERSION, Map.of("t1", reference), Map.of("t1", reference));
    }

    @Test
    void whatIsSavedIsReadBack() {
        ChangeStore store = new ChangeStore(dir);

        assertThat(store.load()).isEqualTo(ChangeState.empty());
        assertThat(store.save(state())).isEmpty();
        assertThat(store.load()).isEqualTo(state());
    }

    @Test
    void anUnreadableOrForeignVersionFileIsMovedAsideAndReadAsNoReference() throws Exception {
        Files.writeString(dir.resolve(ChangeStore.FILE), "{\"version\": 99, \"references\": {}}");

        assertThat(new ChangeStore(dir).load()).isEqualTo(ChangeState.empty());
        assertThat(dir.resolve(ChangeStore.FILE)).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).singleElement().asString()
                    .startsWith(ChangeStore.FILE + ".corrupt-");
        }
    }

    @Test
    void aStateDirThatCannotBeWrittenIsAProblemNotAnException() throws Exception {
        Path file = dir.resolve("not-a-dir");
        Files.writeString(file, "x");

        assertThat(new ChangeStore(file).save(state())).hasValueSatisfying(p -> assertThat(p).contains("change.json"));
    }
}
