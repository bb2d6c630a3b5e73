package dev.vigil.jobs.metrics.rows;

/** Counter increase of one series over one window, summed over instances (table {@code metric_counters_base}). */
public class CounterRow extends SeriesRow {
    public double delta;
    public long resets;

    public CounterRow() {}

    public double ratePerSecond() {
        return windowSeconds == 0 ? 0 : delta / windowSeconds;
    }
}
