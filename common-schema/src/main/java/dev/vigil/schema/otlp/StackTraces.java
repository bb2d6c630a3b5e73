package dev.vigil.schema.otlp;

import dev.vigil.schema.event.JavaLibraries;
import dev.vigil.schema.event.StackFrame;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code exception.stacktrace} text to frames, innermost first, for the formats OpenTelemetry SDKs write: Java ({@code
 * at pkg.Class.method(File.java:12)}), JavaScript ({@code at fn (file.js:10:5)}), Python ({@code File "x.py", line
 * 12, in fn}), .NET ({@code at Shop.Cart.Checkout(Int32 id) in /src/Cart.cs:line 42}, as {@code Exception.ToString()}
 * prints it) and Go ({@code main.handle(...)} then a tab and {@code /app/main.go:12 +0x1d}, as {@code runtime.Stack}
 * prints a goroutine). Lines of no frame (the exception's own line, "... 12 more") are skipped; for a Java chain only
 * the thrown exception's frames are kept (up to its first "Caused by:"), for .NET those after its inner exceptions'
 * (".NET prints the innermost first), for Python the last traceback (the one raised). Frames of the runtime and of
 * dependencies are not in-app: Java's {@link JavaLibraries}, JavaScript's {@code node_modules} and {@code node:},
 * Python's {@code site-packages}, .NET's {@code System.}, {@code Microsoft.} and a few ubiquitous packages, Go's
 * standard library and module cache. Scans with indexOf, no regular expressions.
 */
public final class StackTraces {
    /** .NET namespaces of the platform and of packages nearly every service has. */
    private static final String[] DOTNET_LIBRARIES = {
        "System.",
        "Microsoft.",
        "Newtonsoft.",
        "Npgsql.",
        "Grpc.",
        "Polly.",
        "StackExchange.",
        "Dapper.",
        "Serilog.",
        "NLog."
    };
    /** Where Go's standard library (GOROOT in the official images and Debian's packages) and dependencies live. */
    private static final String[] GO_LIBRARY_PATHS = {"/usr/local/go/src/", "/usr/lib/go", "/pkg/mod/", "/vendor/"};

    private StackTraces() {}

    public static List<StackFrame> frames(String text) {
        List<StackFrame> frames = new ArrayList<>();
        if (text == null || text.isEmpty()) return frames;
        boolean python = false;
        String goFunction = null; // a line that may be a Go frame's function, if a tab and its file follow
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) end = text.length();
            String raw = text.substring(start, end);
            String line = raw.strip();
            start = end + 1;
            if (goFunction != null) {
                StackFrame f = raw.startsWith("\t") ? go(goFunction, line) : null;
                goFunction = null;
                if (f != null) {
                    frames.add(f);
                    continue;
                }
            }
            if (line.startsWith("Caused by:") && !frames.isEmpty() && !python) break;
            if (line.startsWith("--- End of inner exception stack trace ---")) {
                frames.clear(); // .NET: the frames so far were an inner exception's; the thrown one's follow
                continue;
            }
            if (line.startsWith("Traceback (most recent call last)")) {
                python = true;
                frames.clear();
                continue;
            }
            StackFrame f = null;
            if (line.startsWith("at ")) {
                String rest = line.substring(3).strip();
                f = isDotNet(rest) ? dotNet(rest) : javaOrJs(rest);
            } else if (line.endsWith(")") && !raw.startsWith("\t") && !raw.startsWith(" ")) {
                goFunction = line;
            } else {
                f = python(line);
            }
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
        // no place in a file: a Java frame, or V8's "async Promise.all (index 0)", which names no code of its own
        if (where.isEmpty() || where.indexOf(' ') >= 0) return null;
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

    /**
     * A .NET frame: a place in a file ({@code ) in /src/Cart.cs:line 42}), or parameters in the parentheses ({@code
     * (Int32 id, String name)}, {@code ()}: a type and a name each), where Java writes its source ({@code
     * (Cart.java:42)}, {@code (Cart.java)}, {@code (<generated>)}, {@code (Native Method)}, {@code (Unknown Source)}).
     */
    private static boolean isDotNet(String rest) {
        int open = rest.indexOf('(');
        int space = rest.indexOf(' ');
        if (open <= 0 || (space >= 0 && space < open)) return false; // V8's "fn (file.js:1:2)"
        if (rest.contains(") in ")) return true;
        if (!rest.endsWith(")")) return false;
        String inside = rest.substring(open + 1, rest.length() - 1);
        if (inside.isEmpty()) return true;
        return inside.indexOf(' ') > 0
                && inside.indexOf(':') < 0
                && !inside.equals("Native Method")
                && !inside.equals("Unknown Source");
    }

    /** {@code Shop.Cart.Checkout(Int32 id) in /src/Cart.cs:line 42}, {@code System.Linq.Enumerable.First[T](...)}. */
    private static StackFrame dotNet(String rest) {
        String where = rest.substring(0, rest.indexOf('('));
        int dot = where.lastIndexOf('.');
        if (dot > 0 && where.charAt(dot - 1) == '.') dot--; // a constructor: Shop.Cart..ctor
        if (dot <= 0) return null; // lambda_method5(Closure, ...): generated, no type
        String module = where.substring(0, dot);
        String file = null;
        int line = 0;
        int in = rest.indexOf(") in ");
        if (in >= 0) {
            String place = rest.substring(in + 5);
            int at = place.lastIndexOf(":line ");
            file = at >= 0 ? place.substring(0, at) : place;
            if (at >= 0 && digits(place, at + 6, place.length())) line = number(place, at + 6, place.length());
        }
        boolean library = false;
        for (String p : DOTNET_LIBRARIES) library |= module.startsWith(p);
        return new StackFrame(module, where.substring(dot + 1), file, line, !library);
    }

    /**
     * A goroutine's frame: {@code net/http.HandlerFunc.ServeHTTP(...)} or {@code main.(*Server).handle(0xc000012345)},
     * then {@code /usr/local/go/src/net/http/server.go:2136 +0x29}; null when the second line is no Go file's place.
     */
    private static StackFrame go(String function, String place) {
        int colon = place.lastIndexOf(':', place.indexOf(' ') < 0 ? place.length() : place.indexOf(' '));
        if (colon <= 0 || !place.startsWith(".go", colon - 3)) return null;
        int lineEnd = colon + 1;
        while (lineEnd < place.length() && Character.isDigit(place.charAt(lineEnd))) lineEnd++;
        if (!digits(place, colon + 1, lineEnd)) return null;
        String file = place.substring(0, colon);
        String name = function.substring(0, function.lastIndexOf('('));
        int slash = name.lastIndexOf('/');
        int dot = name.indexOf('.', slash + 1);
        if (dot <= 0) return null;
        String module = name.substring(0, dot);
        boolean library = module.equals("runtime") || module.equals("runtime/debug") || module.equals("panic");
        for (String p : GO_LIBRARY_PATHS) library |= file.contains(p);
        return new StackFrame(module, name.substring(dot + 1), file, number(place, colon + 1, lineEnd), !library);
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
