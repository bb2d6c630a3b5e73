package dev.vigil.schema.otlp;

import dev.vigil.schema.event.JavaLibraries;
import dev.vigil.schema.event.StackFrame;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code exception.stacktrace} text to frames, innermost first, for the three formats OpenTelemetry SDKs write:
 * Java ({@code at pkg.Class.method(File.java:12)}), JavaScript ({@code at fn (file.js:10:5)}) and Python
 * ({@code File "x.py", line 12, in fn}). Lines of no frame (the exception's own line, "... 12 more") are skipped;
 * for a Java chain only the thrown exception's frames are kept (up to its first "Caused by:"), for Python the last
 * traceback (the one raised). Frames of the runtime and of dependencies are not in-app: Java's {@link
 * JavaLibraries}, JavaScript's {@code node_modules} and {@code node:}, Python's {@code site-packages}. Scans with
 * indexOf, no regular expressions.
 */
public final class StackTraces {
    private StackTraces() {}

    public static List<StackFrame> frames(String text) {
        List<StackFrame> frames = new ArrayList<>();
        if (text == null || text.isEmpty()) return frames;
        boolean python = false;
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) end = text.length();
            String line = text.substring(start, end).strip();
            start = end + 1;
            if (line.startsWith("Caused by:") && !frames.isEmpty() && !python) break;
            if (line.startsWith("Traceback (most recent call last)")) {
                python = true;
                frames.clear();
                continue;
            }
            StackFrame f = line.startsWith("at ") ? javaOrJs(line.substring(3).strip()) : python(line);
            if (f != null) frames.add(f);
        }
        if (python) Collections.reverse(frames);
        return frames;
    }

    /** {@code pkg.Class.method(File.java:12)}, {@code fn (file.js:10:5)} or {@code file.js:10:5}. */
    private static StackFrame javaOrJs(String rest) {
        int open = rest.indexOf('(');
        int close = rest.lastIndexOf(')');
        String where = open >= 0 && close > open ? rest.substring(0, open).strip() : "";
        String location = open >= 0 && close > open ? rest.substring(open + 1, close) : rest;
        int colon = location.lastIndexOf(':');
        int colon2 = colon > 0 ? location.lastIndexOf(':', colon - 1) : -1;
        if (colon2 > 0 && digits(location, colon2 + 1, colon) && digits(location, colon + 1, location.length())) {
            String file = location.substring(0, colon2);
            StackFrame f = new StackFrame(
                    null, where.isEmpty() ? "<anonymous>" : where, file, number(location, colon2 + 1, colon), true);
            f.inApp = !(file.contains("node_modules") || file.startsWith("node:"));
            return f;
        }
        if (where.isEmpty()) return null;
        int slash = where.lastIndexOf('/'); // java.base/java.lang.Thread.run: the JPMS module is not the class
        String qualified = where.substring(slash + 1);
        int dot = qualified.lastIndexOf('.');
        if (dot <= 0) return null;
        String module = qualified.substring(0, dot);
        String file = null;
        int line = 0;
        if (colon > 0 && digits(location, colon + 1, location.length())) {
            file = location.substring(0, colon);
            line = number(location, colon + 1, location.length());
        } else if (!location.isEmpty()) {
            file = location; // "Native Method", "Unknown Source"
        }
        return new StackFrame(module, qualified.substring(dot + 1), file, line, !JavaLibraries.contains(module));
    }

    /** {@code File "path.py", line 12, in fn}. */
    private static StackFrame python(String line) {
        if (!line.startsWith("File \"")) return null;
        int q = line.indexOf('"', 6);
        if (q < 0) return null;
        String file = line.substring(6, q);
        int at = line.indexOf(", line ", q);
        int in = line.indexOf(", in ", q);
        int n = 0;
        if (at >= 0) {
            int e = at + 7;
            while (e < line.length() && Character.isDigit(line.charAt(e))) e++;
            if (e > at + 7) n = number(line, at + 7, e);
        }
        String fn = in >= 0 ? line.substring(in + 5).strip() : null;
        boolean library =
                file.contains("site-packages") || file.contains("dist-packages") || file.contains("/lib/python");
        return new StackFrame(null, fn, file, n, !library);
    }

    private static boolean digits(String s, int from, int to) {
        if (from >= to || to - from > 9) return false;
        for (int i = from; i < to; i++) if (!Character.isDigit(s.charAt(i))) return false;
        return true;
    }

    private static int number(String s, int from, int to) {
        return to - from > 9 ? 0 : Integer.parseInt(s, from, to, 10);
    }
}
