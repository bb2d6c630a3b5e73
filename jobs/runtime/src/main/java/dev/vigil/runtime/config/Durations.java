package dev.vigil.runtime.config;

/**
 * Parses durations such as {@code 250ms}, {@code 10s}, {@code 5min} (or {@code 5m}, as Flink, kubectl and Prometheus
 * write it), {@code 1h}, {@code 7d} to milliseconds.
 */
public final class Durations {
    /** The units {@link #parseMillis} takes, as a regex alternation (the chart's values schema is built from it). */
    public static final String UNITS = "ms|s|m|min|h|d";

    private Durations() {}

    public static long parseMillis(String s) {
        String t = s.trim();
        int i = 0;
        while (i < t.length() && Character.isDigit(t.charAt(i))) i++;
        if (i == 0) throw new IllegalArgumentException("not a duration: " + s);
        long n = Long.parseLong(t.substring(0, i));
        String unit = t.substring(i).trim();
        switch (unit) {
            case "":
                if (n == 0) return 0;
                throw new IllegalArgumentException("a duration needs a unit: " + s);
            case "ms":
                return n;
            case "s":
                return n * 1000;
            case "m":
            case "min":
                return n * 60_000;
            case "h":
                return n * 3_600_000;
            case "d":
                return n * 86_400_000;
            default:
                throw new IllegalArgumentException("unknown unit in " + s);
        }
    }
}
