package dev.vigil.jobs.metrics.rows;

/**
 * Duration statistics of one metric series over one window (tables {@code metric_timings_*}): the
 * base window or a rollup. Quantiles come from {@link #sketch} (DDSketch, 1% relative error).
 */
public class TimingRow extends SeriesRow {
    public String unit;
    public long count;
    public double sum;
    public double min;
    public double max;
    public double p50;
    public double p90;
    public double p95;
    public double p99;
    public double p999;
    public byte[] sketch;
    /** The sketch's bins as plain arrays (index, count), so SQL can merge quantiles across rows; see sql/queries. */
    public int[] binIndexes;

    public long[] binCounts;
    /** Observations of zero or below, which have no bin. */
    public long zeroCount;

    public TimingRow() {}

    public double mean() {
        return count == 0 ? 0 : sum / count;
    }

    public double ratePerSecond() {
        return windowSeconds == 0 ? 0 : (double) count / windowSeconds;
    }
}
