package dev.vigil.runtime.detection.backtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.csv.CSVRecord;

/**
 * Where a backtest CSV keeps its timestamps and values. Every timestamp shape starts with a digit, so a first line
 * whose first field does not is a header: its columns are found by name ({@code timestamp} or one of its usual
 * synonyms, and {@code value}); with two columns, whichever is not the timestamp is the value. Without a header a file
 * has exactly the two, timestamp first.
 */
final class SeriesColumns {
    private static final Set<String> TIMESTAMP_NAMES =
            Set.of("timestamp", "time", "ts", "date", "datetime", "@timestamp");
    private static final String VALUE_NAME = "value";

    final boolean header;
    final int count;
    final int timestamp;
    final int value;
    private final List<String> names;

    private SeriesColumns(boolean header, int count, int timestamp, int value, List<String> names) {
        this.header = header;
        this.count = count;
        this.timestamp = timestamp;
        this.value = value;
        this.names = names;
    }

    static SeriesColumns of(CSVRecord first, long lineNo) {
        List<String> names = new ArrayList<>();
        for (String f : first) names.add(f.trim());
        boolean header =
                !names.get(0).isEmpty() && !Character.isDigit(names.get(0).charAt(0));
        if (!header) {
            if (names.size() != 2)
                throw new IllegalArgumentException(
                        "line " + lineNo + ": " + names.size() + " columns without a header; "
                                + "give the file a header naming the 'timestamp' and 'value' columns");
            return new SeriesColumns(false, 2, 0, 1, names);
        }
        int timestamp = -1;
        int value = -1;
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i).toLowerCase(Locale.ROOT);
            if (timestamp < 0 && TIMESTAMP_NAMES.contains(n)) timestamp = i;
            else if (value < 0 && n.equals(VALUE_NAME)) value = i;
        }
        if (names.size() == 2) {
            if (timestamp < 0) timestamp = value == 0 ? 1 : 0;
            if (value < 0) value = 1 - timestamp;
        }
        if (timestamp < 0 || value < 0 || names.size() < 2)
            throw new IllegalArgumentException("line " + lineNo + ": header " + names + " names no "
                    + (timestamp < 0 ? "timestamp column; name it 'timestamp'" : "value column; name it 'value'"));
        return new SeriesColumns(true, names.size(), timestamp, value, names);
    }

    /** For the run's log: which columns were read. */
    String describe() {
        return header
                ? String.format(
                        Locale.ROOT,
                        "columns '%s' (timestamp) and '%s' (value) of %d",
                        names.get(timestamp),
                        names.get(value),
                        count)
                : "columns 1 (timestamp) and 2 (value), no header";
    }
}
