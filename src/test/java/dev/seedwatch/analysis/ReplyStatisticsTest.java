package dev.seedwatch.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ReplyStatisticsTest {

    private static final double EPS = 1e-12;

    /**
     * A TextDistance from a hand-written table, symmetric; identical texts are 0 apart. Any look-up of a pair that is
     * not in the table fails the test, and every look-up is recorded.
     */
    private static final class TableDistance implements TextDistance {
        private final Map<String, Double> table = new LinkedHashMap<>();
        final List<String> lookups = new ArrayList<>();

        TableDistance put(String a, String b, double d) {
            table.put(a + "|" + b, d);
            table.put(b + "|" + a, d);
            return this;
        }

        @Override
        public double between(String a, String b) {
            lookups.add(a + "|" + b);
            if (a.equals(b)) {
                return 0.0;
            }
            Double d = table.get(a + "|" + b);
            if (d == null) {
                fail("no distance in the table for " + a + " / " + b);
            }
            return d;
        }
    }

    @Nested
    class Counts {
        @Test
        void countsDistinctTextsInOrderOfFirstAppearance() {
            Map<String, Integer> counts = ReplyStatistics.counts(List.of("b", "a", "b", "c", "b"));
            // b x3 (first at 0), a x1 (first at 1), c x1 (first at 3)
            assertThat(counts).containsExactly(entry("b", 3), entry("a", 1), entry("c", 1));
        }

        @Test
        void emptyListGivesNoCounts() {
            assertThat(ReplyStatistics.counts(List.of())).isEmpty();
        }

        @Test
        void emptyTextIsATextOfItsOwn() {
            // "" x2, "x" x1
            assertThat(ReplyStatistics.counts(List.of("", "x", ""))).containsExactly(entry("", 2), entry("x", 1));
        }
    }

    @Nested
    class MostCommon {
        @Test
        void highestCountWins() {
            Map<String, Integer> counts = new LinkedHashMap<>();
            counts.put("a", 1);
            counts.put("z", 3);
            counts.put("m", 2);
            // z has 3 > 2 > 1
            assertThat(ReplyStatistics.mostCommon(counts)).isEqualTo("z");
        }

        @Test
        void tieGoesToLexicographicallySmallest() {
            Map<String, Integer> counts = new LinkedHashMap<>();
            counts.put("b", 2);
            counts.put("a", 2);
            // tie at 2: "a" < "b"
            assertThat(ReplyStatistics.mostCommon(counts)).isEqualTo("a");
        }

        @Test
        void tieIndependentOfInsertionOrder() {
            Map<String, Integer> counts = new LinkedHashMap<>();
            counts.put("a", 2);
            counts.put("b", 2);
            // tie at 2: "a" < "b", whichever came first
            assertThat(ReplyStatistics.mostCommon(counts)).isEqualTo("a");
        }

        @Test
        void tieBetweenPrefixAndLongerTextGoesToThePrefix() {
            Map<String, Integer> counts = new LinkedHashMap<>();
            counts.put("abc", 1);
            counts.put("ab", 1);
            // "ab" is a proper prefix of "abc", so lexicographically smaller
            assertThat(ReplyStatistics.mostCommon(counts)).isEqualTo("ab");
        }

        @Test
        void emptyTextWinsATieAgainstAnyOtherText() {
            Map<String, Integer> counts = new LinkedHashMap<>();
            counts.put("a", 1);
            counts.put("", 1);
            // "" is a prefix of everything
            assertThat(ReplyStatistics.mostCommon(counts)).isEqualTo("");
        }

        @Test
        void tieComparesSupplementaryCharactersByCodePoint() {
            Map<String, Integer> counts = new LinkedHashMap<>();
            counts.put("\uFFFD", 1); // U+FFFD
            counts.put("\uD83D\uDE00", 1); // U+1F600 (as UTF-16 units D83D DE00, which sort BEFORE FFFD)
            // by code point U+FFFD < U+1F600, so "\uFFFD" wins; String.compareTo (UTF-16 units) would pick the emoji
            assertThat("\uD83D\uDE00".compareTo("\uFFFD")).isNegative(); // premise: UTF-16 order differs
            assertThat(ReplyStatistics.mostCommon(counts)).isEqualTo("\uFFFD");
        }

        @Test
        void tieComparesSupplementaryCharactersByCodePointWhateverTheOrder() {
            Map<String, Integer> counts = new LinkedHashMap<>();
            counts.put("\uD83D\uDE00", 2);
            counts.put("\uFFFD", 2);
            // U+FFFD < U+1F600
            assertThat(ReplyStatistics.mostCommon(counts)).isEqualTo("\uFFFD");
        }

        @Test
        void noTextsGiveNull() {
            assertThat(ReplyStatistics.mostCommon(Map.of())).isNull();
        }

        @Test
        void compareCodePointsOrdersByCodePoint() {
            // U+FFFD vs U+1F600: negative
            assertThat(ReplyStatistics.compareCodePoints("\uFFFD", "\uD83D\uDE00")).isNegative();
            // reverse: positive
            assertThat(ReplyStatistics.compareCodePoints("\uD83D\uDE00", "\uFFFD")).isPositive();
            // equal strings: 0
            assertThat(ReplyStatistics.compareCodePoints("x\uD83D\uDE00", "x\uD83D\uDE00")).isZero();
            // prefix is smaller
            assertThat(ReplyStatistics.compareCodePoints("ab", "abc")).isNegative();
        }
    }

    @Nested
    class ExactMatchRatio {
        @Test
        void nullWithoutSuccesses() {
            assertThat(ReplyStatistics.exactMatchRatio(Map.of(), 0)).isNull();
        }

        @Test
        void shareOfTheMostCommonText() {
            Map<String, Integer> counts = ReplyStatistics.counts(List.of("a", "b", "a", "a", "c"));
            // most common "a" x3 of 5 successes = 0.6
            assertThat(ReplyStatistics.exactMatchRatio(counts, 5)).isCloseTo(0.6, within(EPS));
        }

        @Test
        void allIdenticalIsOne() {
            Map<String, Integer> counts = ReplyStatistics.counts(List.of("x", "x", "x"));
            // 3 / 3 = 1.0
            assertThat(ReplyStatistics.exactMatchRatio(counts, 3)).isEqualTo(1.0);
        }

        @Test
        void tieUsesTheTieBrokenText() {
            Map<String, Integer> counts = ReplyStatistics.counts(List.of("b", "a", "b", "a"));
            // tie 2/2 -> "a", 2 / 4 = 0.5
            assertThat(ReplyStatistics.exactMatchRatio(counts, 4)).isEqualTo(0.5);
        }

        @Test
        void allDifferentIsOneOverN() {
            Map<String, Integer> counts = ReplyStatistics.counts(List.of("a", "b", "c", "d"));
            // 1 / 4 = 0.25
            assertThat(ReplyStatistics.exactMatchRatio(counts, 4)).isEqualTo(0.25);
        }
    }

    @Nested
    class CommonPrefix {
        @Test
        void nullForNoTexts() {
            assertThat(ReplyStatistics.commonPrefixCodePoints(List.of())).isNull();
        }

        @Test
        void fullLengthForOneText() {
            // "hello" = 5 code points
            assertThat(ReplyStatistics.commonPrefixCodePoints(List.of("hello"))).isEqualTo(5);
        }

        @Test
        void fullLengthForOneUnicodeTextInCodePoints() {
            // h é l l o 😀 = 6 code points (7 UTF-16 units)
            assertThat(ReplyStatistics.commonPrefixCodePoints(List.of("héllo😀"))).isEqualTo(6);
        }

        @Test
        void identicalTextsShareEverything() {
            // "abc" x3 -> 3
            assertThat(ReplyStatistics.commonPrefixCodePoints(List.of("abc", "abc", "abc"))).isEqualTo(3);
        }

        @Test
        void zeroWhenAnEmptyTextIsAmongThem() {
            // "" shares nothing
            assertThat(ReplyStatistics.commonPrefixCodePoints(List.of("abc", "", "abd"))).isEqualTo(0);
            assertThat(ReplyStatistics.commonPrefixCodePoints(List.of("", "abc"))).isEqualTo(0);
        }

        @Test
        void zeroForOneEmptyText() {
            assertThat(ReplyStatistics.commonPrefixCodePoints(List.of(""))).isEqualTo(0);
        }

        @Test
        void sharedStartOfAsciiTexts() {
            // "abcd","abce","abx": min over pairs with first: 3, then 2 -> "ab" = 2
            assertThat(ReplyStatistics.commonPrefixCodePoints(List.of("abcd", "abce", "abx"))).isEqualTo(2);
        }

        @Test
        void shorterTextThatIsAPrefixOfTheOthers() {
            // "ab" is a prefix of "abc" and "abcd" -> 2
            assertThat(ReplyStatistics.commonPrefixCodePoints(List.of("abc", "ab", "abcd"))).isEqualTo(2);
        }

        @Test
        void nothingSharedIsZero() {
            assertThat(ReplyStatistics.commonPrefixCodePoints(List.of("abc", "xbc"))).isEqualTo(0);
        }

        @Test
        void emojiCountsAsOneCodePoint() {
            // h é l l o 😀 shared = 6 code points; then a vs b differ
            assertThat(ReplyStatistics.commonPrefixCodePoints(List.of("héllo😀a", "héllo😀b"))).isEqualTo(6);
        }

        @Test
        void combiningCharacterCountsAsItsOwnCodePoint() {
            // "e\u0301x" vs "e\u0301y": 'e' + U+0301 shared = 2 code points
            assertThat(ReplyStatistics.commonPrefixCodePoints(List.of("e\u0301x", "e\u0301y"))).isEqualTo(2);
            // "e\u0301" vs "e\u0300": only 'e' shared = 1
            assertThat(ReplyStatistics.commonPrefixCodePoints(List.of("e\u0301", "e\u0300"))).isEqualTo(1);
        }

        @Test
        void differentEmojiSharingAHighSurrogateAreNotAPrefix() {
            // U+1F600 = D83D DE00, U+1F601 = D83D DE01: same high surrogate, different code points -> "a" only = 1
            assertThat(ReplyStatistics.commonPrefixCodePoints(List.of("a\uD83D\uDE00", "a\uD83D\uDE01")))
                    .isEqualTo(1);
        }

        @Test
        void twoEmojiThenDifference() {
            // 😀😀 shared = 2 code points (4 UTF-16 units)
            assertThat(ReplyStatistics.commonPrefixCodePoints(List.of("😀😀x", "😀😀y", "😀😀"))).isEqualTo(2);
        }
    }

    @Nested
    class Distances {
        @Test
        void nullForNoText() {
            assertThat(ReplyStatistics.distances(List.of(), new TableDistance())).isNull();
        }

        @Test
        void nullForOneText() {
            TableDistance table = new TableDistance();
            assertThat(ReplyStatistics.distances(List.of("A"), table)).isNull();
        }

        @Test
        void identicalTextsAreZeroApart() {
            ReplyStatistics.Distances d = ReplyStatistics.distances(List.of("A", "A", "A"), new TableDistance());
            // all 3 pairs 0 -> mean 0, max 0, firstToRest 0
            assertThat(d).isNotNull();
            assertThat(d.mean()).isEqualTo(0.0);
            assertThat(d.max()).isEqualTo(0.0);
            assertThat(d.firstToRestMean()).isEqualTo(0.0);
        }

        @Test
        void twoTexts() {
            TableDistance table = new TableDistance().put("A", "B", 0.4);
            ReplyStatistics.Distances d = ReplyStatistics.distances(List.of("A", "B"), table);
            // one pair (A,B)=0.4 -> mean 0.4, max 0.4, firstToRest 0.4/1 = 0.4
            assertThat(d.mean()).isCloseTo(0.4, within(EPS));
            assertThat(d.max()).isCloseTo(0.4, within(EPS));
            assertThat(d.firstToRestMean()).isCloseTo(0.4, within(EPS));
        }

        @Test
        void aab() {
            TableDistance table = new TableDistance().put("A", "B", 0.3);
            ReplyStatistics.Distances d = ReplyStatistics.distances(List.of("A", "A", "B"), table);
            // pairs (0,1)=(A,A)=0, (0,2)=(A,B)=0.3, (1,2)=(A,B)=0.3 -> mean 0.6/3 = 0.2, max 0.3
            // firstToRest: from texts[0]=A to A (0) and B (0.3) -> 0.3/2 = 0.15
            assertThat(d.mean()).isCloseTo(0.2, within(EPS));
            assertThat(d.max()).isCloseTo(0.3, within(EPS));
            assertThat(d.firstToRestMean()).isCloseTo(0.15, within(EPS));
        }

        @Test
        void firstToRestDependsOnWhichTextIsFirst() {
            TableDistance table = new TableDistance().put("A", "B", 0.3);
            ReplyStatistics.Distances d = ReplyStatistics.distances(List.of("B", "A", "A"), table);
            // pairs (B,A)=0.3, (B,A)=0.3, (A,A)=0 -> mean 0.6/3 = 0.2, max 0.3
            // firstToRest: from B to A (0.3) and A (0.3) -> 0.6/2 = 0.3
            assertThat(d.mean()).isCloseTo(0.2, within(EPS));
            assertThat(d.max()).isCloseTo(0.3, within(EPS));
            assertThat(d.firstToRestMean()).isCloseTo(0.3, within(EPS));
        }

        @Test
        void threeDistinctTexts() {
            TableDistance table = new TableDistance().put("A", "B", 0.1).put("A", "C", 0.5).put("B", "C", 0.3);
            ReplyStatistics.Distances d = ReplyStatistics.distances(List.of("A", "B", "C"), table);
            // pairs (A,B)=0.1, (A,C)=0.5, (B,C)=0.3 -> sum 0.9, mean 0.9/3 = 0.3, max 0.5
            // firstToRest: A->B 0.1, A->C 0.5 -> 0.6/2 = 0.3
            assertThat(d.mean()).isCloseTo(0.3, within(EPS));
            assertThat(d.max()).isCloseTo(0.5, within(EPS));
            assertThat(d.firstToRestMean()).isCloseTo(0.3, within(EPS));
        }

        @Test
        void weightedByCountsOverAllPairs() {
            TableDistance table = new TableDistance().put("A", "B", 0.2).put("A", "C", 0.8).put("B", "C", 0.4);
            // texts: A A B B C  (n=5, 10 pairs i<j)
            ReplyStatistics.Distances d = ReplyStatistics.distances(List.of("A", "A", "B", "B", "C"), table);
            // pair list: (A,A)=0 x1, (B,B)=0 x1, (A,B)=0.2 x(2*2=4), (A,C)=0.8 x(2*1=2), (B,C)=0.4 x(2*1=2)
            // 1+1+4+2+2 = 10 pairs; sum = 0.8 + 1.6 + 0.8 = 3.2 -> mean 0.32; max 0.8
            // firstToRest: from A to A(0), B(0.2), B(0.2), C(0.8) = 1.2 / 4 = 0.3
            assertThat(d.mean()).isCloseTo(0.32, within(EPS));
            assertThat(d.max()).isCloseTo(0.8, within(EPS));
            assertThat(d.firstToRestMean()).isCloseTo(0.3, within(EPS));
        }

        @Test
        void emptyTextTakesPart() {
            TableDistance table = new TableDistance().put("", "A", 1.0);
            ReplyStatistics.Distances d = ReplyStatistics.distances(List.of("", "A", "A", "A"), table);
            // pairs: ("",A)=1 x3, (A,A)=0 x3 -> 6 pairs, sum 3 -> mean 0.5, max 1.0
            // firstToRest: "" -> A,A,A = 3/3 = 1.0
            assertThat(d.mean()).isCloseTo(0.5, within(EPS));
            assertThat(d.max()).isCloseTo(1.0, within(EPS));
            assertThat(d.firstToRestMean()).isCloseTo(1.0, within(EPS));
        }

        @Test
        void neverAsksForTheDistanceOfATextToItself() {
            TableDistance table = new TableDistance().put("A", "B", 0.3);
            ReplyStatistics.distances(List.of("A", "A", "B", "B"), table);
            // identical texts are 0 apart by definition: no A|A or B|B look-up
            assertThat(table.lookups).isNotEmpty().allSatisfy(l -> assertThat(l).isIn("A|B", "B|A"));
        }
    }
}
