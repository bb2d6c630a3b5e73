package dev.vigil.schema.correlation;

import java.util.concurrent.ThreadLocalRandom;

/**
 * W3C Trace Context ({@code traceparent}: {@code version-traceid-parentid-flags}) validation and
 * propagation helpers.
 */
public final class TraceContext {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    public final String traceId;
    public final String spanId;
    public final boolean sampled;

    public TraceContext(String traceId, String spanId, boolean sampled) {
        if (!isValidTraceId(traceId))
            throw new IllegalArgumentException("trace id must be 32 lower-case hex characters, not all zero");
        if (!isValidSpanId(spanId))
            throw new IllegalArgumentException("span id must be 16 lower-case hex characters, not all zero");
        this.traceId = traceId;
        this.spanId = spanId;
        this.sampled = sampled;
    }

    /** Parses a traceparent header; null when it is not valid. Unknown future versions are read by their first four parts. */
    public static TraceContext parse(String traceparent) {
        if (traceparent == null || traceparent.length() < 55) return null;
        String version = traceparent.substring(0, 2);
        if (!isLowerHex(version, 2) || version.equals("ff")) return null;
        if (traceparent.charAt(2) != '-' || traceparent.charAt(35) != '-' || traceparent.charAt(52) != '-') return null;
        if (version.equals("00") && traceparent.length() != 55) return null;
        if (traceparent.length() > 55 && traceparent.charAt(55) != '-') return null;
        String traceId = traceparent.substring(3, 35);
        String spanId = traceparent.substring(36, 52);
        String flags = traceparent.substring(53, 55);
        if (!isValidTraceId(traceId) || !isValidSpanId(spanId) || !isLowerHex(flags, 2)) return null;
        return new TraceContext(traceId, spanId, (Integer.parseInt(flags, 16) & 1) == 1);
    }

    public String toTraceparent() {
        return "00-" + traceId + "-" + spanId + (sampled ? "-01" : "-00");
    }

    /** The context to send downstream: same trace, a new span whose parent is this one. */
    public TraceContext child() {
        return new TraceContext(traceId, randomHex(16), sampled);
    }

    public static TraceContext newRoot() {
        return new TraceContext(randomHex(32), randomHex(16), true);
    }

    public static boolean isValidTraceId(String s) {
        return isLowerHex(s, 32) && !allZero(s);
    }

    public static boolean isValidSpanId(String s) {
        return isLowerHex(s, 16) && !allZero(s);
    }

    static boolean isLowerHex(String s, int length) {
        if (s == null || s.length() != length) return false;
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
        }
        return true;
    }

    private static boolean allZero(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) != '0') return false;
        }
        return true;
    }

    private static String randomHex(int length) {
        char[] out = new char[length];
        ThreadLocalRandom r = ThreadLocalRandom.current();
        do {
            for (int i = 0; i < length; i++) out[i] = HEX[r.nextInt(16)];
        } while (allZero(new String(out)));
        return new String(out);
    }
}
