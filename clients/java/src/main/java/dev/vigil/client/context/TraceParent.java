package dev.vigil.client.context;

import java.util.concurrent.ThreadLocalRandom;

/**
 * A W3C Trace Context {@code traceparent} ({@code version-traceid-parentid-flags}). The pipeline's own parser
 * ({@code dev.vigil.schema.correlation.TraceContext}, Java 17) agrees with this one on every header of the
 * client's parity test; this copy exists because the library must run on Java 11 without the pipeline's
 * dependencies.
 */
public final class TraceParent {
    public static final String HEADER = "traceparent";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final String traceId;
    private final String spanId;
    private final boolean sampled;

    private TraceParent(String traceId, String spanId, boolean sampled) {
        this.traceId = traceId;
        this.spanId = spanId;
        this.sampled = sampled;
    }

    public String traceId() {
        return traceId;
    }

    public String spanId() {
        return spanId;
    }

    public boolean sampled() {
        return sampled;
    }

    /** The header's context, or null when it is not a valid traceparent (then a service starts a new trace). */
    public static TraceParent parse(String header) {
        if (header == null) return null;
        String h = header.trim();
        if (h.length() < 55) return null;
        if (!hex(h, 0, 2) || h.startsWith("ff")) return null;
        if (h.charAt(2) != '-' || h.charAt(35) != '-' || h.charAt(52) != '-') return null;
        boolean v0 = h.startsWith("00");
        if (v0 && h.length() != 55) return null;
        if (!v0 && h.length() > 55 && h.charAt(55) != '-') return null;
        String trace = h.substring(3, 35);
        String span = h.substring(36, 52);
        if (!isTraceId(trace) || !isSpanId(span) || !hex(h, 53, 2)) return null;
        return new TraceParent(trace, span, (Character.digit(h.charAt(54), 16) & 1) == 1);
    }

    public static TraceParent newRoot() {
        return new TraceParent(randomHex(32), randomHex(16), true);
    }

    /** The same trace, a new span of this service (or of the call it sends downstream). */
    public TraceParent child() {
        return new TraceParent(traceId, randomHex(16), sampled);
    }

    public String header() {
        return "00-" + traceId + "-" + spanId + (sampled ? "-01" : "-00");
    }

    @Override
    public String toString() {
        return header();
    }

    /** 32 lower-case hex characters, not all zero. */
    public static boolean isTraceId(String s) {
        return s != null && s.length() == 32 && hex(s, 0, 32) && !zero(s);
    }

    /** 16 lower-case hex characters, not all zero. */
    public static boolean isSpanId(String s) {
        return s != null && s.length() == 16 && hex(s, 0, 16) && !zero(s);
    }

    private static boolean hex(String s, int from, int length) {
        for (int i = from; i < from + length; i++) {
            char c = s.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) return false;
        }
        return true;
    }

    private static boolean zero(String s) {
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) != '0') return false;
        return true;
    }

    private static String randomHex(int length) {
        char[] out = new char[length];
        ThreadLocalRandom r = ThreadLocalRandom.current();
        do {
            for (int i = 0; i < length; i++) out[i] = HEX[r.nextInt(16)];
        } while (zero(new String(out)));
        return new String(out);
    }
}
