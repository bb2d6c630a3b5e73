package dev.vigil.schema.parse;

/**
 * RFC 3339 timestamps to epoch milliseconds without allocation, regex or java.time on the hot path.
 * Accepts {@code YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)}.
 */
public final class Timestamps {
    /** Returned when the text is not an RFC 3339 timestamp. */
    public static final long UNPARSEABLE = Long.MIN_VALUE;
    /** 2000-01-01T00:00:00Z: earlier event times are outside the contract. */
    public static final long MIN_MILLIS = 946_684_800_000L;
    /** 2100-01-01T00:00:00Z (exclusive). */
    public static final long MAX_MILLIS = 4_102_444_800_000L;

    private Timestamps() {}

    public static long parseRfc3339(String s) {
        int n = s.length();
        if (n < 20) return UNPARSEABLE;
        int year = digits(s, 0, 4);
        if (year < 0 || s.charAt(4) != '-') return UNPARSEABLE;
        int month = digits(s, 5, 2);
        if (month < 1 || month > 12 || s.charAt(7) != '-') return UNPARSEABLE;
        int day = digits(s, 8, 2);
        if (day < 1 || day > daysInMonth(year, month) || s.charAt(10) != 'T') return UNPARSEABLE;
        int hour = digits(s, 11, 2);
        if (hour < 0 || hour > 23 || s.charAt(13) != ':') return UNPARSEABLE;
        int minute = digits(s, 14, 2);
        if (minute < 0 || minute > 59 || s.charAt(16) != ':') return UNPARSEABLE;
        int second = digits(s, 17, 2);
        if (second < 0 || second > 59) return UNPARSEABLE;
        int i = 19;
        int millis = 0;
        if (s.charAt(i) == '.') {
            i++;
            int start = i;
            while (i < n && isDigit(s.charAt(i))) {
                if (i - start < 3) millis = millis * 10 + (s.charAt(i) - '0');
                i++;
            }
            int fractionDigits = i - start;
            if (fractionDigits == 0 || fractionDigits > 9) return UNPARSEABLE;
            for (int k = fractionDigits; k < 3; k++) millis *= 10;
        }
        if (i >= n) return UNPARSEABLE;
        int offsetMinutes;
        char z = s.charAt(i);
        if (z == 'Z') {
            offsetMinutes = 0;
            i++;
        } else if (z == '+' || z == '-') {
            if (i + 6 != n || s.charAt(i + 3) != ':') return UNPARSEABLE;
            int oh = digits(s, i + 1, 2);
            int om = digits(s, i + 4, 2);
            if (oh < 0 || oh > 23 || om < 0 || om > 59) return UNPARSEABLE;
            offsetMinutes = (oh * 60 + om) * (z == '-' ? -1 : 1);
            i += 6;
        } else {
            return UNPARSEABLE;
        }
        if (i != n) return UNPARSEABLE;
        long days = daysFromCivil(year, month, day);
        long secs = days * 86_400L + hour * 3600L + minute * 60L + second - offsetMinutes * 60L;
        return secs * 1000L + millis;
    }

    public static boolean inContractRange(long millis) {
        return millis >= MIN_MILLIS && millis < MAX_MILLIS;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static int daysInMonth(int year, int month) {
        switch (month) {
            case 2:
                return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
    static long daysFromCivil(int y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = (y >= 0 ? y : y - 399) / 400;
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }
}
