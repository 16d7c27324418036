package dev.seedwatch.export;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** A series' labels, in name order as the text format lists them. */
record Labels(SortedMap<String, String> byName) {

    Labels {
        byName = Collections.unmodifiableSortedMap(new TreeMap<>(byName));
    }

    /** @param namesAndValues name, value, name, value… */
    static Labels of(String... namesAndValues) {
        SortedMap<String, String> byName = new TreeMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            byName.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return new Labels(byName);
    }

    Labels and(String name, String value) {
        SortedMap<String, String> more = new TreeMap<>(byName);
        more.put(name, value);
        return new Labels(more);
    }

    List<String> values() {
        return List.copyOf(byName.values());
    }
}
