package dev.seedwatch.support;

/**
 * Makes provider text safe for a terminal line and a metric label: every control character (C0, DEL, C1 — ESC
 * sequences, CR/LF, NUL…) becomes a visible escape ({@code \n}, {@code \r}, {@code \t}, {@code \u001b}), so that a
 * reply can neither rewrite the console nor end a line of the metrics file.
 */
public final class ControlChars {

    private ControlChars() {
    }

    public static String escape(String text) {
        if (text == null || text.chars().noneMatch(ControlChars::isControl)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.chars().forEach(c -> {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (isControl(c)) {
                        out.append(String.format("\\u%04x", c));
                    } else {
                        out.append((char) c);
                    }
                }
            }
        });
        return out.toString();
    }

    private static boolean isControl(int c) {
        return c < 0x20 || c >= 0x7f && c <= 0x9f;
    }
}
