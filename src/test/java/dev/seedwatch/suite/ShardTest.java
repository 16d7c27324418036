package dev.seedwatch.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShardTest {

    private static final List<String> TARGETS = List.of("openai-mini", "azure-35", "ollama", "vllm");

    /** 4 targets x 50 prompts = 200 (target, prompt) pairs. */
    private static List<PromptKey> pairs(int prompts) {
        List<PromptKey> pairs = new ArrayList<>();
        for (String target : TARGETS) {
            for (int p = 0; p < prompts; p++) {
                pairs.add(new PromptKey(target, "prompt-" + p));
            }
        }
        return pairs;
    }

    @Test
    void parsesIndexSlashCount() {
        Shard shard = Shard.parse("1/3");
        assertThat(shard.index()).isEqualTo(1);
        assertThat(shard.count()).isEqualTo(3);
        assertThat(shard.sharded()).isTrue();
        assertThat(shard.toString()).isEqualTo("1/3");
        assertThat(Shard.parse(" 0 / 4 ")).isEqualTo(new Shard(0, 4));
        assertThat(Shard.parse("0/1")).isEqualTo(Shard.ALL);
        assertThat(Shard.ALL.sharded()).isFalse();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", " ", "1", "1/", "/3", "a/b", "1/x", "1/3/4", "1-3", "1.0/3", "-1/3", "0/0", "1/-2",
            "3/3", "5/2", "99999999999/100000000000"})
    void rejectsInvalidText(String text) {
        assertThatThrownBy(() -> Shard.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shard");
    }

    @Test
    void indexMustBeBelowCount() {
        assertThatThrownBy(() -> new Shard(3, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Shard(-1, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Shard(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Shard.parse("2/2")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0..1");
    }

    @Test
    void singleShardIncludesEverything() {
        assertThat(pairs(50)).allSatisfy(p -> assertThat(Shard.ALL.includes(p)).isTrue());
    }

    @ParameterizedTest(name = "N={0}")
    @ValueSource(ints = {2, 3, 5})
    void everyPairIsInExactlyOneShard(int count) {
        List<PromptKey> pairs = pairs(50);
        assertThat(pairs).hasSize(200);
        int[] perShard = new int[count];
        for (PromptKey pair : pairs) {
            int owners = 0;
            for (int i = 0; i < count; i++) {
                if (new Shard(i, count).includes(pair)) {
                    owners++;
                    perShard[i]++;
                }
            }
            assertThat(owners).as("shards owning %s", pair).isEqualTo(1);
        }
        // a hash split of 200 pairs leaves no shard empty
        for (int i = 0; i < count; i++) {
            assertThat(perShard[i]).as("pairs in shard %d/%d", i, count).isPositive();
        }
    }

    @ParameterizedTest(name = "N={0}")
    @ValueSource(ints = {2, 3, 5})
    void addingPromptsDoesNotMoveExistingPairs(int count) {
        Map<PromptKey, Integer> before = assignment(pairs(50), count);
        Map<PromptKey, Integer> after = assignment(pairs(80), count);

        assertThat(after).hasSize(320);
        before.forEach((pair, shard) -> assertThat(after.get(pair)).as(pair.toString()).isEqualTo(shard));
    }

    @Test
    void targetAndPromptAreNotConfusedByConcatenation() {
        // "a" + "bc" and "ab" + "c" are different pairs; with enough such pairs at least one lands elsewhere
        int differ = 0;
        for (int i = 0; i < 50; i++) {
            String left = "t" + i;
            if (owner(new PromptKey(left, "-x"), 5) != owner(new PromptKey(left + "-", "x"), 5)) {
                differ++;
            }
        }
        assertThat(differ).isPositive();
    }

    private static Map<PromptKey, Integer> assignment(List<PromptKey> pairs, int count) {
        Map<PromptKey, Integer> owners = new HashMap<>();
        for (PromptKey pair : pairs) {
            owners.put(pair, owner(pair, count));
        }
        return owners;
    }

    private static int owner(PromptKey key, int count) {
        for (int i = 0; i < count; i++) {
            if (new Shard(i, count).includes(key)) {
                return i;
            }
        }
        throw new AssertionError("no shard includes " + key);
    }
}
