package dev.vigil.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A job run's sinks by name, and what they received as JSON (sorted; the wall-clock time a record was
 * dead-lettered taken out, so two runs of the same input compare equal); with small readers of those rows.
 */
public final class JobOutputs {
    private final Map<String, CollectingSink<?>> sinks = new LinkedHashMap<>();

    /** A new collecting sink, known as {@code name}. */
    public <T> CollectingSink<T> sink(String name) {
        CollectingSink<T> sink = new CollectingSink<>();
        sinks.put(name, sink);
        return sink;
    }

    /** Sink name to its records. */
    public Map<String, List<String>> received() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        sinks.forEach((name, sink) -> out.put(
                name,
                sink.received().stream()
                        .map(r -> r.replaceAll("\"deadLetteredAt\":\\d+", ""))
                        .toList()));
        return out;
    }

    /** The number in {@code field} of a row ({@code "field":n}); fails when there is none. */
    public static double number(String row, String field) {
        Matcher m =
                Pattern.compile("\"" + Pattern.quote(field) + "\":(-?[0-9.E]+)").matcher(row);
        if (!m.find()) throw new AssertionError("no number " + field + " in " + row);
        return Double.parseDouble(m.group(1));
    }

    /** The sum of {@code field} over rows, every occurrence in each (whole numbers). */
    public static long sum(List<String> rows, String field) {
        long total = 0;
        Pattern p = Pattern.compile("\"" + Pattern.quote(field) + "\":(\\d+)");
        for (String row : rows) {
            Matcher m = p.matcher(row);
            while (m.find()) total += Long.parseLong(m.group(1));
        }
        return total;
    }
}
