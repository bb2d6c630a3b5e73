package dev.vigil.jobs.business.rows;

/**
 * Events and unique users of one business event name, or one feature, per window (tables
 * {@code business_events_base}, {@code business_features_base}).
 */
public class UsageRow {
    public long bucket;
    public int windowSeconds;
    /** The event name or the feature. */
    public String key;

    public long events;
    public long uniqueUsers;
    /** HyperLogLog sketch of the users (DataSketches compact form), for unions across rows. */
    public byte[] usersSketch;

    public UsageRow() {}
}
