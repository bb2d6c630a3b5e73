package dev.vigil.jobs.errors.backtest;

import java.io.BufferedReader;
import java.io.IOException;

/**
 * A plain log's records. A file whose first line starts with a date and time is an application's log as written
 * (Logback's, Log4j's, Python's logging, syslog): as Filebeat's and Fluent Bit's multiline settings read one, each line
 * that starts with a date and time starts a record and the lines after it (a stack trace, "Caused by:", a message of
 * several lines) belong to it. Any other file, such as messages extracted one per line, has one record per line.
 */
final class LogRecords {
    private static final String[] MONTHS = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
    };

    private final BufferedReader in;
    private boolean decided;
    private boolean multiline;
    private String pending;
    private int pendingLine;
    private int lineNo;

    /** The record's first line, and the lines after it joined by {@code \n} (empty when it has one line). */
    String first;

    String rest;

    /** The number of the record's first line in the file. */
    int line;

    LogRecords(BufferedReader in) {
        this.in = in;
    }

    /** Whether the file is read as records of several lines. Known after the first {@link #next}. */
    boolean multiline() {
        return multiline;
    }

    /** Reads the next record; false at the end of the file. */
    boolean next() throws IOException {
        String start = pending;
        int startLine = pendingLine;
        pending = null;
        while (start == null) {
            start = in.readLine();
            if (start == null) return false;
            startLine = ++lineNo;
            if (start.isBlank()) start = null;
        }
        if (!decided) {
            decided = true;
            multiline = startsWithDateTime(start);
        }
        StringBuilder more = null;
        if (multiline) {
            String l;
            while ((l = in.readLine()) != null) {
                lineNo++;
                if (startsWithDateTime(l)) {
                    pending = l;
                    pendingLine = lineNo;
                    break;
                }
                if (l.isBlank()) continue;
                if (more == null) more = new StringBuilder();
                else more.append('\n');
                more.append(l);
            }
        }
        first = start;
        rest = more == null ? "" : more.toString();
        line = startLine;
        return true;
    }

    /**
     * Whether a line starts (after an optional {@code [}) with a date and time: {@code 2024-01-15 10:23:45},
     * {@code 2024-01-15T10:23:45}, {@code 2024/01/15 10:23:45}, {@code 15.01.2024 10:23:45}, {@code Jan 15
     * 10:23:45} (syslog), {@code 15/Jan/2024:10:23:45} (access logs), {@code I0115 10:23:45} (glog), or a time of
     * day alone, {@code 10:23:45.123} (Logback's {@code %d{HH:mm:ss.SSS}}).
     */
    static boolean startsWithDateTime(String s) {
        int p = s.startsWith("[") ? 1 : 0;
        if (digits(s, p, 4)
                && sep(s, p + 4, "-/.")
                && digits(s, p + 5, 2)
                && sep(s, p + 7, "-/.")
                && digits(s, p + 8, 2)) {
            return sep(s, p + 10, " T") && time(s, p + 11);
        }
        if (digits(s, p, 2)
                && sep(s, p + 2, "./-")
                && digits(s, p + 3, 2)
                && sep(s, p + 5, "./-")
                && digits(s, p + 6, 4)) {
            return sep(s, p + 10, " ") && time(s, p + 11);
        }
        if (digits(s, p, 2) && sep(s, p + 2, "/") && month(s, p + 3) && sep(s, p + 6, "/") && digits(s, p + 7, 4)) {
            return sep(s, p + 11, ":") && time(s, p + 12);
        }
        if (month(s, p) && sep(s, p + 3, " ")) {
            int d = p + 4;
            if (d < s.length() && s.charAt(d) == ' ') d++; // "Jan  5"
            int day = digits(s, d, 2) ? 2 : digits(s, d, 1) ? 1 : 0;
            return day > 0 && sep(s, d + day, " ") && time(s, d + day + 1);
        }
        if (p < s.length() && "IWEF".indexOf(s.charAt(p)) >= 0 && digits(s, p + 1, 4)) {
            return sep(s, p + 5, " ") && time(s, p + 6);
        }
        return time(s, p) && (p + 8 == s.length() || sep(s, p + 8, ".,: "));
    }

    /**
     * The exception's type in a record's trace: the first line that is a type name alone or before a colon ({@code
     * java.lang.IllegalStateException: Cart 99 is empty}, {@code System.InvalidOperationException: ...}), or, after a
     * Python traceback, its last line ({@code ValueError: bad input}). Null when there is none.
     */
    static String exceptionType(String rest) {
        if (rest.isEmpty()) return null;
        boolean python = rest.contains("Traceback (most recent call last):");
        String found = null;
        int start = 0;
        while (start < rest.length()) {
            int end = rest.indexOf('\n', start);
            if (end < 0) end = rest.length();
            String type = typeName(rest, start, end);
            start = end + 1;
            if (type == null) continue;
            if (!python) return type;
            found = type;
        }
        return found;
    }

    /** The type name a line starts with when it is followed by a colon or nothing else ({@code a.b.FooError: x}). */
    private static String typeName(String s, int from, int to) {
        if (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) return null; // frames are indented
        int e = from;
        boolean letter = false;
        while (e < to) {
            char c = s.charAt(e);
            if (Character.isLetter(c)) letter = true;
            else if (!(Character.isDigit(c) || c == '.' || c == '_' || c == '$')) break;
            e++;
        }
        if (!letter || e - from < 3 || (e < to && s.charAt(e) != ':')) return null;
        return s.substring(from, e);
    }

    private static boolean time(String s, int p) {
        return digits(s, p, 2)
                && sep(s, p + 2, ":")
                && digits(s, p + 3, 2)
                && sep(s, p + 5, ":")
                && digits(s, p + 6, 2);
    }

    private static boolean month(String s, int p) {
        if (p + 3 > s.length()) return false;
        for (String m : MONTHS) {
            if (s.startsWith(m, p)) return true;
        }
        return false;
    }

    private static boolean digits(String s, int p, int n) {
        if (p + n > s.length()) return false;
        for (int i = p; i < p + n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return false;
        }
        return true;
    }

    private static boolean sep(String s, int p, String options) {
        return p < s.length() && options.indexOf(s.charAt(p)) >= 0;
    }
}
