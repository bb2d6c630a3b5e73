package dev.vigil.jobs.metrics.rows;

/** A histogram-typed metric merged bucket-wise over one window (table {@code metric_histograms_base}). */
public class HistogramRow extends SeriesRow {
    /** Bucket upper bounds, ascending (the last may be +Infinity), and the count in each bucket. */
    public double[] bounds;

    public long[] counts;
    public long total;
    /** Upper bound of the bucket holding each quantile's rank; NaN when empty. */
    public double p50Upper;

    public double p95Upper;
    public double p99Upper;

    public HistogramRow() {}
}
