package dev.vigil.jobs.business.rows;

/**
 * Users who reached one funnel step in one window (by the event time of that step), per value of the
 * funnel's dimension (table {@code funnel_steps_base}; conversion and drop-off in the view
 * {@code funnel_conversion}).
 */
public class FunnelRow {
    public long bucket;
    public int windowSeconds;
    public String funnel;
    /** The value of the funnel's {@code by} property at the first step ("" when not split). */
    public String dimension;

    public int step;
    public String stepName;
    public long users;

    public FunnelRow() {}
}
