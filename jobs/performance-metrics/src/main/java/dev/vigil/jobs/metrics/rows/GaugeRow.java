package dev.vigil.jobs.metrics.rows;

/** Gauge readings of one series over one window (table {@code metric_gauges_base}). */
public class GaugeRow extends SeriesRow {
    /** The reading with the latest event time in the window. */
    public double last;

    public double min;
    public double max;
    public double avg;
    public long samples;

    public GaugeRow() {}
}
