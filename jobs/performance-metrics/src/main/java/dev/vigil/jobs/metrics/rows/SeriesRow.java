package dev.vigil.jobs.metrics.rows;

/** The identity shared by every metric row: the window and the series (service, operation, name, kept tags). */
public class SeriesRow {
    public long bucket;
    public int windowSeconds;
    public String service;
    public String operation;
    public String name;
    /** Kept tags, canonical: sorted {@code k=v} pairs joined by commas; "" for none. */
    public String tags;

    public SeriesRow() {}
}
