package dev.vigil.jobs.errors.functions;

/**
 * The names of a stack frame as the stack rule groups by them: what names the code, without what a restart, a
 * deploy or another host changes in them, as Sentry's frame grouping does. A Java class generated at run time
 * carries a random or load-order suffix ({@code Order$HibernateProxy$ZwCX2Wyb}, {@code
 * Cart$$EnhancerBySpringCGLIB$$a1b2c3d4}, {@code Api$$Lambda$123/0x0000000800c4b840}, {@code $Proxy45}); a
 * lambda's method is numbered by its place in the class ({@code lambda$checkout$3}); a JavaScript or Python file
 * is named by its path on the host ({@code /srv/releases/20261206/dist/cart.js}, {@code file:///app/dist/cart.js})
 * or its bundle's content hash ({@code main.3f2a1b9c.js}, {@code index-DiwrgTda.js}); C#'s generated names and Go's closures are numbered as
 * Java's lambdas are ({@code <Checkout>b__3_0}, {@code Checkout.func2}). Scanned with indexOf, no regular
 * expressions: frames come from any producer.
 */
final class FrameNames {
    /** Segments of a generated class name after which the next segment is the generator's own suffix. */
    private static final String[] GENERATOR_MARKERS = {
        "CGLIB", "EnhancerBy", "FastClassBy", "ByteBuddy", "HibernateProxy", "MockitoMock", "auxiliary"
    };

    static final String GENERATED = "<auto>";
    static final String HASH = "<hash>";

    private FrameNames() {}

    /**
     * A JVM class name without the suffixes code generation gives it: a lambda's hidden class ends at {@code
     * $$Lambda}; the segment after a generator's marker (CGLIB, Guice, ByteBuddy, Hibernate, Mockito) is {@code
     * <auto>}; {@code $Proxy45} is {@code $Proxy}; Javassist's {@code _$$_javassist_74} and {@code _$$_jvst1a_2}
     * lose their numbers; Clojure's {@code $fn__1234} its number; C#'s generated types theirs ({@link
     * #withoutCompilerNumbers}).
     */
    static String module(String module) {
        if (module == null) return null;
        if (module.indexOf('$') < 0) return withoutCompilerNumbers(module);
        String m = module;
        int lambda = m.indexOf("$$Lambda");
        if (lambda >= 0) m = m.substring(0, lambda + "$$Lambda".length());
        StringBuilder out = new StringBuilder(m.length());
        boolean afterMarker = false;
        int start = 0;
        while (start <= m.length()) {
            int end = m.indexOf('$', start);
            if (end < 0) end = m.length();
            String segment = m.substring(start, end);
            if (start > 0) out.append('$');
            if (segment.isEmpty()) {
                // "$$": the marker's effect carries over the empty segment between two dollars
            } else if (afterMarker && isWord(segment)) {
                out.append(GENERATED);
                afterMarker = false;
            } else {
                out.append(withoutNumbers(segment));
                afterMarker = isMarker(segment);
            }
            start = end + 1;
        }
        return out.toString();
    }

    /**
     * A method name without its lambda number: Java's {@code lambda$checkout$3} and Scala's {@code
     * $anonfun$checkout$3} are numbered in the order lambdas appear in the class, which an edit above them
     * changes as it changes line numbers, and so are C#'s and Go's ({@link #withoutCompilerNumbers}, {@link
     * #withoutGoClosureNumbers}). V8's {@code async} mark (the frame of a function resumed after an await) is
     * dropped: the same function is named with and without it.
     */
    static String function(String function) {
        if (function == null) return null;
        String f = withoutCompilerNumbers(function.startsWith("async ") ? function.substring(6) : function);
        if ((f.startsWith("lambda$") || f.contains("$anonfun$")) && f.lastIndexOf('$') > 0) {
            int last = f.lastIndexOf('$');
            if (isDigits(f, last + 1, f.length())) return f.substring(0, last);
        }
        return f.contains(".func") || f.contains("wrap") ? withoutGoClosureNumbers(f) : f;
    }

    /**
     * Go's closures without their numbers: {@code Checkout.func2}, nested {@code Checkout.func2.1}, and the wrappers of
     * {@code go} and {@code defer} statements ({@code main.gowrap1}, {@code deferwrap1}) are numbered by their place in
     * the function, as Java's lambdas are: {@code Checkout.func}, {@code Checkout.func.}, {@code main.gowrap}.
     */
    private static String withoutGoClosureNumbers(String f) {
        StringBuilder out = new StringBuilder(f.length());
        int i = 0;
        while (i < f.length()) {
            char c = f.charAt(i);
            out.append(c);
            i++;
            boolean afterMarker =
                    c == '.' || endsWith(out, ".func") || endsWith(out, "gowrap") || endsWith(out, "deferwrap");
            if (afterMarker && i < f.length() && isDigit(f.charAt(i))) {
                int j = i;
                while (j < f.length() && isDigit(f.charAt(j))) j++;
                // a number that ends the name or its part: after a marker, or alone between dots (a nested closure)
                if (j == f.length() || f.charAt(j) == '.') i = j;
            }
        }
        return out.toString();
    }

    private static boolean endsWith(StringBuilder sb, String suffix) {
        int n = sb.length();
        return n >= suffix.length() && sb.indexOf(suffix, n - suffix.length()) == n - suffix.length();
    }

    /**
     * A file by its name alone (no directory, URL scheme, query or fragment), with a bundler's content hash ({@code
     * main.3f2a1b9c.js}, {@code 2.1f3e5d7a9b.chunk.js}: a part of eight or more hexadecimal characters with a digit
     * and a letter) as {@code <hash>}.
     */
    static String file(String file) {
        if (file == null) return null;
        // one pass: where the name starts and ends, and whether it has a digit (every content hash has one)
        int end = file.length();
        int slash = -1;
        boolean digit = false;
        for (int i = 0; i < end; i++) {
            char c = file.charAt(i);
            if (c == '?' || c == '#') end = i;
            else if (c == '/' || c == '\\') {
                slash = i;
                digit = false;
            } else if (c >= '0' && c <= '9') digit = true;
        }
        String name = file.substring(slash + 1, end);
        if (name.isEmpty()) return file;
        String rollup = withoutRollupHash(name);
        if (rollup != null) return rollup;
        if (!digit) return name;
        StringBuilder out = null;
        int start = 0;
        while (start <= name.length()) {
            int stop = start;
            while (stop < name.length() && name.charAt(stop) != '.' && name.charAt(stop) != '-') stop++;
            if (isContentHash(name, start, stop)) {
                if (out == null) out = new StringBuilder(name.length()).append(name, 0, start);
                out.append(HASH);
            } else if (out != null) {
                out.append(name, start, stop);
            }
            if (stop < name.length() && out != null) out.append(name.charAt(stop));
            start = stop + 1;
        }
        return out == null ? name : out.toString();
    }

    /**
     * Rollup's and Vite's {@code [name]-[hash].js} and esbuild's: a hash of eight base64url (or base32) characters
     * after the last dash, {@code index-DiwrgTda.js}, {@code chunk-5OQ7GXZJ.js}, {@code vendor-C6wYpF-_.js}, as {@code
     * index-<hash>.js}; null when the name has none. It counts as generated with a digit, {@code _} or {@code -}, or
     * two capitals (a word, {@code index-Checkout.js} or {@code api-getUsers.js}, has one at most).
     */
    private static String withoutRollupHash(String name) {
        int dot = name.endsWith(".js")
                ? name.length() - 3
                : name.endsWith(".mjs") || name.endsWith(".cjs") ? name.length() - 4 : -1;
        int from = dot - 8;
        if (from < 2 || name.charAt(from - 1) != '-') return null;
        int capitals = 0;
        boolean generated = false;
        for (int i = from; i < dot; i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z') capitals++;
            else if (isDigit(c) || c == '_' || c == '-') generated = true;
            else if (c < 'a' || c > 'z') return null;
        }
        if (!generated && capitals < 2) return null;
        return name.substring(0, from) + HASH + name.substring(dot);
    }

    /** Markers of the C# compiler's generated names, numbered in the order they appear in the class. */
    private static final String[] CSHARP_NUMBERED = {"DisplayClass", ">d__", ">b__", ">c__", ">g__", "|"};

    /**
     * C#'s generated names without their numbers: an async method's state machine {@code <CheckoutAsync>d__3}, a
     * lambda {@code <Checkout>b__3_0}, its closure {@code <>c__DisplayClass5_0}, a local function {@code
     * <Checkout>g__Total|2_0}, each numbered by its place in the class as Java's lambdas are.
     */
    static String withoutCompilerNumbers(String name) {
        if (name.indexOf('<') < 0) return name;
        StringBuilder out = null;
        int copied = 0;
        for (int i = 0; i < name.length(); i++) {
            for (String marker : CSHARP_NUMBERED) {
                if (!name.startsWith(marker, i)) continue;
                int from = i + marker.length();
                int to = from;
                while (to < name.length() && (isDigit(name.charAt(to)) || name.charAt(to) == '_')) to++;
                if (to > from) {
                    if (out == null) out = new StringBuilder(name.length());
                    out.append(name, copied, from);
                    copied = to;
                    i = to - 1;
                }
                break;
            }
        }
        if (out == null) return name;
        return out.append(name, copied, name.length()).toString();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isMarker(String segment) {
        for (String marker : GENERATOR_MARKERS) if (segment.contains(marker)) return true;
        return false;
    }

    /** {@code Proxy45} as {@code Proxy}, {@code _javassist_74} as {@code _javassist}, {@code fn__1234} as {@code fn__}. */
    private static String withoutNumbers(String segment) {
        if (segment.startsWith("Proxy") && isDigits(segment, 5, segment.length())) return "Proxy";
        if (segment.startsWith("_javassist")) return "_javassist";
        if (segment.startsWith("_jvst")) return "_jvst";
        int fn = segment.indexOf("fn__");
        if (fn >= 0 && isDigits(segment, fn + 4, segment.length())) return segment.substring(0, fn + 4);
        return segment;
    }

    private static boolean isWord(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_')) return false;
        }
        return true;
    }

    private static boolean isDigits(String s, int from, int to) {
        if (from >= to) return false;
        for (int i = from; i < to; i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        return true;
    }

    private static boolean isContentHash(String s, int from, int to) {
        if (to - from < 8) return false;
        boolean digit = false;
        boolean letter = false;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') digit = true;
            else if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) letter = true;
            else return false;
        }
        return digit && letter;
    }
}
