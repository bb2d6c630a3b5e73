package dev.vigil.schema.rows;

/**
 * An error group over its whole life (Elasticsearch {@code vigil-error-groups}, one document per group).
 * Unlike the other rows, which live with the job that writes them, it stays here: the errors job keeps
 * it in keyed state, and its savepoints name this class.
 */
public class ErrorGroup {
    public static final String NEW = "new";
    public static final String ONGOING = "ongoing";
    public static final String REGRESSED = "regressed";

    public String groupId;
    public String groupedBy;
    public String errorType;
    public String message;
    /** Every service the group was seen in (at most {@link #MAX_SERVICES}), sorted. */
    public String[] services;

    public long occurrences;
    public long firstSeen;
    public long lastSeen;
    /** new, ongoing or regressed (seen again after a quiet period). */
    public String status;
    /** When the group last regressed; 0 if never. */
    public long regressedAt;

    public static final int MAX_SERVICES = 50;

    public ErrorGroup() {}
}
