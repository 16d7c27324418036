package dev.seedwatch.report;

import java.util.List;

/**
 * One distinct reply text of a prompt in a report, written once however many replays gave it: with 5 replays of a
 * 1 KB reply this is what keeps a report from holding the same kilobyte five times.
 *
 * @param text the text, cut to {@link RunReport#MAX_TEXT_CHARS} characters (never inside a surrogate pair)
 * @param count how many replays gave it
 * @param replays the positions of those replays in the prompt's {@code replays}, ascending
 * @param textLength the full text's length in characters, set only where {@code text} was cut
 * @param truncated true where {@code text} was cut; null otherwise
 */
public record ReportText(String text, int count, List<Integer> replays, Integer textLength, Boolean truncated) {

    public ReportText {
        replays = List.copyOf(replays);
    }

    /**
     * The entry of {@code fullText}. It is cut here, after the replays were grouped by their full text, so that two
     * runaway replies that part only after the cap stay two entries, as they are two distinct completions in the
     * figures; one runaway reply still cannot fill the state volume.
     */
    static ReportText of(String fullText, List<Integer> replays, int maxChars) {
        if (fullText.length() <= maxChars) {
            return new ReportText(fullText, replays.size(), replays, null, null);
        }
        int end = Character.isHighSurrogate(fullText.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
        return new ReportText(fullText.substring(0, end), replays.size(), replays, fullText.length(), Boolean.TRUE);
    }
}
