package dev.vigil.jobs.errors.rows;

/** One error group in one window (table {@code error_group_counts}). */
public class ErrorGroupRow {
    public long bucket;
    public int windowSeconds;
    public String groupId;
    /** producer, stack or message: which rule chose the group. */
    public String groupedBy;

    public String errorType;
    /** The normalised message (numbers, IDs, quoted values, ... replaced by placeholders). */
    public String message;
    /** Services the group occurred in during the window, sorted. */
    public String[] services;

    public long occurrences;
    /** Distinct affected users (HyperLogLog estimate; 0 when no event names a user). */
    public long users;

    public long firstSeen;
    public long lastSeen;

    public ErrorGroupRow() {}
}
