package dev.seedwatch.page;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;

/**
 * The diff of a reply against the one it is held against. Word by word while most words stayed; when most words
 * changed, a word diff interleaves two texts into an unreadable one, so it falls back to whole sentences (or lines,
 * when the texts have line breaks).
 */
final class TextDiff {

    /** A word or a run of white space. */
    private static final Pattern WORD = Pattern.compile("\\s+|\\S+");
    /** A line with its line break. */
    private static final Pattern LINE = Pattern.compile("[^\\n]*\\n|[^\\n]+");
    /** A sentence with the white space after it. */
    private static final Pattern SENTENCE = Pattern.compile("[^.!?\\n]*(?:[.!?]+|\\n|$)\\s*");

    /** What a diff compares: word, sentence or line. */
    enum Granularity {
        WORD, SENTENCE, LINE;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    record Diff(Granularity granularity, List<RunPage.Words> parts) {
    }

    private TextDiff() {
    }

    static Diff of(String before, String after) {
        List<String> a = tokens(WORD, before);
        List<String> b = tokens(WORD, after);
        Patch<String> words = DiffUtils.diff(a, b);
        if (keptWords(a, words) * 2 >= Math.max(words(a), words(b))) {
            return new Diff(Granularity.WORD, parts(a, b, words));
        }
        boolean lines = before.contains("\n") || after.contains("\n");
        Pattern unit = lines ? LINE : SENTENCE;
        List<String> ua = tokens(unit, before);
        List<String> ub = tokens(unit, after);
        return new Diff(lines ? Granularity.LINE : Granularity.SENTENCE, parts(ua, ub, DiffUtils.diff(ua, ub)));
    }

    /** Words (not white space) of {@code a} that no delta touches. */
    private static int keptWords(List<String> a, Patch<String> patch) {
        int touched = 0;
        for (AbstractDelta<String> delta : patch.getDeltas()) {
            touched += words(delta.getSource().getLines());
        }
        return words(a) - touched;
    }

    private static int words(List<String> tokens) {
        return (int) tokens.stream().filter(t -> !t.isBlank()).count();
    }

    private static List<RunPage.Words> parts(List<String> a, List<String> b, Patch<String> patch) {
        List<RunPage.Words> out = new ArrayList<>();
        int at = 0;
        for (AbstractDelta<String> delta : patch.getDeltas()) {
            int from = delta.getSource().getPosition();
            append(out, "same", String.join("", a.subList(at, from)));
            append(out, "deleted", String.join("", delta.getSource().getLines()));
            append(out, "inserted", String.join("", delta.getTarget().getLines()));
            at = from + delta.getSource().size();
        }
        append(out, "same", String.join("", a.subList(at, a.size())));
        return out;
    }

    private static void append(List<RunPage.Words> out, String kind, String text) {
        if (!text.isEmpty()) {
            out.add(new RunPage.Words(kind, text));
        }
    }

    private static List<String> tokens(Pattern pattern, String text) {
        List<String> out = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            if (!m.group().isEmpty()) {
                out.add(m.group());
            }
        }
        return out;
    }
}
