package dev.seedwatch.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** seedwatch metric names: the documented ones (docs/metrics.md tables) and the ones an expression uses. */
public final class MetricNames {

    private static final Pattern TABLE_ROW = Pattern.compile("^\\| `(seedwatch_[a-z0-9_]+)`(.*)$", Pattern.MULTILINE);
    private static final Pattern USED = Pattern.compile("(?<![a-zA-Z0-9_:])(seedwatch_[a-zA-Z0-9_]+)");
    /** Series Prometheus exposes for a histogram, and the _max gauge seedwatch writes beside it. */
    private static final String[] HISTOGRAM_SUFFIXES = { "_bucket", "_count", "_sum", "_max" };

    private MetricNames() {
    }

    /**
     * Names in the first column of docs/metrics.md's metric tables, plus the series of the histograms among them.
     */
    public static Set<String> documented(Path readme) throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher m = TABLE_ROW.matcher(Files.readString(readme));
        while (m.find()) {
            names.add(m.group(1));
            if (m.group(2).contains("histogram")) {
                for (String suffix : HISTOGRAM_SUFFIXES) {
                    names.add(m.group(1) + suffix);
                }
            }
        }
        return names;
    }

    /** seedwatch_* metric names an expression mentions (recording rules, seedwatch:..., are not matched). */
    public static Set<String> used(String expr) {
        Set<String> names = new TreeSet<>();
        Matcher m = USED.matcher(expr);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
