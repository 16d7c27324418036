package dev.seedwatch.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import dev.seedwatch.analysis.CosineDistance;
import dev.seedwatch.analysis.TextDistance;

/** The n-gram distance on cases worked out by hand from the features its documentation lists. */
class NgramEmbedderTest {

    final NgramEmbedder embedder = new NgramEmbedder();

    double distance(String a, String b) {
        List<float[]> v = embedder.embed(List.of(a, b));
        return CosineDistance.between(v.get(0), v.get(1));
    }

    @Test
    void aTextIsItsPaddedThreeGramsThenItsWords() {
        assertThat(NgramEmbedder.features("The  cat")).containsExactly("c: th", "c:the", "c:he ", "c:e c", "c: ca",
                "c:cat", "c:at ", "w:the", "w:cat");
        // a 3-gram is three code points: a character outside the BMP is one of them
        assertThat(NgramEmbedder.features("a\uD83D\uDE00")).containsExactly("c: a\uD83D\uDE00",
                "c:a\uD83D\uDE00 ", "w:a");
    }

    @Test
    void identicalTextsAreAtDistanceZero() {
        assertThat(distance("The crew reached Mars orbit.", "The crew reached Mars orbit.")).isZero();
        // case and runs of white space are normalised away
        assertThat(distance("The crew  reached\nMars.", "the crew reached mars.")).isZero();
    }

    @Test
    void textsSharingNoFeatureAreAtDistanceOne() {
        // " aa", "aaa", "aa ", aaa against " bb", "bbb", "bb ", bbb: eight features in eight slots
        assertThat(slots("aaa", "bbb")).doesNotHaveDuplicates();
        assertThat(distance("aaa", "bbb")).isEqualTo(1.0);
    }

    @Test
    void sharedFeaturesGiveTheCosineOfTheCounts() {
        // "the cat" and "the dog": 7 three-grams and 2 words each; " th", "the", "he " and the word "the" are
        // shared, so cos = 4 / (3 * 3) and the distance is 5/9
        assertThat(slots("the cat", "the dog")).hasSize(9 + 9 - 4).doesNotHaveDuplicates();
        assertThat(distance("the cat", "the dog")).isCloseTo(5.0 / 9, Offset.offset(1e-12));
    }

    @Test
    void anEmptyOrBlankTextHasTheZeroVectorAndDistanceOneToAnyOther() {
        assertThat(embedder.embed(List.of("", " \n\t"))).allSatisfy(v -> assertThat(v).isEmpty());
        assertThat(distance("", "a reply")).isEqualTo(1.0);
        // two empty replies are identical texts: distance 0 without embedding
        assertThat(TextDistance.of(Map.of()).between("", "")).isZero();
    }

    @Test
    void theVectorDependsOnTheTextAloneAndTheLabelSaysHowItIsMade() {
        assertThat(embedder.embed(List.of("Once upon a time"))).singleElement()
                .satisfies(v -> assertThat(v).hasSize(NgramEmbedder.DIMENSION).containsExactly(
                        new NgramEmbedder().embed(List.of("Once upon a time")).get(0)));
        assertThat(embedder.modelId()).isEqualTo("ngram:char3+word1-fnv1a-1024");
    }

    /** The distinct slots the features of both texts fall into, shared features counted once. */
    private static List<Integer> slots(String a, String b) {
        return Stream.concat(NgramEmbedder.features(a).stream(), NgramEmbedder.features(b).stream())
                .distinct().map(NgramEmbedder::slot).toList();
    }
}
