package dev.vigil.runtime.detection.backtest;

import dev.vigil.schema.parse.Timestamps;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The timestamp shapes of common CSV exports: epoch seconds (whole or fractional) or milliseconds, RFC 3339, or
 * {@code YYYY-MM-DD HH:MM:SS} as UTC.
 */
final class BacktestTimestamps {
    /** Epoch values below this are seconds (it is 2001-09-09 in seconds, 1970-01-12 in milliseconds). */
    private static final long SECONDS_BELOW = 1_000_000_000_000L;

    private BacktestTimestamps() {}

    static long parse(String ts, long lineNo) {
        boolean digits = !ts.isEmpty();
        for (int i = 0; i < ts.length() && digits; i++) digits = Character.isDigit(ts.charAt(i));
        if (digits) {
            long v = Long.parseLong(ts);
            return v < SECONDS_BELOW ? v * 1000 : v;
        }
        if (isDecimal(ts)) { // 1700000000.25: fractional epoch seconds (Prometheus' API, Python's time.time())
            double v = Double.parseDouble(ts);
            return Math.round(v < SECONDS_BELOW ? v * 1000 : v);
        }
        long millis = Timestamps.parseRfc3339(ts);
        if (millis != Timestamps.UNPARSEABLE) return millis;
        try {
            return LocalDateTime.parse(ts.replace(' ', 'T'))
                    .toInstant(ZoneOffset.UTC)
                    .toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("line " + lineNo + ": timestamp '" + ts
                    + "' is none of epoch seconds, epoch millis, RFC 3339 or YYYY-MM-DD HH:MM:SS (UTC)");
        }
    }

    /** Digits, one dot, digits: nothing else (no sign, no exponent). */
    private static boolean isDecimal(String ts) {
        int dot = ts.indexOf('.');
        if (dot <= 0 || dot == ts.length() - 1) return false;
        for (int i = 0; i < ts.length(); i++) if (i != dot && !Character.isDigit(ts.charAt(i))) return false;
        return true;
    }
}
