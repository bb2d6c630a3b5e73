package dev.vigil.runtime.sinks.elasticsearch;

/** Daily index names by event time (UTC) behind an alias: {@code vigil-logs-2026.11.28}. */
public final class DailyIndex {
    private DailyIndex() {}

    public static String name(String family, long epochMillis) {
        long days = Math.floorDiv(epochMillis, 86_400_000L);
        java.time.LocalDate d = java.time.LocalDate.ofEpochDay(days);
        StringBuilder sb = new StringBuilder(family.length() + 11)
                .append(family)
                .append('-')
                .append(d.getYear())
                .append('.');
        if (d.getMonthValue() < 10) sb.append('0');
        sb.append(d.getMonthValue()).append('.');
        if (d.getDayOfMonth() < 10) sb.append('0');
        return sb.append(d.getDayOfMonth()).toString();
    }
}
