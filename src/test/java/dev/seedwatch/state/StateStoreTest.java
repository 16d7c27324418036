package dev.seedwatch.state;

import static dev.seedwatch.testing.BuildState.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.seedwatch.analysis.BackendRecord;
import dev.seedwatch.analysis.Baseline;
import dev.seedwatch.analysis.GoldenDrift;
import dev.seedwatch.analysis.PromptMemory;
import dev.seedwatch.analysis.RecentText;
import dev.seedwatch.analysis.State;
import dev.seedwatch.analysis.TargetMemory;
import dev.seedwatch.analysis.TokenTotals;
import dev.seedwatch.testing.BuildState;

class StateStoreTest {

    @TempDir
    Path dir;

    static State sample() {
        Baseline b1 = new Baseline("sha256:aa", "all-minilm-l6-v2", "héllo😀 \"quoted\"\nline", "run-1",
                Instant.parse("2025-01-02T03:01:30.123456789Z"));
        Baseline b2 = new Baseline("sha256:bb", "all-minilm-l6-v2", "", "run-1", Instant.parse("2025-01-02T03:01:30Z"));
        Baseline b3 = new Baseline("sha256:cc", "text-embedding-3-small", "other", "run-0",
                Instant.parse("2024-12-31T23:59:59.999Z"));
        return BuildState.state().baseline("t1", "p1", b1).baseline("t1", "p2", b2).baseline("t2", "q", b3)
                .backends("t1", List.of(new BackendRecord("run-1", "gpt-test", List.of("fp_b", "none"), List.of("m-1")),
                        new BackendRecord("run-0", "gpt-test", List.of("fp_a"), List.of())))
                .tokens("t1", new TokenTotals(123456789012L, 42)).tokens("t2", TokenTotals.ZERO)
                .lastSuccess(1735786890.25).loadSensitiveRuns("t1", "p1", 2).build();
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Nested
    class Store {

        @Test
        void saveThenLoadRoundTrips() throws Exception {
            State state = sample();
            StateStore store = new StateStore(dir);
            store.save(state);
            State loaded = new StateStore(dir).load();
            assertThat(loaded).isEqualTo(state);
            // Instants with nanoseconds survive
            assertThat(loaded.prompt(key("t1", "p1")).baseline().orElseThrow().recordedAt())
                    .isEqualTo(Instant.parse("2025-01-02T03:01:30.123456789Z"));
            assertThat(loaded.prompt(key("t1", "p1")).baseline().orElseThrow().text())
                    .isEqualTo("héllo😀 \"quoted\"\nline");
            assertThat(loaded.prompt(key("t1", "p2")).baseline().orElseThrow().text()).isEqualTo("");
            assertThat(loaded.target("t1").backends()).extracting(BackendRecord::runId)
                    .containsExactly("run-1", "run-0");
            assertThat(loaded.target("t1").tokens()).contains(new TokenTotals(123456789012L, 42));
            assertThat(loaded.lastSuccessTimestampSeconds()).isEqualTo(1735786890.25);
        }

        @Test
        void emptyStateRoundTrips() throws Exception {
            StateStore store = new StateStore(dir);
            store.save(State.empty());
            State loaded = store.load();
            assertThat(loaded).isEqualTo(State.empty());
            assertThat(loaded.lastSuccessTimestampSeconds()).isNull();
        }

        @Test
        void saveOverwritesAndLeavesNoTemporaryFiles() throws Exception {
            StateStore store = new StateStore(dir);
            store.save(State.empty());
            store.save(sample());
            assertThat(store.load()).isEqualTo(sample());
            assertThat(files(dir)).containsExactly(StateStore.FILE);
        }

        @Test
        void saveCreatesTheDirectory() throws Exception {
            Path nested = dir.resolve("a/b/state");
            new StateStore(nested).save(sample());
            assertThat(nested.resolve(StateStore.FILE)).isRegularFile();
            assertThat(new StateStore(nested).load()).isEqualTo(sample());
        }

        @Test
        void savedFileIsJson() throws Exception {
            new StateStore(dir).save(sample());
            String json = Files.readString(dir.resolve(StateStore.FILE), StandardCharsets.UTF_8);
            // ISO timestamps, not epoch numbers
            assertThat(json).contains("\"version\"").contains("2025-01-02T03:01:30.123456789Z");
        }

        @Test
        void missingFileIsAnEmptyState() throws Exception {
            assertThat(new StateStore(dir).load()).isEqualTo(State.empty());
        }

        @Test
        void missingDirectoryIsAnEmptyState() throws Exception {
            assertThat(new StateStore(dir.resolve("does-not-exist")).load()).isEqualTo(State.empty());
        }

        @Test
        void corruptFileIsMovedAsideAndLoadIsEmpty() throws Exception {
            Files.writeString(dir.resolve(StateStore.FILE), "{not json");
            State loaded = new StateStore(dir).load();
            assertThat(loaded).isEqualTo(State.empty());
            assertThat(dir.resolve(StateStore.FILE)).doesNotExist();
            List<String> names = files(dir);
            assertThat(names).hasSize(1);
            assertThat(names.get(0)).startsWith("state.json.corrupt-");
            // the unreadable content is kept for a human to look at
            assertThat(Files.readString(dir.resolve(names.get(0)))).isEqualTo("{not json");
        }

        @Test
        void truncatedFileIsMovedAside() throws Exception {
            new StateStore(dir).save(sample());
            String json = Files.readString(dir.resolve(StateStore.FILE));
            Files.writeString(dir.resolve(StateStore.FILE), json.substring(0, json.length() / 2));
            assertThat(new StateStore(dir).load()).isEqualTo(State.empty());
            assertThat(files(dir)).singleElement().asString().startsWith("state.json.corrupt-");
        }

        @Test
        void emptyFileIsMovedAside() throws Exception {
            Files.writeString(dir.resolve(StateStore.FILE), "");
            assertThat(new StateStore(dir).load()).isEqualTo(State.empty());
            assertThat(files(dir)).singleElement().asString().startsWith("state.json.corrupt-");
        }

        @Test
        void jsonNullIsMovedAside() throws Exception {
            Files.writeString(dir.resolve(StateStore.FILE), "null");
            assertThat(new StateStore(dir).load()).isEqualTo(State.empty());
            assertThat(files(dir)).singleElement().asString().startsWith("state.json.corrupt-");
        }

        @Test
        void anOlderUnsupportedVersionIsMovedAside() throws Exception {
            Files.writeString(dir.resolve(StateStore.FILE), "{\"version\": 0}");
            assertThat(new StateStore(dir).load()).isEqualTo(State.empty());
            assertThat(files(dir)).singleElement().asString().startsWith("state.json.corrupt-");
        }

        @Test
        void aNewerSeedwatchsStateIsRefusedAndKept() throws Exception {
            Files.writeString(dir.resolve(StateStore.FILE), "{\"version\": 99}");
            StateStore.NewerStateException e = catchThrowableOfType(StateStore.NewerStateException.class,
                    () -> new StateStore(dir).load());
            assertThat(e.getMessage()).contains("newer seedwatch").contains("state version 99")
                    .contains("this one reads " + StateFile.VERSION);
            assertThat(files(dir)).containsExactly(StateStore.FILE);
        }

        @Test
        void nextSaveAfterACorruptFileWorks() throws Exception {
            Files.writeString(dir.resolve(StateStore.FILE), "{not json");
            StateStore store = new StateStore(dir);
            assertThat(store.load()).isEqualTo(State.empty());
            store.save(sample());
            assertThat(store.load()).isEqualTo(sample());
        }

        @Test
        void aNullEntryRemembersNothingAndTheRestOfTheFileIsKept() throws Exception {
            Files.writeString(dir.resolve(StateStore.FILE), """
                    {"version": 1, "baselines": {"t1": {"p1": null, "p2": {"requestHash": "sha256:bb",
                      "embeddingModel": "m", "text": "x", "runId": "run-1", "recordedAt": "2025-01-02T03:01:30Z"}}},
                     "tokens": {"t1": null}}""");
            State loaded = new StateStore(dir).load();
            assertThat(loaded.prompt(key("t1", "p1"))).isEqualTo(PromptMemory.NONE);
            assertThat(loaded.prompt(key("t1", "p2")).baseline()).isPresent();
            assertThat(loaded.target("t1")).isEqualTo(TargetMemory.NONE);
            assertThat(files(dir)).containsExactly(StateStore.FILE);
        }

        @Test
        void unknownFieldsAreIgnored() throws Exception {
            Files.writeString(dir.resolve(StateStore.FILE),
                    "{\"version\": 1, \"somethingNew\": true, \"lastSuccessTimestampSeconds\": 12.5}");
            State loaded = new StateStore(dir).load();
            assertThat(loaded.lastSuccessTimestampSeconds()).isEqualTo(12.5);
            assertThat(loaded.prompts()).isEmpty();
            assertThat(dir.resolve(StateStore.FILE)).exists();
        }
    }

    /** Files today's seedwatch must read, and write back unchanged so that an older one can read them again. */
    @Nested
    class EarlierFiles {

        @ParameterizedTest
        @ValueSource(strings = {"demo.json", "every-section.json"})
        void aFileOfVersion1IsWrittenBackByteForByte(String name) throws Exception {
            byte[] written = fixture(name);
            Files.write(dir.resolve(StateStore.FILE), written);
            State loaded = new StateStore(dir).load();
            Path copy = dir.resolve("copy");
            new StateStore(copy).save(loaded);
            assertThat(Files.readString(copy.resolve(StateStore.FILE), StandardCharsets.UTF_8))
                    .isEqualTo(new String(written, StandardCharsets.UTF_8));
        }

        @Test
        void everySectionOfAVersion1FileReachesItsPromptOrTarget() throws Exception {
            Files.write(dir.resolve(StateStore.FILE), fixture("every-section.json"));
            State loaded = new StateStore(dir).load();
            PromptMemory summary = loaded.prompt(key("openai", "summary"));
            assertThat(summary.baseline()).hasValueSatisfying(b -> assertThat(b.text()).endsWith("héllo😀"));
            assertThat(summary.recentTexts()).extracting(RecentText::runId)
                    .containsExactly("20261205T071000.123Z-nightly", "20261204T071000.000Z-nightly");
            assertThat(summary.goldenDrift()).contains(new GoldenDrift("20261201T000000.000Z-nightly", 2));
            assertThat(loaded.prompt(key("openai", "label")).answer()).hasValueSatisfying(
                    a -> assertThat(a.answer()).isEqualTo("positive"));
            PromptMemory probe = loaded.prompt(key("claude", "burst-probe"));
            assertThat(probe.loadSensitiveRuns()).hasValue(3);
            assertThat(probe.baseline()).isEmpty();
            assertThat(loaded.target("silent")).isEqualTo(TargetMemory.NONE.withTokens(TokenTotals.ZERO));
            assertThat(loaded.target("openai").backends()).hasSize(2);
            assertThat(loaded.lastSuccessTimestampSeconds()).isEqualTo(1796454600.123);
        }

        private static byte[] fixture(String name) throws IOException {
            try (InputStream in = StateStoreTest.class.getResourceAsStream("/state/v1/" + name)) {
                return in.readAllBytes();
            }
        }
    }

    @Nested
    class Lock {

        @Test
        void secondAcquireWhileHeldIsRefused() throws Exception {
            try (StateLock first = StateLock.acquire(dir)) {
                assertThatThrownBy(() -> StateLock.acquire(dir)).isInstanceOf(StateLock.LockedException.class)
                        .hasMessageContaining(dir.toString());
            }
        }

        @Test
        void canBeAcquiredAgainAfterClose() throws Exception {
            StateLock first = StateLock.acquire(dir);
            first.close();
            try (StateLock second = StateLock.acquire(dir)) {
                assertThat(second).isNotNull();
            }
            // and once more, after a refused attempt in between
            try (StateLock third = StateLock.acquire(dir)) {
                assertThatThrownBy(() -> StateLock.acquire(dir)).isInstanceOf(StateLock.LockedException.class);
            }
            try (StateLock fourth = StateLock.acquire(dir)) {
                assertThat(fourth).isNotNull();
            }
        }

        @Test
        void createsTheDirectoryAndTheLockFile() throws Exception {
            Path stateDir = dir.resolve("new-state");
            try (StateLock lock = StateLock.acquire(stateDir)) {
                assertThat(stateDir.resolve(StateLock.FILE)).isRegularFile();
            }
        }

        @Test
        void locksOfDifferentDirectoriesAreIndependent() throws Exception {
            try (StateLock a = StateLock.acquire(dir.resolve("a")); StateLock b = StateLock.acquire(dir.resolve("b"))) {
                assertThat(a).isNotSameAs(b);
            }
        }
    }
}
